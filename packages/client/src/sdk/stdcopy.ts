// Docker multiplexes a container's stdout and stderr on one non-TTY stream in frames: one byte
// stream id (0 stdin, 1 stdout, 2 stderr), three zero bytes, a big-endian uint32 length, the data.
// Frames span chunk boundaries freely, so partial headers and payloads are buffered.
import type { Readable, Writable } from 'node:stream';

export type StreamId = 0 | 1 | 2;

export class FrameDecoder {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly onFrame: (stream: StreamId, data: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (this.pending.length >= 8) {
      const size = this.pending.readUInt32BE(4);
      if (this.pending.length < 8 + size) break;
      const stream = this.pending[0] as StreamId;
      this.onFrame(stream, this.pending.subarray(8, 8 + size));
      this.pending = this.pending.subarray(8 + size);
    }
  }
}

/** Copies a multiplexed stream to stdout and stderr; resolves at its end. */
export function demultiplex(source: Readable, stdout: Writable, stderr: Writable): Promise<void> {
  const decoder = new FrameDecoder((stream, data) => (stream === 2 ? stderr : stdout).write(data));
  return new Promise((resolve, reject) => {
    source.on('data', (chunk: Buffer) => decoder.push(chunk));
    source.on('end', resolve);
    source.on('close', resolve);
    source.on('error', reject);
  });
}

export function frame(stream: StreamId, data: Buffer | string): Buffer {
  const payload = Buffer.isBuffer(data) ? data : Buffer.from(data);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}
