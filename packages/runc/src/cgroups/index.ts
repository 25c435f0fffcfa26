/**
 * The cgroup layer of skiff-runc: places a container in cgroups (v1, v1+cgroup2 hybrid, or v2),
 * writes its linux.resources, and reads processes, freezer state, stats and OOM counts back.
 * See README.md in this folder.
 */
import * as path from 'node:path';
import { invalidArgument } from '@skiff/errors';
import { detectLayout, innerPath, ownCgroupPaths, resolvePaths } from './layout';
import { validateResources } from './resources';
import { V1Manager } from './v1';
import { V2Manager } from './v2';
import type { CgroupLayout, CgroupManager } from './types';

export type {
  BlkioEntry,
  CgroupLayout,
  CgroupManager,
  CgroupStats,
  FreezerState,
  Int,
  LinuxBlockIO,
  LinuxCPU,
  LinuxDeviceCgroup,
  LinuxHugepageLimit,
  LinuxInterfacePriority,
  LinuxMemory,
  LinuxNetwork,
  LinuxPids,
  LinuxResources,
  LinuxThrottleDevice,
  LinuxWeightDevice,
  MemoryEntry,
  OomWatch,
} from './types';
export { detectLayout, ownCgroupPaths, validateResources };
export { primeAttachLock } from './attach-primer';

/**
 * A manager for a new container. cgroupsPath follows runc's cgroupfs driver: absolute → below each
 * hierarchy's mount; relative → below the runtime's own cgroup (ownCgroups, by default read from
 * /proc/self/cgroup; on pure v2 below its parent); absent or empty → the container id, relative.
 * The systemd driver's "slice:prefix:name" form is an InvalidArgument.
 */
export function newCgroupManager(opts: {
  layout: CgroupLayout;
  cgroupsPath?: string;
  containerId: string;
  ownCgroups?: Record<string, string>;
}): CgroupManager {
  const inner = innerPath(opts.cgroupsPath, opts.containerId);
  let own = opts.ownCgroups;
  const paths = resolvePaths(opts.layout, inner, () => (own ??= ownCgroupPaths()));
  return loadCgroupManager(opts.layout, paths);
}

/** Rebuilds the manager of an existing container from the paths saved in its state. */
export function loadCgroupManager(layout: CgroupLayout, paths: Record<string, string>): CgroupManager {
  const entries = Object.entries(paths);
  if (entries.length === 0 || entries.some(([, dir]) => typeof dir !== 'string' || !path.isAbsolute(dir))) {
    throw invalidArgument(`cgroup paths must map hierarchies to absolute directories, got ${JSON.stringify(paths)}`);
  }
  if (layout.version === 2) {
    const dir = paths[''];
    if (dir === undefined || entries.length !== 1) {
      throw invalidArgument(`cgroup v2 paths must be {"": dir}, got ${JSON.stringify(paths)}`);
    }
    return new V2Manager(layout, dir);
  }
  return new V1Manager(layout, paths);
}
