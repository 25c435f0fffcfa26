import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RuncHarness, canRunContainers, runcBin, waitFor } from '../helpers/bundle';
import { useRuncHarness } from '../helpers/harness-hooks';
import { reapZombieChildren } from '../helpers/reaper';

const describeRoot = canRunContainers ? describe : describe.skip;

describeRoot('skiff-runc isolation (root, busybox bundle)', () => {
  const h = useRuncHarness();

  function runOutput(args: string[], mutate?: Parameters<RuncHarness['bundle']>[1]): { out: string; err: string; code: number | null } {
    const b = h.bundle(args, mutate);
    const r = h.run(['run', '--bundle', b.dir, h.id('iso')]);
    return { out: r.stdout, err: r.stderr, code: r.status };
  }

  it('gives the process exactly the configured capabilities and no_new_privs', () => {
    const r = runOutput(['sh', '-c', 'grep -E "^(CapEff|CapBnd|CapPrm|NoNewPrivs)" /proc/self/status']);
    expect(r.code).toBe(0);
    // runc spec's default set: CAP_AUDIT_WRITE, CAP_KILL, CAP_NET_BIND_SERVICE.
    expect(r.out).toMatch(/CapEff:\s+0000000020000420/);
    expect(r.out).toMatch(/CapBnd:\s+0000000020000420/);
    expect(r.out).toMatch(/NoNewPrivs:\s+1/);
    const more = runOutput(['sh', '-c', 'grep CapEff /proc/self/status'], (c) => {
      const caps = ['CAP_KILL', 'CAP_SYS_ADMIN'];
      c.process!.capabilities = { bounding: caps, effective: caps, permitted: caps };
    });
    expect(more.out).toMatch(/CapEff:\s+0000000000200020/);
  });

  it('runs as the configured user, with hostname and its own pid namespace', () => {
    const r = runOutput(['sh', '-c', 'id -u; id -g; hostname; echo $$'], (c) => {
      c.process!.user = { uid: 1000, gid: 1000 };
      c.hostname = 'skiffy';
    });
    expect(r.out.split('\n')).toEqual(['1000', '1000', 'skiffy', '1', '']);
  });

  it('honours a read-only root and masked paths', () => {
    const r = runOutput(['sh', '-c', 'touch /x 2>&1; wc -c < /proc/kcore; ls /proc/acpi | wc -l; touch /proc/sys/x 2>&1; true'], (c) => {
      c.root!.readonly = true;
    });
    expect(r.out).toContain('Read-only file system');
    expect(r.out.split('\n')[1]).toBe('0');
  });

  it('installs a seccomp filter that denies a syscall with the configured errno', () => {
    const r = runOutput(['sh', '-c', 'mkdir /tmp/blocked 2>&1; echo rc=$?; echo still-running'], (c) => {
      c.linux!.seccomp = {
        defaultAction: 'SCMP_ACT_ALLOW',
        architectures: ['SCMP_ARCH_X86_64'],
        syscalls: [{ names: ['mkdir', 'mkdirat'], action: 'SCMP_ACT_ERRNO', errnoRet: 13 }],
      };
    });
    expect(r.out).toContain('Permission denied');
    expect(r.out).toContain('rc=1');
    expect(r.out).toContain('still-running');
  });

  it('starts under a profile that denies close_range without no_new_privs (runtime-tools\' default)', () => {
    const r = runOutput(['sh', '-c', 'echo started'], (c) => {
      c.process!.noNewPrivileges = false;
      c.linux!.seccomp = {
        defaultAction: 'SCMP_ACT_ALLOW',
        architectures: ['SCMP_ARCH_X86_64'],
        syscalls: [{ names: ['close_range'], action: 'SCMP_ACT_ERRNO', errnoRet: 1 }],
      };
    });
    expect(r.err).toBe('');
    expect(r.out).toBe('started\n');
  });

  it('applies rlimits, sysctls and oomScoreAdj', () => {
    const r = runOutput(['sh', '-c', 'ulimit -n; cat /proc/sys/net/ipv4/ip_forward; cat /proc/self/oom_score_adj'], (c) => {
      c.process!.rlimits = [{ type: 'RLIMIT_NOFILE', soft: 123, hard: 456 }];
      c.linux!.sysctl = { 'net.ipv4.ip_forward': '1' };
      c.process!.oomScoreAdj = 250;
    });
    expect(r.out.split('\n').slice(0, 3)).toEqual(['123', '1', '250']);
  });

  it('runs every hook kind in order, with the state on stdin', () => {
    const log = path.join(os.tmpdir(), `skiff-hooks-${process.pid}.log`);
    fs.rmSync(log, { force: true });
    const hook = (name: string) => ({ path: '/bin/sh', args: ['sh', '-c', `read s; echo "${name} $s" >> ${log}`] });
    const b = h.bundle(['sh', '-c', 'cat /hooked'], (c) => {
      c.hooks = {
        prestart: [hook('prestart')],
        createRuntime: [hook('createRuntime')],
        createContainer: [hook('createContainer')],
        // startContainer runs inside the container, after pivot_root: it sees the container's paths.
        startContainer: [{ path: '/bin/sh', args: ['sh', '-c', 'echo from-startContainer > /hooked'] }],
        poststart: [hook('poststart')],
        poststop: [hook('poststop')],
      };
    });
    const id = h.id('hooks');
    const r = h.run(['run', '--bundle', b.dir, id]);
    expect(r.stdout).toBe('from-startContainer\n');
    const lines = fs.readFileSync(log, 'utf8').trim().split('\n');
    expect(lines.map((l) => l.split(' ')[0])).toEqual(['prestart', 'createRuntime', 'createContainer', 'poststart', 'poststop']);
    const state = JSON.parse(lines[0]!.slice('prestart '.length));
    expect(state).toMatchObject({ id, status: 'creating', bundle: b.dir });
    expect(state.pid).toBeGreaterThan(0);
    fs.rmSync(log, { force: true });
  });

  it('fails create when a hook fails, and cleans up', () => {
    const b = h.bundle(['true'], (c) => {
      c.hooks = { createRuntime: [{ path: '/bin/false' }] };
    });
    const id = h.id('badhook');
    const r = h.run(['create', '--bundle', b.dir, id]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('error running createRuntime hook #0');
    expect(h.run(['state', id]).status).toBe(1);
  });

  it('maps users in a new user namespace', () => {
    const b = h.bundle(['sh', '-c', 'cat /proc/self/uid_map; id -u; touch /tmp/ok && echo writable'], (c) => {
      c.linux!.namespaces!.push({ type: 'user' });
      c.linux!.uidMappings = [{ containerID: 0, hostID: 100000, size: 65536 }];
      c.linux!.gidMappings = [{ containerID: 0, hostID: 100000, size: 65536 }];
      // A v1 cgroup filesystem cannot be mounted from a user namespace (runc's rootless spec drops it too).
      c.mounts = c.mounts!.filter((m) => m.type !== 'cgroup');
    });
    // The mapped root is host uid 100000: it must be able to walk to its rootfs and write its /tmp.
    fs.chmodSync(b.dir, 0o755);
    fs.chownSync(path.join(b.rootfs, 'tmp'), 100000, 100000);
    const r = h.run(['run', '--bundle', b.dir, h.id('userns')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^\s+0\s+100000\s+65536$/m);
    expect(r.stdout.split('\n')[1]).toBe('0');
    expect(r.stdout).toContain('writable');
  });

  it('kills the container on a memory limit and reports the OOM', async () => {
    const id = h.id('oom');
    const b = h.bundle(['sh', '-c', 'tail /dev/zero'], (c) => {
      c.linux!.resources = { memory: { limit: 32 * 1024 * 1024, swap: 32 * 1024 * 1024 } };
    });
    h.ok(['create', '--bundle', b.dir, id]);
    const events = spawn(runcBin, ['--root', h.root, 'events', '--interval', '100ms', id]);
    let eventText = '';
    events.stdout.on('data', (d) => (eventText += d));
    // Its output ends when it exits; its exit itself may be reaped by reapZombieChildren below.
    const ended = new Promise<void>((resolve) => events.stdout.on('close', () => resolve()));
    // The watcher is a Node process that takes a moment to start (longer on a loaded machine): the
    // OOM comes within milliseconds of the start, so the start waits for the watcher's first report.
    const watching = new Promise<void>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`runc events printed nothing in 20 s: ${eventText}`)), 20_000);
      const check = () => {
        if (!eventText.includes('"type":"stats"')) return;
        clearTimeout(deadline);
        events.stdout.off('data', check);
        resolve();
      };
      events.stdout.on('data', check);
    });
    await watching;
    h.ok(['start', id]);
    waitFor(() => {
      reapZombieChildren();
      return h.state(id).status === 'stopped';
    }, 20_000);
    await ended;
    expect(eventText).toContain('"type":"oom"');
    h.ok(['delete', id]);
  }, 45_000);

  it('shows the container its own cgroup, with or without a cgroup namespace, and brings lo up', () => {
    const script = 'cat /sys/fs/cgroup/memory/memory.limit_in_bytes; cat /sys/class/net/lo/flags';
    const limit = { memory: { limit: 48 * 1024 * 1024 } };
    const withNs = runOutput(['sh', '-c', script], (c) => {
      c.linux!.resources = limit;
    });
    expect(withNs.out.split('\n').slice(0, 2)).toEqual([String(48 * 1024 * 1024), '0x9']);
    const withoutNs = runOutput(['sh', '-c', script], (c) => {
      c.linux!.resources = limit;
      c.linux!.namespaces = c.linux!.namespaces!.filter((n) => n.type !== 'cgroup');
    });
    expect(withoutNs.out.split('\n')[0]).toBe(String(48 * 1024 * 1024));
  });

  it('pivots into a rootfs whose mounts propagate as shared (rootfsPropagation rshared)', () => {
    const r = runOutput(['sh', '-c', 'echo pivoted'], (c) => {
      c.linux!.rootfsPropagation = 'rshared';
    });
    expect(r.err).toBe('');
    expect(r.out).toBe('pivoted\n');
  });

  it('enforces a pids limit', () => {
    const r = runOutput(['sh', '-c', 'for i in 1 2 3 4 5 6 7 8 9 10; do sleep 5 & done 2>&1; echo spawned; kill $(jobs -p) 2>/dev/null; true'], (c) => {
      c.linux!.resources = { pids: { limit: 5 } };
    });
    expect(r.out).toMatch(/can't fork|Resource temporarily unavailable/);
  });

  it('hands a terminal to the console socket', async () => {
    const id = h.id('tty');
    const sock = path.join(os.tmpdir(), `skiff-console-${process.pid}.sock`);
    fs.rmSync(sock, { force: true });
    const b = h.bundle(['sh', '-c', 'tty; read line; echo got=$line'], (c) => {
      c.process!.terminal = true;
    });
    const receiver = spawn('/usr/bin/python3', [path.join(__dirname, 'console-receiver.py'), sock]);
    let out = '';
    receiver.stdout.on('data', (d) => (out += d));
    await new Promise<void>((resolve) => receiver.stdout.once('data', () => resolve()));
    h.ok(['run', '-d', '--console-socket', sock, '--bundle', b.dir, id]);
    await new Promise<void>((resolve) => receiver.on('exit', () => resolve()));
    expect(out).toContain('/dev/pts/0');
    expect(out).toContain('got=hello');
    waitFor(() => {
      reapZombieChildren();
      return h.state(id).status === 'stopped';
    });
    h.ok(['delete', id]);
    fs.rmSync(sock, { force: true });
  });
});
