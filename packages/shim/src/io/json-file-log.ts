import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LogEntry } from './line-splitter';

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
  return entryText(stream, text, partial, rfc3339Nano(time));
}

// Only the text needs escaping: the stream name and the timestamp never hold a character JSON escapes.
function entryText(stream: OutputStream, text: string, partial: boolean, stamp: string): string {
  return `{"log":${JSON.stringify(partial ? text : `${text}\n`)},"stream":"${stream}","time":"${stamp}"}\n`;
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
    this.writeEntries(stream, [{ text, partial }], time);
  }

  /**
   * Entries read at the same time (the lines of one chunk of output), stamped alike and written
   * with one write(2) per file: a chatty container can print hundreds of thousands of lines a
   * second, and a system call per line was most of the shim's time.
   */
  writeEntries(stream: OutputStream, entries: readonly LogEntry[], time: Date): void {
    if (this.fd < 0 || entries.length === 0) return;
    const stamp = rfc3339Nano(time);
    const max = this.rotation.maxSizeBytes;
    let batch: string[] = [];
    let batchBytes = 0;
    for (const { text, partial } of entries) {
      const entry = entryText(stream, text, partial, stamp);
      const bytes = max > 0 ? Buffer.byteLength(entry) : 0;
      // An entry larger than the limit on its own still goes into a fresh file rather than nowhere.
      if (max > 0 && this.size + batchBytes > 0 && this.size + batchBytes + bytes > max) {
        this.append(batch);
        batch = [];
        batchBytes = 0;
        this.rotate();
      }
      batch.push(entry);
      batchBytes += bytes;
    }
    this.append(batch);
  }

  private append(entries: string[]): void {
    if (entries.length === 0) return;
    const bytes = Buffer.from(entries.join(''));
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
