// Producing layer tars: the changes of an active overlay snapshot (its upper dir, with overlay's
// deletion markers turned back into OCI whiteouts), or a whole directory tree (a rootfs export).
// Output is deterministic for a given tree: entries in byte order of their names, depth first,
// a directory before its contents, no uname/gname, so committing the same change twice gives the
// same digest.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import * as tar from 'tar-stream';
import { invalidArgument } from '@skiff/errors';
import type { Mount } from '../snapshots/types';
import { lgetxattr, llistxattr, majorOf, minorOf } from './syscalls';

export interface TarOptions {
  /** Default 'none'. */
  compression?: 'none' | 'gzip';
}

export interface TarResult {
  /** sha256 of the bytes of the stream (compressed, when compressed). */
  digest: string;
  size: number;
  /** sha256 of the uncompressed tar: the layer's diffID. */
  diffId: string;
  uncompressedSize: number;
}

export interface TarStream {
  stream: Readable;
  /** Settles once the stream has been read to its end (or failed). */
  result: Promise<TarResult>;
}

const OPAQUE_XATTR = 'trusted.overlay.opaque';

type EntryHeader = Partial<tar.Header> & { name: string };

/**
 * The layer an active snapshot adds to its parents, from its mounts: an overlay's upper dir, or a
 * bind mount's source (a snapshot without parent, all of whose files are new). Diff a snapshot
 * nobody is writing to: a file that changes size while it is read fails the stream.
 */
export function diffMounts(mounts: Mount[], options: TarOptions = {}): TarStream {
  const m = mounts.length === 1 ? mounts[0]! : undefined;
  const upper = m?.type === 'overlay' ? m.options.find((o) => o.startsWith('upperdir='))?.slice('upperdir='.length) : undefined;
  if (upper) return tarDirectory(upper, true, options);
  // A read-only bind is a view of its parent: its files are the parent's, not a change.
  if (m && (m.type === 'bind' || m.options.includes('bind') || m.options.includes('rbind')) && !m.options.includes('ro')) {
    return tarDirectory(m.source, false, options);
  }
  throw invalidArgument('only an active snapshot (one overlay with an upper dir, or one bind mount) can be diffed');
}

/** The changes recorded in an overlay upper dir, as an OCI layer. */
export function diffUpperDir(upperDir: string, options: TarOptions = {}): TarStream {
  return tarDirectory(upperDir, true, options);
}

/** Every file of a directory (e.g. a mounted view of a snapshot), as a plain tar. */
export function exportRootfs(dir: string, options: TarOptions = {}): TarStream {
  return tarDirectory(dir, false, options);
}

function tarDirectory(dir: string, overlayUpper: boolean, options: TarOptions): TarStream {
  const pack = tar.pack();
  const uncompressed = digester();
  const compressed = digester();
  const output = new PassThrough();
  const stages: Array<NodeJS.ReadableStream | NodeJS.WritableStream | NodeJS.ReadWriteStream> = [Readable.from(pack), uncompressed.tap];
  if (options.compression === 'gzip') stages.push(zlib.createGzip());
  stages.push(compressed.tap, output);
  // A reader that stops reading ends the pipeline; the producer then stops at its next step.
  const abandoned = new AbortController();
  const flowing = pipeline(stages as unknown as [NodeJS.ReadableStream, ...NodeJS.WritableStream[]]).catch((err: unknown) => {
    abandoned.abort(err);
    throw err;
  });
  // Failures reach the reader through the pipeline and the caller through result; the pack, torn
  // down after a reader leaves, must not raise them again as an unhandled event.
  pack.on('error', () => undefined);
  const producing = writeEntries(pack, dir, overlayUpper, abandoned.signal).then(
    () => pack.finalize(),
    (err: unknown) => {
      pack.destroy(err as Error);
      throw err;
    },
  );
  const result = Promise.all([producing, flowing]).then(() => ({
    digest: compressed.digest(),
    size: compressed.size(),
    diffId: uncompressed.digest(),
    uncompressedSize: uncompressed.size(),
  }));
  // The stream reports the failure to its reader; result reports it only to whoever awaits it.
  result.catch(() => undefined);
  return { stream: output, result };
}

function digester() {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  let digest: string | undefined;
  return { tap, digest: () => (digest ??= `sha256:${hash.digest('hex')}`), size: () => size };
}

