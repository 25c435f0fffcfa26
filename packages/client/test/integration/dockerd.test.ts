// skiff against Debian's real dockerd on temporary roots (test/helpers/dockerd.ts), with a
// busybox image imported from a tar of a rootfs made with /bin/busybox. Skipped when dockerd is
// absent; everything is stopped and removed afterwards, even on failure.
import * as path from 'node:path';
import { DockerdHarness, dockerdUsable } from '../helpers/dockerd';

(dockerdUsable ? describe : describe.skip)('skiff CLI against a real dockerd', () => {
  jest.setTimeout(180_000);
  const d = new DockerdHarness();
  let started = false;
  const skiff = d.skiff;

  beforeAll(async () => {
    started = await d.start(['sh', 'echo', 'cat', 'sleep']);
  }, 90_000);
  afterAll(() => d.stop(), 60_000);

  it('run --rm, run -d, ps, logs, exec, rm -f and errors work as against skiffd', async () => {
    if (!started) {
      console.warn(`dockerd could not start here; see ${path.join(d.dir, 'dockerd.log')} (removed afterwards)`);
      return;
    }
    expect(await skiff('run', '--rm', 'busybox', 'echo', 'hello')).toEqual({ code: 0, stdout: 'hello\n', stderr: '' });
    expect((await skiff('run', '--rm', 'busybox', 'sh', '-c', 'exit 3')).code).toBe(3);
    const id = (await skiff('run', '-d', '--name', 'web', 'busybox', 'sh', '-c', 'echo hi; sleep 300')).stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect((await skiff('ps', '--format', '{{.Names}} {{.Image}}')).stdout).toBe('web busybox\n');
    let logs = '';
    for (let i = 0; i < 100 && logs !== 'hi\n'; i++) logs = (await skiff('logs', 'web')).stdout;
    expect(logs).toBe('hi\n');
    expect(await skiff('exec', 'web', 'sh', '-c', 'echo x; exit 4')).toEqual({ code: 4, stdout: 'x\n', stderr: '' });
    expect(await skiff('rm', '-f', 'web')).toEqual({ code: 0, stdout: 'web\n', stderr: '' });
    expect(await skiff('rm', 'nope')).toEqual({ code: 1, stdout: '', stderr: 'Error response from daemon: No such container: nope\n' });
    expect((await skiff('run', '--rm', 'busybox', '/nope')).code).toBe(127);
  });
});
