import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Harness, RUNC, canRunContainers, cgroupsNamed, rpc, shimBin, until } from '../helpers/harness';
import { becomeSubreaper, isLive } from '../helpers/reaper';

// The shim as a process: `skiff-shim start` daemonizes it, it exits after Delete + Shutdown
// leaving nothing behind, and `skiff-shim delete` cleans up after one that was SIGKILLed.

const describeRoot = canRunContainers ? describe : describe.skip;

describeRoot('skiff-shim start, Shutdown, and delete after a lost shim', () => {
  const h = new Harness();

  beforeAll(() => becomeSubreaper());
  afterAll(() => h.cleanup(), 60_000);

  test('start daemonizes a shim in its own session, prints its address, and is idempotent', async () => {
    const bundle = h.bundle(['true']);
    const { address, pid } = await h.start(h.id('start'), bundle);
    expect(address).toMatch(new RegExp(`^unix://${h.socketDir}/[0-9a-f]{64}$`));
    expect(fs.readFileSync(path.join(bundle, 'shim.address'), 'utf8').trim()).toBe(address);
    expect(fs.statSync(address.slice('unix://'.length)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(h.socketDir).mode & 0o777).toBe(0o711);
    // Its own session (setsid), working directory the bundle, and the flag the runtime needs.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    expect(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[3])).toBe(pid);
    expect(fs.readlinkSync(`/proc/${pid}/cwd`)).toBe(bundle);
    expect(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toContain('--single-threaded');
    const again = await h.start(h.id('start'), bundle);
    expect(again).toEqual({ address, pid });
    await rpc(h.client(address), 'Shutdown', { id: '' });
    await until(() => (h.reap(), !isLive(pid)), 10_000, 'the shim exits');
  }, 30_000);

  test('after Delete + Shutdown nothing remains: no shim, socket, process, cgroup or runtime state', async () => {
    const id = h.id('gone');
    const bundle = h.bundle(['sh', '-c', 'echo bye']);
    const { address, pid: shimPid } = await h.start(id, bundle);
    const client = h.client(address);
    const log = path.join(h.dir, 'logs', `${id}-json.log`);
    const { pid } = await rpc(client, 'Create', { id, bundle, runtimeOptions: { logPathJsonFile: log } });
    expect(cgroupsNamed(id).length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(h.runtimeRoot, id))).toBe(true);
    await rpc(client, 'Start', { id });
    expect((await rpc(client, 'Wait', { id })).exitStatus).toBe(0);
    // The log reader has stopped with the pipe: nothing of the container is open in the shim.
    await rpc(client, 'Delete', { id });
    const fds = fs.readdirSync(`/proc/${shimPid}/fd`).map((fd) => {
      try {
        return fs.readlinkSync(`/proc/${shimPid}/fd/${fd}`);
      } catch {
        return '';
      }
    });
    expect(fds.filter((l) => l.includes(id) || l === log)).toEqual([]);
    await rpc(client, 'Shutdown', { id });
    await until(() => (h.reap(), !isLive(shimPid)), 10_000, 'the shim exits');
    expect(fs.existsSync(address.slice('unix://'.length))).toBe(false);
    expect(isLive(pid)).toBe(false);
    expect(cgroupsNamed(id)).toEqual([]);
    expect(fs.existsSync(path.join(h.runtimeRoot, id))).toBe(false);
    expect(fs.readFileSync(log, 'utf8')).toContain('"log":"bye\\n"');
  }, 30_000);

  test('a shim killed with SIGKILL leaves its container running; skiff-shim delete cleans up', async () => {
    const id = h.id('lost');
    const bundle = h.bundle(['sleep', '300']);
    const { address, pid: shimPid } = await h.start(id, bundle);
    const client = h.client(address);
    const { pid } = await rpc(client, 'Create', { id, bundle });
    await rpc(client, 'Start', { id });
    process.kill(shimPid, 'SIGKILL');
    await until(() => (h.reap(), !isLive(shimPid)), 10_000, 'the shim is gone');
    await expect(rpc(client, 'Connect', { id }, 1_000)).rejects.toMatchObject({ code: expect.any(Number) });
    // Orphaned, the container keeps running: re-parented to the nearest subreaper, this test.
    expect(isLive(pid)).toBe(true);

    const r = await h.run([shimBin, 'delete', '--id', id, '--namespace', 'test', '--bundle', bundle], { reapWhileRunning: true });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const response = JSON.parse(r.stdout) as { pid: number; exitStatus: number; exitedAt: string };
    expect(response).toMatchObject({ pid, exitStatus: 137 });
    expect(Number.isNaN(Date.parse(response.exitedAt))).toBe(false);
    await until(() => (h.reap(), !isLive(pid)), 10_000, 'the container is gone');
    expect(cgroupsNamed(id)).toEqual([]);
    expect(fs.existsSync(path.join(h.runtimeRoot, id))).toBe(false);
    expect(fs.existsSync(path.join(bundle, 'shim.address'))).toBe(false);
    expect(fs.existsSync(path.join(bundle, 'shim.pid'))).toBe(false);

    // Idempotent: a second run on the clean bundle answers pid 0.
    const again = await h.run([shimBin, 'delete', '--id', id, '--namespace', 'test', '--bundle', bundle]);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ pid: 0, exitStatus: 255 });
  }, 30_000);

  (fs.existsSync(RUNC) ? test : test.skip)('skiff-shim delete uses the runtime the task was created with (runc, its root)', async () => {
    const id = h.id('lost-runc');
    const bundle = h.bundle(['sleep', '300']);
    const { address, pid: shimPid } = await h.start(id, bundle);
    const { pid } = await rpc(h.client(address), 'Create', { id, bundle, runtimeOptions: { name: RUNC, root: h.runcRoot } });
    await rpc(h.client(address), 'Start', { id });
    process.kill(shimPid, 'SIGKILL');
    await until(() => (h.reap(), !isLive(shimPid)), 10_000, 'the shim is gone');
    expect(isLive(pid)).toBe(true);
    // No --runtime-root: the binary and its root come from the bundle's runtime-options.json.
    const r = await h.run([shimBin, 'delete', '--id', id, '--bundle', bundle], { reapWhileRunning: true });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ pid, exitStatus: 137 });
    await until(() => (h.reap(), !isLive(pid)), 10_000, 'the container is gone');
    expect(h.runtimeIds(h.runcRoot)).not.toContain(id);
    expect(cgroupsNamed(id)).toEqual([]);
  }, 30_000);

  test('Shutdown with now exits at once, leaving a running task orphaned', async () => {
    const id = h.id('now');
    const bundle = h.bundle(['sleep', '300']);
    const { address, pid: shimPid } = await h.start(id, bundle);
    const client = h.client(address);
    const { pid } = await rpc(client, 'Create', { id, bundle });
    await rpc(client, 'Start', { id });
    await rpc(client, 'Shutdown', { id, now: false });
    expect(isLive(shimPid)).toBe(true);
    await rpc(client, 'Shutdown', { id, now: true });
    await until(() => (h.reap(), !isLive(shimPid)), 10_000, 'the shim exits');
    expect(fs.existsSync(address.slice('unix://'.length))).toBe(false);
    expect(isLive(pid)).toBe(true);
    const r = await h.run([shimBin, 'delete', '--id', id, '--bundle', bundle], { reapWhileRunning: true });
    expect(JSON.parse(r.stdout)).toMatchObject({ pid, exitStatus: 137 });
  }, 30_000);

  test('start reports a shim that died before serving, prints no address and writes no files', async () => {
    const bundle = h.bundle(['true']);
    // Socket dir + 64 hex digits past the 108-byte limit of a unix socket path: the bind fails.
    const tooLong = path.join(h.dir, 'd'.repeat(60));
    const r = await h.run([shimBin, 'start', '--id', h.id('fail'), '--bundle', bundle, '--socket-dir', tooLong]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^skiff-shim start: the shim exited with code 1 before serving: see .*shim\.log/);
    expect(r.stdout).toBe('');
    expect(fs.existsSync(path.join(bundle, 'shim.address'))).toBe(false);
    expect(fs.readFileSync(path.join(bundle, 'shim.log'), 'utf8')).toMatch(/skiff-shim serve: /);
  }, 30_000);

  test('--version, and refusal without --single-threaded', async () => {
    const v = await h.run([shimBin, '--version']);
    expect(v.stdout).toBe('skiff-shim 0.1.0\n');
    const r = spawnSync(process.execPath, [shimBin, '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/--single-threaded/);
  });
});
