// Building layer tars in tests, hostile ones included: tar-stream's pack writes whatever header
// it is given, "../x" and "/x" names, links anywhere, devices.
import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import * as tar from 'tar-stream';

export interface TarEntry {
  name: string;
  type?: tar.Header['type'];
  /** File content. */
  content?: string | Buffer;
  linkname?: string;
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: Date;
  devmajor?: number;
  devminor?: number;
  pax?: Record<string, string>;
}

export const file = (name: string, content: string | Buffer = name, extra: Partial<TarEntry> = {}): TarEntry => ({ name, type: 'file', content, ...extra });
export const dir = (name: string, extra: Partial<TarEntry> = {}): TarEntry => ({ name, type: 'directory', mode: 0o755, ...extra });
export const symlink = (name: string, linkname: string): TarEntry => ({ name, type: 'symlink', linkname, mode: 0o777 });
export const hardlink = (name: string, linkname: string): TarEntry => ({ name, type: 'link', linkname });
export const whiteout = (name: string): TarEntry => {
  const slash = name.lastIndexOf('/');
  return file(`${name.slice(0, slash + 1)}.wh.${name.slice(slash + 1)}`, '');
};
export const opaque = (dirName: string): TarEntry => file(`${dirName.replace(/\/$/, '')}/.wh..wh..opq`, '');

const EPOCH = new Date('2024-01-02T03:04:05Z');

export async function buildTar(entries: TarEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of pack) chunks.push(chunk as Buffer);
  })();
  for (const e of entries) {
    const type = e.type ?? 'file';
    const header: Partial<tar.Header> & { name: string } = {
      name: e.name,
      type,
      mode: e.mode ?? (type === 'directory' ? 0o755 : 0o644),
      uid: e.uid ?? 0,
      gid: e.gid ?? 0,
      mtime: e.mtime ?? EPOCH,
      ...(e.linkname !== undefined ? { linkname: e.linkname } : {}),
      ...(e.devmajor !== undefined ? { devmajor: e.devmajor, devminor: e.devminor ?? 0 } : {}),
      ...(e.pax ? { pax: e.pax } : {}),
    };
    await new Promise<void>((resolve, reject) => {
      if (type === 'file') pack.entry(header, Buffer.from(e.content ?? ''), (err) => (err ? reject(err) : resolve()));
      else (pack.entry(header, (err) => (err ? reject(err) : resolve())) as unknown as NodeJS.WritableStream).end();
    });
  }
  pack.finalize();
  await collected;
  return Buffer.concat(chunks);
}

export const gzip = (buf: Buffer): Buffer => zlib.gzipSync(buf);
/** fzstd only decompresses; the zstd CLI (present on the test VM) compresses. */
export const zstd = (buf: Buffer): Buffer => execFileSync('zstd', ['-q', '-c', '-'], { input: buf });

/** A stream delivering buf in small chunks, to exercise the streaming paths. */
export function chunked(buf: Buffer, size = 1000): Readable {
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) parts.push(buf.subarray(i, i + size));
  return Readable.from(parts);
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

/** Entries of a tar, in order: name, type, linkname, size. */
export async function listTar(buf: Buffer): Promise<Array<{ name: string; type: string; linkname: string | null; size: number; mode: number; content: string }>> {
  const extract = tar.extract();
  const out: Array<{ name: string; type: string; linkname: string | null; size: number; mode: number; content: string }> = [];
  const feeding = (async () => {
    extract.end(buf);
  })();
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    out.push({ name: entry.header.name, type: entry.header.type, linkname: entry.header.linkname, size: entry.header.size, mode: entry.header.mode, content: Buffer.concat(chunks).toString() });
  }
  await feeding;
  return out;
}
