/**
 * The cgroup layer of skiff-runc: places a container in cgroups (v1, v1+cgroup2 hybrid, or v2),
 * writes its linux.resources, and reads processes, freezer state, stats and OOM counts back.
 * See README.md in this folder.
 */
import * as fs from 'node:fs';
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

/**
 * The cgroups a process is in, from its /proc/<pid>/cgroup as this process's cgroup namespace sees
 * it: how a caller reaches the cgroups of a container another runtime made (runc's, for the shim's
 * OOM counts). Every hierarchy of the layout that the process lists; a process in none is refused.
 */
export function cgroupPathsOfProcess(layout: CgroupLayout, procCgroupText: string): Record<string, string> {
  const listed = ownCgroupPaths(procCgroupText);
  const paths: Record<string, string> = {};
  if (layout.version === 2) {
    if (listed[''] !== undefined) paths[''] = path.join(layout.root, listed['']);
  } else {
    for (const [key, mount] of Object.entries(layout.v1Mounts ?? {})) {
      if (listed[key] !== undefined) paths[key] = path.join(mount, listed[key]);
    }
    if (layout.unified !== undefined && listed[''] !== undefined) paths[''] = path.join(layout.unified, listed['']);
  }
  if (Object.keys(paths).length === 0) throw invalidArgument('the process is in no cgroup of this host\'s hierarchies');
  return paths;
}

/** The manager of the cgroups process `pid` is in now (see cgroupPathsOfProcess). */
export function cgroupManagerOfProcess(pid: number, layout: CgroupLayout = detectLayout()): CgroupManager {
  return loadCgroupManager(layout, cgroupPathsOfProcess(layout, fs.readFileSync(`/proc/${pid}/cgroup`, 'utf8')));
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
