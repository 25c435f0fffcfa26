// Docker's streamed JSON responses (pull, push, load, import): one message per line. A failure
// before the first message is an ordinary HTTP error (status and {"message"}), as dockerd answers
// when nothing was flushed yet; after it, the failure is the stream's last message, with
// "errorDetail", which clients print and turn into their exit status.
import { PassThrough, type Readable } from 'node:stream';
import type { JsonMessage } from '../core/image-service';

export async function jsonMessageStream(run: (emit: (m: JsonMessage) => void) => Promise<unknown>): Promise<Readable> {
  const out = new PassThrough();
  let started!: () => void;
  const firstMessage = new Promise<void>((resolve) => (started = resolve));
  const emit = (m: JsonMessage) => {
    out.write(`${JSON.stringify(m)}\r\n`);
    started();
  };
  const done = run(emit).then(
    () => out.end(),
    (err: Error) => {
      out.end(`${JSON.stringify({ errorDetail: { message: err.message }, error: err.message })}\r\n`);
      throw err;
    },
  );
  // Whichever comes first: a message (stream from here on) or the end (success or an early error).
  await Promise.race([firstMessage, done]);
  done.catch(() => undefined);
  return out;
}
