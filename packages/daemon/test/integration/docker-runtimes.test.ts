// Swapping the OCI runtime under skiffd with the real docker CLI: Debian's runc added in
// daemon.json (`runtimes`), picked per container with --runtime or for all with
// default-runtime, beside the builtin skiff-runc; unknown names get dockerd's error.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canRunSkiffd, SkiffdHarness } from '../helpers/skiffd';

const RUNC = '/usr/sbin/runc';
const describeRoot = canRunSkiffd && fs.existsSync(RUNC) ? describe : describe.skip;

describeRoot('OCI runtimes under skiffd', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();

  beforeAll(async () => {
    const config = JSON.parse(fs.readFileSync(h.configFile, 'utf8'));
    fs.writeFileSync(h.configFile, JSON.stringify({ ...config, runtimes: { runc: { path: 'runc' } } }));
    await h.start();
    await h.importBusybox();
  }, 120_000);
  afterAll(async () => {
    await h.cleanup();
  });

  it('docker info lists the builtin runtime and runc; --runtime runc runs the container with Debian\'s runc', async () => {
    const runtimes = JSON.parse(await h.dockerOk(['info', '--format', '{{json .Runtimes}}']));
    expect(Object.keys(runtimes).sort()).toEqual(['builtin', 'runc']);
    expect(runtimes.runc.path).toBe(RUNC);
    expect(await h.dockerOk(['info', '--format', '{{.DefaultRuntime}}'])).toBe('builtin');

    const id = await h.dockerOk(['run', '-d', '--runtime', 'runc', '--name', 'by-runc', 'busybox', 'sh', '-c', 'echo started; sleep 1000']);
    expect(await h.dockerOk(['inspect', '--format', '{{.HostConfig.Runtime}}', id])).toBe('runc');
    // runc keeps the container's state under the runtime's own root, and lists it running.
    const runcRoot = path.join(h.execRoot, 'runtime-runc');
    const listed = JSON.parse(execFileSync(RUNC, ['--root', runcRoot, 'list', '--format', 'json'], { encoding: 'utf8' }).trim() || '[]') as Array<{ id: string; status: string }>;
    expect(listed).toEqual([expect.objectContaining({ id, status: 'running' })]);
    expect(await h.dockerOk(['exec', 'by-runc', 'echo', 'hi'])).toBe('hi');
    expect(await h.dockerOk(['logs', 'by-runc'])).toBe('started');
    expect(await h.dockerOk(['stop', '-t', '1', 'by-runc'])).toBe('by-runc');
    await h.dockerOk(['rm', 'by-runc']);
    expect(fs.readdirSync(runcRoot)).toEqual([]);

    expect(await h.dockerOk(['run', '--rm', 'busybox', 'echo', 'builtin'])).toBe('builtin');
  });

  it("an unknown runtime is refused with dockerd's words", async () => {
    const r = await h.docker(['run', '--rm', '--runtime', 'nope', 'busybox', 'true']);
    expect(r.code).toBe(125);
    expect(r.stderr).toContain('unknown or invalid runtime name: nope');
  });

  it('default-runtime runc: containers that name none run with runc', async () => {
    await h.stop('SIGTERM');
    const config = JSON.parse(fs.readFileSync(h.configFile, 'utf8'));
    fs.writeFileSync(h.configFile, JSON.stringify({ ...config, 'default-runtime': 'runc' }));
    await h.start();
    expect(await h.dockerOk(['info', '--format', '{{.DefaultRuntime}}'])).toBe('runc');
    const id = await h.dockerOk(['create', 'busybox', 'true']);
    expect(await h.dockerOk(['inspect', '--format', '{{.HostConfig.Runtime}}', id])).toBe('runc');
    await h.dockerOk(['start', '-a', id]);
    await h.dockerOk(['rm', id]);
  });
});
