/**
 * Docker's log copier reads at most 16 KiB at a time, so a longer line reaches the json-file log
 * as several entries: every piece but the last without its "\n" (readers join them). The same
 * limit here keeps logs compatible with `docker logs` and bounds what one entry can cost.
 */
export const MAX_LOG_ENTRY = 16 * 1024;

export interface LogEntry {
  /** The bytes of the line, without its newline. */
  text: string;
  /** A piece of a longer line that continues in the next entry. */
  partial: boolean;
}

const NEWLINE = 0x0a;

/** Cut at most `max` bytes into buf without splitting a UTF-8 sequence (a lone byte run is cut anyway). */
function cutPoint(buf: Buffer, start: number, max: number): number {
  let cut = start + max;
  for (let back = 0; back < 3 && cut > start + 1 && (buf[cut]! & 0xc0) === 0x80; back++) cut--;
  return (buf[cut]! & 0xc0) === 0x80 ? start + max : cut;
}

/** Splits one output stream into log entries, whatever the chunking of the reads. */
export class LineSplitter {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): LogEntry[] {
    const buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    const out: LogEntry[] = [];
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(NEWLINE, start);
      const end = nl === -1 ? buf.length : nl;
      while (end - start > MAX_LOG_ENTRY) {
        const cut = cutPoint(buf, start, MAX_LOG_ENTRY);
        out.push({ text: buf.toString('utf8', start, cut), partial: true });
        start = cut;
      }
      if (nl === -1) break;
      out.push({ text: buf.toString('utf8', start, nl), partial: false });
      start = nl + 1;
    }
    // A copy, so the reader's chunk can be released.
    this.pending = Buffer.from(buf.subarray(start));
    return out;
  }

  /**
   * End of file: an unterminated last line is logged as it is, a partial entry without "\n", as
   * Docker's copier does (`printf abc` gives `docker logs` "abc" and no newline).
   */
  end(): LogEntry[] {
    if (this.pending.length === 0) return [];
    const last = { text: this.pending.toString('utf8'), partial: true };
    this.pending = Buffer.alloc(0);
    return [last];
  }
}
