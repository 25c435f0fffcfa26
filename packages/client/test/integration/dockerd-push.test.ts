// login, push and logout against Debian's dockerd and a docker-registry with htpasswd auth on a
// loopback port, both on temporary roots: the credentials skiff stores are the ones the push
// sends (X-Registry-Auth), and the progress lines are docker's.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerdHarness, dockerdUsable, run, skiffBin } from '../helpers/dockerd';

const REGISTRY = '/usr/bin/docker-registry';
const PORT = 45731;

(dockerdUsable && fs.existsSync(REGISTRY) ? describe : describe.skip)('skiff login and push against a real registry', () => {
  jest.setTimeout(60_000);
  const d = new DockerdHarness();
  let registry: ChildProcess | undefined;
  let started = false;
  const host = `127.0.0.1:${PORT}`;

  beforeAll(async () => {
    started = await d.start();
    if (!started) return;
    const dir = path.join(d.dir, 'registry');
    fs.mkdirSync(dir);
    const hash = spawnSync('/usr/bin/python3', ['-W', 'ignore', '-c', "import crypt; print(crypt.crypt('s3cret', crypt.mksalt(crypt.METHOD_BLOWFISH)))"]).stdout.toString().trim();
    fs.writeFileSync(path.join(dir, 'htpasswd'), `alice:${hash}\n`);
    fs.writeFileSync(
      path.join(dir, 'config.yml'),
      `version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: ${dir}/data\nhttp:\n  addr: ${host}\nauth:\n  htpasswd:\n    realm: basic-realm\n    path: ${dir}/htpasswd\n`,
    );
    registry = spawn(REGISTRY, ['serve', path.join(dir, 'config.yml')], { stdio: 'ignore' });
    for (let i = 0; i < 50; i++) {
      const probe = spawnSync('/usr/bin/python3', ['-c', `import socket; socket.create_connection(('127.0.0.1', ${PORT}), 1)`]);
      if (probe.status === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 90_000);
  afterAll(async () => {
    if (registry && registry.exitCode === null) {
      const exited = new Promise((r) => registry!.once('exit', r));
      registry.kill('SIGTERM');
      await exited;
    }
    await d.stop();
  }, 60_000);

  it('login stores the credentials, push uses them, logout removes them', async () => {
    if (!started) return;
    const config = path.join(d.env.DOCKER_CONFIG!, 'config.json');
    const bad = await run(process.execPath, [skiffBin, 'login', '-u', 'alice', '--password-stdin', host], d.env, 'wrong\n');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^Error response from daemon: .*401 Unauthorized/);
    const good = await run(process.execPath, [skiffBin, 'login', '-u', 'alice', '--password-stdin', host], d.env, 's3cret\n');
    expect(good).toMatchObject({ code: 0, stdout: 'Login Succeeded\n' });
    expect(JSON.parse(fs.readFileSync(config, 'utf8')).auths[host].auth).toBe(Buffer.from('alice:s3cret').toString('base64'));

    expect((await d.skiff('tag', 'busybox', `${host}/bb:1`)).code).toBe(0);
    const pushed = await d.skiff('push', `${host}/bb:1`);
    expect({ ...pushed, stdout: '' }).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(pushed.stdout).toMatch(new RegExp(`^The push refers to repository \\[${host}/bb\\]\\n[0-9a-f]{12}: Preparing\\n[0-9a-f]{12}: Pushed\\n1: digest: sha256:[0-9a-f]{64} size: \\d+\\n$`));
    expect(await d.skiff('push', `${host}/bb:1`)).toEqual(await d.docker('push', `${host}/bb:1`));
    const again = await d.skiff('push', '-q', `${host}/bb:1`);
    expect(again).toEqual({ code: 0, stdout: `${host}/bb:1\n`, stderr: '' });

    expect(await d.skiff('logout', host)).toEqual({ code: 0, stdout: `Removing login credentials for ${host}\n`, stderr: '' });
    const denied = await d.skiff('push', `${host}/bb:1`);
    expect(denied).toEqual(await d.docker('push', `${host}/bb:1`));
    expect(denied.code).toBe(1);
  });
});
