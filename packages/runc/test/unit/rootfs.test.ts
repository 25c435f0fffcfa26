import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultSpec } from '@skiff/oci-spec';
import type { RuntimeConfig } from '@skiff/oci-spec';
import { setupRootfs } from '../../src/child/rootfs';
import { parseMountinfo } from '../../src/lib/mountinfo';
import { cgroupHierarchies, CgroupMountSource } from '../../src/lib/cgroup-hierarchies';
import { InitPlan, planInit } from '../../src/lib/plan';
import { MNT_DETACH, MS, O, S_IFBLK, S_IFCHR } from '../../src/sys/constants';
import { SysError } from '../../src/sys/syscalls';
import { CallArgs, RecordingSyscalls } from '../helpers/recording-syscalls';

// Counted, not replaced: setupRootfs reads this process's mountinfo only when it must.
jest.mock('../../src/lib/mountinfo', () => {
  const actual = jest.requireActual('../../src/lib/mountinfo');
  return { ...actual, parseMountinfo: jest.fn(actual.parseMountinfo) };
});

const CGROUP_FLAGS = MS.NOSUID | MS.NOEXEC | MS.NODEV | MS.RELATIME | MS.RDONLY;

const HYBRID_MOUNTINFO = `30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
31 30 0:28 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct
32 30 0:29 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
33 30 0:30 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd
34 30 0:31 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
`;
const V2_MOUNTINFO = '35 24 0:30 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate\n';

const V2_OWN: CgroupMountSource = { hierarchies: cgroupHierarchies(V2_MOUNTINFO), ownNamespace: true, containerPaths: {} };

let tmp: string;
let bundle: string;
let rootfs: string;
/** Stand-ins for host paths: masked and read-only paths are resolved after pivot_root, i.e. on "/". */
let hostDir: string;
let hostFile: string;
let hostMissing: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-rootfs-'));
  bundle = path.join(tmp, 'bundle');
  rootfs = path.join(bundle, 'rootfs');
  fs.mkdirSync(rootfs, { recursive: true });
  hostDir = path.join(tmp, 'host', 'acpi');
  hostFile = path.join(tmp, 'host', 'kcore');
  hostMissing = path.join(tmp, 'host', 'missing');
  fs.mkdirSync(hostDir, { recursive: true });
  fs.writeFileSync(hostFile, '');
});

afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

function makePlan(mutate?: (config: RuntimeConfig) => void): InitPlan {
  const config = defaultSpec({ hostUid: 0, hostGid: 0 });
  config.linux!.maskedPaths = [hostDir, hostFile, hostMissing];
  config.linux!.readonlyPaths = [hostDir, hostMissing];
  mutate?.(config);
  const plan = planInit(config, { bundle, id: 'c1' });
  // Chowning a node to oneself needs no privilege, so the test runs as any user.
  const uid = process.getuid!();
  const gid = process.getgid!();
  return { ...plan, devices: plan.devices.map((d) => ({ ...d, uid, gid })) };
}

/** mknod on the fake creates no node; a plain file stands in so the chown that follows works. */
function fakeSys(): RecordingSyscalls {
  return new RecordingSyscalls().override('mknod', (p) => fs.writeFileSync(p, ''));
}

function setup(sys: RecordingSyscalls, plan: InitPlan, source = V2_OWN, inUserNamespace = false, beforePivot = () => {}): void {
  setupRootfs(sys, plan, source, inUserNamespace, { beforePivot });
}

const r = (p: string): string => path.join(rootfs, p);
const makedev = (major: number, minor: number): number => (major << 8) | minor;

function mountsUnder(sys: RecordingSyscalls, dir: string): Array<CallArgs<'mount'>> {
  return sys.argsOf('mount').filter(([, target]) => target === dir || target.startsWith(dir + '/'));
}

