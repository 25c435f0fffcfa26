// Temporary directories and mounts that are cleaned up whatever a test did: register them as they
// are made, call cleanup() from afterEach/afterAll.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mountAll, unmount } from '../../../src/snapshots/mount';
import type { Mount } from '../../../src/snapshots/types';

export class Fixtures {
  private readonly dirs: string[] = [];
  private readonly mounts: string[] = [];

  tempDir(prefix = 'skiff-images-'): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    this.dirs.push(dir);
    return dir;
  }

  /** Mounts under a new temp dir and remembers it for cleanup. */
  async mount(mounts: Mount[], base?: string): Promise<string> {
    const target = fs.mkdtempSync(path.join(base ?? this.tempDir('skiff-mnt-'), 'm-'));
    await mountAll(mounts, target);
    this.mounts.push(target);
    return target;
  }

  async unmount(target: string): Promise<void> {
    await unmount(target);
    this.mounts.splice(this.mounts.indexOf(target), 1);
  }

  async cleanup(): Promise<void> {
    for (const m of this.mounts.splice(0).reverse()) await unmount(m).catch(() => undefined);
    for (const d of this.dirs.splice(0).reverse()) fs.rmSync(d, { recursive: true, force: true });
  }
}

/** The files of a tree, for comparisons: type, mode, owner, content or link, whiteout devices. */
export function readTree(root: string, opts: { mtime?: boolean } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, prefix: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      const rel = prefix + name;
      const st = fs.lstatSync(full);
      const meta = `${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid}${opts.mtime && !st.isSymbolicLink() ? ` t=${Math.floor(st.mtimeMs / 1000)}` : ''}`;
      if (st.isDirectory()) {
        out[`${rel}/`] = `dir ${meta}`;
        walk(full, `${rel}/`);
      } else if (st.isFile()) out[rel] = `file ${meta} ${fs.readFileSync(full, 'utf8')}`;
      else if (st.isSymbolicLink()) out[rel] = `symlink -> ${fs.readlinkSync(full)}`;
      else if (st.isCharacterDevice()) out[rel] = `chardev ${st.rdev} ${meta}`;
      else if (st.isBlockDevice()) out[rel] = `blockdev ${st.rdev} ${meta}`;
      else if (st.isFIFO()) out[rel] = `fifo ${meta}`;
    }
  };
  walk(root, '');
  return out;
}
