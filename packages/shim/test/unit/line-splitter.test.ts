import { LineSplitter, MAX_LOG_ENTRY } from '../../src/io/line-splitter';

test('lines come out whatever the read boundaries; the rest waits for its newline', () => {
  const s = new LineSplitter();
  expect(s.push(Buffer.from('one\ntw'))).toEqual([{ text: 'one', partial: false }]);
  expect(s.push(Buffer.from('o\n\nthr'))).toEqual([
    { text: 'two', partial: false },
    { text: '', partial: false },
  ]);
  expect(s.push(Buffer.from('ee'))).toEqual([]);
  expect(s.end()).toEqual([{ text: 'three', partial: true }]);
  expect(s.end()).toEqual([]);
});

test('a line longer than 16 KiB is split into partial pieces of at most 16 KiB, the last one complete', () => {
  const s = new LineSplitter();
  const long = 'a'.repeat(MAX_LOG_ENTRY * 2 + 100);
  const out = [...s.push(Buffer.from(long.slice(0, 20_000))), ...s.push(Buffer.from(`${long.slice(20_000)}\nnext\n`))];
  expect(out.map((e) => [e.text.length, e.partial])).toEqual([
    [MAX_LOG_ENTRY, true],
    [MAX_LOG_ENTRY, true],
    [100, false],
    [4, false],
  ]);
  expect(out.slice(0, 3).map((e) => e.text).join('')).toBe(long);
});

test('a split never cuts a UTF-8 character in two', () => {
  const s = new LineSplitter();
  const line = `${'a'.repeat(MAX_LOG_ENTRY - 1)}é${'b'.repeat(10)}`;
  const out = [...s.push(Buffer.from(line)), ...s.end()];
  expect(out.map((e) => e.text).join('')).toBe(line);
  expect(out[0]).toEqual({ text: 'a'.repeat(MAX_LOG_ENTRY - 1), partial: true });
  expect(out.every((e) => !e.text.includes('\ufffd'))).toBe(true);
});
