import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isSkiffError } from '@skiff/errors';
import { defaultSpec } from '@skiff/oci-spec';
import type { Process, RuntimeConfig } from '@skiff/oci-spec';
import { initForksDirectly } from '../../src/child/container-init';
import { lastCap } from '../../src/lib/capabilities';
import { planInit, processPlan } from '../../src/lib/plan';
import { CLONE, MS } from '../../src/sys/constants';

const RLIM_INFINITY = 0xffffffffffffffffn;

let bundle: string;

beforeEach(() => {
  bundle = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-plan-'));
  fs.mkdirSync(path.join(bundle, 'rootfs'));
});

afterEach(() => fs.rmSync(bundle, { recursive: true, force: true }));

function plan(mutate?: (config: RuntimeConfig) => void) {
  const config = defaultSpec({ hostUid: 1000, hostGid: 1000 });
  mutate?.(config);
  return planInit(config, { bundle, id: 'c1' });
}

function expectError(fn: () => unknown, kind: string, message: string | RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(isSkiffError(caught)).toBe(true);
  expect((caught as { kind: string }).kind).toBe(kind);
  expect((caught as Error).message).toMatch(message);
}

function proc(overrides: Partial<Process> = {}): Process {
  return { ...defaultSpec().process!, ...overrides };
}

describe('planInit: namespaces', () => {
  it('unshares every namespace of the default spec and joins none', () => {
    const p = plan();
    expect(p.unshareFlags).toBe(CLONE.NEWPID | CLONE.NEWNET | CLONE.NEWIPC | CLONE.NEWUTS | CLONE.NEWNS);
    expect(p.joins).toEqual([]);
    expect(p.newUserNamespace).toBe(false);
    expect(p.uidMap).toBe('');
    expect(p.gidMap).toBe('');
  });

  it('joins namespaces that have a path instead of unsharing them', () => {
    const p = plan((c) => {
      c.linux!.namespaces = [
        { type: 'mount' },
        { type: 'network', path: '/var/run/netns/a' },
        { type: 'ipc', path: '/proc/7/ns/ipc' },
        { type: 'cgroup' },
        { type: 'time' },
      ];
    });
    expect(p.unshareFlags).toBe(CLONE.NEWNS | CLONE.NEWCGROUP | CLONE.NEWTIME);
    expect(p.joins).toEqual([
      { type: 'network', path: '/var/run/netns/a', flag: CLONE.NEWNET },
      { type: 'ipc', path: '/proc/7/ns/ipc', flag: CLONE.NEWIPC },
    ]);
  });

  it('keeps a new user namespace out of the unshare flags and writes its mappings as id_map text', () => {
    const p = planInit(defaultSpec({ rootless: true, hostUid: 1000, hostGid: 1001 }), { bundle, id: 'c1' });
    expect(p.newUserNamespace).toBe(true);
    expect(p.unshareFlags & CLONE.NEWUSER).toBe(0);
    expect(p.unshareFlags).toBe(CLONE.NEWPID | CLONE.NEWIPC | CLONE.NEWUTS | CLONE.NEWNS);
    expect(p.uidMap).toBe('0 1000 1\n');
    expect(p.gidMap).toBe('0 1001 1\n');
  });

  it('writes one id_map line per mapping range', () => {
    const p = plan((c) => {
      c.linux!.namespaces!.push({ type: 'user' });
      c.linux!.uidMappings = [
        { containerID: 0, hostID: 100000, size: 1 },
        { containerID: 1, hostID: 200000, size: 65535 },
      ];
      c.linux!.gidMappings = [{ containerID: 0, hostID: 300000, size: 65536 }];
    });
    expect(p.uidMap).toBe('0 100000 1\n1 200000 65535\n');
    expect(p.gidMap).toBe('0 300000 65536\n');
  });

  it('joins an existing user namespace without needing mappings', () => {
    const p = plan((c) => c.linux!.namespaces!.push({ type: 'user', path: '/proc/9/ns/user' }));
    expect(p.newUserNamespace).toBe(false);
    expect(p.joins).toEqual([{ type: 'user', path: '/proc/9/ns/user', flag: CLONE.NEWUSER }]);
  });

  it('refuses a config without a mount namespace', () => {
    expectError(
      () => plan((c) => (c.linux!.namespaces = c.linux!.namespaces!.filter((n) => n.type !== 'mount'))),
      'InvalidArgument',
      'config.json: linux.namespaces must include a mount namespace',
    );
  });

  it('refuses id mappings without a user namespace', () => {
    expectError(
      () => plan((c) => (c.linux!.uidMappings = [{ containerID: 0, hostID: 1000, size: 1 }])),
      'InvalidArgument',
      'uidMappings/gidMappings require a user namespace',
    );
  });

  it('refuses a new user namespace that lacks either mapping', () => {
    expectError(
      () =>
        plan((c) => {
          c.linux!.namespaces!.push({ type: 'user' });
          c.linux!.uidMappings = [{ containerID: 0, hostID: 1000, size: 1 }];
        }),
      'InvalidArgument',
      'a new user namespace needs uidMappings and gidMappings',
    );
  });

  it('refuses an unknown namespace type', () => {
    expectError(
      () => plan((c) => c.linux!.namespaces!.push({ type: 'bogus' as 'pid' })),
      'InvalidArgument',
      'unknown namespace type "bogus"',
    );
  });
});

