// Logging options with the real docker CLI: json-file rotation (`--log-opt max-size/max-file`)
// done by the shim and read back whole by `docker logs`, the none driver, and bad options
// refused with dockerd's words.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canRunSkiffd, SkiffdHarness } from '../helpers/skiffd';

const describeRoot = canRunSkiffd ? describe : describe.skip;

describeRoot('docker logging options against skiffd', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
  }, 120_000);
  afterAll(async () => {
    await h.cleanup();
  });

  it('max-size/max-file: the shim keeps at most that many files of about that size; docker logs reads what is kept, in order', async () => {
    const out = await h.dockerOk(['run', '--name', 'rot', '--log-opt', 'max-size=1k', '--log-opt', 'max-file=3', 'busybox', 'sh', '-c', 'seq 1 2000']);
    expect(out.split('\n')).toHaveLength(2000);
    const logPath = await h.dockerOk(['inspect', '--format', '{{.LogPath}}', 'rot']);
    const files = fs.readdirSync(path.dirname(logPath)).filter((f) => f.startsWith(path.basename(logPath))).sort();
    expect(files).toEqual([path.basename(logPath), `${path.basename(logPath)}.1`, `${path.basename(logPath)}.2`]);
    for (const f of files) expect(fs.statSync(path.join(path.dirname(logPath), f)).size).toBeLessThanOrEqual(1024);
    const logged = (await h.dockerOk(['logs', 'rot'])).split('\n').map(Number);
    // The newest lines, contiguous, ending with the last one.
    expect(logged.length).toBeGreaterThan(20);
    expect(logged[logged.length - 1]).toBe(2000);
    expect(logged).toEqual(logged.map((_, i) => 2000 - logged.length + 1 + i));
    expect(await h.dockerOk(['inspect', '--format', '{{json .HostConfig.LogConfig}}', 'rot'])).toBe('{"Type":"json-file","Config":{"max-file":"3","max-size":"1k"}}');
    await h.dockerOk(['rm', 'rot']);
  });

  it('an unterminated last line is logged as printed: docker logs gives it back without a newline, as with dockerd', async () => {
    await h.dockerOk(['run', '--name', 'tail', 'busybox', 'printf', 'a\\nb']);
    const logs = await h.docker(['logs', 'tail']);
    expect(logs.code).toBe(0);
    expect(logs.stdout).toBe('a\nb');
    await h.dockerOk(['rm', 'tail']);
  });

  it('--log-driver none: no log file, and docker logs says the driver cannot be read', async () => {
    expect(await h.dockerOk(['run', '--name', 'quiet', '--log-driver', 'none', 'busybox', 'echo', 'hi'])).toBe('hi');
    expect(await h.dockerOk(['inspect', '--format', '{{.LogPath}}|{{.HostConfig.LogConfig.Type}}', 'quiet'])).toBe('|none');
    const logs = await h.docker(['logs', 'quiet']);
    expect(logs.code).toBe(1);
    expect(logs.stderr).toContain('configured logging driver does not support reading');
    await h.dockerOk(['rm', 'quiet']);
  });

  // dockerd checks max-size and max-file only at start; skiffd hands them to containerd with the
  // container, so it checks them at create. The words are dockerd's.
  it("bad drivers and options are refused at create with dockerd's words", async () => {
    const unknown = await h.docker(['create', '--log-opt', 'foo=1', 'busybox']);
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining("unknown log opt 'foo' for json-file log driver")]);
    const plugin = await h.docker(['create', '--log-driver', 'bogus', 'busybox']);
    expect([plugin.code, plugin.stderr]).toEqual([1, expect.stringContaining('error looking up logging plugin bogus: plugin "bogus" not found')]);
    const size = await h.docker(['create', '--log-opt', 'max-size=abc', 'busybox']);
    expect([size.code, size.stderr]).toEqual([1, expect.stringContaining("failed to initialize logging driver: invalid size: 'abc'")]);
    expect((await h.docker(['ps', '-aq'])).stdout).toBe('');
  });
});
