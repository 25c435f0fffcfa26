// skiff cp in both directions against Debian's dockerd, with the docker CLI's messages beside.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerdHarness, dockerdUsable, run } from '../helpers/dockerd';
import { skiffBin } from '../helpers/dockerd';

(dockerdUsable ? describe : describe.skip)('skiff cp against a real dockerd', () => {
  jest.setTimeout(60_000);
  const d = new DockerdHarness();
  let started = false;
  beforeAll(async () => {
    started = await d.start();
  }, 90_000);
  afterAll(() => d.stop(), 60_000);

  it('copies files and directories both ways, and tars on stdin and stdout', async () => {
    if (!started) return;
    expect((await d.skiff('run', '-d', '--name', 'cp1', 'busybox', 'sh', '-c', 'mkdir /data; echo hello > /data/a; ln -s /data/a /link; sleep 300')).code).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    const out = path.join(d.dir, 'out');
    fs.mkdirSync(out);
    const ours = await d.skiff('cp', 'cp1:/data/a', path.join(out, 'renamed'));
    const theirs = await d.docker('cp', 'cp1:/data/a', path.join(out, 'theirs'));
    expect(ours.code).toBe(0);
    expect(ours.stderr.replace('renamed', 'theirs')).toBe(theirs.stderr);
    expect(fs.readFileSync(path.join(out, 'renamed'), 'utf8')).toBe('hello\n');
    expect((await d.skiff('cp', 'cp1:/data', out)).code).toBe(0);
    expect(fs.readFileSync(path.join(out, 'data/a'), 'utf8')).toBe('hello\n');
    expect((await d.skiff('cp', '-L', 'cp1:/link', path.join(out, 'followed'))).code).toBe(0);
    expect(fs.readFileSync(path.join(out, 'followed'), 'utf8')).toBe('hello\n');
    const tar = await d.skiff('cp', 'cp1:/data/a', '-');
    expect(tar.stdout).toContain('hello\n');
    expect(tar.stdout.slice(0, 2)).toBe('a\0');

    fs.writeFileSync(path.join(out, 'up'), 'up\n');
    const up = await d.skiff('cp', path.join(out, 'up'), 'cp1:/data/');
    expect(up.code).toBe(0);
    expect(up.stderr).toBe((await d.docker('cp', path.join(out, 'up'), 'cp1:/data/')).stderr);
    expect((await d.skiff('cp', path.join(out, 'up'), 'cp1:/data/new-name')).code).toBe(0);
    expect((await d.skiff('exec', 'cp1', 'cat', '/data/up', '/data/new-name')).stdout).toBe('up\nup\n');
    const upload = await run(process.execPath, [skiffBin, 'cp', '-', 'cp1:/'], d.env, Buffer.from(tar.stdout, 'latin1'));
    expect(upload.code).toBe(0);
    expect((await d.skiff('exec', 'cp1', 'cat', '/a')).stdout).toBe('hello\n');
    const missing = [await d.skiff('cp', 'cp1:/nope', out), await d.docker('cp', 'cp1:/nope', out)];
    expect(missing[0]).toEqual(missing[1]);
  });
});
