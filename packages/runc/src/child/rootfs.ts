import * as fs from 'node:fs';
import * as path from 'node:path';
import { CgroupMountSource, hierarchyKey } from '../lib/cgroup-hierarchies';
import type { DeviceStep, InitPlan, MountStep } from '../lib/plan';
import { parseMountinfo } from '../lib/mountinfo';
import { secureJoin } from '../lib/securejoin';
import { MNT_DETACH, MS, O, S_IFBLK, S_IFCHR, S_IFIFO } from '../sys/constants';
import { SysError, Syscalls } from '../sys/syscalls';

function mkdirAll(dir: string, mode = 0o755): void {
  fs.mkdirSync(dir, { recursive: true, mode });
}

function ensureFile(file: string): void {
  mkdirAll(path.dirname(file));
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o755));
}

function makedev(major: number, minor: number): number {
  return ((major & 0xfff) << 8) | (minor & 0xff) | ((minor & 0xfff00) << 12);
}

function bindMount(sys: Syscalls, step: MountStep, dest: string): void {
  if (step.sourceIsDir) mkdirAll(dest);
  else ensureFile(dest);
  sys.mount(step.source, dest, null, MS.BIND | (step.recursive ? MS.REC : 0), null);
  // A bind mount ignores every flag but MS_BIND on its first call; ro, nosuid... need a remount.
  const remountable = step.flags & ~(MS.REMOUNT | MS.BIND | MS.REC);
  if (remountable !== 0) sys.mount(null, dest, null, MS.BIND | MS.REMOUNT | remountable, null);
}

function bindCgroupDir(sys: Syscalls, hostDir: string, target: string, flags: number): void {
  mkdirAll(target);
  sys.mount(hostDir, target, null, MS.BIND | MS.REC, null);
  sys.mount(null, target, null, MS.BIND | MS.REMOUNT | flags, null);
}

function cgroupMount(sys: Syscalls, step: MountStep, dest: string, source: CgroupMountSource, hooks: RootfsHooks): void {
  mkdirAll(dest);
  const { hierarchies, ownNamespace, containerPaths } = source;
  hooks.beforeCgroupMount?.();
  if (hierarchies.unified === '') {
    if (ownNamespace) sys.mount('cgroup2', dest, 'cgroup2', step.flags, null);
    else if (containerPaths['']) bindCgroupDir(sys, containerPaths[''], dest, step.flags);
    return;
  }
  // v1: a tmpfs holding one mount per hierarchy. Like runc 1.1, the hybrid unified tree is not
  // shown: it only matters to systemd, and no controller lives there.
  const tmpfsFlags = step.flags & ~MS.RDONLY;
  sys.mount('tmpfs', dest, 'tmpfs', tmpfsFlags, 'mode=755');
  for (const h of hierarchies.v1) {
    const sub = path.join(dest, h.name);
    // Co-mounted controllers (cpu,cpuacct) are reachable under each name, as on the host.
    if (h.name.includes(',')) {
      for (const controller of h.name.split(',')) symlinkForce(h.name, path.join(dest, controller));
    }
    if (ownNamespace) {
      mkdirAll(sub);
      sys.mount('cgroup', sub, 'cgroup', step.flags, h.options);
    } else {
      const hostDir = containerPaths[hierarchyKey(h.options)];
      if (hostDir) bindCgroupDir(sys, hostDir, sub, step.flags);
    }
  }
  if (step.flags & MS.RDONLY) sys.mount(null, dest, null, MS.REMOUNT | MS.BIND | MS.RDONLY | tmpfsFlags, null);
}

function mountOne(sys: Syscalls, plan: InitPlan, step: MountStep, cgroupSource: CgroupMountSource, hooks: RootfsHooks): void {
  const dest = secureJoin(plan.rootfs, step.destination);
  if (step.kind === 'bind') {
    bindMount(sys, step, dest);
  } else if (step.kind === 'cgroup') {
    cgroupMount(sys, step, dest, cgroupSource, hooks);
  } else {
    mkdirAll(dest);
    try {
      sys.mount(step.source, dest, step.fstype, step.flags, step.data || null);
    } catch (err) {
      // sysfs cannot be mounted from a user namespace that does not own the network namespace;
      // runc falls back to a read-only bind of the host's /sys, and so do we.
      if (!(step.fstype === 'sysfs' && err instanceof SysError && err.errno === 1)) throw err;
      sys.mount('/sys', dest, null, MS.BIND | MS.REC, null);
      sys.mount(null, dest, null, MS.BIND | MS.REMOUNT | MS.RDONLY | MS.NOSUID | MS.NODEV | MS.NOEXEC, null);
    }
  }
  for (const propagation of step.propagation) sys.mount(null, dest, null, propagation, null);
}

