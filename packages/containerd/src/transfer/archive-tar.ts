// Writing tar members with backpressure: a member's data is copied chunk by chunk as the reader of
// the archive takes it, so a layer is never held in memory, and a reader that goes away (a client
// cancelling) stops the copy instead of leaving it waiting.
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { canceled } from '@skiff/errors';

type Header = Partial<tar.Header> & { name: string };
type Sink = NodeJS.WritableStream & { destroying: boolean; on(event: 'close' | 'drain' | 'error', listener: (...args: unknown[]) => void): unknown };

// Archive members carry no meaningful time; a fixed one makes saving the same images twice give
// the same bytes.
const MEMBER_TIME = new Date(0);

function waitForDrain(sink: Sink): Promise<void> {
  return new Promise((resolve, reject) => {
    if (sink.destroying) return reject(canceled('the archive reader went away'));
    const done = (err?: unknown) => {
      sink.removeListener('drain', onDrain);
      sink.removeListener('close', onClose);
      sink.removeListener('error', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = () => done();
    const onClose = (err?: unknown) => done(err ?? canceled('the archive reader went away'));
    sink.on('drain', onDrain);
    sink.on('close', onClose);
    sink.on('error', onClose);
  });
}

/**
 * A pack and its output as a Node stream. The bridge is explicit (not Readable.from) so that a
 * reader destroying the output stops the pack quietly: Readable.from turns an early end into an
 * AbortError emitted after its reader stopped listening, which would crash the process.
 */
export function createPack(): { pack: tar.Pack; output: Readable } {
  const pack = tar.pack();
  const output = new Readable({
    read() {
      pack.resume();
    },
    destroy(err, callback) {
      pack.destroy();
      callback(err);
    },
  });
  pack.on('data', (chunk: unknown) => {
    if (!output.push(chunk)) pack.pause();
  });
  pack.on('end', () => output.push(null));
  pack.on('error', (err: unknown) => output.destroy(err as Error));
  return { pack, output };
}

export function addDirectory(pack: tar.Pack, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const sink = pack.entry({ name, type: 'directory', mode: 0o755, mtime: MEMBER_TIME }, (err) => (err ? reject(err) : resolve()));
    (sink as unknown as NodeJS.WritableStream).end();
  });
}

export function addBuffer(pack: tar.Pack, name: string, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    pack.entry({ name, type: 'file', mode: 0o644, mtime: MEMBER_TIME, size: data.length }, data, (err) => (err ? reject(err) : resolve()));
  });
}

/** A member of known size whose data comes from source (which is destroyed on failure). */
export async function addStream(pack: tar.Pack, header: Header, source: AsyncIterable<unknown> & { destroy?(): void }): Promise<void> {
  let sink!: Sink;
  const done = new Promise<void>((resolve, reject) => {
    sink = pack.entry({ type: 'file', mode: 0o644, mtime: MEMBER_TIME, ...header }, (err) => (err ? reject(err) : resolve())) as unknown as Sink;
  });
  // A failure while copying is reported by the copy; this only keeps it from being unhandled.
  done.catch(() => undefined);
  try {
    for await (const chunk of source) {
      if (!sink.write(chunk as Buffer)) await waitForDrain(sink);
    }
  } catch (err) {
    source.destroy?.();
    throw err;
  }
  sink.end();
  await done;
}
