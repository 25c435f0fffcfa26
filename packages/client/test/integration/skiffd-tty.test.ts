// run -it, exec -it and attach with the detach keys on a real pseudo-terminal, against skiffd on
// temporary roots.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canRunSkiffd, SkiffdHarness, type RunResult } from '../../../daemon/test/helpers/skiffd';
import { onPty } from '../helpers/pty';

const skiffBin = path.resolve(__dirname, '../../bin/skiff');
const built = fs.existsSync(path.resolve(__dirname, '../../dist/cli/main.js'));

(canRunSkiffd && built ? describe : describe.skip)('skiff on a terminal against skiffd', () => {
  jest.setTimeout(60_000);
  const h = new SkiffdHarness();
  const env = () => ({ PATH: process.env.PATH ?? '/usr/bin:/bin', DOCKER_HOST: `unix://${h.socket}`, HOME: h.dir, TZ: 'UTC' });

  const skiff = (...args: string[]): Promise<RunResult> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [skiffBin, ...args], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
      h.spare(child.pid!);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`skiff ${args.join(' ')}: timed out; so far: ${stdout} ${stderr}`));
      }, 30_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  const tty = (args: string[], steps: Array<[string, string]>) => onPty([process.execPath, skiffBin, ...args], steps, env(), (pid) => h.spare(pid));

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
  }, 60_000);
  afterAll(() => h.cleanup(), 60_000);

  it('run -it, exec -it and attach on a terminal, with the detach keys', async () => {
    const run = await tty(['run', '-it', '--rm', 'busybox', 'sh'], [['# ', 'echo hi; exit 3\r']]);
    expect(run.output).toMatch(/\nhi\r*\n/);
    expect(run.code).toBe(3);
    expect((await skiff('run', '-dit', '--name', 'st1', 'busybox', 'sh')).code).toBe(0);
    const exec = await tty(['exec', '-it', 'st1', 'sh'], [['# ', 'echo hi; exit 3\r']]);
    expect(exec.output).toMatch(/\nhi\r*\n/);
    expect(exec.code).toBe(3);
    const attached = await tty(['attach', 'st1'], [['', "echo th''ere\r"], ['there', '\x10\x11']]);
    expect(attached.output).toMatch(/there/);
    expect(attached.output).toMatch(/read escape sequence\r\n$/);
    expect(attached.code).toBe(1);
    expect((await skiff('inspect', '-f', '{{.State.Running}}', 'st1')).stdout).toBe('true\n');
    expect((await skiff('rm', '-f', 'st1')).code).toBe(0);
  });
});
