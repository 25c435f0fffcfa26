import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { InputFifo, openOutputSink } from '../../src/io/caller-paths';
import { FifoReader, FifoWriter, mkfifo } from '../helpers/fifo';
import { until } from '../helpers/harness';

// The caller's FIFOs, with real FIFOs and no container: clients come and go.

let dir: string;
const closers: { close(): void }[] = [];
const track = <T extends { close(): void }>(c: T): T => {
  closers.push(c);
  return c;
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-shim-fifo-'));
});

afterEach(() => {
  for (const c of closers.splice(0)) c.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('an output FIFO gets live output: nothing while nobody reads, then what comes after a reader (re)opens it', async () => {
  const fifo = mkfifo(path.join(dir, 'out'));
  const sink = track(openOutputSink(fifo));
  sink.write(Buffer.from('before anyone\n'));
  const first = track(new FifoReader(fifo));
  sink.write(Buffer.from('one\n'));
  await first.waitFor(/one\n/);
  first.close();
  // The first write after the reader left finds out (EPIPE); the next ones find nobody.
  for (let i = 0; i < 3; i++) {
    sink.write(Buffer.from(`while away ${i}\n`));
    await new Promise((r) => setTimeout(r, 20));
  }
  const second = track(new FifoReader(fifo));
  sink.write(Buffer.from('two\n'));
  await second.waitFor(/two\n/);
  expect(first.text).toBe('one\n');
  expect(second.text).toBe('two\n');
});

test('end() of an output FIFO is end of file for its reader, also for one that attached while nothing was written', async () => {
  const fifo = mkfifo(path.join(dir, 'out'));
  const sink = track(openOutputSink(fifo));
  const quiet = track(new FifoReader(fifo));
  await new Promise((r) => setTimeout(r, 50));
  sink.end();
  await until(() => quiet.ended, 5_000, 'end of file');
  expect(quiet.text).toBe('');
});

test('a stdin FIFO: a client closing its end is not the end of input, the next client is read; release() ends it after both', async () => {
  const fifo = mkfifo(path.join(dir, 'in'));
  const input = track(new InputFifo(fifo));
  let text = '';
  let ended = false;
  input.stream.on('data', (d: Buffer) => (text += d.toString()));
  input.stream.on('end', () => (ended = true));
  const a = track(new FifoWriter(fifo));
  a.write('a\n');
  a.close();
  await until(() => text === 'a\n', 5_000, 'the first client');
  const b = track(new FifoWriter(fifo));
  b.write('b\n');
  await until(() => text === 'a\nb\n', 5_000, 'the second client');
  input.release();
  await new Promise((r) => setTimeout(r, 50));
  expect(ended).toBe(false);
  b.write('c\n');
  b.close();
  await until(() => ended, 5_000, 'end of input');
  expect(text).toBe('a\nb\nc\n');
});

test('a stdin path that is not a FIFO is refused', () => {
  const file = path.join(dir, 'plain');
  fs.writeFileSync(file, '');
  expect(() => new InputFifo(file)).toThrow(/must be a FIFO/);
});
