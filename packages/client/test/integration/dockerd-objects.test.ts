// Volumes, networks, system df, logout, stats and events against Debian's dockerd on temporary
// roots, each output compared with what the real docker CLI 28 prints on the same daemon.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerdHarness, dockerdUsable } from '../helpers/dockerd';

(dockerdUsable ? describe : describe.skip)('skiff object verbs against a real dockerd, compared with docker', () => {
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

  it('volume, network, system df, logout, stats and events', async () => {
    if (!started) return;
    await same('volume', 'create', 'vol1');
    await same('volume', 'ls');
    await same('volume', 'inspect', '-f', '{{.Name}} {{.Driver}} {{.Mountpoint}}', 'vol1');
    await same('volume', 'inspect', 'nope');
    expect(await d.skiff('volume', 'rm', 'vol1')).toEqual({ code: 0, stdout: 'vol1\n', stderr: '' });
    await same('volume', 'rm', 'vol1');
    await same('volume', 'prune', '-f');
    expect((await d.skiff('network', 'create', '-d', 'bridge', '--subnet', '10.251.77.0/24', 'skn1')).stdout).toMatch(/^[0-9a-f]{64}\n$/);
    await same('network', 'ls');
    await same('network', 'ls', '-q', '--no-trunc');
    await same('network', 'inspect', '-f', '{{.Name}} {{.Driver}}', 'skn1');
    expect(await d.skiff('network', 'rm', 'skn1')).toEqual({ code: 0, stdout: 'skn1\n', stderr: '' });
    await same('network', 'rm', 'nope');
    await same('network', 'prune', '-f');
    await same('system', 'df');
    expect((await d.skiff('logout')).stdout).toBe((await d.docker('logout')).stdout);
    fs.mkdirSync(d.env.DOCKER_CONFIG!, { recursive: true });
    fs.writeFileSync(path.join(d.env.DOCKER_CONFIG!, 'config.json'), JSON.stringify({ auths: { 'localhost:5999': { auth: 'dTpw' } } }));
    expect(await d.skiff('logout', 'localhost:5999')).toEqual({ code: 0, stdout: 'Removing login credentials for localhost:5999\n', stderr: '' });
    expect(JSON.parse(fs.readFileSync(path.join(d.env.DOCKER_CONFIG!, 'config.json'), 'utf8'))).toEqual({ auths: {} });
    expect((await d.skiff('run', '-d', '--name', 's1', 'busybox', 'sleep', '300')).code).toBe(0);
    const st = await d.skiff('stats', '--no-stream', 's1');
    expect(st.code).toBe(0);
    expect(st.stdout.split('\n')[0]).toBe((await d.docker('stats', '--no-stream', 's1')).stdout.split('\n')[0]);
    expect(st.stdout.split('\n')[1]).toMatch(/^[0-9a-f]{12} +s1 +\d+\.\d\d% +[\d.]+[KMG]?i?B \/ [\d.]+[KMGT]?i?B +\d+\.\d\d% +.* +\d+$/);
    await same('stats', '--no-stream', '--format', '{{.Name}} {{.ID}}', 's1');
    const since = String(Math.floor(Date.now() / 1000) - 120);
    const until = String(Math.floor(Date.now() / 1000) + 1);
    await new Promise((r) => setTimeout(r, 1100));
    await same('events', '--since', since, '--until', until, '--filter', 'container=s1');
    await same('events', '--since', since, '--until', until, '--filter', 'event=start', '--format', '{{.Action}} {{.Actor.Attributes.name}}');
    await d.docker('stop', '-t', '0', 's1');
    const pruned = await d.skiff('system', 'prune', '-f');
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toMatch(/^Deleted Containers:\n[0-9a-f]{64}\n\nTotal reclaimed space: \S+\n$/);
    expect((await d.docker('ps', '-aq')).stdout).toBe('');
  });
});
