// Reading a container's json-file log (written by the shim: one {"log","stream","time"} object
// per line) for `docker logs`: stream selection, since/until, tail, timestamps, and follow until
// the container stops.
import * as fs from 'node:fs';
import type { StreamName } from './stdcopy';

export interface LogEntry {
  stream: StreamName;
  log: string;
  /** RFC 3339 with nanoseconds, as the shim wrote it. */
  time: string;
}

export interface LogQuery {
  stdout: boolean;
  stderr: boolean;
  /** Unix seconds (fractions allowed); 0 for no bound. */
  since: number;
  until: number;
  /** Lines from the end; undefined for all. */
  tail: number | undefined;
  follow: boolean;
}

/** The moment of an RFC 3339 time with nanoseconds, in seconds (enough for since/until). */
export function timeSeconds(time: string): number {
  return Date.parse(time) / 1000;
}

function parseLines(text: string): LogEntry[] {
  const out: LogEntry[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    try {
      const entry = JSON.parse(line) as LogEntry;
      if (typeof entry.log === 'string' && (entry.stream === 'stdout' || entry.stream === 'stderr')) out.push(entry);
    } catch {
      // A line being written while we read; follow mode reads it whole on the next pass.
    }
  }
  return out;
}

/** Reads complete lines from offset; returns them, the offset after the last newline, and the file's inode. */
function readFrom(file: string, offset: number, inode?: number): { text: string; next: number; inode: number | undefined } {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return { text: '', next: offset, inode };
  }
  try {
    const stat = fs.fstatSync(fd);
    // Another file than the one read so far (rotated away meanwhile), or truncated (a log kept as
    // one file is emptied when full): from its beginning.
    if ((inode !== undefined && stat.ino !== inode) || stat.size < offset) offset = 0;
    const buf = Buffer.alloc(stat.size - offset);
    let read = 0;
    while (read < buf.length) {
      const n = fs.readSync(fd, buf, read, buf.length - read, offset + read);
      if (n === 0) break;
      read += n;
    }
    const end = buf.lastIndexOf(0x0a, read - 1);
    if (end < 0) return { text: '', next: offset, inode: stat.ino };
    return { text: buf.subarray(0, end + 1).toString('utf8'), next: offset + end + 1, inode: stat.ino };
  } finally {
    fs.closeSync(fd);
  }
}

function inodeOf(file: string): number | undefined {
  try {
    return fs.statSync(file).ino;
  } catch {
    return undefined;
  }
}

/** The rotated files of a json-file log (<log>.1 is the newest), oldest first. */
function rotatedFiles(file: string): string[] {
  const out: string[] = [];
  for (let i = 1; fs.existsSync(`${file}.${i}`); i++) out.unshift(`${file}.${i}`);
  return out;
}

export interface FollowControl {
  /** True while the container may still write. */
  running(): boolean;
  /** Resolves after `ms` or earlier when the container stops. */
  pause(ms: number): Promise<void>;
}

export async function* readLog(file: string, query: LogQuery, control: FollowControl): AsyncGenerator<LogEntry> {
  const wanted = (e: LogEntry) => {
    if (e.stream === 'stdout' ? !query.stdout : !query.stderr) return false;
    const t = timeSeconds(e.time);
    if (query.since > 0 && t < query.since) return false;
    if (query.until > 0 && t > query.until) return false;
    return true;
  };
  let entries = rotatedFiles(file).flatMap((f) => parseLines(readFrom(f, 0).text).filter(wanted));
  let { text, next, inode } = readFrom(file, 0);
  entries = entries.concat(parseLines(text).filter(wanted));
  if (query.tail !== undefined) entries = query.tail === 0 ? [] : entries.slice(-query.tail);
  yield* entries;
  if (!query.follow) return;
  for (;;) {
    const wasRunning = control.running();
    if (wasRunning) await control.pause(250);
    // Rotated since the last read: the rest of the file we were reading is now <log>.1.
    if (inode !== undefined && inodeOf(file) !== inode && inodeOf(`${file}.1`) === inode) {
      for (const e of parseLines(readFrom(`${file}.1`, next, inode).text)) if (wanted(e)) yield e;
      next = 0;
    }
    ({ text, next, inode } = readFrom(file, next, inode));
    for (const e of parseLines(text)) if (wanted(e)) yield e;
    // One last read after the stop, so the lines written just before the exit are not lost.
    if (!wasRunning) return;
  }
}
