// Path handling for unpacking untrusted layers: every path a tar names is taken relative to the
// target directory and resolved as if that directory were "/" of a chroot. Node has no openat()
// with O_NOFOLLOW per component, so parent components are resolved by hand: lstat each one, and
// follow a symlink by re-reading its target relative to the root (absolute targets restart at the
// root, ".." stops at it). Only the final component is then created, always with calls that do not
// follow it (O_EXCL|O_NOFOLLOW, mkdir, symlink, link, mknod, lchown, lutimes).
// This assumes nothing else changes the target directory while a layer is applied into it (it is
// a fresh snapshot nobody has mounted yet); the tar itself cannot race the resolution because
// entries are applied one after the other.
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { invalidArgument } from '@skiff/errors';
import { isErrno } from '../content/atomic';

const NAME_MAX = 255;
const PATH_MAX = 4096;
// Linux's limit on symlinks followed in one resolution.
const MAX_LINKS = 40;

/**
 * The components of a name from a tar header. A leading "/" or "./" is dropped (tools write
 * both, meaning the layer root); ".." anywhere is refused, since no legitimate layer has it and
 * clamping it could silently put a file somewhere unexpected.
 */
export function entryComponents(name: string, what = 'entry'): string[] {
  if (name.includes('\0')) throw invalidArgument(`layer ${what} "${printable(name)}": contains NUL`);
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw invalidArgument(`layer ${what} "${printable(name)}": ".." escapes the layer root, refused`);
  for (const p of parts) {
    if (Buffer.byteLength(p) > NAME_MAX) throw invalidArgument(`layer ${what} "${printable(name)}": a component is longer than ${NAME_MAX} bytes`);
  }
  if (Buffer.byteLength(parts.join('/')) >= PATH_MAX) throw invalidArgument(`layer ${what} "${printable(name)}": longer than ${PATH_MAX} bytes`);
  return parts;
}

/** Absolute paths the caller must not exceed; checked once the root is prefixed. */
export function checkPathLength(full: string, name: string): void {
  if (Buffer.byteLength(full) >= PATH_MAX) throw invalidArgument(`layer entry "${printable(name)}": resolves to a path longer than ${PATH_MAX} bytes`);
}

export interface ResolveOptions {
  /** Create missing directories (mode 0755, root-owned) instead of answering undefined. */
  create: boolean;
  /** Told of each directory created, so the caller can count it as written by this layer. */
  created?: (dir: string) => void;
  /** The tar name being resolved, for error messages. */
  name: string;
}

/**
 * The real path, inside root, of the directory named by components, following symlinks within
 * root. Undefined when a component is missing and create is false. A component that exists and
 * is not a directory (after following links) is an error.
 */
export async function resolveDir(root: string, components: string[], options: ResolveOptions): Promise<string | undefined> {
  const resolved: string[] = [];
  const queue = [...components];
  let links = 0;
  while (queue.length > 0) {
    const c = queue.shift()!;
    if (c === '' || c === '.') continue;
    if (c === '..') {
      resolved.pop();
      continue;
    }
    const p = path.join(root, ...resolved, c);
    checkPathLength(p, options.name);
    let st;
    try {
      st = await fsp.lstat(p);
    } catch (err) {
      if (!isErrno(err, 'ENOENT')) throw err;
      if (!options.create) return undefined;
      await fsp.mkdir(p, { mode: 0o755 });
      options.created?.(p);
      resolved.push(c);
      continue;
    }
    if (st.isSymbolicLink()) {
      if (++links > MAX_LINKS) throw invalidArgument(`layer entry "${printable(options.name)}": too many levels of symbolic links`);
      const target = await fsp.readlink(p);
      if (target.startsWith('/')) resolved.length = 0;
      queue.unshift(...target.split('/'));
      continue;
    }
    if (!st.isDirectory()) throw invalidArgument(`layer entry "${printable(options.name)}": "${path.relative(root, p)}" is not a directory`);
    resolved.push(c);
  }
  return path.join(root, ...resolved);
}

function printable(name: string): string {
  const shown = name.length > 200 ? `${name.slice(0, 200)}...` : name;
  return shown.replace(/[\0-\x1f\x7f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
