// `docker diff`: what a container changed in its filesystem, read from its overlay snapshot. The
// upper dir holds exactly what was written: a whiteout (a 0:0 character device) is a deletion,
// anything else is a modification when a lower layer has the same path and an addition when none
// has. A snapshot without parents (a bind mount of one directory) is all additions.
import type { Stats } from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import type { SnapshotMount } from './ports';

/** Docker's ContainerChangeResponseItem: Kind 0 modified, 1 added, 2 deleted. */
export interface Change {
  Path: string;
  Kind: 0 | 1 | 2;
}

function isWhiteout(st: Stats): boolean {
  return st.isCharacterDevice() && st.rdev === 0;
}

/** The upper dir and the lower dirs (top first) of a snapshot's mounts. */
export function layersOf(mounts: SnapshotMount[]): { upper: string; lowers: string[] } {
  const m = mounts[0];
  if (!m) return { upper: '', lowers: [] };
  if (m.type !== 'overlay') return { upper: m.source, lowers: [] };
  const option = (name: string) => m.options.find((o) => o.startsWith(`${name}=`))?.slice(name.length + 1);
  const lowers = option('lowerdir')?.split(':') ?? [];
  const upper = option('upperdir');
  // A read-only view has no upper dir; its top lower layer then holds the changes.
  return upper ? { upper, lowers } : { upper: lowers[0] ?? '', lowers: lowers.slice(1) };
}

async function exists(p: string): Promise<boolean> {
  return fsp.lstat(p).then(
    () => true,
    () => false,
  );
}

export async function changes(mounts: SnapshotMount[]): Promise<Change[]> {
  const { upper, lowers } = layersOf(mounts);
  const out: Change[] = [];
  const inLower = async (rel: string) => {
    for (const l of lowers) if (await exists(path.join(l, rel))) return true;
    return false;
  };
  const walk = async (rel: string): Promise<void> => {
    for (const name of (await fsp.readdir(path.join(upper, rel))).sort()) {
      const child = path.posix.join(rel, name);
      const st = await fsp.lstat(path.join(upper, child));
      if (isWhiteout(st)) {
        out.push({ Path: `/${child}`, Kind: 2 });
        continue;
      }
      const modified = await inLower(child);
      out.push({ Path: `/${child}`, Kind: modified ? 0 : 1 });
      // Under an added directory everything is added too; Docker lists each entry.
      if (st.isDirectory()) await walk(child);
    }
  };
  if (upper !== '') await walk('');
  return out;
}
