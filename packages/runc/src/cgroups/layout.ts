import * as fs from 'node:fs';
import * as path from 'node:path';
import { failedPrecondition, invalidArgument } from '@skiff/errors';
import { type MountinfoEntry, parseMountinfo } from '../lib/mountinfo';
import type { CgroupLayout } from './types';

/** v1 controllers this runtime knows; other mount options (rw, nsroot=, xattr...) are not controllers. */
const V1_CONTROLLERS = [
  'cpuset',
  'cpu',
  'cpuacct',
  'memory',
  'devices',
  'freezer',
  'blkio',
  'pids',
  'hugetlb',
  'net_cls',
  'net_prio',
  'perf_event',
  'rdma',
  'misc',
] as const;

const v1ControllerSet = new Set<string>(V1_CONTROLLERS);

let hostLayout: CgroupLayout | undefined;

/**
 * Where the cgroup hierarchies are mounted: from the given mountinfo text, or this process's. The
 * latter is read once per process, as runc does: the host's cgroup mounts do not move under a
 * running runtime, and reading /proc/self/mountinfo costs about a millisecond here, several
 * times in each create, start and delete of a long-lived shim.
 */
export function detectLayout(mountinfoText?: string): CgroupLayout {
  if (mountinfoText === undefined) return (hostLayout ??= layoutOf(parseMountinfo()));
  return layoutOf(parseMountinfo(mountinfoText));
}

function layoutOf(mounts: readonly MountinfoEntry[]): CgroupLayout {
  const v1: Record<string, { dir: string; whole: boolean }> = {};
  let unified: { dir: string; whole: boolean } | undefined;
  let haveV1Controller = false;

  // A hierarchy can be mounted more than once (bind mounts of a sub-cgroup inside containers);
  // the mount of the hierarchy's root is the one cgroup paths from /proc/self/cgroup refer to.
  const better = (old: { whole: boolean } | undefined, whole: boolean): boolean => old === undefined || (!old.whole && whole);

  for (const { root, mountPoint: dir, fstype, superOptions } of mounts) {
    const whole = root === '/';
    if (fstype === 'cgroup2') {
      if (better(unified, whole)) unified = { dir, whole };
    } else if (fstype === 'cgroup') {
      for (const opt of superOptions.split(',')) {
        const isController = v1ControllerSet.has(opt);
        if (!isController && !opt.startsWith('name=')) continue;
        haveV1Controller ||= isController;
        if (better(v1[opt], whole)) v1[opt] = { dir, whole };
      }
    }
  }

  // A v1 mount that carries no controller (a lone name=systemd kept for old containers) does not
  // make a v2 host a v1 one.
  if (haveV1Controller) {
    const v1Mounts = Object.fromEntries(Object.entries(v1).map(([k, m]) => [k, m.dir]));
    const first = Object.values(v1Mounts)[0]!;
    return {
      version: 1,
      root: path.dirname(first),
      v1Mounts,
      ...(unified ? { unified: unified.dir } : {}),
    };
  }
  if (unified) return { version: 2, root: unified.dir };
  throw failedPrecondition('no cgroup filesystem is mounted (see /proc/self/mountinfo)');
}

/** /proc/self/cgroup → controller (or "name=X", or "" for cgroup2) → path inside that hierarchy. */
export function ownCgroupPaths(procSelfCgroupText?: string): Record<string, string> {
  const text = procSelfCgroupText ?? fs.readFileSync('/proc/self/cgroup', 'utf8');
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\d+:([^:]*):(.+)$/.exec(line.trim());
    if (!m) continue;
    const controllers = m[1]!;
    const cgPath = m[2]!;
    if (controllers === '') out[''] = cgPath;
    else for (const c of controllers.split(',')) out[c] = cgPath;
  }
  return out;
}

/**
 * Lexical clean-up that keeps a cgroupsPath inside the hierarchy: ".." cannot climb above the
 * start, for relative paths too, so "../../etc" and "/../etc" both stay under the cgroup root.
 * An absolute path stays absolute and a relative one relative.
 */
export function cleanPath(p: string): string {
  if (p === '') return '';
  const rooted = path.posix.normalize('/' + p).replace(/(.)\/+$/, '$1');
  return p.startsWith('/') ? rooted : rooted.slice(1);
}

/** runc's systemd driver syntax, "slice:prefix:name" (e.g. "system.slice:docker:abc"). */
function isSystemdCgroupsPath(p: string): boolean {
  return !p.includes('/') && p.split(':').length === 3;
}

/**
 * Host directories of a container's cgroup, following runc's cgroupfs driver:
 *  - absolute inner path: under each hierarchy's mount;
 *  - relative: under the runtime's own cgroup in that hierarchy (on pure v2 under its parent,
 *    because a cgroup that holds processes cannot delegate controllers to children).
 * v1 covers every known controller that is mounted, name=systemd (joined for systemd's process
 * tracking, no limits), and in hybrid mode "" for the cgroup2 dir.
 */
export function resolvePaths(layout: CgroupLayout, inner: string, own: () => Record<string, string>): Record<string, string> {
  const absolute = inner.startsWith('/');
  const under = (mount: string, key: string, parentOnly: boolean): string => {
    if (absolute) return path.join(mount, inner);
    const ownPath = own()[key] ?? '/';
    return path.join(mount, parentOnly ? path.posix.dirname(ownPath) : ownPath, inner);
  };
  if (layout.version === 2) return { '': under(layout.root, '', true) };

  const mounts = layout.v1Mounts ?? {};
  const paths: Record<string, string> = {};
  for (const key of [...V1_CONTROLLERS, 'name=systemd']) {
    const mount = mounts[key];
    if (mount !== undefined) paths[key] = under(mount, key, false);
  }
  if (layout.unified !== undefined) paths[''] = under(layout.unified, '', false);
  return paths;
}

export function innerPath(cgroupsPath: string | undefined, containerId: string): string {
  // runc 1.1 with the cgroupfs driver: an empty or absent cgroupsPath leaves Path empty and sets
  // Name to the container id, which is a relative path, so the container's cgroup becomes
  // "<own cgroup>/<id>" in each v1 hierarchy and "<parent of own cgroup>/<id>" on v2.
  if (cgroupsPath === undefined || cgroupsPath === '') {
    const id = cleanPath(containerId);
    if (id === '' || id.startsWith('/') || id.includes('/')) {
      throw invalidArgument(`container id ${JSON.stringify(containerId)} cannot name a cgroup`);
    }
    return id;
  }
  if (isSystemdCgroupsPath(cgroupsPath)) {
    throw invalidArgument(
      `cgroupsPath ${JSON.stringify(cgroupsPath)} uses the systemd "slice:prefix:name" syntax; the systemd cgroup driver is not supported`,
    );
  }
  const inner = cleanPath(cgroupsPath);
  if (inner === '' || inner === '/') {
    throw invalidArgument(`cgroupsPath ${JSON.stringify(cgroupsPath)} does not name a cgroup below the root`);
  }
  return inner;
}
