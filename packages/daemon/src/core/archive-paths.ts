// Paths inside a container's root filesystem seen from the host (core/rootfs-view.ts). The root
// is a plain host directory, so a symlink in it ("/etc" -> "/", "x" -> "../../..") would lead
// out of it if the host's resolution were used. resolveInRoot walks the path component by
// component, lstat'ing each one and following symlinks by hand as if root were "/": an absolute
// target restarts at root, ".." stops at root.
// A running container can still swap a component for a symlink after it was resolved; callers
// then create the final component with calls that do not follow it (O_NOFOLLOW, lchown, ...).
import type { Stats } from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { invalidArgument } from '@skiff/errors';

// Linux's limit on symlinks followed in one resolution.
const MAX_LINKS = 40;

function isErrno(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === code;
}

/** The components of a container path; relative paths are taken from "/". */
export function components(p: string): string[] {
  if (p.includes('\0')) throw invalidArgument(`path "${p}" contains NUL`);
  return p.split('/').filter((c) => c !== '' && c !== '.');
}

export interface Resolved {
  /** Where the path is on the host (root + the resolved container path). */
  hostPath: string;
  /** The resolved path as the container sees it, absolute. */
  containerPath: string;
}

/**
 * Resolves a container path inside root. Symlinks in directory components are always followed;
 * the last component is followed only with followFinal. Missing components are kept as named (so
 * the result may not exist), and a component that is not a directory is left for the caller's
 * filesystem call to fail on (ENOTDIR).
 */
export async function resolveInRoot(root: string, p: string, followFinal: boolean): Promise<Resolved> {
  const resolved: string[] = [];
  const queue = components(p);
  let links = 0;
  while (queue.length > 0) {
    const c = queue.shift()!;
    if (c === '..') {
      resolved.pop();
      continue;
    }
    if (queue.length === 0 && !followFinal) {
      resolved.push(c);
      break;
    }
    let st: Stats;
    try {
      st = await fsp.lstat(path.join(root, ...resolved, c));
    } catch (err) {
      if (!isErrno(err, 'ENOENT') && !isErrno(err, 'ENOTDIR')) throw err;
      resolved.push(c);
      continue;
    }
    if (!st.isSymbolicLink()) {
      resolved.push(c);
      continue;
    }
    if (++links > MAX_LINKS) throw invalidArgument(`path "${p}": too many levels of symbolic links`);
    const target = await fsp.readlink(path.join(root, ...resolved, c));
    if (target.startsWith('/')) resolved.length = 0;
    queue.unshift(...target.split('/').filter((t) => t !== '' && t !== '.'));
  }
  // The root itself keeps a trailing slash: /proc/<pid>/root is a link that must be followed.
  return { hostPath: resolved.length === 0 ? `${root.replace(/\/+$/, '')}/` : path.join(root, ...resolved), containerPath: '/' + resolved.join('/') };
}

/** Go's os.FileMode type bits, which Docker's path stat (and the CLI reading it) uses. */
const GO_MODE = { dir: 2 ** 31, symlink: 2 ** 27, device: 2 ** 26, pipe: 2 ** 25, socket: 2 ** 24, setuid: 2 ** 23, setgid: 2 ** 22, charDevice: 2 ** 21, sticky: 2 ** 20 };

export function goFileMode(st: Stats): number {
  let mode = st.mode & 0o777;
  if (st.isDirectory()) mode += GO_MODE.dir;
  else if (st.isSymbolicLink()) mode += GO_MODE.symlink;
  else if (st.isBlockDevice()) mode += GO_MODE.device;
  else if (st.isCharacterDevice()) mode += GO_MODE.device + GO_MODE.charDevice;
  else if (st.isFIFO()) mode += GO_MODE.pipe;
  else if (st.isSocket()) mode += GO_MODE.socket;
  if (st.mode & 0o4000) mode += GO_MODE.setuid;
  if (st.mode & 0o2000) mode += GO_MODE.setgid;
  if (st.mode & 0o1000) mode += GO_MODE.sticky;
  return mode;
}

/** Docker's ContainerPathStat, sent base64-encoded in X-Docker-Container-Path-Stat. */
export interface PathStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  linkTarget: string;
}

export function pathStat(name: string, st: Stats, linkTarget: string): PathStat {
  return { name, size: st.size, mode: goFileMode(st), mtime: st.mtime.toISOString(), linkTarget };
}

export function encodePathStat(stat: PathStat): string {
  return Buffer.from(JSON.stringify(stat)).toString('base64');
}

/** An open directory inside the root and its container path; children are reached through `at`. */
export interface OpenDir {
  handle: fsp.FileHandle;
  containerPath: string;
  /** A host path naming `name` inside this directory, whatever happens to its path meanwhile. */
  at(name: string): string;
}

const DIR_FLAGS = fsp.constants.O_RDONLY | fsp.constants.O_DIRECTORY | fsp.constants.O_NOFOLLOW;

/**
 * Opens the directory a container path names, like resolveInRoot but holding each directory
 * open while taking the next step from it (through /proc/self/fd), so a running container
 * swapping a component for a symlink meanwhile cannot lead the walk out of the root. With
 * create, missing directories are made (mode 0755). The caller closes the handle.
 */
export async function openDirInRoot(root: string, p: string, create: boolean): Promise<OpenDir> {
  const stack: Array<{ handle: fsp.FileHandle; name: string }> = [{ handle: await fsp.open(`${root.replace(/\/+$/, '')}/`, fsp.constants.O_RDONLY | fsp.constants.O_DIRECTORY), name: '' }];
  const top = () => stack[stack.length - 1]!;
  const child = (name: string) => `/proc/self/fd/${top().handle.fd}/${name}`;
  const queue = components(p);
  let links = 0;
  try {
    while (queue.length > 0) {
      const c = queue.shift()!;
      if (c === '..') {
        if (stack.length > 1) await stack.pop()!.handle.close();
        continue;
      }
      let handle: fsp.FileHandle;
      try {
        handle = await fsp.open(child(c), DIR_FLAGS);
      } catch (err) {
        if (isErrno(err, 'ENOENT') && create) {
          await fsp.mkdir(child(c), { mode: 0o755 }).catch((e: unknown) => (isErrno(e, 'EEXIST') ? undefined : Promise.reject(e)));
          queue.unshift(c);
          continue;
        }
        if (!isErrno(err, 'ELOOP') && !isErrno(err, 'ENOTDIR')) throw err;
        const st = await fsp.lstat(child(c));
        if (!st.isSymbolicLink()) throw err;
        if (++links > MAX_LINKS) throw invalidArgument(`path "${p}": too many levels of symbolic links`);
        const target = await fsp.readlink(child(c));
        if (target.startsWith('/')) while (stack.length > 1) await stack.pop()!.handle.close();
        queue.unshift(...target.split('/').filter((t) => t !== '' && t !== '.'));
        continue;
      }
      stack.push({ handle, name: c });
    }
  } catch (err) {
    for (const s of stack) await s.handle.close();
    throw err;
  }
  const dir = stack.pop()!;
  for (const s of stack) await s.handle.close();
  const containerPath = '/' + [...stack.map((s) => s.name), dir.name].filter((n) => n !== '').join('/');
  return { handle: dir.handle, containerPath, at: (name) => `/proc/self/fd/${dir.handle.fd}/${name}` };
}
