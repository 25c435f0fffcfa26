// Docker's multiplexed stream framing (what `docker logs` and `docker attach` demultiplex when
// the container has no TTY): an 8-byte header [stream, 0, 0, 0, size as big-endian uint32], then
// the payload.

export type StreamName = 'stdin' | 'stdout' | 'stderr';
const STREAM_IDS: Record<StreamName, number> = { stdin: 0, stdout: 1, stderr: 2 };

export function frame(stream: StreamName, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header[0] = STREAM_IDS[stream];
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}
