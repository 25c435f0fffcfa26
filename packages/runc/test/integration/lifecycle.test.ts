import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canRunContainers, runcBin, waitFor } from '../helpers/bundle';
import { useRuncHarness } from '../helpers/harness-hooks';
import { reapZombieChildren } from '../helpers/reaper';

const describeRoot = canRunContainers ? describe : describe.skip;

describeRoot('skiff-runc lifecycle (root, busybox bundle)', () => {
  const h = useRuncHarness();

  it('create → start → kill → delete, with the state runc reports at each step', () => {
    const id = h.id('life');
    const b = h.bundle(['sleep', '1000']);
    h.ok(['create', '--bundle', b.dir, id]);
    const created = h.state(id);
    expect(created.status).toBe('created');
    expect(created.pid).toBeGreaterThan(0);
    const full = JSON.parse(h.ok(['state', id]));
    expect(full).toMatchObject({ id, bundle: b.dir, rootfs: b.rootfs, ociVersion: expect.any(String), owner: '' });
    h.ok(['start', id]);
    expect(h.state(id).status).toBe('running');
    expect(fs.readFileSync(`/proc/${created.pid}/cmdline`, 'utf8').split('\0')[0]).toBe('sleep');
    h.ok(['kill', id, 'KILL']);
    waitFor(() => {
      reapZombieChildren();
      return h.state(id).status === 'stopped';
    });
    h.ok(['delete', id]);
    const gone = h.run(['state', id]);
    expect(gone.status).toBe(1);
    expect(gone.stderr).toContain('container does not exist');
    expect(fs.existsSync(path.join(h.root, id))).toBe(false);
  });

  it('run in the foreground passes stdio and returns the exit code', () => {
    const id = h.id('fg');
    const b = h.bundle(['sh', '-c', 'echo out; echo err >&2; exit 3']);
    const r = h.run(['run', '--bundle', b.dir, id]);
    expect(r.stdout).toBe('out\n');
    expect(r.stderr).toContain('err');
    expect(r.status).toBe(3);
    expect(h.run(['state', id]).status).toBe(1);
  });

  it('reports a process killed by a signal as 128+n', async () => {
    const id = h.id('sig');
    const b = h.bundle(['sleep', '1000']);
    // A pid namespace's init ignores SIGKILL sent from inside; the kill must come from outside.
    const child = spawn(runcBin, ['--root', h.root, 'run', '--bundle', b.dir, id], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    waitFor(() => h.run(['state', id]).stdout.includes('"running"'));
    h.ok(['kill', id, 'KILL']);
    expect(await exited).toBe(137);
  });

  it('run -d leaves a running container; signals reach a trap in it', () => {
    const id = h.id('det');
    const b = h.bundle(['sh', '-c', 'trap "echo got-usr1 > /tmp/signal; exit 0" USR1; while true; do sleep 0.05; done']);
    h.ok(['run', '-d', '--bundle', b.dir, id]);
    expect(h.state(id).status).toBe('running');
    h.ok(['kill', id, 'USR1']);
    waitFor(() => fs.existsSync(path.join(b.rootfs, 'tmp/signal')));
    expect(fs.readFileSync(path.join(b.rootfs, 'tmp/signal'), 'utf8')).toBe('got-usr1\n');
    waitFor(() => {
      reapZombieChildren();
      return h.state(id).status === 'stopped';
    });
    h.ok(['delete', id]);
  });

  it('refuses to delete a running container without --force, and deletes it with', () => {
    const id = h.id('force');
    const b = h.bundle(['sleep', '1000']);
    h.ok(['run', '-d', '--bundle', b.dir, id]);
    const r = h.run(['delete', id]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`cannot delete container ${id} that is not stopped: running`);
    h.ok(['delete', '--force', id]);
    expect(h.ok(['list', '-q'])).not.toContain(id);
  });

  it('exec joins the running container: PID 1 is the init, namespaces and cgroups are the same', () => {
    const id = h.id('exec');
    const b = h.bundle(['sleep', '1000']);
    h.ok(['run', '-d', '--bundle', b.dir, id]);
    const initPid = h.state(id).pid;
    const ps = h.ok(['exec', id, 'ps', '-o', 'pid,args']);
    expect(ps).toMatch(/^\s*1\s+sleep 1000$/m);
    for (const ns of ['pid', 'mnt', 'net', 'uts', 'ipc']) {
      const inside = h.ok(['exec', id, 'readlink', `/proc/self/ns/${ns}`]).trim();
      expect(inside).toBe(fs.readlinkSync(`/proc/${initPid}/ns/${ns}`));
    }
    // In the container's cgroups, as its init is (both seen from inside).
    const cgroups = h.ok(['exec', id, 'sh', '-c', 'cat /proc/self/cgroup; echo --; cat /proc/1/cgroup']).split('--\n');
    expect(cgroups[0]).toBe(cgroups[1]);
    const code = h.run(['exec', id, 'sh', '-c', 'exit 7']);
    expect(code.status).toBe(7);
    const env = h.ok(['exec', '--env', 'FOO=bar', '--cwd', '/tmp', id, 'sh', '-c', 'echo $FOO $(pwd)']);
    expect(env.trim()).toBe('bar /tmp');
    const missing = h.run(['exec', id, 'no-such-binary']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('executable file not found in $PATH');
    h.ok(['delete', '--force', id]);
  });

  it('pause and resume freeze and thaw the container', () => {
    const id = h.id('pause');
    const b = h.bundle(['sh', '-c', 'while true; do date +%s%N > /tmp/tick; sleep 0.02; done']);
    h.ok(['run', '-d', '--bundle', b.dir, id]);
    waitFor(() => fs.existsSync(path.join(b.rootfs, 'tmp/tick')));
    h.ok(['pause', id]);
    expect(h.state(id).status).toBe('paused');
    const frozen = fs.readFileSync(path.join(b.rootfs, 'tmp/tick'), 'utf8');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    expect(fs.readFileSync(path.join(b.rootfs, 'tmp/tick'), 'utf8')).toBe(frozen);
    const again = h.run(['pause', id]);
    expect(again.status).toBe(1);
    h.ok(['resume', id]);
    expect(h.state(id).status).toBe('running');
    waitFor(() => fs.readFileSync(path.join(b.rootfs, 'tmp/tick'), 'utf8') !== frozen);
    expect(h.run(['resume', id]).stderr).toContain('container not paused');
    h.ok(['delete', '--force', id]);
  });

  it('rejects a duplicate id and a bad config without leaving anything behind', () => {
    const id = h.id('dup');
    const b = h.bundle(['sleep', '1000']);
    h.ok(['create', '--bundle', b.dir, id]);
    const dup = h.run(['create', '--bundle', b.dir, id]);
    expect(dup.status).toBe(1);
    expect(dup.stderr).toContain(`container with id exists: ${id}`);
    h.ok(['delete', id]);

    const bad = h.bundle(['sleep', '1']);
    fs.writeFileSync(path.join(bad.dir, 'config.json'), JSON.stringify({ ...bad.config, process: { ...bad.config.process, args: 'sleep' } }));
    const badId = h.id('bad');
    const r = h.run(['create', '--bundle', bad.dir, badId]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('process.args');
    expect(fs.existsSync(path.join(h.root, badId))).toBe(false);

    const missing = h.bundle(['no-such-binary']);
    const missingId = h.id('nobin');
    const m = h.run(['create', '--bundle', missing.dir, missingId]);
    expect(m.status).toBe(1);
    expect(m.stderr).toMatch(/exec: \\?"no-such-binary\\?": executable file not found in \$PATH/);
    expect(fs.existsSync(path.join(h.root, missingId))).toBe(false);
    expect(fs.existsSync(`/sys/fs/cgroup/memory/${missingId}`)).toBe(false);

    // The kernel refuses the limits when the cgroups are made, which is after the init's fork.
    const refused = h.bundle(['sleep', '1000']);
    fs.writeFileSync(
      path.join(refused.dir, 'config.json'),
      JSON.stringify({ ...refused.config, linux: { ...refused.config.linux, resources: { ...refused.config.linux?.resources, cpu: { cpus: '4095' } } } }),
    );
    const refusedId = h.id('nocpu');
    const c = h.run(['create', '--bundle', refused.dir, refusedId]);
    expect(c.status).toBe(1);
    expect(c.stderr).toContain('cpuset.cpus');
    expect(fs.existsSync(path.join(h.root, refusedId))).toBe(false);
    expect(fs.existsSync(`/sys/fs/cgroup/cpuset/${refusedId}`)).toBe(false);
    expect(fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).some((p) => {
      try {
        return fs.readlinkSync(`/proc/${p}/root`) === refused.rootfs || fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(refusedId);
      } catch {
        return false;
      }
    })).toBe(false);
  });

  it('list shows containers in runc\'s table and json forms', () => {
    const id = h.id('list');
    const b = h.bundle(['sleep', '1000']);
    h.ok(['create', '--bundle', b.dir, id]);
    const table = h.ok(['list']);
    expect(table.split('\n')[0]).toMatch(/^ID\s+PID\s+STATUS\s+BUNDLE\s+CREATED\s+OWNER$/);
    expect(table).toMatch(new RegExp(`^${id}\\s+\\d+\\s+created\\s+${b.dir}`, 'm'));
    const json = JSON.parse(h.ok(['list', '--format', 'json'])) as Array<{ id: string; status: string }>;
    expect(json.find((c) => c.id === id)?.status).toBe('created');
    h.ok(['delete', id]);
  });
});
