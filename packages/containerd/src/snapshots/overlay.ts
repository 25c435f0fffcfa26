// The overlayfs snapshotter, with containerd's semantics: committed snapshots are immutable layers
// that can be parents; active snapshots are writable (an overlay upper dir over their parents);
// views are read-only.
//
// Layout under root:
//   metadata.json             every snapshot: key -> { id, kind, parent, labels, times }
//   snapshots/<id>/fs         the snapshot's own files (its overlay upper dir)
//   snapshots/<id>/work       overlay's workdir, for active snapshots
//   tmp/                      directories being created or removed
// Metadata is one index file, not a file per snapshot: commit renames a key, remove checks for
// children, prepare checks the parent, and each of those must see and change a consistent whole.
// The index is small (one entry per layer or container) and replaced atomically on every change.
//
// Crash safety: a snapshot directory is built under tmp/ and renamed into snapshots/ before the
// index names it; removal drops it from the index before moving it back to tmp/. So a directory
// the index does not name is debris, removed with tmp/ on open, and a half-made snapshot is never
// listed, let alone committed.
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { z } from 'zod';
import { alreadyExists, failedPrecondition, invalidArgument, notFound } from '@skiff/errors';
import { isErrno, readJson, removeTempFiles, writeJsonAtomic } from '../content/atomic';
import { Mutex } from '../content/lock';
import { updateLabels, validateLabels } from '../content/store';
import { matchesFilters, parseFilters, recordField } from '../filters';
import type { Mount } from './types';

export type SnapshotKind = 'view' | 'active' | 'committed';

export interface SnapshotInfo {
  /** The key (active, view) or name (committed). */
  name: string;
  /** The committed parent's name; "" for none. */
  parent: string;
  kind: SnapshotKind;
  createdAt: Date;
  updatedAt: Date;
  labels: Record<string, string>;
}

export interface SnapshotUsage {
  /** Bytes of disk used by the snapshot's own files (blocks, hard links counted once). */
  size: number;
  inodes: number;
}

