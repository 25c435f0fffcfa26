// The second slice of verbs against Debian's dockerd on temporary roots, each output compared
// with what the real docker CLI 28 prints for the same command on the same daemon.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerdHarness, dockerdUsable } from '../helpers/dockerd';

(dockerdUsable ? describe : describe.skip)('skiff verbs against a real dockerd, compared with docker', () => {
  jest.setTimeout(60_000);
  const d = new DockerdHarness();
  let started = false;
  beforeAll(async () => {
    started = await d.start();
  }, 90_000);
  afterAll(() => d.stop(), 60_000);

  const same = async (...args: string[]) => {
    const [ours, theirs] = [await d.skiff(...args), await d.docker(...args)];
    expect({ args, ...ours }).toEqual({ args, ...theirs });
    return ours;
  };

  it('restart, pause, unpause, rename, top, port, diff, with their errors', async () => {
    if (!started) return;
    expect((await d.skiff('run', '-d', '--name', 'v1', 'busybox', 'sh', '-c', 'touch /new; rm /bin/ls; sleep 300')).code).toBe(0);
    expect(await d.skiff('pause', 'v1')).toEqual({ code: 0, stdout: 'v1\n', stderr: '' });
    expect((await d.docker('inspect', '-f', '{{.State.Paused}}', 'v1')).stdout).toBe('true\n');
    await same('pause', 'v1');
    expect(await d.skiff('unpause', 'v1')).toEqual({ code: 0, stdout: 'v1\n', stderr: '' });
    await same('unpause', 'nope');
    expect(await d.skiff('rename', 'v1', 'v2')).toEqual({ code: 0, stdout: '', stderr: '' });
    await same('rename', 'nope', 'x');
    await same('port', 'v2');
    await same('port', 'v2', '80');
    // dockerd lists changes in no fixed order.
    const sorted = (text: string) => text.split('\n').sort().join('\n');
    expect(sorted((await d.skiff('diff', 'v2')).stdout)).toBe(sorted((await d.docker('diff', 'v2')).stdout));
    const topOut = await d.skiff('top', 'v2');
    expect(topOut.code).toBe(0);
    expect(topOut.stdout.split('\n')[0]).toBe((await d.docker('top', 'v2')).stdout.split('\n')[0]);
    expect(await d.skiff('restart', '-t', '1', 'v2')).toEqual({ code: 0, stdout: 'v2\n', stderr: '' });
    await same('restart', 'nope');
    expect((await d.skiff('rm', '-f', 'v2')).code).toBe(0);
  });

  it('tag, history, rmi, save, load, import, commit, export', async () => {
    if (!started) return;
    await same('tag', 'busybox', 'mine:one');
    await same('tag', 'nope', 'mine:two');
    await same('history', 'busybox', '--format', '{{.ID}} {{.CreatedBy}} {{.Size}} {{.Comment}}');
    await same('history', '-q', '--no-trunc', 'busybox');
    await same('history', 'busybox', '-H=false', '--format', '{{.Size}}');
    expect((await d.skiff('history', 'busybox')).stdout.split('\n')[0]).toBe((await d.docker('history', 'busybox')).stdout.split('\n')[0]);
    expect(await d.skiff('rmi', 'mine:one')).toEqual({ code: 0, stdout: 'Untagged: mine:one\n', stderr: '' });
    await same('rmi', 'nope');
    const tar = path.join(d.dir, 'saved.tar');
    expect(await d.skiff('save', '-o', tar, 'busybox')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(fs.statSync(tar).size).toBeGreaterThan(100_000);
    expect((await d.skiff('save', 'busybox')).stdout.length).toBeGreaterThan(100_000);
    await d.docker('tag', 'busybox', 'again:x');
    await d.docker('rmi', 'busybox');
    expect(await d.skiff('load', '-i', tar)).toEqual({ code: 0, stdout: 'Loaded image: busybox:latest\n', stderr: '' });
    await d.docker('rmi', 'again:x');
    const imported = await d.skiff('import', '-c', 'ENV A=1', '-m', 'hello', path.join(d.dir, 'busybox.tar'), 'imp:1');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect((await d.docker('inspect', '-f', '{{.Config.Env}} {{.Comment}}', 'imp:1')).stdout).toBe('[A=1] hello\n');
    expect((await d.skiff('run', '--name', 'c1', 'busybox', 'touch', '/made')).code).toBe(0);
    const committed = await d.skiff('commit', '-a', 'me', '-m', 'msg', '-c', 'ENV B=2', 'c1', 'com:1');
    expect(committed.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect((await d.docker('inspect', '-f', '{{.Author}} {{.Comment}} {{.Config.Env}}', 'com:1')).stdout).toBe('me msg [B=2]\n');
    const exported = path.join(d.dir, 'exported.tar');
    expect(await d.skiff('export', '-o', exported, 'c1')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(fs.statSync(exported).size).toBeGreaterThan(100_000);
    await same('export', 'nope');
    const removed = await d.skiff('rmi', '-f', 'imp:1', 'com:1');
    expect(removed.stdout).toMatch(/^Untagged: imp:1\nDeleted: sha256:[0-9a-f]{64}\nUntagged: com:1\nDeleted: sha256:[0-9a-f]{64}\n/);
    await d.docker('rm', 'c1');
  });
});
