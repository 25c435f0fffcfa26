// The content store: blobs named by their sha256, written through resumable ingests and verified
// against the expected digest and size before they become visible.
//
// Layout under root:
//   blobs/sha256/<hex>              the blob, read-only once committed
//   metadata/sha256/<hex>.json      { createdAt, updatedAt, labels }
//   ingest/<sha256 of ref>/data     bytes received so far (its size is the offset)
//   ingest/<sha256 of ref>/ref.json { ref, total, expected, startedAt }
// Metadata is one small JSON file per blob rather than one index: a label update rewrites a few
// bytes atomically, a crash can damage at most one entry, and nothing has to load the whole store
// to answer Info. A blob without a metadata file (a crash between the two renames of a commit, or a
// blob copied in by hand) still reads fine: it has no labels and its file times.
import { createHash, Hash } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { alreadyExists, failedPrecondition, invalidArgument, notFound, outOfRange, unavailable } from '@skiff/errors';
import { matchesFilters, parseFilters, recordField } from '../filters';
import { isErrno, readJson, removeTempFiles, writeJsonAtomic } from './atomic';
import { Mutex } from './lock';

export interface ContentInfo {
  digest: string;
  size: number;
  createdAt: Date;
  updatedAt: Date;
  labels: Record<string, string>;
}

export interface IngestStatus {
  ref: string;
  /** Bytes received so far. */
  offset: number;
  /** Expected size; 0 when unknown. */
  total: number;
  /** Expected digest; "" when unknown. */
  expected: string;
  startedAt: Date;
  updatedAt: Date;
}

export interface WriterOptions {
  total?: number;
  expected?: string;
}

const DIGEST = /^sha256:([a-f0-9]{64})$/;
// containerd's limit: a label is metadata, not a place for payloads.
const MAX_LABEL_BYTES = 4096;

const MetadataSchema = z.object({
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  labels: z.record(z.string(), z.string()),
});
type Metadata = z.infer<typeof MetadataSchema>;

const IngestSchema = z.object({
  ref: z.string(),
  total: z.number().int().nonnegative(),
  expected: z.string(),
  startedAt: z.iso.datetime(),
});

/** Refs being written, across every ContentStore of this process that shares a root. */
const heldIngests = new Set<string>();

export function validateDigest(digest: string): string {
  const m = DIGEST.exec(digest);
  if (!m) throw invalidArgument(`digest "${digest}": must be "sha256:" followed by 64 lowercase hex digits`);
  return m[1]!;
}

export function validateLabels(labels: Record<string, string>): void {
  for (const [k, v] of Object.entries(labels)) {
    if (k === '') throw invalidArgument('label keys must not be empty');
    if (Buffer.byteLength(k) + Buffer.byteLength(v) > MAX_LABEL_BYTES) {
      throw invalidArgument(`label "${k.slice(0, 64)}": key and value exceed ${MAX_LABEL_BYTES} bytes`);
    }
  }
}

/**
 * Applies an update mask to labels: empty or "labels" replaces them all; "labels.KEY" sets KEY
 * from the new labels, or removes it when the new labels lack it or hold "".
 */
export function updateLabels(current: Record<string, string>, next: Record<string, string>, fieldPaths: string[] = []): Record<string, string> {
  if (fieldPaths.length === 0 || fieldPaths.includes('labels')) return { ...next };
  const result = { ...current };
  for (const p of fieldPaths) {
    if (!p.startsWith('labels.') || p.length === 'labels.'.length) throw invalidArgument(`cannot update "${p}": only labels are mutable`);
    const key = p.slice('labels.'.length);
    const value = Object.prototype.hasOwnProperty.call(next, key) ? next[key] : undefined;
    if (value === undefined || value === '') delete result[key];
    else result[key] = value;
  }
  return result;
}

export class ContentStore {
  private readonly blobsDir: string;
  private readonly metaDir: string;
  private readonly ingestDir: string;
  private readonly metaMutex = new Mutex();

  constructor(
    readonly root: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.blobsDir = path.join(root, 'blobs', 'sha256');
    this.metaDir = path.join(root, 'metadata', 'sha256');
    this.ingestDir = path.join(root, 'ingest');
  }

  /** Creates the layout and drops temporary files left by a crash. */
  async open(): Promise<void> {
    for (const d of [this.blobsDir, this.metaDir, this.ingestDir]) await fsp.mkdir(d, { recursive: true });
    await removeTempFiles(this.metaDir);
    for (const name of await fsp.readdir(this.ingestDir)) await removeTempFiles(path.join(this.ingestDir, name));
  }

