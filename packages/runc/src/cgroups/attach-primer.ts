import * as fs from 'node:fs';
import * as path from 'node:path';
import { ownCgroupPaths } from './layout';
import type { CgroupLayout } from './types';

/** cgroupfs's magic numbers (statfs f_type), v1 and v2. */
const CGROUP_FS_TYPES = new Set([0x27e0eb, 0x63677270]);

/**
 * The cgroup.procs file of this process's own cgroup in one hierarchy (v1: pids if mounted, the
 * cheapest to attach to; v2: the unified tree), or undefined when it cannot be named.
 */
export function attachPrimerFile(layout: CgroupLayout, ownPaths: Record<string, string>): string | undefined {
  if (layout.version === 2) {
    const own = ownPaths[''];
    return own === undefined ? undefined : path.join(layout.root, own, 'cgroup.procs');
  }
  const mounts = layout.v1Mounts ?? {};
  const key = 'pids' in mounts ? 'pids' : Object.keys(mounts)[0];
  if (key === undefined) return undefined;
  const own = ownPaths[key];
  return own === undefined ? undefined : path.join(mounts[key]!, own, 'cgroup.procs');
}

/**
 * The first cgroup.procs write after a quiet moment waits for an RCU grace period while the
 * kernel turns its cgroup fork/attach lock over to writers (~5–15 ms on this VM, for runc too);
 * writes within the following grace period are quick. Moving this process into the cgroup it is
 * already in ("0": the writer itself) takes that lock and changes nothing. Made from libuv's
 * thread pool just before a container's process is forked, the wait overlaps the fork instead of
 * following it, and the new process's placement finds the lock ready.
 *
 * Best effort: anything unexpected (no such file, not a cgroup filesystem, a refused write) only
 * means no head start. A plain-file tree (tests) is left untouched.
 */
export function primeAttachLock(layout: CgroupLayout): void {
  let fd: number;
  try {
    const file = attachPrimerFile(layout, ownCgroupPaths());
    if (file === undefined || !CGROUP_FS_TYPES.has(fs.statfsSync(file).type)) return;
    fd = fs.openSync(file, fs.constants.O_WRONLY);
  } catch {
    return;
  }
  // One thread-pool request, so the wait starts now, whatever the main thread does meanwhile.
  fs.write(fd, '0', () => fs.close(fd, () => undefined));
}
