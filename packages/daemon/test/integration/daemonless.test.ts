// Containers outlive their engine: skiffd killed with SIGKILL (alone, then together with its
// skiff-containerd) and started again on the same roots finds the running container, its log
// without a gap, docker stop working on it, and a --rm container that exited meanwhile removed.
import * as fs from 'node:fs';
import { canRunSkiffd, SkiffdHarness, sleep, until } from '../helpers/skiffd';

const describeRoot = canRunSkiffd ? describe : describe.skip;

describeRoot('containers while skiffd is down', () => {
  jest.setTimeout(180_000);
  const h = new SkiffdHarness();

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
  });
  afterAll(async () => {
    await h.cleanup();
  });
  afterEach(async () => {
    if (!h.current) await h.start();
    const left = (await h.docker(['ps', '-aq'])).stdout.split('\n').filter(Boolean);
    if (left.length > 0) await h.docker(['rm', '-f', ...left]);
  });

  async function survives(killContainerd: boolean): Promise<void> {
    await h.dockerOk(['run', '-d', '--name', 'counter', 'busybox', 'sh', '-c', 'i=0; while true; do echo $i; i=$((i+1)); sleep 0.1; done']);
    await h.dockerOk(['run', '-d', '--rm', '--name', 'brief', 'busybox', 'sh', '-c', 'sleep 2']);
    await sleep(500);
    const containerd = h.containerdPid();
    await h.stop('SIGKILL');
    if (killContainerd) process.kill(containerd, 'SIGKILL');
    // brief exits while nobody is listening.
    await sleep(3_500);
    await h.start();
    if (killContainerd) await until(() => fs.existsSync(h.containerdSocket) && h.containerdPid() !== containerd, 30_000, 'a new skiff-containerd');
    await until(async () => !(await h.dockerOk(['ps', '-a', '--format', '{{.Names}}'])).split('\n').includes('brief'), 30_000, 'the --rm container removed');
    expect(await h.dockerOk(['ps', '--format', '{{.Names}} {{.State}}'])).toBe('counter running');
    // sh as PID 1 ignores SIGTERM: stop ends with the SIGKILL after the timeout.
    await until(async () => (await h.docker(['stop', '-t', '1', 'counter'])).code === 0, 30_000, 'docker stop');
    expect(JSON.parse(await h.dockerOk(['inspect', 'counter']))[0].State).toMatchObject({ Status: 'exited', ExitCode: 137 });
    const numbers = (await h.dockerOk(['logs', 'counter'])).split('\n').map(Number);
    expect(numbers.length).toBeGreaterThan(30);
    expect(numbers).toEqual(numbers.map((_, i) => i));
    await h.dockerOk(['rm', 'counter']);
  }

  it('skiffd killed with SIGKILL', () => survives(false));

  it('skiffd and its skiff-containerd killed with SIGKILL', () => survives(true));
});