  /**
   * Opens the ingest named ref, creating it or resuming it at the offset already written.
   * UNAVAILABLE while another writer holds the same ref.
   */
  async writer(ref: string, options: WriterOptions = {}): Promise<ContentWriter> {
    if (ref === '') throw invalidArgument('ingest ref must not be empty');
    if (options.expected !== undefined && options.expected !== '') validateDigest(options.expected);
    const dir = this.ingestPath(ref);
    if (heldIngests.has(dir)) throw unavailable(`ref "${ref}" is locked: another writer is ingesting it`);
    heldIngests.add(dir);
    try {
      await fsp.mkdir(dir, { recursive: true });
      const existing = await readJson(path.join(dir, 'ref.json'), IngestSchema);
      const state = {
        ref,
        total: options.total ?? existing?.total ?? 0,
        expected: options.expected || existing?.expected || '',
        startedAt: existing?.startedAt ?? this.clock().toISOString(),
      };
      await writeJsonAtomic(path.join(dir, 'ref.json'), state);
      const dataPath = path.join(dir, 'data');
      const handle = await fsp.open(dataPath, fs.constants.O_WRONLY | fs.constants.O_CREAT, 0o644);
      try {
        // Resuming continues the digest: the bytes already on disk are hashed once more.
        const hash = createHash('sha256');
        let offset = 0;
        for await (const chunk of fs.createReadStream(dataPath)) {
          hash.update(chunk as Buffer);
          offset += (chunk as Buffer).length;
        }
        return new ContentWriter(this, dir, handle, hash, offset, state.total, state.expected, new Date(state.startedAt), ref);
      } catch (err) {
        await handle.close();
        throw err;
      }
    } catch (err) {
      heldIngests.delete(dir);
      throw err;
    }
  }

  async status(ref: string): Promise<IngestStatus> {
    const dir = this.ingestPath(ref);
    const state = await readJson(path.join(dir, 'ref.json'), IngestSchema);
    if (!state) throw notFound(`no ingest with ref "${ref}"`);
    let offset = 0;
    let updatedAt = new Date(state.startedAt);
    try {
      const st = await fsp.stat(path.join(dir, 'data'));
      offset = st.size;
      updatedAt = st.mtime;
    } catch (err) {
      if (!isErrno(err, 'ENOENT')) throw err;
    }
    return { ref: state.ref, offset, total: state.total, expected: state.expected, startedAt: new Date(state.startedAt), updatedAt };
  }

  /** Ingests in progress; filter fields: ref, expected. */
  async listStatuses(filters: string[] = []): Promise<IngestStatus[]> {
    const parsed = parseFilters(filters);
    const result: IngestStatus[] = [];
    for (const name of (await fsp.readdir(this.ingestDir)).sort()) {
      const state = await readJson(path.join(this.ingestDir, name, 'ref.json'), IngestSchema);
      if (!state) continue;
      const status = await this.status(state.ref);
      if (matchesFilters(parsed, recordField({ ref: status.ref, expected: status.expected }, {}))) result.push(status);
    }
    return result.sort((a, b) => compare(a.ref, b.ref));
  }

  /** Whether a writer currently holds ref (collection leaves such an ingest alone). */
  isWriting(ref: string): boolean {
    return heldIngests.has(this.ingestPath(ref));
  }

  /** Drops an ingest and its data. UNAVAILABLE while a writer holds it. */
  async abort(ref: string): Promise<void> {
    const dir = this.ingestPath(ref);
    if (heldIngests.has(dir)) throw unavailable(`ref "${ref}" is being written; close its writer first`);
    if (!(await exists(dir))) throw notFound(`no ingest with ref "${ref}"`);
    await fsp.rm(dir, { recursive: true, force: true });
  }

  async info(digest: string): Promise<ContentInfo> {
    const hex = validateDigest(digest);
    let st: fs.Stats;
    try {
      st = await fsp.stat(path.join(this.blobsDir, hex));
    } catch (err) {
      if (isErrno(err, 'ENOENT')) throw notFound(`content ${digest} not found`);
      throw err;
    }
    const meta = await readJson(this.metaPath(hex), MetadataSchema);
    return {
      digest,
      size: st.size,
      createdAt: meta ? new Date(meta.createdAt) : st.mtime,
      updatedAt: meta ? new Date(meta.updatedAt) : st.mtime,
      labels: meta ? { ...meta.labels } : {},
    };
  }

  /** Changes a blob's labels, the only mutable part (fieldPaths as in updateLabels). */
  async update(digest: string, labels: Record<string, string>, fieldPaths: string[] = []): Promise<ContentInfo> {
    const hex = validateDigest(digest);
    return this.metaMutex.run(async () => {
      const current = await this.info(digest);
      const next = updateLabels(current.labels, labels, fieldPaths);
      validateLabels(next);
      const meta: Metadata = { createdAt: current.createdAt.toISOString(), updatedAt: this.clock().toISOString(), labels: next };
      await writeJsonAtomic(this.metaPath(hex), meta);
      return this.info(digest);
    });
  }

