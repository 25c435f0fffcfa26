import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JsonFileLog, formatEntry, rfc3339Nano } from '../../src/io/json-file-log';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-shim-log-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const t = new Date('2026-11-28T10:00:00.120Z');

test('time is RFC3339Nano as Go prints it: fraction without trailing zeros', () => {
  expect(rfc3339Nano(new Date('2026-11-28T10:00:00.123Z'))).toBe('2026-11-28T10:00:00.123Z');
  expect(rfc3339Nano(t)).toBe('2026-11-28T10:00:00.12Z');
  expect(rfc3339Nano(new Date('2026-11-28T10:00:10.000Z'))).toBe('2026-11-28T10:00:10Z');
});

test("entries are Docker's {log, stream, time}, in that order; a partial piece has no newline", () => {
  expect(formatEntry('stdout', 'hello', false, t)).toBe('{"log":"hello\\n","stream":"stdout","time":"2026-11-28T10:00:00.12Z"}\n');
  expect(formatEntry('stderr', 'a"b\\c\u0001é', true, t)).toBe('{"log":"a\\"b\\\\c\\u0001é","stream":"stderr","time":"2026-11-28T10:00:00.12Z"}\n');
});

test('appends to an existing log and creates missing directories', () => {
  const file = path.join(dir, 'sub', 'c-json.log');
  const a = new JsonFileLog(file, { maxSizeBytes: 0, maxFiles: 0 });
  a.write('stdout', 'one', false, t);
  a.close();
  const b = new JsonFileLog(file, { maxSizeBytes: 0, maxFiles: 0 });
  b.write('stderr', 'two', false, t);
  b.close();
  b.write('stdout', 'after close: dropped', false, t);
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { log: string; stream: string });
  expect(lines).toEqual([
    { log: 'one\n', stream: 'stdout', time: '2026-11-28T10:00:00.12Z' },
    { log: 'two\n', stream: 'stderr', time: '2026-11-28T10:00:00.12Z' },
  ]);
});

test('rotates by size, keeping max_files files: <log>, <log>.1, <log>.2', () => {
  const file = path.join(dir, 'c-json.log');
  const entry = Buffer.byteLength(formatEntry('stdout', 'line-0', false, t));
  const log = new JsonFileLog(file, { maxSizeBytes: entry * 2, maxFiles: 3 });
  for (let i = 0; i < 7; i++) log.write('stdout', `line-${i}`, false, t);
  log.close();
  const read = (f: string) => fs.readFileSync(f, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { log: string }).log.trim());
  expect(read(file)).toEqual(['line-6']);
  expect(read(`${file}.1`)).toEqual(['line-4', 'line-5']);
  expect(read(`${file}.2`)).toEqual(['line-2', 'line-3']);
  expect(fs.existsSync(`${file}.3`)).toBe(false);
  for (const f of [file, `${file}.1`, `${file}.2`]) expect(fs.statSync(f).size).toBeLessThanOrEqual(entry * 2);
});

test('a batch of entries rotates where single writes would, in order, with one timestamp', () => {
  const file = path.join(dir, 'c-json.log');
  const entry = Buffer.byteLength(formatEntry('stdout', 'line-0', false, t));
  const log = new JsonFileLog(file, { maxSizeBytes: entry * 2, maxFiles: 3 });
  log.write('stdout', 'line-0', false, t);
  log.writeEntries('stdout', [1, 2, 3, 4].map((i) => ({ text: `line-${i}`, partial: false })), t);
  log.writeEntries('stdout', [], t);
  log.writeEntries('stderr', [{ text: 'line-', partial: true }, { text: '5', partial: false }], t);
  log.close();
  const read = (f: string) => fs.readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { log: string; stream: string; time: string });
  expect(read(`${file}.2`).map((e) => e.log)).toEqual(['line-2\n', 'line-3\n']);
  expect(read(`${file}.1`).map((e) => e.log)).toEqual(['line-4\n', 'line-']);
  expect(read(file)).toEqual([{ log: '5\n', stream: 'stderr', time: '2026-11-28T10:00:00.12Z' }]);
});

test('max_files 0 or 1 truncates the live file instead of keeping old ones', () => {
  const file = path.join(dir, 'c-json.log');
  const entry = Buffer.byteLength(formatEntry('stdout', 'x', false, t));
  const log = new JsonFileLog(file, { maxSizeBytes: entry, maxFiles: 1 });
  log.write('stdout', 'x', false, t);
  log.write('stdout', 'y', false, t);
  log.close();
  expect(fs.readdirSync(dir)).toEqual(['c-json.log']);
  expect(JSON.parse(fs.readFileSync(file, 'utf8')).log).toBe('y\n');
});

test('an entry larger than max_size still gets written (into a fresh file)', () => {
  const file = path.join(dir, 'c-json.log');
  const log = new JsonFileLog(file, { maxSizeBytes: 10, maxFiles: 2 });
  log.write('stdout', 'first entry, too long', false, t);
  log.write('stdout', 'second', false, t);
  log.close();
  expect(JSON.parse(fs.readFileSync(`${file}.1`, 'utf8')).log).toBe('first entry, too long\n');
  expect(JSON.parse(fs.readFileSync(file, 'utf8')).log).toBe('second\n');
});
