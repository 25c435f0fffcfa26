import * as fs from 'node:fs';
import * as path from 'node:path';

const MAX_SYMLINKS = 255;

/**
 * Joins an untrusted path onto root as if root were "/": every symlink met on the way is resolved
 * inside root, and ".." never climbs above it. Mount destinations come from images and configs, so
 * a symlink like /etc -> /host/etc must not move a mount outside the container.
 */
export function secureJoin(root: string, unsafePath: string): string {
  const rest = unsafePath.split('/').filter((p) => p !== '' && p !== '.');
  const resolved: string[] = [];
  let links = 0;
  while (rest.length > 0) {
    const part = rest.shift()!;
    if (part === '..') {
      resolved.pop();
      continue;
    }
    const candidate = path.join(root, ...resolved, part);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.lstatSync(candidate);
    } catch {
      stat = undefined;
    }
    if (!stat?.isSymbolicLink()) {
      resolved.push(part);
      continue;
    }
    if (++links > MAX_SYMLINKS) throw new Error(`secure join ${unsafePath}: too many levels of symbolic links`);
    const target = fs.readlinkSync(candidate);
    const targetParts = target.split('/').filter((p) => p !== '' && p !== '.');
    if (target.startsWith('/')) resolved.length = 0;
    rest.unshift(...targetParts);
  }
  return path.join(root, ...resolved);
}
