// The container verbs of the second slice against skiffd on temporary roots (those skiffd serves
// today; cp, export, diff, login and volume/network creation are checked against dockerd only).
// Image verbs are in skiffd-images.test.ts, the terminal ones in skiffd-tty.test.ts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canRunSkiffd, SkiffdHarness } from '../../../daemon/test/helpers/skiffd';
import { skiffOnSkiffd } from '../helpers/skiff-on-skiffd';

const built = fs.existsSync(path.resolve(__dirname, '../../dist/cli/main.js'));

(canRunSkiffd && built ? describe : describe.skip)('skiff verbs against skiffd', () => {
  jest.setTimeout(60_000);
  const h = new SkiffdHarness();
  const { skiff } = skiffOnSkiffd(h);

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
  }, 60_000);
  afterAll(() => h.cleanup(), 60_000);

  it('restart, pause, unpause, rename, top, stats, events', async () => {
    const since = String(Math.floor(Date.now() / 1000) - 1);
    const id = (await skiff('run', '-d', '--name', 'sv1', 'busybox', 'sleep', '300')).stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(await skiff('pause', 'sv1')).toEqual({ code: 0, stdout: 'sv1\n', stderr: '' });
    expect((await skiff('inspect', '-f', '{{.State.Status}}', 'sv1')).stdout).toBe('paused\n');
    expect(await skiff('unpause', 'sv1')).toEqual({ code: 0, stdout: 'sv1\n', stderr: '' });
    expect(await skiff('rename', 'sv1', 'sv2')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await skiff('rename', 'nope', 'x')).toEqual({ code: 1, stdout: '', stderr: 'Error response from daemon: No such container: nope\nError: failed to rename container named nope\n' });
    const top = await skiff('top', 'sv2');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/^UID +PID +PPID +C +STIME +TTY +TIME +CMD\n.*sleep 300\n$/);
    expect(await skiff('restart', '-t', '1', 'sv2')).toEqual({ code: 0, stdout: 'sv2\n', stderr: '' });
    const stats = await skiff('stats', '--no-stream', 'sv2');
    expect(stats.code).toBe(0);
    expect(stats.stdout).toMatch(/^CONTAINER ID +NAME +CPU % +MEM USAGE \/ LIMIT +MEM % +NET I\/O +BLOCK I\/O +PIDS\n[0-9a-f]{12} +sv2 +\d+\.\d\d% +\S+ \/ \S+ +\d+\.\d\d% +\S+ \/ \S+ +\S+ \/ \S+ +1\n$/);
    expect((await skiff('stats', '--no-stream', '--format', '{{.Name}} {{.PIDs}}', 'sv2')).stdout).toBe('sv2 1\n');
    const until = String(Math.floor(Date.now() / 1000) + 1);
    await new Promise((r) => setTimeout(r, 1100));
    const events = await skiff('events', '--since', since, '--until', until, '--filter', `container=${id}`, '--format', '{{.Action}}');
    expect(events.stdout.split('\n')).toEqual(expect.arrayContaining(['create', 'start', 'pause', 'unpause', 'rename', 'restart']));
    expect((await skiff('rm', '-f', 'sv2')).code).toBe(0);
  });
});