describe('initForksDirectly: whether the runtime forks the init itself, without a stage 1', () => {
  it('does for new namespaces and joined ones the init can enter itself', () => {
    expect(initForksDirectly(plan())).toBe(true);
    expect(
      initForksDirectly(
        plan((c) => {
          c.linux!.namespaces = [{ type: 'mount' }, { type: 'pid' }, { type: 'cgroup' }, { type: 'network', path: '/var/run/netns/a' }];
        }),
      ),
    ).toBe(true);
  });

  it('does not when a user namespace is made or joined, a pid namespace joined, or a time namespace made', () => {
    expect(initForksDirectly(planInit(defaultSpec({ rootless: true, hostUid: 1000, hostGid: 1001 }), { bundle, id: 'c1' }))).toBe(false);
    expect(initForksDirectly(plan((c) => c.linux!.namespaces!.push({ type: 'user', path: '/proc/9/ns/user' })))).toBe(false);
    expect(
      initForksDirectly(
        plan((c) => {
          c.linux!.namespaces = [{ type: 'mount' }, { type: 'pid', path: '/proc/9/ns/pid' }];
        }),
      ),
    ).toBe(false);
    expect(initForksDirectly(plan((c) => c.linux!.namespaces!.push({ type: 'time' })))).toBe(false);
  });
});

describe('planInit: root and process', () => {
  it('resolves the rootfs against the bundle and carries root, hostname and paths over', () => {
    const p = plan();
    expect(p.rootfs).toBe(path.join(bundle, 'rootfs'));
    expect(p.readonlyRoot).toBe(true);
    expect(p.hostname).toBe('runc');
    expect(p.domainname).toBeUndefined();
    expect(p.rootPropagation).toBe(MS.SLAVE | MS.REC);
    expect(p.maskedPaths).toContain('/proc/kcore');
    expect(p.readonlyPaths).toContain('/proc/sys');
    expect(p.sysctl).toEqual([]);
  });

  it('refuses a missing rootfs', () => {
    const missing = path.join(bundle, 'nope');
    expectError(() => plan((c) => (c.root = { path: 'nope' })), 'InvalidArgument', `rootfs (${missing}) does not exist`);
  });

  it('refuses a config without a process', () => {
    expectError(() => plan((c) => delete c.process), 'InvalidArgument', 'process is required');
  });

  it('refuses empty args', () => {
    expectError(() => plan((c) => (c.process!.args = [])), 'InvalidArgument', 'args must not be empty');
  });

  it('maps the personality domain and refuses unknown ones', () => {
    expect(plan((c) => (c.linux!.personality = { domain: 'LINUX32' })).personality).toBe(8);
    expectError(() => plan((c) => (c.linux!.personality = { domain: 'PER_BSD' as 'LINUX' })), 'InvalidArgument', 'personality domain');
  });

  it('writes time namespace offsets as timens_offsets lines, boottime first, missing parts as 0', () => {
    const p = plan((c) => {
      c.linux!.timeOffsets = { monotonic: { secs: -3 }, boottime: { secs: 86400, nanosecs: 5 } };
    });
    expect(p.timeOffsets).toBe('boottime 86400 5\nmonotonic -3 0\n');
    expect(plan().timeOffsets).toBe('');
  });
});

