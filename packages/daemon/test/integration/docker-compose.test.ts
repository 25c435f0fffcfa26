// docker-compose 1.29 (Debian's package, a docker-py client) against skiffd: the two-service
// project a user brings first — a web service with a named volume, a healthcheck and a published
// port, and a client that waits for it to be healthy and reaches it by its service name on the
// project's network. `down -v` must leave nothing: no container, volume, network, netns, veth.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { canRunSkiffd, freePort, SkiffdHarness, until } from '../helpers/skiffd';

const COMPOSE = '/usr/bin/docker-compose';
const describeRoot = canRunSkiffd && fs.existsSync(COMPOSE) ? describe : describe.skip;

function httpGet(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', timeout: 2_000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

function linkNames(): string[] {
  return fs.readdirSync('/sys/class/net');
}

describeRoot('docker-compose against skiffd', () => {
  jest.setTimeout(240_000);
  const h = new SkiffdHarness();
  const project = `sk${process.pid}`;
  let hostPort = 0;
  let projectDir = '';

  const compose = (args: string[]): Promise<{ code: number | null; out: string }> =>
    new Promise((resolve, reject) => {
      let out = '';
      const child = spawn('timeout', ['90', COMPOSE, '-p', project, '--ansi', 'never', ...args], {
        cwd: projectDir,
        env: { PATH: '/usr/bin:/bin:/usr/sbin:/sbin', DOCKER_HOST: `unix://${h.socket}`, DOCKER_CONFIG: h.dockerConfig, HOME: h.dir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      h.spare(child.pid!);
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });
  const composeOk = async (args: string[]): Promise<string> => {
    const r = await compose(args);
    if (r.code !== 0) throw new Error(`docker-compose ${args.join(' ')} exited ${r.code}: ${r.out}`);
    return r.out;
  };

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
    hostPort = await freePort();
    projectDir = path.join(h.dir, 'project');
    fs.mkdirSync(projectDir);
    fs.writeFileSync(
      path.join(projectDir, 'docker-compose.yml'),
      `version: "2.4"
services:
  web:
    image: busybox
    command: ["sh", "-c", "echo served-by-web > /www/index.html && exec httpd -f -p 8080 -h /www"]
    volumes: ["site:/www"]
    ports: ["127.0.0.1:${hostPort}:8080"]
    healthcheck:
      test: ["CMD", "wget", "-qO-", "http://127.0.0.1:8080/"]
      interval: 1s
      timeout: 2s
      retries: 3
  client:
    image: busybox
    command: ["sh", "-c", "while true; do wget -qO- http://web:8080/ && sleep 1; done"]
    depends_on:
      web:
        condition: service_healthy
volumes:
  site: {}
`,
    );
  }, 120_000);

  afterAll(async () => {
    await compose(['down', '-v', '-t', '1']).catch(() => undefined);
    await h.cleanup();
  });

  it('up -d, ps, logs, exec, a published port, then down -v leaves nothing', async () => {
    const linksBefore = new Set(linkNames());
    await composeOk(['up', '-d']);

    const ps = await composeOk(['ps']);
    expect(ps).toMatch(new RegExp(`${project}_web_1 .*Up \\(healthy\\)`));
    expect(ps).toMatch(new RegExp(`${project}_client_1 .*Up`));
    expect(ps).toContain(`127.0.0.1:${hostPort}->8080/tcp`);

    // The client found the web service by its name on the project's network.
    await until(async () => (await composeOk(['logs', 'client'])).includes('served-by-web'), 20_000, 'client reached web by name');
    expect((await composeOk(['exec', '-T', 'web', 'cat', '/www/index.html'])).trim()).toBe('served-by-web');
    expect(await httpGet(hostPort)).toBe('served-by-web\n');
    expect(await h.dockerOk(['volume', 'ls', '-q'])).toContain(`${project}_site`);

    await composeOk(['down', '-v', '-t', '1']);
    expect(await h.dockerOk(['ps', '-aq'])).toBe('');
    expect(await h.dockerOk(['volume', 'ls', '-q'])).toBe('');
    expect((await h.dockerOk(['network', 'ls', '--format', '{{.Name}}'])).split('\n').sort()).toEqual(['bridge', 'host', 'none']);
    expect(linkNames().filter((l) => !linksBefore.has(l))).toEqual([]);
    const netnsDir = path.join(h.execRoot, 'netns');
    expect(fs.existsSync(netnsDir) ? fs.readdirSync(netnsDir) : []).toEqual([]);
    await expect(httpGet(hostPort)).rejects.toThrow();
  });
});