function createDevice(sys: Syscalls, plan: InitPlan, device: DeviceStep, bindFromHost: boolean): void {
  const dest = secureJoin(plan.rootfs, device.path);
  mkdirAll(path.dirname(dest));
  if (bindFromHost) {
    // Inside a user namespace mknod is refused; a bind of the host node gives the same device.
    ensureFile(dest);
    sys.mount(device.path, dest, null, MS.BIND, null);
    return;
  }
  try {
    fs.unlinkSync(dest);
  } catch {
    // Nothing there yet.
  }
  const typeBits = device.type === 'b' ? S_IFBLK : device.type === 'p' ? S_IFIFO : S_IFCHR;
  sys.mknod(dest, typeBits | (device.mode & 0o7777), makedev(device.major, device.minor));
  fs.chownSync(dest, device.uid, device.gid);
}

function symlinkForce(target: string, link: string): void {
  try {
    fs.unlinkSync(link);
  } catch {
    // Nothing to replace.
  }
  fs.symlinkSync(target, link);
}

function populateDev(sys: Syscalls, plan: InitPlan, inUserNamespace: boolean): void {
  const oldMask = sys.umask(0);
  for (const device of plan.devices) createDevice(sys, plan, device, inUserNamespace);
  sys.umask(oldMask);
  const dev = secureJoin(plan.rootfs, '/dev');
  const links: Array<[string, string]> = [
    ['/proc/self/fd', 'fd'],
    ['/proc/self/fd/0', 'stdin'],
    ['/proc/self/fd/1', 'stdout'],
    ['/proc/self/fd/2', 'stderr'],
  ];
  if (fs.existsSync('/proc/kcore')) links.push(['/proc/kcore', 'core']);
  for (const [target, name] of links) symlinkForce(target, path.join(dev, name));
  if (fs.existsSync(path.join(dev, 'pts', 'ptmx'))) symlinkForce('pts/ptmx', path.join(dev, 'ptmx'));
}

function pivot(sys: Syscalls, plan: InitPlan): void {
  if (plan.noPivot) {
    sys.chdir(plan.rootfs);
    sys.mount(plan.rootfs, '/', null, MS.MOVE, null);
    sys.chroot('.');
    sys.chdir('/');
    return;
  }
  // pivot_root(".", ".") stacks the old root under the new one; detaching "." afterwards removes it
  // without needing a directory for it inside the image.
  const oldRoot = sys.open('/', O.DIRECTORY | O.RDONLY | O.CLOEXEC);
  const newRoot = sys.open(plan.rootfs, O.DIRECTORY | O.RDONLY | O.CLOEXEC);
  sys.fchdir(newRoot);
  sys.pivotRoot('.', '.');
  sys.fchdir(oldRoot);
  sys.mount(null, '.', null, MS.SLAVE | MS.REC, null);
  sys.umount2('.', MNT_DETACH);
  sys.chdir('/');
  sys.close(oldRoot);
  sys.close(newRoot);
}

function maskPath(sys: Syscalls, target: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return;
  }
  if (stat.isDirectory()) sys.mount('tmpfs', target, 'tmpfs', MS.RDONLY, null);
  else sys.mount('/dev/null', target, null, MS.BIND, null);
}

function readonlyPath(sys: Syscalls, target: string): void {
  if (!fs.existsSync(target)) return;
  sys.mount(target, target, null, MS.BIND | MS.REC, null);
  sys.mount(null, target, null, MS.BIND | MS.REMOUNT | MS.RDONLY | MS.REC, null);
}

