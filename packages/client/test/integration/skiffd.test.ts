// skiff against a real skiffd with its own skiff-containerd on temporary roots: run --rm with
// output and an exit code, run -d, ps, logs, exec, inspect --format, rm -f, and Docker's errors.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canRunSkiffd, SkiffdHarness, type RunResult } from '../../../daemon/test/helpers/skiffd';

const skiffBin = path.resolve(__dirname, '../../bin/skiff');
const built = fs.existsSync(path.resolve(__dirname, '../../dist/cli/main.js'));
const describeRoot = canRunSkiffd && built ? describe : describe.skip;

describeRoot('skiff CLI against skiffd', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();

  const skiff = (args: string[], input?: string): Promise<RunResult> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [skiffBin, ...args], {
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', DOCKER_HOST: `unix://${h.socket}`, HOME: h.dir },
        stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      });
      // The harness reaps orphans for the whole test process; this child is libuv's to reap.
      h.spare(child.pid!);
      if (input !== undefined) child.stdin!.end(input);
      let stdout = '';
      let stderr = '';
      child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`skiff ${args.join(' ')}: timed out; so far: ${stdout} ${stderr}`));
      }, 60_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
  });
  afterAll(async () => {
    await h.cleanup();
  });

  it('version and info talk to the daemon', async () => {
    const v = await skiff(['version', '--format', '{{.Client.ApiVersion}} {{.Server.Os}}']);
    expect(v).toMatchObject({ code: 0, stdout: '1.44 linux\n' });
    const i = await skiff(['info']);
    expect(i.code).toBe(0);
    expect(i.stdout).toContain(`Docker Root Dir: ${h.dataRoot}`);
  });

  it('run --rm prints the output, exits with the container\'s code, and leaves nothing', async () => {
    expect(await skiff(['run', '--rm', 'busybox', 'echo', 'hello'])).toEqual({ code: 0, stdout: 'hello\n', stderr: '' });
    const failing = await skiff(['run', '--rm', 'busybox', 'sh', '-c', 'echo oops >&2; exit 3']);
    expect(failing).toEqual({ code: 3, stdout: '', stderr: 'oops\n' });
    expect((await skiff(['ps', '-aq'])).stdout).toBe('');
  });

  it('run -i passes stdin through', async () => {
    expect(await skiff(['run', '--rm', '-i', 'busybox', 'cat'], 'piped\n')).toEqual({ code: 0, stdout: 'piped\n', stderr: '' });
  });

  it('run -d, ps, logs, exec, inspect --format and rm -f', async () => {
    const started = await skiff(['run', '-d', '--name', 'web', '-e', 'GREETING=hi', 'busybox', 'sh', '-c', 'echo $GREETING; sleep 300']);
    expect(started.code).toBe(0);
    const id = started.stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{64}$/);

    const table = await skiff(['ps']);
    expect(table.stdout.split('\n')[0]).toMatch(/^CONTAINER ID\s+IMAGE\s+COMMAND\s+CREATED\s+STATUS\s+PORTS\s+NAMES$/);
    expect(table.stdout).toContain(id.slice(0, 12));
    expect((await skiff(['ps', '--format', '{{.Names}} {{.Image}}'])).stdout).toBe('web busybox\n');

    let logs = '';
    for (let i = 0; i < 100 && logs !== 'hi\n'; i++) logs = (await skiff(['logs', 'web'])).stdout;
    expect(logs).toBe('hi\n');

    expect(await skiff(['exec', 'web', 'sh', '-c', 'echo $GREETING-exec; exit 4'])).toEqual({ code: 4, stdout: 'hi-exec\n', stderr: '' });
    expect((await skiff(['inspect', '--format', '{{.State.Running}} {{.Name}}', 'web'])).stdout).toBe('true /web\n');

    expect(await skiff(['rm', '-f', 'web'])).toEqual({ code: 0, stdout: 'web\n', stderr: '' });
    expect((await skiff(['ps', '-aq'])).stdout).toBe('');
  });

  it('prints Docker\'s errors with Docker\'s exit statuses', async () => {
    expect(await skiff(['rm', 'nothing-here'])).toEqual({ code: 1, stdout: '', stderr: 'Error response from daemon: No such container: nothing-here\n' });
    const missing = await skiff(['run', '--rm', 'busybox', '/no/such/binary']);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toMatch(/^skiff: Error response from daemon: .*\n\nRun 'skiff run --help' for more information\n$/);
  });
});