describe('planInit: mounts', () => {
  it('turns the default spec mounts into steps with parsed flags and data', () => {
    const steps = plan().mounts;
    expect(steps.map((s) => [s.kind, s.destination, s.fstype])).toEqual([
      ['fs', '/proc', 'proc'],
      ['fs', '/dev', 'tmpfs'],
      ['fs', '/dev/pts', 'devpts'],
      ['fs', '/dev/shm', 'tmpfs'],
      ['fs', '/dev/mqueue', 'mqueue'],
      ['fs', '/sys', 'sysfs'],
      ['cgroup', '/sys/fs/cgroup', 'cgroup'],
    ]);
    const dev = steps[1]!;
    expect(dev.flags).toBe(MS.NOSUID | MS.STRICTATIME);
    expect(dev.data).toBe('mode=755,size=65536k');
    expect(steps[2]!.data).toBe('newinstance,ptmxmode=0666,mode=0620,gid=5');
    expect(steps[6]!.flags).toBe(MS.NOSUID | MS.NOEXEC | MS.NODEV | MS.RELATIME | MS.RDONLY);
  });

  it('resolves bind sources against the bundle and notes whether they are files', () => {
    fs.writeFileSync(path.join(bundle, 'hosts'), '');
    fs.mkdirSync(path.join(bundle, 'data'));
    const steps = plan((c) => {
      c.mounts = [
        { destination: 'etc/hosts', source: 'hosts', options: ['bind', 'ro'] },
        { destination: '/data', type: 'none', source: 'data', options: ['rbind', 'rprivate'] },
      ];
    }).mounts;
    expect(steps[0]).toMatchObject({
      kind: 'bind',
      source: path.join(bundle, 'hosts'),
      destination: '/etc/hosts',
      flags: MS.RDONLY,
      recursive: false,
      sourceIsDir: false,
    });
    expect(steps[1]).toMatchObject({
      kind: 'bind',
      source: path.join(bundle, 'data'),
      recursive: true,
      propagation: [MS.PRIVATE | MS.REC],
      sourceIsDir: true,
    });
  });

  it('refuses a bind whose source does not exist', () => {
    expectError(
      () => plan((c) => (c.mounts = [{ destination: '/x', source: 'missing', options: ['bind'] }])),
      'InvalidArgument',
      `mount /x: bind source ${path.join(bundle, 'missing')}`,
    );
  });

  it.each([
    ['the idmap option', { options: ['bind', 'idmap'] }],
    ['the ridmap option', { options: ['rbind', 'ridmap'] }],
    ['uidMappings on the mount', { options: ['bind'], uidMappings: [{ containerID: 0, hostID: 1000, size: 1 }] }],
  ])('refuses idmapped mounts given by %s as NotImplemented', (_how, mount) => {
    expectError(
      () => plan((c) => (c.mounts = [{ destination: '/x', source: '.', ...mount }])),
      'NotImplemented',
      'mount /x: idmapped mounts are not supported',
    );
  });
});

describe('planInit: devices', () => {
  it('populates /dev with runc\'s default nodes when /dev is not a bind', () => {
    const p = plan();
    expect(p.populateDev).toBe(true);
    expect(p.devices.map((d) => [d.path, d.type, d.major, d.minor, d.mode])).toEqual([
      ['/dev/null', 'c', 1, 3, 0o666],
      ['/dev/zero', 'c', 1, 5, 0o666],
      ['/dev/full', 'c', 1, 7, 0o666],
      ['/dev/random', 'c', 1, 8, 0o666],
      ['/dev/urandom', 'c', 1, 9, 0o666],
      ['/dev/tty', 'c', 5, 0, 0o666],
    ]);
  });

  it('lets a config device replace the default of the same path and appends the others', () => {
    const p = plan((c) => {
      c.linux!.devices = [
        { path: '/dev/null', type: 'c', major: 1, minor: 3, fileMode: 0o600, uid: 5, gid: 6 },
        { path: '/dev/fuse', type: 'c', major: 10, minor: 229 },
      ];
    });
    expect(p.devices.filter((d) => d.path === '/dev/null')).toEqual([
      { path: '/dev/null', type: 'c', major: 1, minor: 3, mode: 0o600, uid: 5, gid: 6 },
    ]);
    expect(p.devices.at(-1)).toEqual({ path: '/dev/fuse', type: 'c', major: 10, minor: 229, mode: 0o666, uid: 0, gid: 0 });
    expect(p.devices).toHaveLength(7);
  });

  it('creates no default nodes when /dev is a bind of the host\'s, only the config\'s own', () => {
    const p = plan((c) => {
      c.mounts = [{ destination: '/dev', type: 'bind', source: '/dev', options: ['rbind'] }];
      c.linux!.devices = [{ path: '/dev/fuse', type: 'c', major: 10, minor: 229 }];
    });
    expect(p.populateDev).toBe(false);
    expect(p.devices.map((d) => d.path)).toEqual(['/dev/fuse']);
  });

  it('refuses device types and paths the kernel cannot take', () => {
    expectError(() => plan((c) => (c.linux!.devices = [{ path: '/dev/x', type: 'z' }])), 'InvalidArgument', 'invalid type "z"');
    expectError(() => plan((c) => (c.linux!.devices = [{ path: '/tmp/x', type: 'c' }])), 'InvalidArgument', 'path must be under /dev');
  });
});