/**
 * pivot_root refuses a new root whose parent mount is shared (EINVAL), which it is whenever
 * rootfsPropagation asks for shared propagation. Like runc, make just that parent private.
 * After a recursive change of "/" to slave, private or unbindable (rslave is the default) no
 * mount of this namespace is shared, and mountinfo need not be read.
 */
function makeParentMountPrivate(sys: Syscalls, rootfs: string, rootPropagation: number): void {
  if (rootPropagation & MS.REC && rootPropagation & (MS.SLAVE | MS.PRIVATE | MS.UNBINDABLE)) return;
  let parent: { mountPoint: string; shared: boolean } | undefined;
  for (const { mountPoint, optional } of parseMountinfo()) {
    const contains = mountPoint === '/' || rootfs === mountPoint || rootfs.startsWith(`${mountPoint}/`);
    if (contains && (!parent || mountPoint.length >= parent.mountPoint.length)) {
      parent = { mountPoint, shared: optional.some((f) => f.startsWith('shared:')) };
    }
  }
  if (parent?.shared) sys.mount(null, parent.mountPoint, null, MS.PRIVATE, null);
}

/** Whether one path is the other or lies below it. */
function nested(a: string, b: string): boolean {
  const [x, y] = [path.posix.resolve('/', a), path.posix.resolve('/', b)];
  const within = (inner: string, outer: string) => outer === '/' || inner.startsWith(`${outer}/`);
  return x === y || within(x, y) || within(y, x);
}

/**
 * A cgroup mount waits for the init to be in its cgroups (beforeCgroupMount). Made after the other
 * mounts and /dev's nodes rather than in its place, it lets the init do those while the runtime
 * finishes its cgroups. Only when nothing after it is mounted or made at, above or below it: the
 * order then cannot change the resulting tree.
 */
function cgroupMountThatCanWait(plan: InitPlan): MountStep | undefined {
  const at = plan.mounts.findIndex((step) => step.kind === 'cgroup');
  if (at < 0) return undefined;
  const step = plan.mounts[at]!;
  const later = plan.mounts.slice(at + 1).map((s) => s.destination);
  if (plan.populateDev) later.push('/dev', ...plan.devices.map((d) => d.path));
  return later.some((p) => nested(p, step.destination)) ? undefined : step;
}

export interface RootfsHooks {
  /**
   * Called before a cgroup filesystem is mounted: from the container's own cgroup namespace, which
   * must show it in its cgroups, or as binds of its cgroup directories, which the runtime may
   * still be making while the init sets up.
   */
  beforeCgroupMount?(): void;
  /** Called after the config's mounts, before pivot_root: prestart/createRuntime sync and createContainer hooks. */
  beforePivot(): void;
}

/** Builds the container's filesystem view and moves into it; runs in the container's init. */
export function setupRootfs(
  sys: Syscalls,
  plan: InitPlan,
  cgroupSource: CgroupMountSource,
  inUserNamespace: boolean,
  hooks: RootfsHooks,
): void {
  sys.mount(null, '/', null, plan.rootPropagation, null);
  makeParentMountPrivate(sys, plan.rootfs, plan.rootPropagation);
  sys.mount(plan.rootfs, plan.rootfs, null, MS.BIND | MS.REC, null);
  const lateCgroupMount = cgroupMountThatCanWait(plan);
  for (const step of plan.mounts) if (step !== lateCgroupMount) mountOne(sys, plan, step, cgroupSource, hooks);
  if (plan.populateDev) populateDev(sys, plan, inUserNamespace);
  if (lateCgroupMount) mountOne(sys, plan, lateCgroupMount, cgroupSource, hooks);
  hooks.beforePivot();
  pivot(sys, plan);
  for (const [key, value] of plan.sysctl) {
    fs.writeFileSync(path.join('/proc/sys', key.replace(/\./g, '/')), value);
  }
  for (const masked of plan.maskedPaths) maskPath(sys, masked);
  for (const ro of plan.readonlyPaths) readonlyPath(sys, ro);
  if (plan.readonlyRoot) sys.mount(null, '/', null, MS.BIND | MS.REMOUNT | MS.RDONLY, null);
  if (plan.hostname !== undefined) sys.sethostname(plan.hostname);
  if (plan.domainname !== undefined) sys.setdomainname(plan.domainname);
}
