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

/** Reads complete lines from offset; returns them and the offset after the last newline. */
function readFrom(file: string, offset: number): { text: string; next: number } {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return { text: '', next: offset };
  }
  try {
    const size = fs.fstatSync(fd).size;
    // The shim truncated or rotated the file: start over from its beginning.
    if (size < offset) offset = 0;
    const buf = Buffer.alloc(size - offset);
    let read = 0;
    while (read < buf.length) {
      const n = fs.readSync(fd, buf, read, buf.length - read, offset + read);
      if (n === 0) break;
      read += n;
    }
    const end = buf.lastIndexOf(0x0a, read - 1);
    if (end < 0) return { text: '', next: offset };
    return { text: buf.subarray(0, end + 1).toString('utf8'), next: offset + end + 1 };
  } finally {
    fs.closeSync(fd);
  }
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
  let { text, next } = readFrom(file, 0);
  let entries = parseLines(text).filter(wanted);
  if (query.tail !== undefined) entries = query.tail === 0 ? [] : entries.slice(-query.tail);
  yield* entries;
  if (!query.follow) return;
  for (;;) {
    const wasRunning = control.running();
    if (wasRunning) await control.pause(250);
    ({ text, next } = readFrom(file, next));
    for (const e of parseLines(text)) if (wanted(e)) yield e;
    // One last read after the stop, so the lines written just before the exit are not lost.
    if (!wasRunning) return;
  }
}
