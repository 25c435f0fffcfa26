// The image's /etc/passwd and /etc/group for a new container's user, read straight from the
// layer directories of its snapshot as overlayfs would show them, without mounting anything:
// dockerd resolves every container's user in those files (a bare uid gets its entry's group and
// memberships), so this runs on each create, and a mount there costs time and needs a real
// snapshot. Layers are immutable, so the result is kept per image (chain id).
//
// Overlay rules followed: the topmost layer holding a name wins; a whiteout (0:0 character
// device) hides the name in the layers below; a directory merges with the directories of the same
// path below it until a layer has a non-directory there. Opaque directories (an xattr Node cannot
// read) are not seen, so a layer that replaced /etc wholesale still shows the files of the layers
// under it. Symlinks are followed inside the container's root, never out of it.
import type { Stats } from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { layersOf } from './archive-changes';
import { components } from './archive-paths';
import type { UserFiles } from './hostconfig-user';
import type { SnapshotMount } from './ports';

const MAX_SYMLINKS = 16;
const CACHED_IMAGES = 64;

type Lookup = { kind: 'missing' } | { kind: 'file'; hostPath: string } | { kind: 'link'; rest: string[] };

async function lstat(p: string): Promise<Stats | undefined> {
  try {
    return await fsp.lstat(p);
  } catch {
    return undefined;
  }
}

const isWhiteout = (st: Stats) => st.isCharacterDevice() && st.rdev === 0;

/** Walks `parts` down the layers (top first) until the file, a miss, or a symlink to follow. */
async function walk(layers: string[], parts: string[]): Promise<Lookup> {
  let dirs = layers;
  for (let i = 0; i < parts.length; i++) {
    const rel = parts.slice(0, i + 1);
    const below: string[] = [];
    let top: { hostPath: string; st: Stats } | undefined;
    for (const layer of dirs) {
      const hostPath = path.join(layer, ...rel);
      const st = await lstat(hostPath);
      if (!st) continue;
      if (isWhiteout(st)) break;
      top ??= { hostPath, st };
      if (!st.isDirectory() || !top.st.isDirectory()) break;
      below.push(layer);
    }
    if (!top) return { kind: 'missing' };
    const last = i === parts.length - 1;
    if (top.st.isSymbolicLink()) {
      const target = await fsp.readlink(top.hostPath);
      const base = path.posix.isAbsolute(target) ? [] : parts.slice(0, i);
      return { kind: 'link', rest: [...base, ...components(target), ...parts.slice(i + 1)] };
    }
    if (last) return top.st.isFile() ? { kind: 'file', hostPath: top.hostPath } : { kind: 'missing' };
    if (!top.st.isDirectory()) return { kind: 'missing' };
    dirs = below;
  }
  return { kind: 'missing' };
}

/** Drops ".." the way a lookup from the root does: never above "/". */
function clamp(parts: string[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out;
}

/** A file of the overlay of `layers` (top first) as text; '' when it is missing or not a file. */
export async function readInLayers(layers: string[], file: string): Promise<string> {
  let parts = clamp(components(file));
  for (let hops = 0; hops <= MAX_SYMLINKS; hops++) {
    const found = await walk(layers, parts);
    if (found.kind === 'missing') return '';
    if (found.kind === 'file') return fsp.readFile(found.hostPath, 'utf8');
    parts = clamp(found.rest);
  }
  return '';
}

/** The user files of a snapshot's mounts (the fake's "no mounts" is an empty filesystem). */
export async function userFilesOf(mounts: SnapshotMount[]): Promise<UserFiles> {
  const { upper, lowers } = layersOf(mounts);
  const layers = [upper, ...lowers].filter((l) => l !== '');
  const [passwd, group] = await Promise.all([readInLayers(layers, '/etc/passwd'), readInLayers(layers, '/etc/group')]);
  return { passwd, group };
}

/** Per image, the user files read the first time a container of it is created. */
export class ImageUserFiles {
  private readonly cache = new Map<string, Promise<UserFiles>>();

  /** `mounts` gives a snapshot of the image `chainId` that nothing has written to yet. */
  get(chainId: string, mounts: () => Promise<SnapshotMount[]>): Promise<UserFiles> {
    const cached = this.cache.get(chainId);
    if (cached) return cached;
    const read = mounts().then(userFilesOf);
    this.cache.set(chainId, read);
    read.catch(() => this.cache.delete(chainId));
    if (this.cache.size > CACHED_IMAGES) this.cache.delete(this.cache.keys().next().value!);
    return read;
  }
}