describe('setupRootfs with the default spec', () => {
  it('makes exactly this sequence of calls', () => {
    const sys = fakeSys();
    setup(sys, makePlan());
    const mode = S_IFCHR | 0o666;
    expect(sys.calls).toEqual([
      { name: 'mount', args: [null, '/', null, MS.SLAVE | MS.REC, null] },
      { name: 'mount', args: [rootfs, rootfs, null, MS.BIND | MS.REC, null] },
      { name: 'mount', args: ['proc', r('proc'), 'proc', 0, null] },
      { name: 'mount', args: ['tmpfs', r('dev'), 'tmpfs', MS.NOSUID | MS.STRICTATIME, 'mode=755,size=65536k'] },
      { name: 'mount', args: ['devpts', r('dev/pts'), 'devpts', MS.NOSUID | MS.NOEXEC, 'newinstance,ptmxmode=0666,mode=0620,gid=5'] },
      { name: 'mount', args: ['shm', r('dev/shm'), 'tmpfs', MS.NOSUID | MS.NOEXEC | MS.NODEV, 'mode=1777,size=65536k'] },
      { name: 'mount', args: ['mqueue', r('dev/mqueue'), 'mqueue', MS.NOSUID | MS.NOEXEC | MS.NODEV, null] },
      { name: 'mount', args: ['sysfs', r('sys'), 'sysfs', MS.NOSUID | MS.NOEXEC | MS.NODEV | MS.RDONLY, null] },
      { name: 'umask', args: [0] },
      { name: 'mknod', args: [r('dev/null'), mode, makedev(1, 3)] },
      { name: 'mknod', args: [r('dev/zero'), mode, makedev(1, 5)] },
      { name: 'mknod', args: [r('dev/full'), mode, makedev(1, 7)] },
      { name: 'mknod', args: [r('dev/random'), mode, makedev(1, 8)] },
      { name: 'mknod', args: [r('dev/urandom'), mode, makedev(1, 9)] },
      { name: 'mknod', args: [r('dev/tty'), mode, makedev(5, 0)] },
      { name: 'umask', args: [0o022] },
      // Last of all, so that the init makes the rest while its cgroups are being made.
      { name: 'mount', args: ['cgroup2', r('sys/fs/cgroup'), 'cgroup2', CGROUP_FLAGS, null] },
      { name: 'open', args: ['/', O.DIRECTORY | O.RDONLY | O.CLOEXEC] },
      { name: 'open', args: [rootfs, O.DIRECTORY | O.RDONLY | O.CLOEXEC] },
      { name: 'fchdir', args: [101] },
      { name: 'pivotRoot', args: ['.', '.'] },
      { name: 'fchdir', args: [100] },
      { name: 'mount', args: [null, '.', null, MS.SLAVE | MS.REC, null] },
      { name: 'umount2', args: ['.', MNT_DETACH] },
      { name: 'chdir', args: ['/'] },
      { name: 'close', args: [100] },
      { name: 'close', args: [101] },
      { name: 'mount', args: ['tmpfs', hostDir, 'tmpfs', MS.RDONLY, null] },
      { name: 'mount', args: ['/dev/null', hostFile, null, MS.BIND, null] },
      { name: 'mount', args: [hostDir, hostDir, null, MS.BIND | MS.REC, null] },
      { name: 'mount', args: [null, hostDir, null, MS.BIND | MS.REMOUNT | MS.RDONLY | MS.REC, null] },
      { name: 'mount', args: [null, '/', null, MS.BIND | MS.REMOUNT | MS.RDONLY, null] },
      { name: 'sethostname', args: ['runc'] },
    ]);
  });

  it('creates the mount points and the /dev symlinks inside the temp rootfs', () => {
    setup(fakeSys(), makePlan());
    for (const dir of ['proc', 'dev/pts', 'dev/shm', 'dev/mqueue', 'sys/fs/cgroup']) expect(fs.statSync(r(dir)).isDirectory()).toBe(true);
    const links = Object.fromEntries(['fd', 'stdin', 'stdout', 'stderr'].map((n) => [n, fs.readlinkSync(r(`dev/${n}`))]));
    expect(links).toEqual({ fd: '/proc/self/fd', stdin: '/proc/self/fd/0', stdout: '/proc/self/fd/1', stderr: '/proc/self/fd/2' });
    // runc links /dev/core only where the (still host's) /proc has a kcore.
    expect(fs.lstatSync(r('dev/core'), { throwIfNoEntry: false }) !== undefined).toBe(fs.existsSync('/proc/kcore'));
    expect(fs.lstatSync(r('dev/ptmx'), { throwIfNoEntry: false })).toBeUndefined();
  });

  it('links /dev/ptmx to the devpts instance when the rootfs has one', () => {
    fs.mkdirSync(r('dev/pts'), { recursive: true });
    fs.writeFileSync(r('dev/pts/ptmx'), '');
    setup(fakeSys(), makePlan());
    expect(fs.readlinkSync(r('dev/ptmx'))).toBe('pts/ptmx');
  });

  it('replaces whatever the image has at a /dev symlink\'s path', () => {
    fs.mkdirSync(r('dev'), { recursive: true });
    fs.writeFileSync(r('dev/stdout'), 'stale');
    setup(fakeSys(), makePlan());
    expect(fs.readlinkSync(r('dev/stdout'))).toBe('/proc/self/fd/1');
  });

  it('calls beforePivot after the mounts and devices, right before pivot_root', () => {
    const sys = fakeSys();
    let callsAtHook = -1;
    setup(sys, makePlan(), V2_OWN, false, () => (callsAtHook = sys.calls.length));
    expect(sys.calls[callsAtHook - 1]).toEqual({ name: 'mount', args: ['cgroup2', r('sys/fs/cgroup'), 'cgroup2', CGROUP_FLAGS, null] });
    expect(sys.calls[callsAtHook]).toEqual({ name: 'open', args: ['/', O.DIRECTORY | O.RDONLY | O.CLOEXEC] });
  });

  it('sets the domain name when given and leaves the root writable when not read-only', () => {
    const sys = fakeSys();
    setup(
      sys,
      makePlan((c) => {
        c.domainname = 'example.org';
        c.root!.readonly = false;
      }),
    );
    expect(sys.calls.slice(-2)).toEqual([
      { name: 'sethostname', args: ['runc'] },
      { name: 'setdomainname', args: ['example.org'] },
    ]);
    expect(sys.indexOf('mount', ([, target, , flags]) => target === '/' && (flags & MS.REMOUNT) !== 0)).toBe(-1);
  });

  it('uses the configured root propagation', () => {
    const sys = fakeSys();
    setup(sys, makePlan((c) => (c.linux!.rootfsPropagation = 'private')));
    expect(sys.calls[0]).toEqual({ name: 'mount', args: [null, '/', null, MS.PRIVATE, null] });
  });

  it('reads mountinfo for a shared parent mount only when the root propagation can leave one shared', () => {
    const mountinfoReads = (propagation: string) => {
      const parse = jest.mocked(parseMountinfo);
      parse.mockClear();
      setup(fakeSys(), makePlan((c) => (c.linux!.rootfsPropagation = propagation)));
      return parse.mock.calls.filter((args) => args[0] === undefined).length;
    };
    for (const recursive of ['rslave', 'rprivate', 'runbindable']) expect(mountinfoReads(recursive)).toBe(0);
    for (const mayStayShared of ['rshared', 'slave', 'private']) expect(mountinfoReads(mayStayShared)).toBe(1);
  });
});