  /** Committed blobs, by digest; filter fields: digest, size, labels.KEY. */
  async list(filters: string[] = []): Promise<ContentInfo[]> {
    const parsed = parseFilters(filters);
    const result: ContentInfo[] = [];
    for (const hex of (await fsp.readdir(this.blobsDir)).sort()) {
      if (!/^[a-f0-9]{64}$/.test(hex)) continue;
      let info: ContentInfo;
      try {
        info = await this.info(`sha256:${hex}`);
      } catch (err) {
        // Deleted while listing.
        if ((err as { kind?: string }).kind === 'NotFound') continue;
        throw err;
      }
      if (matchesFilters(parsed, recordField({ digest: info.digest, size: String(info.size) }, info.labels))) result.push(info);
    }
    return result;
  }

  /** The blob's bytes from offset; size 0 or undefined reads to the end. */
  async reader(digest: string, options: { offset?: number; size?: number } = {}): Promise<Readable> {
    const info = await this.info(digest);
    const offset = options.offset ?? 0;
    if (!Number.isSafeInteger(offset) || offset < 0 || offset > info.size) {
      throw outOfRange(`offset ${offset} is outside ${digest} (size ${info.size})`);
    }
    const size = options.size ?? 0;
    const end = size > 0 ? Math.min(info.size, offset + size) : info.size;
    // createReadStream cannot express an empty range (its end is inclusive).
    if (end === offset) return Readable.from([]);
    return fs.createReadStream(this.blobPath(digest), { start: offset, end: end - 1 });
  }

  /** A whole blob in memory: for manifests and configs, never for layers. */
  async readBlob(digest: string): Promise<Buffer> {
    await this.info(digest);
    return fsp.readFile(this.blobPath(digest));
  }

  /** Path of a committed blob, for consumers that need a file (reading a layer to unpack it). */
  blobPath(digest: string): string {
    return path.join(this.blobsDir, validateDigest(digest));
  }

  async delete(digest: string): Promise<void> {
    const hex = validateDigest(digest);
    await this.metaMutex.run(async () => {
      try {
        await fsp.unlink(path.join(this.blobsDir, hex));
      } catch (err) {
        if (isErrno(err, 'ENOENT')) throw notFound(`content ${digest} not found`);
        throw err;
      }
      await fsp.rm(this.metaPath(hex), { force: true });
    });
  }

  /** Metadata files whose blob is gone (a crash during a commit or delete); for collection. */
  async removeOrphanMetadata(): Promise<void> {
    await this.metaMutex.run(async () => {
      for (const name of await fsp.readdir(this.metaDir)) {
        const hex = name.replace(/\.json$/, '');
        if (!(await exists(path.join(this.blobsDir, hex)))) await fsp.rm(path.join(this.metaDir, name), { force: true });
      }
    });
  }

  /** Called by ContentWriter.commit once the data is verified. */
  async moveIntoPlace(dir: string, digest: string, labels: Record<string, string>): Promise<ContentInfo> {
    const hex = validateDigest(digest);
    return this.metaMutex.run(async () => {
      const target = path.join(this.blobsDir, hex);
      if (await exists(target)) {
        await fsp.rm(dir, { recursive: true, force: true });
        throw alreadyExists(`content ${digest} already exists`);
      }
      const now = this.clock().toISOString();
      // Metadata first: once the blob is visible its labels are, too (GC references live there).
      await writeJsonAtomic(this.metaPath(hex), { createdAt: now, updatedAt: now, labels } satisfies Metadata);
      const data = path.join(dir, 'data');
      await fsp.chmod(data, 0o444);
      await fsp.rename(data, target);
      await fsp.rm(dir, { recursive: true, force: true });
      return this.info(digest);
    });
  }

  /** Called by ContentWriter when it finishes, successfully or not. */
  release(dir: string): void {
    heldIngests.delete(dir);
  }

  private ingestPath(ref: string): string {
    return path.join(this.ingestDir, createHash('sha256').update(ref).digest('hex'));
  }

  private metaPath(hex: string): string {
    return path.join(this.metaDir, `${hex}.json`);
  }
}

// Written data is flushed to disk in the background every this many bytes, so the sync a commit
// needs finds little left to write (for a 70 MB layer that sync was the last ~100 ms of a pull).
const FLUSH_BYTES = 16 * 1024 * 1024;

/** One ingest, held exclusively until commit or close. Writes are appended in call order. */
export class ContentWriter {
  private readonly mutex = new Mutex();
  private done = false;
  private flushedTo: number;
  private flushing: Promise<void> | undefined;
  // Reported by the commit: a failed flush may have lost data a later sync would not notice.
  private flushError: unknown;

