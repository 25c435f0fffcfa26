// A pass-through stream that checks a blob against its descriptor while it flows: never more bytes
// than the size, and at the end exactly the size and the digest. Consumers write as they read, so
// the error arrives last, before the final callback, and they must discard what they wrote.
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { failedPrecondition, invalidArgument, unavailable } from '@skiff/errors';

const HASHES: Record<string, string> = { sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };

/** A hash for a digest's algorithm ("sha256:..."), refusing algorithms we cannot check. */
export function hashFor(digest: string): Hash {
  const algorithm = HASHES[digest.slice(0, digest.indexOf(':'))];
  if (algorithm === undefined) throw invalidArgument(`unsupported digest algorithm: ${digest}`);
  return createHash(algorithm);
}

export function digestOf(bytes: Buffer, algorithm = 'sha256'): string {
  return `${algorithm}:${createHash(algorithm).update(bytes).digest('hex')}`;
}

export interface VerifyOptions {
  digest: string;
  size: number;
  /** Bytes already held (a resumed download), and the hash that has consumed them. */
  offset?: number;
  hash?: Hash;
  /** Leading bytes to drop unchecked: the held ones again, from a server that ignored Range. */
  skip?: number;
  onProgress?: (current: number, total: number) => void;
  /**
   * False leaves the digest to the consumer (a content writer, which hashes what it stores anyway):
   * only the size is checked here, so the bytes are hashed once rather than twice.
   */
  checkDigest?: boolean;
}

export class VerifyingStream extends Transform {
  private readonly hash: Hash | undefined;
  private count: number;
  private skip: number;

  constructor(private readonly expect: VerifyOptions) {
    super();
    this.hash = expect.checkDigest === false ? undefined : (expect.hash ?? hashFor(expect.digest));
    this.count = expect.offset ?? 0;
    this.skip = expect.skip ?? 0;
  }

  override _transform(data: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let chunk = data;
    if (this.skip > 0) {
      const dropped = Math.min(this.skip, chunk.length);
      this.skip -= dropped;
      chunk = chunk.subarray(dropped);
      if (chunk.length === 0) {
        callback();
        return;
      }
    }
    this.count += chunk.length;
    if (this.count > this.expect.size) {
      callback(failedPrecondition(`blob ${this.expect.digest}: more data than its size ${this.expect.size}: digest mismatch`));
      return;
    }
    this.hash?.update(chunk);
    this.expect.onProgress?.(this.count, this.expect.size);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.count < this.expect.size) {
      callback(unavailable(`blob ${this.expect.digest}: unexpected EOF: got ${this.count} of ${this.expect.size} bytes`));
      return;
    }
    if (!this.hash) {
      callback();
      return;
    }
    const algorithm = this.expect.digest.slice(0, this.expect.digest.indexOf(':'));
    const actual = `${algorithm}:${this.hash.digest('hex')}`;
    if (actual !== this.expect.digest) {
      callback(failedPrecondition(`digest mismatch: blob ${this.expect.digest} has digest ${actual}`));
      return;
    }
    callback();
  }
}