const EntrySchema = z.object({
  id: z.number().int().positive(),
  kind: z.enum(['view', 'active', 'committed']),
  parent: z.string(),
  labels: z.record(z.string(), z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
type Entry = z.infer<typeof EntrySchema>;

const IndexSchema = z.object({
  version: z.literal(1),
  nextId: z.number().int().positive(),
  snapshots: z.record(z.string(), EntrySchema),
});
type Index = z.infer<typeof IndexSchema>;

export class OverlaySnapshotter {
  private readonly mutex = new Mutex();
  private index: Index = { version: 1, nextId: 1, snapshots: {} };
  private opened = false;

  constructor(
    readonly root: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Loads the index and removes the debris of interrupted creations and removals. */
  open(): Promise<void> {
    return this.mutex.run(async () => {
      await fsp.mkdir(path.join(this.root, 'snapshots'), { recursive: true });
      await fsp.rm(this.tmpDir, { recursive: true, force: true });
      await fsp.mkdir(this.tmpDir);
      await removeTempFiles(this.root);
      this.index = (await readJson(this.indexPath, IndexSchema)) ?? { version: 1, nextId: 1, snapshots: {} };
      const known = new Set(Object.values(this.index.snapshots).map((e) => String(e.id)));
      for (const name of await fsp.readdir(path.join(this.root, 'snapshots'))) {
        if (!known.has(name)) await fsp.rm(path.join(this.root, 'snapshots', name), { recursive: true, force: true });
      }
      this.opened = true;
    });
  }

  /** An active (writable) snapshot on top of the committed parent ("" or undefined for none). */
  async prepare(key: string, parent = '', labels: Record<string, string> = {}): Promise<Mount[]> {
    return this.create('active', key, parent, labels);
  }

  /** A read-only view of the committed parent; it cannot be committed. */
  async view(key: string, parent = '', labels: Record<string, string> = {}): Promise<Mount[]> {
    return this.create('view', key, parent, labels);
  }

  /** The mounts of an active snapshot or view. */
  mounts(key: string): Promise<Mount[]> {
    return this.mutex.run(async () => {
      const entry = this.get(key);
      if (entry.kind === 'committed') throw failedPrecondition(`snapshot "${key}" is committed: prepare or view on top of it to mount it`);
      return this.mountsOf(entry);
    });
  }

  /**
   * Turns the active snapshot key into the committed snapshot name; key is gone afterwards.
   * `parent` commits a snapshot prepared without one on top of that committed snapshot: a layer
   * unpacked while the layers below it were still being unpacked. Its files must already be an
   * overlay upper dir (whiteouts as 0/0 character devices, opaque directories marked), and nothing
   * may have it mounted: the snapshotter does not look at them.
   */
  async commit(name: string, key: string, labels: Record<string, string> = {}, options: { parent?: string } = {}): Promise<void> {
    validateKey(name);
    validateLabels(labels);
    return this.mutex.run(async () => {
      const entry = this.get(key);
      if (entry.kind !== 'active') throw failedPrecondition(`snapshot "${key}" is ${entry.kind}, only an active snapshot can be committed`);
      if (this.index.snapshots[name]) throw alreadyExists(`snapshot "${name}" already exists`);
      const parent = options.parent ?? entry.parent;
      if (parent !== entry.parent) {
        if (entry.parent !== '') throw failedPrecondition(`snapshot "${key}" has the parent "${entry.parent}" already`);
        this.checkParent(parent);
      }
      const now = this.clock().toISOString();
      await this.change((snapshots) => {
        delete snapshots[key];
        snapshots[name] = { ...entry, parent, kind: 'committed', labels: { ...entry.labels, ...labels }, createdAt: now, updatedAt: now };
      });
      // The overlay workdir is scratch space for an active mount; a layer needs none.
      await fsp.rm(this.workPath(entry.id), { recursive: true, force: true });
      await fsp.mkdir(this.workPath(entry.id));
    });
  }

  /** FAILED_PRECONDITION while another snapshot has key as its parent. */
  remove(key: string): Promise<void> {
    return this.mutex.run(async () => {
      const entry = this.get(key);
      const children = Object.entries(this.index.snapshots).filter(([, e]) => e.parent === key).map(([k]) => k);
      if (children.length > 0) {
        throw failedPrecondition(`snapshot "${key}" has children (${children.slice(0, 5).join(', ')}${children.length > 5 ? ', ...' : ''}); remove them first`);
      }
      await this.change((snapshots) => {
        delete snapshots[key];
      });
      const doomed = path.join(this.tmpDir, `rm-${entry.id}`);
      await fsp.rename(this.snapshotPath(entry.id), doomed);
      await fsp.rm(doomed, { recursive: true, force: true });
    });
  }

  async stat(key: string): Promise<SnapshotInfo> {
    return this.mutex.run(async () => toInfo(key, this.get(key)));
  }

  /** Changes labels (fieldPaths: "labels" or "labels.KEY"; empty replaces them all). */
  async update(key: string, labels: Record<string, string>, fieldPaths: string[] = []): Promise<SnapshotInfo> {
    return this.mutex.run(async () => {
      const entry = this.get(key);
      const next = updateLabels(entry.labels, labels, fieldPaths);
      validateLabels(next);
      const updated: Entry = { ...entry, labels: next, updatedAt: this.clock().toISOString() };
      await this.change((snapshots) => {
        snapshots[key] = updated;
      });
      return toInfo(key, updated);
    });
  }

  /** Snapshots by name; filter fields: name, parent, kind, labels.KEY. */
  async list(filters: string[] = []): Promise<SnapshotInfo[]> {
    const parsed = parseFilters(filters);
    return this.mutex.run(async () =>
      Object.entries(this.index.snapshots)
        .map(([k, e]) => toInfo(k, e))
        .filter((i) => matchesFilters(parsed, recordField({ name: i.name, parent: i.parent, kind: i.kind }, i.labels)))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    );
  }

  /** Disk space and inodes of the snapshot's own files, not its parents'. */
  async usage(key: string): Promise<SnapshotUsage> {
    const id = await this.mutex.run(async () => this.get(key).id);
    const seen = new Set<string>();
    const total: SnapshotUsage = { size: 0, inodes: 0 };
    const walk = async (dir: string): Promise<void> => {
      for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        const st = await fsp.lstat(p, { bigint: true });
        const inode = `${st.dev}:${st.ino}`;
        if (!seen.has(inode)) {
          seen.add(inode);
          total.inodes++;
          total.size += Number(st.blocks) * 512;
        }
        if (entry.isDirectory()) await walk(p);
      }
    };
    try {
      await walk(this.fsPath(id));
    } catch (err) {
      // Removed while walking.
      if (isErrno(err, 'ENOENT')) throw notFound(`snapshot "${key}" not found`);
      throw err;
    }
    return total;
  }

  private async create(kind: 'active' | 'view', key: string, parent: string, labels: Record<string, string>): Promise<Mount[]> {
    validateKey(key);
    validateLabels(labels);
    return this.mutex.run(async () => {
      if (!this.opened) throw failedPrecondition('snapshotter not opened: call open() first');
      if (this.index.snapshots[key]) throw alreadyExists(`snapshot "${key}" already exists`);
      if (parent !== '') this.checkParent(parent);
      const id = this.index.nextId;
      const building = path.join(this.tmpDir, `new-${id}`);
      await fsp.mkdir(path.join(building, 'fs'), { recursive: true, mode: 0o755 });
      await fsp.mkdir(path.join(building, 'work'), { mode: 0o700 });
      await fsp.rename(building, this.snapshotPath(id));
      const now = this.clock().toISOString();
      const entry: Entry = { id, kind, parent, labels: { ...labels }, createdAt: now, updatedAt: now };
      try {
        await this.change((snapshots, index) => {
          snapshots[key] = entry;
          index.nextId = id + 1;
        });
      } catch (err) {
        await fsp.rm(this.snapshotPath(id), { recursive: true, force: true });
        throw err;
      }
      return this.mountsOf(entry);
    });
  }

  private mountsOf(entry: Entry): Mount[] {
    const lowers: string[] = [];
    for (let p = entry.parent; p !== ''; ) {
      const e = this.index.snapshots[p]!;
      lowers.push(this.fsPath(e.id));
      p = e.parent;
    }
    if (entry.kind === 'active') {
      if (lowers.length === 0) return [{ type: 'bind', source: this.fsPath(entry.id), target: '', options: ['rbind', 'rw'] }];
      return [
        {
          type: 'overlay',
          source: 'overlay',
          target: '',
          // index=off: the same lower layers are shared by many overlays at once, which the inode
          // index would refuse.
          options: ['index=off', `workdir=${this.workPath(entry.id)}`, `upperdir=${this.fsPath(entry.id)}`, `lowerdir=${lowers.join(':')}`],
        },
      ];
    }
    // overlayfs wants two lowers at least without an upper; fewer is a plain read-only bind.
    if (lowers.length <= 1) return [{ type: 'bind', source: lowers[0] ?? this.fsPath(entry.id), target: '', options: ['rbind', 'ro'] }];
    return [{ type: 'overlay', source: 'overlay', target: '', options: ['index=off', `lowerdir=${lowers.join(':')}`] }];
  }

  private checkParent(parent: string): void {
    const p = this.index.snapshots[parent];
    if (!p) throw notFound(`parent snapshot "${parent}" not found`);
    if (p.kind !== 'committed') throw invalidArgument(`parent "${parent}" is ${p.kind}: only a committed snapshot can be a parent`);
  }

  private get(key: string): Entry {
    if (!this.opened) throw failedPrecondition('snapshotter not opened: call open() first');
    const entry = this.index.snapshots[key];
    if (!entry) throw notFound(`snapshot "${key}" not found`);
    return entry;
  }

  // The index changes as a copy that replaces the live one only once it is on disk.
  private async change(edit: (snapshots: Index['snapshots'], index: Index) => void): Promise<void> {
    const next: Index = { ...this.index, snapshots: { ...this.index.snapshots } };
    edit(next.snapshots, next);
    await writeJsonAtomic(this.indexPath, next);
    this.index = next;
  }

  private get indexPath(): string {
    return path.join(this.root, 'metadata.json');
  }

  private get tmpDir(): string {
    return path.join(this.root, 'tmp');
  }

  private snapshotPath(id: number): string {
    return path.join(this.root, 'snapshots', String(id));
  }

  private fsPath(id: number): string {
    return path.join(this.snapshotPath(id), 'fs');
  }

  private workPath(id: number): string {
    return path.join(this.snapshotPath(id), 'work');
  }
}

function validateKey(key: string): void {
  if (key === '' || key.includes('\0') || Buffer.byteLength(key) > 4096) throw invalidArgument(`snapshot key "${key.slice(0, 64)}": must be 1-4096 bytes without NUL`);
}

function toInfo(name: string, e: Entry): SnapshotInfo {
  return { name, parent: e.parent, kind: e.kind, createdAt: new Date(e.createdAt), updatedAt: new Date(e.updatedAt), labels: { ...e.labels } };
}

