// docker-py, the Python SDK (Debian's python3-docker, run with /usr/bin/python3), against skiffd:
// the script docker_py_check.py does what a Python user does first and fails on the first
// check that does not hold.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useRegistry } from '../../../containerd/test/helpers/registry/registry';
import { canRunSkiffd, SkiffdHarness } from '../helpers/skiffd';

const PYTHON = '/usr/bin/python3';
const hasDockerPy = fs.existsSync(PYTHON) && fs.existsSync('/usr/lib/python3/dist-packages/docker') && fs.existsSync('/usr/bin/docker-registry');
const describeRoot = canRunSkiffd && hasDockerPy ? describe : describe.skip;

describeRoot('docker-py against skiffd', () => {
  jest.setTimeout(180_000);
  const h = new SkiffdHarness();
  const registry = useRegistry();

  beforeAll(async () => {
    h.spare(registry().pid);
    await h.start();
    await h.importBusybox();
  }, 120_000);
  afterAll(async () => {
    await h.cleanup();
  });

  it('runs the docker-py checks', async () => {
    await h.dockerOk(['tag', 'busybox', `${registry().host}/py/bb:1`]);
    await h.dockerOk(['push', `${registry().host}/py/bb:1`]);
    await h.dockerOk(['rmi', `${registry().host}/py/bb:1`]);
    const result = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      let out = '';
      // A hung call must fail with the checks printed so far, before jest's own timeout.
      const child = spawn('timeout', ['120', PYTHON, path.join(__dirname, 'docker_py_check.py')], {
        env: { PATH: '/usr/bin:/bin', DOCKER_HOST: `unix://${h.socket}`, DOCKER_CONFIG: h.dockerConfig, HOME: h.dir, REGISTRY: registry().host },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      h.spare(child.pid!);
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });
    expect(result.out).toContain('docker-py: all checks passed');
    expect(result.code).toBe(0);
  });
});
