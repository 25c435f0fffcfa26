// A host reboot under the real docker CLI: every process, mount and network device of the engine
// is gone and the exec root is empty, only the data root is left. skiffd starts the containers
// whose policy says so (always, unless-stopped that was not stopped), on their networks and with
// their published ports, and leaves the others exited.
import * as http from 'node:http';
import { canRunSkiffd, SkiffdHarness, until } from '../helpers/skiffd';

const describeRoot = canRunSkiffd ? describe : describe.skip;

function get(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', timeout: 2_000 }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve(body));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

describeRoot('a host reboot with skiffd', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();
  const state = async (name: string) => h.dockerOk(['inspect', '--format', '{{.State.Status}}', name]);
  const hostPort = async (name: string) => Number((await h.dockerOk(['port', name, '80/tcp'])).split('\n')[0]!.split(':').pop());

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
  }, 120_000);
  afterAll(async () => {
    await h.cleanup();
  });

  it('always and unless-stopped come back with their network, port and volume; no and stopped ones stay exited', async () => {
    await h.dockerOk(['network', 'create', 'rb-net']);
    await h.dockerOk(['volume', 'create', 'rb-data']);
    const page = '/srv/index.html';
    await h.dockerOk([
      'run', '-d', '--name', 'rb-web', '--restart', 'always', '--network', 'rb-net', '-p', '127.0.0.1::80', '-v', 'rb-data:/srv',
      'busybox', 'sh', '-c', `echo up > ${page}; httpd -f -p 80 -h /srv`,
    ]);
    await h.dockerOk(['run', '-d', '--name', 'rb-keep', '--restart', 'unless-stopped', 'busybox', 'sleep', '1000']);
    await h.dockerOk(['run', '-d', '--name', 'rb-once', 'busybox', 'sleep', '1000']);
    await h.dockerOk(['run', '-d', '--name', 'rb-stopped', '--restart', 'unless-stopped', 'busybox', 'sleep', '1000']);
    await h.dockerOk(['stop', '-t', '0', 'rb-stopped']);
    const before = await hostPort('rb-web');
    await until(async () => (await get(before).catch(() => '')) === 'up\n', 10_000, 'the published port answers');
    const oldPid = await h.dockerOk(['inspect', '--format', '{{.State.Pid}}', 'rb-web']);

    await h.reboot();
    await h.start();

    await until(async () => (await state('rb-web')) === 'running' && (await state('rb-keep')) === 'running', 20_000, 'restarted at start-up');
    expect(await h.dockerOk(['inspect', '--format', '{{.State.Pid}}', 'rb-web'])).not.toBe(oldPid);
    expect(await state('rb-once')).toBe('exited');
    expect(await state('rb-stopped')).toBe('exited');
    // The page written before the reboot is served: the volume came back, and so did the port.
    await until(async () => (await get(await hostPort('rb-web')).catch(() => '')) === 'up\n', 10_000, 'the published port answers after the reboot');
    // And the container is on its network again, reachable by name from a new one.
    expect(await h.dockerOk(['run', '--rm', '--network', 'rb-net', 'busybox', 'wget', '-qO-', 'http://rb-web/'])).toBe('up');

    await h.dockerOk(['rm', '-f', 'rb-web', 'rb-keep', 'rb-once', 'rb-stopped']);
    await h.dockerOk(['network', 'rm', 'rb-net']);
    await h.dockerOk(['volume', 'rm', 'rb-data']);
  });
});