describe('setupRootfs: variants', () => {
  it('moves the root and chroots instead of pivoting with noPivot', () => {
    const sys = fakeSys();
    setup(sys, { ...makePlan(), noPivot: true });
    const start = sys.indexOf('chdir', ([p]) => p === rootfs);
    expect(sys.calls.slice(start, start + 4)).toEqual([
      { name: 'chdir', args: [rootfs] },
      { name: 'mount', args: [rootfs, '/', null, MS.MOVE, null] },
      { name: 'chroot', args: ['.'] },
      { name: 'chdir', args: ['/'] },
    ]);
    expect(sys.indexOf('pivotRoot')).toBe(-1);
  });

  it('binds device nodes from the host inside a user namespace, where mknod is refused', () => {
    const sys = fakeSys();
    setup(sys, makePlan(), V2_OWN, true);
    expect(sys.indexOf('mknod')).toBe(-1);
    expect(mountsUnder(sys, r('dev/null'))).toEqual([['/dev/null', r('dev/null'), null, MS.BIND, null]]);
    expect(sys.argsOf('mount').filter(([, , , flags]) => flags === MS.BIND).map(([src]) => src)).toEqual(
      expect.arrayContaining(['/dev/null', '/dev/zero', '/dev/full', '/dev/random', '/dev/urandom', '/dev/tty']),
    );
    expect(fs.statSync(r('dev/tty')).isFile()).toBe(true);
  });

  it('creates config devices with their type bits, mode and makedev numbers, large minors included', () => {
    const sys = fakeSys();
    const plan = makePlan((c) => {
      c.linux!.devices = [
        { path: '/dev/sda', type: 'b', major: 8, minor: 0, fileMode: 0o660 },
        { path: '/dev/input/event300', type: 'c', major: 13, minor: 300 },
      ];
    });
    setup(sys, plan);
    expect(sys.argsOf('mknod').slice(-2)).toEqual([
      [r('dev/sda'), S_IFBLK | 0o660, makedev(8, 0)],
      // The minor's high bits go above the major, as glibc's makedev lays them out.
      [r('dev/input/event300'), S_IFCHR | 0o666, (13 << 8) | (300 & 0xff) | ((300 & 0xfff00) << 12)],
    ]);
  });

  it('populates nothing in /dev when the config binds the host\'s /dev', () => {
    const sys = fakeSys();
    setup(sys, makePlan((c) => (c.mounts = [{ destination: '/dev', type: 'bind', source: '/dev', options: ['rbind'] }])));
    expect(sys.indexOf('mknod')).toBe(-1);
    expect(sys.indexOf('umask')).toBe(-1);
    expect(fs.existsSync(r('dev/fd'))).toBe(false);
  });

  it('binds a file onto a file it creates and remounts for flags a bind ignores, then applies propagation', () => {
    fs.writeFileSync(path.join(bundle, 'resolv.conf'), 'nameserver 1.1.1.1\n');
    fs.mkdirSync(path.join(bundle, 'data'));
    const sys = fakeSys();
    setup(
      sys,
      makePlan((c) => {
        c.mounts = [
          { destination: '/etc/resolv.conf', source: 'resolv.conf', options: ['bind', 'ro', 'nosuid'] },
          { destination: '/data', type: 'bind', source: 'data', options: ['rbind', 'rshared'] },
        ];
      }),
    );
    expect(fs.statSync(r('etc/resolv.conf')).isFile()).toBe(true);
    expect(fs.statSync(r('data')).isDirectory()).toBe(true);
    expect(sys.argsOf('mount').slice(2, 6)).toEqual([
      [path.join(bundle, 'resolv.conf'), r('etc/resolv.conf'), null, MS.BIND, null],
      [null, r('etc/resolv.conf'), null, MS.BIND | MS.REMOUNT | MS.RDONLY | MS.NOSUID, null],
      [path.join(bundle, 'data'), r('data'), null, MS.BIND | MS.REC, null],
      [null, r('data'), null, MS.SHARED | MS.REC, null],
    ]);
  });

  it('resolves a mount destination through the image\'s symlinks without leaving the rootfs', () => {
    fs.symlinkSync('/../../../../outside', r('escape'));
    const sys = fakeSys();
    setup(sys, makePlan((c) => (c.mounts = [{ destination: '/escape/tmp', type: 'tmpfs', source: 'tmpfs' }])));
    expect(sys.argsOf('mount')[2]).toEqual(['tmpfs', r('outside/tmp'), 'tmpfs', 0, null]);
    expect(fs.statSync(r('outside/tmp')).isDirectory()).toBe(true);
  });

  it('falls back to a read-only bind of /sys when sysfs may not be mounted (EPERM in a user namespace)', () => {
    const sys = fakeSys().override('mount', (_source, _target, fstype) => {
      if (fstype === 'sysfs') throw new SysError('mount', 1);
    });
    setup(sys, makePlan());
    const sysfs = sys.indexOf('mount', ([, , fstype]) => fstype === 'sysfs');
    expect(sys.argsOf('mount').filter(([, target]) => target === r('sys'))).toEqual([
      ['sysfs', r('sys'), 'sysfs', MS.NOSUID | MS.NOEXEC | MS.NODEV | MS.RDONLY, null],
      ['/sys', r('sys'), null, MS.BIND | MS.REC, null],
      [null, r('sys'), null, MS.BIND | MS.REMOUNT | MS.RDONLY | MS.NOSUID | MS.NODEV | MS.NOEXEC, null],
    ]);
    expect(sys.calls[sysfs + 1]!.args[0]).toBe('/sys');
  });

  it('does not hide other mount failures behind the sysfs fallback', () => {
    const sysfsBusy = fakeSys().override('mount', (_s, _t, fstype) => {
      if (fstype === 'sysfs') throw new SysError('mount', 16);
    });
    expect(() => setup(sysfsBusy, makePlan())).toThrow('mount: device or resource busy');

    const procDenied = fakeSys().override('mount', (_s, _t, fstype) => {
      if (fstype === 'proc') throw new SysError('mount', 1);
    });
    expect(() => setup(procDenied, makePlan())).toThrow('mount: operation not permitted');
    expect(procDenied.indexOf('pivotRoot')).toBe(-1);
  });
});

