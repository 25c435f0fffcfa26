import type { StreamName } from '../../src/core/stdcopy';

/** The frames in a buffer, as a Docker client demultiplexes them; a trailing partial frame is an error. */
export function parseFrames(data: Buffer): Array<{ stream: StreamName; payload: Buffer }> {
  const names: StreamName[] = ['stdin', 'stdout', 'stderr'];
  const out: Array<{ stream: StreamName; payload: Buffer }> = [];
  let off = 0;
  while (off < data.length) {
    if (off + 8 > data.length) throw new Error('truncated frame header');
    const size = data.readUInt32BE(off + 4);
    if (off + 8 + size > data.length) throw new Error('truncated frame payload');
    out.push({ stream: names[data[off]!]!, payload: data.subarray(off + 8, off + 8 + size) });
    off += 8 + size;
  }
  return out;
}
