// Logging drivers and options as dockerd validates them, and `docker logs` over a json-file log
// the shim rotated: every file oldest first, and a follower that does not lose the lines written
// just before a rotation.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveConfig } from '../../src/config';
import { logRotation, parseLogSize, resolveLogConfig } from '../../src/core/log-config';
import { type LogEntry, readLog } from '../../src/core/logs';

describe('log config', () => {
  it('takes the daemon default when the container names no driver, and merges same-driver options', () => {
    const daemon = { Type: 'json-file' as const, Config: { 'max-size': '10m', 'max-file': '3' } };
    expect(resolveLogConfig(undefined, daemon)).toEqual(daemon);
    expect(resolveLogConfig({ Type: '', Config: { 'max-file': '5' } }, daemon)).toEqual({ Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '5' } });
    expect(resolveLogConfig({ Type: 'none' }, daemon)).toEqual({ Type: 'none', Config: {} });
    expect(resolveLogConfig({ Type: 'json-file' }, { Type: 'none', Config: {} })).toEqual({ Type: 'json-file', Config: {} });
  });

  it("refuses drivers and options skiffd does not have, with dockerd's words where it has them", () => {
    expect(() => resolveLogConfig({ Type: 'bogus' })).toThrow('error looking up logging plugin bogus: plugin "bogus" not found');
    expect(() => resolveLogConfig({ Type: 'journald' })).toThrow('logging driver "journald" is not supported by skiffd');
    expect(() => resolveLogConfig({ Config: { foo: '1' } })).toThrow("unknown log opt 'foo' for json-file log driver");
    expect(() => resolveLogConfig({ Type: 'none', Config: { 'max-size': '1k' } })).toThrow("unknown log opt 'max-size' for none log driver");
    expect(() => resolveLogConfig({ Config: { compress: 'true' } })).toThrow("log opt 'compress' of the json-file log driver is not supported by skiffd");
    expect(() => resolveLogConfig({ Config: { 'max-size': 'abc' } })).toThrow("failed to initialize logging driver: invalid size: 'abc'");
    expect(() => resolveLogConfig({ Config: { 'max-size': '-1' } })).toThrow("invalid size: '-1'");
    expect(() => resolveLogConfig({ Config: { 'max-size': '1k', 'max-file': '0' } })).toThrow('failed to initialize logging driver: max-file cannot be less than 1');
    expect(() => resolveLogConfig({ Config: { 'max-size': '1k', 'max-file': 'x' } })).toThrow('failed to initialize logging driver: strconv.Atoi: parsing "x": invalid syntax');
  });

  it('daemon.json log-driver/log-opts with --log-opt flags on top; a bad default stops start-up', () => {
    const config = resolveConfig({ 'log-driver': 'json-file', 'log-opts': { 'max-size': '1k', 'max-file': '2' } }, { logOpts: { 'max-file': '5' } });
    expect([config.logDriver, config.logOpts]).toEqual(['json-file', { 'max-size': '1k', 'max-file': '5' }]);
    expect(() => resolveConfig({ 'log-opts': { 'max-size': 'big' } }, {})).toThrow("invalid size: 'big'");
    expect(() => resolveConfig({ 'log-driver': 'syslog' }, {})).toThrow('logging driver "syslog" is not supported by skiffd');
  });

  it("reads sizes as Docker's RAMInBytes and gives the shim its rotation", () => {
    expect(parseLogSize('100')).toBe(100);
    expect(parseLogSize('1k')).toBe(1024);
    expect(parseLogSize('10m')).toBe(10 * 1024 * 1024);
    expect(parseLogSize('1.5g')).toBe(1.5 * 1024 ** 3);
    expect(parseLogSize('2MiB')).toBe(2 * 1024 * 1024);
    expect(logRotation({ Type: 'json-file', Config: {} })).toEqual({ maxSizeBytes: 0, maxFiles: 0 });
    // max-file alone means nothing, as in dockerd.
    expect(logRotation({ Type: 'json-file', Config: { 'max-file': '2' } })).toEqual({ maxSizeBytes: 0, maxFiles: 0 });
    expect(logRotation({ Type: 'json-file', Config: { 'max-size': '1k' } })).toEqual({ maxSizeBytes: 1024, maxFiles: 1 });
    expect(logRotation({ Type: 'json-file', Config: { 'max-size': '1k', 'max-file': '3' } })).toEqual({ maxSizeBytes: 1024, maxFiles: 3 });
  });
});

describe('reading a rotated json-file log', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logs-'));
    file = path.join(dir, 'c-json.log');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const line = (n: number) => `${JSON.stringify({ log: `${n}\n`, stream: 'stdout', time: new Date(1_700_000_000_000 + n).toISOString() })}\n`;
  const query = { stdout: true, stderr: true, since: 0, until: 0, tail: undefined as number | undefined, follow: false };
  const collect = async (it: AsyncGenerator<LogEntry>) => {
    const out: string[] = [];
    for await (const e of it) out.push(e.log.trim());
    return out;
  };
  const stopped = { running: () => false, pause: async () => undefined };

  it('gives the rotated files oldest first, then the current one; tail counts across them', async () => {
    fs.writeFileSync(`${file}.2`, line(1) + line(2));
    fs.writeFileSync(`${file}.1`, line(3) + line(4));
    fs.writeFileSync(file, line(5));
    expect(await collect(readLog(file, query, stopped))).toEqual(['1', '2', '3', '4', '5']);
    expect(await collect(readLog(file, { ...query, tail: 3 }, stopped))).toEqual(['3', '4', '5']);
  });

  it('a follower reads the end of a file rotated away, then the new one', async () => {
    fs.writeFileSync(file, line(1));
    let running = true;
    let step = 0;
    const control = {
      running: () => running,
      pause: async () => {
        step++;
        if (step === 1) {
          // Written, then rotated as the shim does (rename to .1, a new file), then written again.
          fs.appendFileSync(file, line(2));
          fs.renameSync(file, `${file}.1`);
          fs.writeFileSync(file, line(3));
        } else {
          running = false;
        }
      },
    };
    expect(await collect(readLog(file, { ...query, follow: true }, control))).toEqual(['1', '2', '3']);
  });
});
