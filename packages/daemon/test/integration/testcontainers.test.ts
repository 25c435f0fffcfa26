// testcontainers (Node), as a test suite uses it, against skiffd: GenericContainer with exposed
// ports and the log, listening-port and healthcheck wait strategies, exec, logs, a Network with an
// alias, stop() removing the container.
//
// Offline: busybox:latest is imported locally and the default pull policy pulls only missing
// images. Ryuk, testcontainers' reaper container, would be pulled from a registry, so it is
// disabled (TESTCONTAINERS_RYUK_DISABLED=true) and this file removes what it started itself.
import * as http from 'node:http';
import * as path from 'node:path';
import type Dockerode from 'dockerode';
import type { StartedNetwork, StartedTestContainer } from 'testcontainers';
import { canRunSkiffd, SkiffdHarness } from '../helpers/skiffd';

const describeRoot = canRunSkiffd ? describe : describe.skip;

type Testcontainers = typeof import('testcontainers');

function get(port: number, urlPath = '/'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, timeout: 5_000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

const httpd = (text: string) => ['sh', '-c', `mkdir -p /www && echo ${text} > /www/index.html && echo ready && httpd -f -p 8080 -h /www`];

describeRoot('testcontainers against skiffd', () => {
  jest.setTimeout(180_000);
  const h = new SkiffdHarness();
  const saved: Record<string, string | undefined> = {};
  const containers: StartedTestContainer[] = [];
  const networks: StartedNetwork[] = [];
  let tc: Testcontainers;
  let pull: jest.SpiedFunction<Dockerode['pull']>;
  let info: jest.SpiedFunction<Dockerode['info']>;

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
    const env = {
      DOCKER_HOST: `unix://${h.socket}`,
      TESTCONTAINERS_RYUK_DISABLED: 'true',
      // Where /.dockerenv exists (this VM has one) testcontainers reaches published ports through
      // the default bridge's gateway; the tests keep to loopback, where the ports answer too.
      TESTCONTAINERS_HOST_OVERRIDE: 'localhost',
    };
    for (const [k, v] of Object.entries(env)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    // Imported only now: testcontainers reads its environment once and caches the client.
    tc = await import('testcontainers');
    // testcontainers ignores the errors a pull streams, so a pull it tried would go unnoticed
    // here: watch its own dockerode (not the one this package tests with) instead.
    const own = require.resolve('dockerode', { paths: [path.dirname(require.resolve('testcontainers'))] });
    const proto = ((await import(own)) as { default: typeof Dockerode }).default.prototype;
    pull = jest.spyOn(proto, 'pull');
    info = jest.spyOn(proto, 'info');
  }, 120_000);

  afterAll(async () => {
    for (const c of containers.splice(0)) await c.stop().catch(() => undefined);
    for (const n of networks.splice(0)) await n.stop().catch(() => undefined);
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await h.cleanup();
  }, 120_000);

  async function started(container: { start(): Promise<StartedTestContainer> }): Promise<StartedTestContainer> {
    const c = await container.start();
    containers.push(c);
    return c;
  }

  async function stopped(c: StartedTestContainer): Promise<void> {
    containers.splice(containers.indexOf(c), 1);
    // testcontainers' default: t=0 (killed at once) and removed with its volumes.
    await c.stop();
  }

  it('serves HTTP on a mapped port after a log wait, execs, logs, and stop() removes it', async () => {
    const c = await started(new tc.GenericContainer('busybox:latest').withCommand(httpd('hello-tc')).withExposedPorts(8080).withWaitStrategy(tc.Wait.forLogMessage('ready')));
    const port = c.getMappedPort(8080);
    expect(c.getHost()).toBe('localhost');
    expect(port).toBeGreaterThan(0);
    // httpd may print "ready" a moment before it listens.
    let res: { status: number; body: string } | undefined;
    for (let i = 0; i < 50 && !res; i++) res = await get(port).catch(() => new Promise<undefined>((r) => setTimeout(() => r(undefined), 100)));
    expect(res).toEqual({ status: 200, body: 'hello-tc\n' });

    const exec = await c.exec(['cat', '/www/index.html']);
    expect(exec).toMatchObject({ exitCode: 0, output: 'hello-tc\n', stdout: 'hello-tc\n', stderr: '' });
    const failing = await c.exec(['sh', '-c', 'echo oops >&2; exit 3']);
    expect(failing).toMatchObject({ exitCode: 3, stderr: 'oops\n' });

    // testcontainers' logs() follow: read until the line is in, then let go.
    const stream = await c.logs({ tail: 10 });
    const logs = await new Promise<string>((resolve, reject) => {
      let text = '';
      stream.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes('ready')) resolve(text);
      });
      stream.on('end', () => resolve(text));
      stream.on('error', reject);
    });
    stream.destroy();
    expect(logs).toContain('ready');

    const id = c.getId();
    expect((await h.request('GET', `/containers/${id}/json`)).status).toBe(200);
    await stopped(c);
    expect((await h.request('GET', `/containers/${id}/json`)).status).toBe(404);
  });

  it('waits for listening ports by default', async () => {
    const c = await started(new tc.GenericContainer('busybox:latest').withCommand(httpd('by-port')).withExposedPorts(8080));
    expect(await get(c.getMappedPort(8080))).toEqual({ status: 200, body: 'by-port\n' });
    await stopped(c);
  });

  it('waits for a healthcheck', async () => {
    const c = await started(
      new tc.GenericContainer('busybox:latest')
        .withCommand(httpd('healthy'))
        .withExposedPorts(8080)
        .withHealthCheck({ test: ['CMD-SHELL', 'wget -q -O /dev/null http://127.0.0.1:8080/ || exit 1'], interval: 500, timeout: 2_000, retries: 20, startPeriod: 0 })
        .withWaitStrategy(tc.Wait.forHealthCheck()),
    );
    expect((JSON.parse((await h.request('GET', `/containers/${c.getId()}/json`)).body) as { State: { Health: { Status: string } } }).State.Health.Status).toBe('healthy');
    expect(await get(c.getMappedPort(8080))).toEqual({ status: 200, body: 'healthy\n' });
    await stopped(c);
  });

  it('joins two containers on a Network, one reaching the other by alias', async () => {
    const network = await new tc.Network().start();
    networks.push(network);
    const web = await started(new tc.GenericContainer('busybox:latest').withCommand(httpd('by-alias')).withNetwork(network).withNetworkAliases('web').withWaitStrategy(tc.Wait.forLogMessage('ready')));
    const client = await started(new tc.GenericContainer('busybox:latest').withCommand(['sleep', '300']).withNetwork(network));
    // With aliases testcontainers creates on the default network and then connects (as dockerd
    // needs); without, the network is the container's NetworkMode.
    expect(web.getNetworkNames().sort()).toEqual(['bridge', network.getName()].sort());
    expect(client.getNetworkNames()).toEqual([network.getName()]);
    expect(client.getIpAddress(network.getName())).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    let out = { exitCode: -1, output: '' };
    for (let i = 0; i < 50 && out.exitCode !== 0; i++) {
      out = await client.exec(['wget', '-q', '-O', '-', 'http://web:8080/']);
      if (out.exitCode !== 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(out).toMatchObject({ exitCode: 0, output: 'by-alias\n' });
    await stopped(client);
    await stopped(web);
    await network.stop();
    networks.splice(0);
    expect((await h.request('GET', `/networks/${network.getId()}`)).status).toBe(404);
  });

  it('never asked for a pull: busybox:latest was there', () => {
    // The spy watches the right client: testcontainers' first call, info(), went through it.
    expect(info).toHaveBeenCalled();
    expect(pull).not.toHaveBeenCalled();
  });
});