  constructor(
    private readonly store: ContentStore,
    private readonly dir: string,
    private readonly handle: fsp.FileHandle,
    private readonly hash: Hash,
    private written: number,
    private readonly total: number,
    private readonly expected: string,
    private readonly startedAt: Date,
    readonly ref: string,
  ) {
    this.flushedTo = written;
  }

  /** Bytes received so far. */
  get offset(): number {
    return this.written;
  }

  /**
   * Appends data, given as one buffer or as several written in one call (a stream's chunks need
   * not be copied together first). When offset is given it must equal the current offset
   * (OUT_OF_RANGE otherwise: the caller resumes from status().offset).
   */
  async write(data: Uint8Array | readonly Uint8Array[], offset?: number): Promise<number> {
    const parts = data instanceof Uint8Array ? [data] : data;
    const length = parts.reduce((n, p) => n + p.length, 0);
    return this.mutex.run(async () => {
      this.assertOpen();
      if (offset !== undefined && offset !== this.written) {
        throw outOfRange(`write at offset ${offset}, but ingest "${this.ref}" is at ${this.written}`);
      }
      if (this.total > 0 && this.written + length > this.total) {
        throw failedPrecondition(`ingest "${this.ref}": ${this.written + length} bytes exceed the expected size ${this.total}`);
      }
      let left = parts.filter((p) => p.length > 0);
      let pos = this.written;
      while (left.length > 0) {
        const { bytesWritten } = await this.handle.writev(left, pos);
        pos += bytesWritten;
        left = unwritten(left, bytesWritten);
      }
      for (const p of parts) this.hash.update(p);
      this.written += length;
      if (this.written - this.flushedTo >= FLUSH_BYTES && !this.flushing) {
        this.flushedTo = this.written;
        this.flushing = this.handle
          .datasync()
          .catch((err: unknown) => {
            this.flushError ??= err;
          })
          .finally(() => {
            this.flushing = undefined;
          });
      }
      return this.written;
    });
  }

  status(): IngestStatus {
    return { ref: this.ref, offset: this.written, total: this.total, expected: this.expected, startedAt: this.startedAt, updatedAt: new Date() };
  }

  /**
   * Verifies size and digest and moves the blob into the store. On a mismatch the ingest and its
   * data are removed (the bytes are known bad) and FAILED_PRECONDITION says what differed;
   * ALREADY_EXISTS when the store has the blob already (the ingest is dropped: same bytes).
   */
  async commit(expectedDigest?: string, expectedSize?: number, labels: Record<string, string> = {}): Promise<ContentInfo> {
    return this.mutex.run(async () => {
      this.assertOpen();
      const expected = expectedDigest || this.expected;
      if (!expected) throw invalidArgument(`commit of "${this.ref}": an expected digest is required`);
      validateDigest(expected);
      validateLabels(labels);
      this.done = true;
      try {
        await this.flushing;
        try {
          if (this.flushError !== undefined) throw this.flushError;
          await this.handle.sync();
        } finally {
          await this.handle.close();
        }
        const size = expectedSize || this.total;
        if (size > 0 && size !== this.written) {
          await fsp.rm(this.dir, { recursive: true, force: true });
          throw failedPrecondition(`commit of "${this.ref}" failed: expected size ${size}, got ${this.written} bytes; ingest removed`);
        }
        const actual = `sha256:${this.hash.digest('hex')}`;
        if (actual !== expected) {
          await fsp.rm(this.dir, { recursive: true, force: true });
          throw failedPrecondition(`commit of "${this.ref}" failed: digest mismatch: expected digest ${expected}, got ${actual}; ingest removed`);
        }
        return await this.store.moveIntoPlace(this.dir, expected, labels);
      } finally {
        this.store.release(this.dir);
      }
    });
  }

  /** Releases the ref and keeps the data, so a later writer resumes where this one stopped. */
  close(): Promise<void> {
    return this.mutex.run(async () => {
      if (this.done) return;
      this.done = true;
      try {
        await this.flushing;
        await this.handle.close();
      } finally {
        this.store.release(this.dir);
      }
    });
  }

  private assertOpen(): void {
    if (this.done) throw failedPrecondition(`writer for "${this.ref}" is closed`);
  }
}

/** What a short writev left of parts. */
function unwritten(parts: readonly Uint8Array[], written: number): Uint8Array[] {
  let skip = written;
  let i = 0;
  while (i < parts.length && skip >= parts[i]!.length) skip -= parts[i++]!.length;
  const rest = parts.slice(i);
  if (rest.length > 0 && skip > 0) rest[0] = rest[0]!.subarray(skip);
  return rest;
}

async function exists(p: string): Promise<boolean> {
  try {
    await fsp.lstat(p);
    return true;
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return false;
    throw err;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
