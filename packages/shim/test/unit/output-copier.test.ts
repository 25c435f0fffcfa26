import { PassThrough } from 'node:stream';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JsonFileLog } from '../../src/io/json-file-log';
import { copyOutput } from '../../src/io/output-copier';

test('copyOutput writes each line to the log as it comes, flushes the last at end of file, copies raw bytes, then ends the sinks', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-shim-copy-'));
  try {
    const file = path.join(dir, 'log');
    const log = new JsonFileLog(file, { maxSizeBytes: 0, maxFiles: 0 });
    const raw: Buffer[] = [];
    const source = new PassThrough();
    let ended = false;
    const sink = { write: (c: Buffer) => raw.push(c), end: () => (ended = true), close: () => undefined };
    const done = copyOutput(source, 'stderr', { log, sinks: [sink] }, () => new Date(0));
    source.write('first\nsec');
    await new Promise((r) => setImmediate(r));
    expect(fs.readFileSync(file, 'utf8')).toBe('{"log":"first\\n","stream":"stderr","time":"1970-01-01T00:00:00Z"}\n');
    source.end('ond');
    await done;
    log.close();
    // Unterminated at end of file: logged without a newline, as Docker does.
    expect(fs.readFileSync(file, 'utf8').split('\n')[1]).toBe('{"log":"second","stream":"stderr","time":"1970-01-01T00:00:00Z"}');
    expect(Buffer.concat(raw).toString()).toBe('first\nsecond');
    expect(ended).toBe(true);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