describe('setupRootfs: the cgroup mount', () => {
  const cgroupDir = (): string => r('sys/fs/cgroup');
  const onlyCgroup = (c: RuntimeConfig): void => {
    c.mounts = c.mounts!.filter((m) => m.destination === '/sys/fs/cgroup');
  };

  it('v2 with its own cgroup namespace: a fresh cgroup2 mount', () => {
    const sys = fakeSys();
    setup(sys, makePlan(onlyCgroup), V2_OWN);
    expect(mountsUnder(sys, cgroupDir())).toEqual([['cgroup2', cgroupDir(), 'cgroup2', CGROUP_FLAGS, null]]);
  });

  it('waits for beforeCgroupMount (the init in its cgroups, which may be made meanwhile) before any cgroup mount', () => {
    const order: string[] = [];
    const sys = fakeSys().override('mount', (_source, target) => void order.push(`mount ${path.relative(rootfs, target)}`));
    const hooks = { beforeCgroupMount: () => void order.push('in cgroups'), beforePivot: () => undefined };
    setupRootfs(sys, makePlan(onlyCgroup), V2_OWN, false, hooks);
    expect(order.slice(order.indexOf('in cgroups') - 1, order.indexOf('in cgroups') + 2)).toEqual(['mount ', 'in cgroups', 'mount sys/fs/cgroup']);
    order.length = 0;
    const bound = fakeSys().override('mount', (_source, target) => void order.push(`mount ${path.relative(rootfs, target)}`));
    setupRootfs(bound, makePlan(onlyCgroup), { ...V2_OWN, ownNamespace: false, containerPaths: { '': '/sys/fs/cgroup/c1' } }, false, hooks);
    expect(order.slice(order.indexOf('in cgroups'), order.indexOf('in cgroups') + 2)).toEqual(['in cgroups', 'mount sys/fs/cgroup']);
  });

  it('makes the cgroup mount after the later mounts and /dev\'s nodes, which the init does while it waits; not past a mount that nests with it', () => {
    const order: string[] = [];
    const recordingSys = () =>
      fakeSys()
        .override('mount', (_source, target) => void order.push(`mount ${path.relative(rootfs, target)}`))
        .override('mknod', (p) => {
          fs.writeFileSync(p, '');
          order.push(`mknod ${path.relative(rootfs, p)}`);
        });
    const hooks = { beforeCgroupMount: () => void order.push('in cgroups'), beforePivot: () => undefined };
    const withLater = (destination: string) => (c: RuntimeConfig) => {
      const cgroup = c.mounts!.findIndex((m) => m.destination === '/sys/fs/cgroup');
      c.mounts!.splice(cgroup + 1, 0, { destination, type: 'tmpfs', source: 'tmpfs', options: ['nosuid'] });
    };

    setupRootfs(recordingSys(), makePlan(withLater('/run')), V2_OWN, false, hooks);
    const waited = order.indexOf('in cgroups');
    expect(order.indexOf('mount run')).toBeLessThan(waited);
    expect(order.indexOf('mknod dev/null')).toBeLessThan(waited);
    expect(order[waited + 1]).toBe('mount sys/fs/cgroup');

    order.length = 0;
    setupRootfs(recordingSys(), makePlan(withLater('/sys/fs/cgroup/extra')), V2_OWN, false, hooks);
    expect(order.indexOf('mount sys/fs/cgroup')).toBeLessThan(order.indexOf('mount sys/fs/cgroup/extra'));
    expect(order.indexOf('mount sys/fs/cgroup')).toBeLessThan(order.indexOf('mknod dev/null'));
  });

  it('v2 without one: a bind of the container\'s own cgroup, remounted with the flags', () => {
    const sys = fakeSys();
    const source: CgroupMountSource = { ...V2_OWN, ownNamespace: false, containerPaths: { '': '/sys/fs/cgroup/c1' } };
    setup(sys, makePlan(onlyCgroup), source);
    expect(mountsUnder(sys, cgroupDir())).toEqual([
      ['/sys/fs/cgroup/c1', cgroupDir(), null, MS.BIND | MS.REC, null],
      [null, cgroupDir(), null, MS.BIND | MS.REMOUNT | CGROUP_FLAGS, null],
    ]);
  });

  it('v1 with its own cgroup namespace: a tmpfs, a fresh mount per hierarchy, then a read-only remount', () => {
    const sys = fakeSys();
    const source: CgroupMountSource = { hierarchies: cgroupHierarchies(HYBRID_MOUNTINFO), ownNamespace: true, containerPaths: {} };
    setup(sys, makePlan(onlyCgroup), source);
    const tmpfsFlags = CGROUP_FLAGS & ~MS.RDONLY;
    expect(mountsUnder(sys, cgroupDir())).toEqual([
      ['tmpfs', cgroupDir(), 'tmpfs', tmpfsFlags, 'mode=755'],
      ['cgroup', path.join(cgroupDir(), 'cpu,cpuacct'), 'cgroup', CGROUP_FLAGS, 'cpu,cpuacct'],
      ['cgroup', path.join(cgroupDir(), 'memory'), 'cgroup', CGROUP_FLAGS, 'memory'],
      ['cgroup', path.join(cgroupDir(), 'systemd'), 'cgroup', CGROUP_FLAGS, 'name=systemd'],
      [null, cgroupDir(), null, MS.REMOUNT | MS.BIND | MS.RDONLY | tmpfsFlags, null],
    ]);
    // Like runc 1.1, the hybrid host's unified tree is not shown.
    expect(fs.existsSync(path.join(cgroupDir(), 'unified'))).toBe(false);
  });

  it('v1 without one: binds of the container\'s cgroup dirs, keyed by first controller, skipping hierarchies it lacks', () => {
    const sys = fakeSys();
    const source: CgroupMountSource = {
      hierarchies: cgroupHierarchies(HYBRID_MOUNTINFO),
      ownNamespace: false,
      containerPaths: {
        cpu: '/sys/fs/cgroup/cpu,cpuacct/c1',
        cpuacct: '/sys/fs/cgroup/cpu,cpuacct/c1',
        'name=systemd': '/sys/fs/cgroup/systemd/c1',
      },
    };
    setup(sys, makePlan(onlyCgroup), source);
    const tmpfsFlags = CGROUP_FLAGS & ~MS.RDONLY;
    const cpu = path.join(cgroupDir(), 'cpu,cpuacct');
    const systemd = path.join(cgroupDir(), 'systemd');
    expect(mountsUnder(sys, cgroupDir())).toEqual([
      ['tmpfs', cgroupDir(), 'tmpfs', tmpfsFlags, 'mode=755'],
      ['/sys/fs/cgroup/cpu,cpuacct/c1', cpu, null, MS.BIND | MS.REC, null],
      [null, cpu, null, MS.BIND | MS.REMOUNT | CGROUP_FLAGS, null],
      ['/sys/fs/cgroup/systemd/c1', systemd, null, MS.BIND | MS.REC, null],
      [null, systemd, null, MS.BIND | MS.REMOUNT | CGROUP_FLAGS, null],
      [null, cgroupDir(), null, MS.REMOUNT | MS.BIND | MS.RDONLY | tmpfsFlags, null],
    ]);
  });

  // runc's mountCgroupV1 links each controller of a co-mounted hierarchy to it (cpu -> cpu,cpuacct),
  // as the host has them; without the links /sys/fs/cgroup/cpu does not exist in the container.
  it('v1: links each controller of a co-mounted hierarchy to its directory, as runc does', () => {
    const source: CgroupMountSource = { hierarchies: cgroupHierarchies(HYBRID_MOUNTINFO), ownNamespace: true, containerPaths: {} };
    setup(fakeSys(), makePlan(onlyCgroup), source);
    expect(fs.readlinkSync(path.join(cgroupDir(), 'cpu'))).toBe('cpu,cpuacct');
    expect(fs.readlinkSync(path.join(cgroupDir(), 'cpuacct'))).toBe('cpu,cpuacct');
  });
});