describe('processPlan', () => {
  it('fills defaults for a minimal process', () => {
    const p = processPlan({ args: ['true'], cwd: '' });
    expect(p).toMatchObject({ args: ['true'], env: [], cwd: '/', uid: 0, gid: 0, additionalGids: [], terminal: false, noNewPrivileges: false });
    expect(p.umask).toBeUndefined();
    expect(p.rlimits).toEqual([]);
  });

  it('copies user, umask and console size', () => {
    const p = processPlan(
      proc({ user: { uid: 1000, gid: 100, additionalGids: [10, 20], umask: 0o077 }, consoleSize: { height: 24, width: 80 } }),
    );
    expect(p).toMatchObject({ uid: 1000, gid: 100, additionalGids: [10, 20], umask: 0o077, consoleSize: { height: 24, width: 80 } });
  });

  it('drops from the bounding set every capability the config does not keep', () => {
    const p = processPlan(proc());
    const kept = [5 /* KILL */, 10 /* NET_BIND_SERVICE */, 29 /* AUDIT_WRITE */];
    const all = Array.from({ length: lastCap() + 1 }, (_, n) => n);
    expect(p.boundingDrops).toEqual(all.filter((n) => !kept.includes(n)));
  });

  it('raises an ambient capability only when it is also inheritable and permitted', () => {
    // The default spec lists ambient caps but no inheritable ones: the kernel would refuse them.
    expect(processPlan(proc()).ambientRaises).toEqual([]);
    const p = processPlan(
      proc({
        capabilities: {
          bounding: ['CAP_KILL', 'CAP_CHOWN', 'CAP_NET_RAW'],
          permitted: ['CAP_KILL', 'CAP_CHOWN'],
          inheritable: ['CAP_KILL', 'CAP_NET_RAW'],
          ambient: ['CAP_KILL', 'CAP_CHOWN', 'CAP_NET_RAW'],
        },
      }),
    );
    expect(p.ambientRaises).toEqual([5]);
    expect(p.caps.permitted).toBe((1n << 5n) | (1n << 0n));
  });

  it('maps rlimit names to resource numbers and keeps values exact', () => {
    const p = processPlan(
      proc({
        rlimits: [
          { type: 'RLIMIT_NOFILE', soft: 1024, hard: 4096 },
          { type: 'RLIMIT_CORE', soft: 0, hard: 0 },
        ],
      }),
    );
    expect(p.rlimits).toEqual([
      { resource: 7, soft: 1024n, hard: 4096n },
      { resource: 4, soft: 0n, hard: 0n },
    ]);
  });

  it('reads -1 as RLIM_INFINITY', () => {
    const p = processPlan(proc({ rlimits: [{ type: 'RLIMIT_MEMLOCK', soft: -1, hard: -1 }] }));
    expect(p.rlimits).toEqual([{ resource: 8, soft: RLIM_INFINITY, hard: RLIM_INFINITY }]);
  });

  it('keeps the exact uint64 maximum when it arrives as a BigInt', () => {
    const p = processPlan(proc({ rlimits: [{ type: 'RLIMIT_MEMLOCK', soft: RLIM_INFINITY as unknown as number, hard: 1 }] }));
    expect(p.rlimits[0]!.soft).toBe(RLIM_INFINITY);
  });

  // Docker writes `--ulimit memlock=-1` as 18446744073709551615; JSON.parse rounds that literal to
  // the double 2^64, which passes the spec's uint64 check and must still mean RLIM_INFINITY (a
  // value above 2^64-1 makes prlimit's writeBigUInt64LE throw in the container's init).
  it('reads the uint64 maximum as parsed from JSON (the double 2^64) as RLIM_INFINITY', () => {
    const parsed = JSON.parse('{"type":"RLIMIT_MEMLOCK","soft":18446744073709551615,"hard":18446744073709551615}');
    const p = processPlan(proc({ rlimits: [parsed] }));
    expect(p.rlimits).toEqual([{ resource: 8, soft: RLIM_INFINITY, hard: RLIM_INFINITY }]);
  });

  it('refuses rlimit types the kernel does not have', () => {
    expectError(
      () => processPlan(proc({ rlimits: [{ type: 'RLIMIT_BOGUS' as 'RLIMIT_CPU', soft: 1, hard: 1 }] })),
      'InvalidArgument',
      'rlimit "RLIMIT_BOGUS" is not supported',
    );
  });
});
