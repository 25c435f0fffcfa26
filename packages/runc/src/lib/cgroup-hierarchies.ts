import * as path from 'node:path';
import { type MountinfoEntry, parseMountinfo } from './mountinfo';

export interface CgroupHierarchies {
  /** v1 hierarchies: the directory name under the cgroup root and the options that select it. */
  v1: Array<{ name: string; options: string }>;
  /** A cgroup2 tree: the whole layout on v2, the "unified" directory on hybrid hosts. */
  unified?: string;
}

/** How the container's /sys/fs/cgroup mount is made. */
export interface CgroupMountSource {
  hierarchies: CgroupHierarchies;
  /**
   * With its own cgroup namespace a container mounts the hierarchies afresh and sees its cgroup as
   * the root; without one, a fresh mount would show the whole host tree, so its own cgroup
   * directories (controller → host path) are bind-mounted instead, as runc does.
   */
  ownNamespace: boolean;
  containerPaths: Record<string, string>;
}

/** The key of a v1 hierarchy in a cgroup manager's paths: its first controller, or "name=X". */
export function hierarchyKey(options: string): string {
  return options.split(',')[0] ?? options;
}

const genericOptions = new Set(['rw', 'ro', 'xattr', 'nsdelegate', 'memory_recursiveprot', 'relatime', 'noexec', 'nosuid', 'nodev', 'clone_children', 'noprefix']);

/** Controllers and name=X select a hierarchy; other key=value options (release_agent=) do not. */
function selectsHierarchy(option: string): boolean {
  return !genericOptions.has(option) && (!option.includes('=') || option.startsWith('name='));
}

let hostHierarchies: CgroupHierarchies | undefined;

/**
 * What a container's cgroup mount must recreate, read from the given mount table or this
 * process's; the latter once per process (see detectLayout).
 */
export function cgroupHierarchies(mountinfo?: string, root = '/sys/fs/cgroup'): CgroupHierarchies {
  if (mountinfo === undefined && root === '/sys/fs/cgroup') return (hostHierarchies ??= hierarchiesOf(parseMountinfo(), root));
  return hierarchiesOf(parseMountinfo(mountinfo), root);
}

function hierarchiesOf(mounts: readonly MountinfoEntry[], root: string): CgroupHierarchies {
  const result: CgroupHierarchies = { v1: [] };
  for (const { mountPoint, fstype, superOptions } of mounts) {
    if (mountPoint !== root && path.dirname(mountPoint) !== root) continue;
    if (fstype === 'cgroup2') {
      result.unified = mountPoint === root ? '' : path.basename(mountPoint);
    } else if (fstype === 'cgroup') {
      const options = superOptions.split(',').filter(selectsHierarchy);
      result.v1.push({ name: path.basename(mountPoint), options: options.join(',') });
    }
  }
  return result;
}
