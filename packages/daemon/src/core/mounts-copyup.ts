// Docker's copy-up: a volume mounted over a path that holds content in the image starts with a
// copy of that content (files, ownership, modes, the directory's own owner and mode) when the
// volume is empty. Done at create, from the container's root filesystem (rootfs-view), as
// dockerd's populateVolumes does.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { internal } from '@skiff/errors';
import type { MountPoint } from './mounts';

const run = promisify(execFile);

/**
 * The host path of `p` inside `root`, following symlinks as the container would see them (an
 * absolute target is relative to root), never leaving root. Undefined when it does not exist.
 */
export function resolveInRootfs(root: string, p: string): string | undefined {
  const pending = p.split('/').filter(Boolean);
  const done: string[] = [];
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift()!;
    if (part === '.') continue;
    if (part === '..') {
      done.pop();
      continue;
    }
    const host = path.join(root, ...done, part);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(host);
    } catch {
      return undefined;
    }
    if (!st.isSymbolicLink()) {
      done.push(part);
      continue;
    }
    if (++hops > 40) return undefined;
    const target = fs.readlinkSync(host);
    if (target.startsWith('/')) done.length = 0;
    pending.unshift(...target.split('/').filter(Boolean));
  }
  return path.join(root, ...done);
}

/** Fills each new, empty volume from the image's content at its destination; clears CopyUp. */
export async function copyUp(root: string, points: MountPoint[]): Promise<MountPoint[]> {
  const out: MountPoint[] = [];
  for (const point of points) {
    const { CopyUp: wanted, ...rest } = point;
    out.push(rest);
    if (!wanted) continue;
    const source = resolveInRootfs(root, point.Destination);
    if (!source || !fs.statSync(source).isDirectory() || fs.readdirSync(point.Source).length > 0) continue;
    try {
      // cp -a keeps owners, modes, times, links and xattrs; "src/." also gives the volume's
      // directory the image directory's owner and mode.
      await run('cp', ['-a', '--', `${source}/.`, `${point.Source}/`]);
    } catch (err) {
      throw internal(`copying the image's ${point.Destination} into volume ${point.Name ?? ''} failed: ${String((err as { stderr?: string }).stderr ?? err)}`, { cause: err });
    }
  }
  return out;
}
