import * as fs from 'node:fs';
import * as path from 'node:path';

export type OutputStream = 'stdout' | 'stderr';

export interface LogRotation {
  /** Rotate before the live file would grow past this; 0 never rotates. */
  maxSizeBytes: number;
  /** Files kept, the live one included (<log>, <log>.1 ... <log>.N-1); 0 and 1 truncate instead. */
  maxFiles: number;
}

/**
 * Go's time.RFC3339Nano, which Docker stamps entries with: trailing zeros of the fraction are
 * dropped ("...05.1Z", "...05Z"). JavaScript dates stop at milliseconds, so at most 3 digits.
 */
export function rfc3339Nano(time: Date): string {
  return time.toISOString().replace(/\.?0+Z$/, 'Z');
}

/** One line of Docker's json-file format: {"log","stream","time"} in that order. */
export function formatEntry(stream: OutputStream, text: string, partial: boolean, time: Date): string {
  return `${JSON.stringify({ log: partial ? text : `${text}\n`, stream, time: rfc3339Nano(time) })}\n`;
}

/**
 * A container's log in Docker's json-file format, rotated by size as `--log-opt max-size/max-file`
 * do. Writes are synchronous: entries keep their order across rotations without a queue, and a
 * slow disk slows the reading of the container's pipes (backpressure) instead of growing memory.
 */
export class JsonFileLog {
  private fd: number;
  private size: number;

  constructor(
    readonly file: string,
    private readonly rotation: LogRotation,
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.fd = this.open();
    this.size = fs.fstatSync(this.fd).size;
  }

  private open(): number {
    return fs.openSync(this.file, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_APPEND, 0o640);
  }

  /** After close, entries still in flight from a stream being torn down are dropped. */
  write(stream: OutputStream, text: string, partial: boolean, time: Date): void {
    if (this.fd < 0) return;
    const bytes = Buffer.from(formatEntry(stream, text, partial, time));
    const max = this.rotation.maxSizeBytes;
    // An entry larger than the limit on its own still goes into a fresh file rather than nowhere.
    if (max > 0 && this.size > 0 && this.size + bytes.length > max) this.rotate();
    for (let off = 0; off < bytes.length; ) off += fs.writeSync(this.fd, bytes, off);
    this.size += bytes.length;
  }

  private rotate(): void {
    fs.closeSync(this.fd);
    const keep = this.rotation.maxFiles;
    if (keep <= 1) {
      fs.truncateSync(this.file, 0);
    } else {
      // Shift <log>.N-2 -> <log>.N-1 ... <log> -> <log>.1; the rename over the oldest drops it.
      for (let i = keep - 1; i >= 2; i--) renameIfExists(`${this.file}.${i - 1}`, `${this.file}.${i}`);
      fs.renameSync(this.file, `${this.file}.1`);
    }
    this.fd = this.open();
    this.size = 0;
  }

  close(): void {
    if (this.fd < 0) return;
    fs.closeSync(this.fd);
    this.fd = -1;
  }
}

function renameIfExists(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