async function writeEntries(pack: tar.Pack, root: string, overlayUpper: boolean, signal: AbortSignal): Promise<void> {
  const linked = new Map<string, string>();
  const visit = async (dir: string, prefix: string): Promise<void> => {
    const names = (await fsp.readdir(dir)).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    for (const name of names) {
      signal.throwIfAborted();
      const full = path.join(dir, name);
      const rel = prefix + name;
      const st = await fsp.lstat(full);
      const common = { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, mtime: new Date(Math.floor(st.mtimeMs / 1000) * 1000) };
      if (overlayUpper && st.isCharacterDevice() && st.rdev === 0) {
        await addEntry(pack, { ...common, name: prefix + '.wh.' + name, type: 'file', size: 0 });
        continue;
      }
      const pax = xattrsOf(full);
      if (st.isDirectory()) {
        await addEntry(pack, { ...common, name: `${rel}/`, type: 'directory', pax });
        if (overlayUpper && lgetxattr(full, OPAQUE_XATTR)?.toString() === 'y') {
          await addEntry(pack, { ...common, name: `${rel}/.wh..wh..opq`, type: 'file', size: 0, mode: 0 });
        }
        await visit(full, `${rel}/`);
      } else if (st.isFile()) {
        const inode = `${st.dev}:${st.ino}`;
        const first = st.nlink > 1 ? linked.get(inode) : undefined;
        if (first !== undefined) {
          await addEntry(pack, { ...common, name: rel, type: 'link', linkname: first });
          continue;
        }
        if (st.nlink > 1) linked.set(inode, rel);
        await addFile(pack, { ...common, name: rel, type: 'file', size: st.size, pax }, full, signal);
      } else if (st.isSymbolicLink()) {
        await addEntry(pack, { ...common, name: rel, type: 'symlink', linkname: await fsp.readlink(full), pax });
      } else if (st.isCharacterDevice() || st.isBlockDevice()) {
        const type = st.isCharacterDevice() ? 'character-device' : 'block-device';
        await addEntry(pack, { ...common, name: rel, type, devmajor: majorOf(st.rdev), devminor: minorOf(st.rdev), pax });
      } else if (st.isFIFO()) {
        await addEntry(pack, { ...common, name: rel, type: 'fifo', pax });
      }
      // Sockets belong to a running process, not to an image: skipped, as tar does.
    }
  };
  await visit(root, '');
}

/**
 * Extended attributes as PAX SCHILY.xattr records, but never overlay's own (they describe this
 * upper dir, not the layer) and only values that survive tar-stream's UTF-8 PAX decoding intact.
 */
function xattrsOf(full: string): Record<string, string> | undefined {
  let pax: Record<string, string> | undefined;
  for (const name of llistxattr(full)) {
    if (name.startsWith('trusted.overlay.')) continue;
    const value = lgetxattr(full, name);
    if (value === undefined) continue;
    const text = value.toString();
    if (!Buffer.from(text).equals(value)) continue;
    (pax ??= {})[`SCHILY.xattr.${name}`] = text;
  }
  return pax;
}

/** An entry without data (a file entry among them: whiteouts are empty files). */
function addEntry(pack: tar.Pack, header: EntryHeader): Promise<void> {
  return new Promise((resolve, reject) => {
    (pack.entry(header, (err) => (err ? reject(err) : resolve())) as unknown as NodeJS.WritableStream).end();
  });
}

// The entry's data is copied with backpressure, so a large file is never held in memory.
async function addFile(pack: tar.Pack, header: EntryHeader, file: string, signal: AbortSignal): Promise<void> {
  let sink: NodeJS.WritableStream | undefined;
  const done = new Promise<void>((resolve, reject) => {
    sink = pack.entry(header, (err) => (err ? reject(err) : resolve())) as unknown as NodeJS.WritableStream;
  });
  // An entry torn down with its pack re-emits the pack's error: the callback already has it.
  sink!.on('error', () => undefined);
  // A failure while copying is reported by the copy; this only keeps it from being unhandled.
  done.catch(() => undefined);
  for await (const chunk of fs.createReadStream(file)) {
    if (!sink!.write(chunk as Buffer)) await once(sink!, 'drain', { signal });
  }
  sink!.end();
  await done;
}
