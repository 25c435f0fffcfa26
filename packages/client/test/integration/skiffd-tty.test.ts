// run -it, exec -it and attach with the detach keys on a real pseudo-terminal, against skiffd on
// temporary roots.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canRunSkiffd, SkiffdHarness } from '../../../daemon/test/helpers/skiffd';
import { skiffBin, skiffOnSkiffd } from '../helpers/skiff-on-skiffd';
import { onPty } from '../helpers/pty';

const built = fs.existsSync(path.resolve(__dirname, '../../dist/cli/main.js'));

(canRunSkiffd && built ? describe : describe.skip)('skiff on a terminal against skiffd', () => {
  jest.setTimeout(60_000);
  const h = new SkiffdHarness();
  const { env, skiff } = skiffOnSkiffd(h);
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

  it('the docker CLI gets a clean terminal too: no stray NUL (shown as ^@) before the first output', async () => {
    const run = await onPty(['/usr/local/bin/docker', 'run', '-it', '--rm', 'busybox', 'sh'], [['# ', 'echo hi; exit 3\r']], env(), (pid) => h.spare(pid));
    expect(run.code).toBe(3);
    expect(run.output).toMatch(/\nhi\r*\n/);
    expect(run.output).not.toContain('\x00');
    expect(run.output).not.toContain('^@');
  });
});
