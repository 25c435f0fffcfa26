// Layer compression: what the media type claims is checked against what the bytes are, so a
// mislabelled blob is caught instead of unpacked as garbage.
import type { Readable } from 'node:stream';
import { Transform, TransformCallback } from 'node:stream';
import * as zlib from 'node:zlib';
import { Decompress } from 'fzstd';
import { invalidArgument } from '@skiff/errors';

export type Compression = 'none' | 'gzip' | 'zstd';

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);

/**
 * The compression a layer media type declares (OCI "...tar", "...tar+gzip", "...tar+zstd";
 * Docker "...diff.tar", "...diff.tar.gzip"). INVALID_ARGUMENT for a type that is not a layer.
 */
export function compressionOfMediaType(mediaType: string): Compression {
  const base = mediaType.split(';')[0]!.trim();
  if (/(\+|\.)gzip$/.test(base) || base === 'application/x-gzip' || base === 'application/gzip') return 'gzip';
  if (/\+zstd$/.test(base) || base === 'application/zstd') return 'zstd';
  if (/(\.|\/|\+)tar$/.test(base) || base === 'application/x-tar') return 'none';
  throw invalidArgument(`media type "${mediaType}" is not a layer`);
}

export function compressionOfMagic(head: Buffer): Compression {
  if (head.length >= 2 && head.subarray(0, 2).equals(GZIP_MAGIC)) return 'gzip';
  if (head.length >= 4 && head.subarray(0, 4).equals(ZSTD_MAGIC)) return 'zstd';
  return 'none';
}

/**
 * The uncompressed tar stream of a layer. The magic bytes decide; a media type that names a
 * different compression than the bytes carry is refused, except a compressed type over a plain
 * tar (old `docker save` archives label uncompressed layers ".tar.gzip"), which is harmless.
 */
export async function decompressStream(input: Readable, mediaType?: string): Promise<Readable> {
  const declared = mediaType ? compressionOfMediaType(mediaType) : undefined;
  const actual = compressionOfMagic(await peek(input, 4));
  if (declared !== undefined && actual !== 'none' && declared !== actual) {
    throw invalidArgument(`layer declared as ${mediaType} is ${actual}-compressed`);
  }
  if (actual === 'gzip') return pipe(input, zlib.createGunzip());
  if (actual === 'zstd') return pipe(input, new ZstdDecompress());
  return input;
}

// Errors of the source reach the consumer, which only reads the last stream.
function pipe(input: Readable, next: Transform): Transform {
  input.on('error', (err) => next.destroy(err));
  return input.pipe(next);
}

class ZstdDecompress extends Transform {
  private readonly decoder = new Decompress((chunk) => {
    // fzstd may reuse its window buffer for the next block: copy out.
    this.push(Buffer.from(chunk));
  });

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.decoder.push(chunk);
      callback();
    } catch (err) {
      callback(invalidArgument(`zstd layer: ${(err as Error).message}`, { cause: err }));
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.decoder.push(new Uint8Array(0), true);
      callback();
    } catch (err) {
      callback(invalidArgument(`zstd layer: ${(err as Error).message}`, { cause: err }));
    }
  }
}

/** The first n bytes of input (fewer at its end), left unread. */
async function peek(input: Readable, n: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  while (length < n) {
    const chunk = input.read() as Buffer | null;
    if (chunk !== null) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      length += chunk.length;
      continue;
    }
    if (input.readableEnded || input.destroyed) break;
    await new Promise<void>((resolve, reject) => {
      const done = () => {
        input.off('readable', done);
        input.off('end', done);
        input.off('error', failed);
        resolve();
      };
      const failed = (err: Error) => {
        input.off('readable', done);
        input.off('end', done);
        reject(err);
      };
      input.on('readable', done);
      input.on('end', done);
      input.once('error', failed);
    });
  }
  const head = Buffer.concat(chunks);
  if (head.length > 0) input.unshift(head);
  return head.subarray(0, n);
}
