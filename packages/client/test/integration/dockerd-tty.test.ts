// run -it, exec -it and attach on a real pseudo-terminal against Debian's dockerd: typed input,
// the exit code, and the detach keys (the container keeps running), beside the docker CLI.
import { DOCKER, DockerdHarness, dockerdUsable, skiffBin } from '../helpers/dockerd';
import { onPty } from '../helpers/pty';

(dockerdUsable ? describe : describe.skip)('skiff on a terminal against a real dockerd', () => {
  jest.setTimeout(60_000);
  const d = new DockerdHarness();
  let started = false;
  beforeAll(async () => {
    started = await d.start();
  }, 90_000);
  afterAll(() => d.stop(), 60_000);
  const skiff = [process.execPath, skiffBin];
  const running = async (name: string) => (await d.docker('inspect', '-f', '{{.State.Running}}', name)).stdout.trim();

  it('run -it: typed commands run and the exit code is the shell\'s, as docker', async () => {
    if (!started) return;
    for (const cli of [skiff, [DOCKER]]) {
      const result = await onPty([...cli, 'run', '-it', '--rm', 'busybox', 'sh'], [['# ', 'echo hi; exit 3\r']], d.env);
      expect(result.output).toMatch(/\nhi\r*\n/);
      expect(result.code).toBe(3);
    }
  });

  it('exec -it and attach, and the detach keys leave the container running', async () => {
    if (!started) return;
    expect((await d.skiff('run', '-dit', '--name', 'tt1', 'busybox', 'sh')).code).toBe(0);
    const exec = await onPty([...skiff, 'exec', '-it', 'tt1', 'sh'], [['# ', 'echo hi; exit 3\r']], d.env);
    expect(exec.output).toMatch(/\nhi\r*\n/);
    expect(exec.code).toBe(3);
    const attached = await onPty([...skiff, 'attach', 'tt1'], [['', "echo th''ere\r"], ['there', '\x10\x11']], d.env);
    expect(attached.output).toMatch(/there/);
    expect(await running('tt1')).toBe('true');
    // docker 28 ends attach and exec -it sessions detached this way with status 1; run -it with 0.
    const theirs = await onPty([DOCKER, 'attach', 'tt1'], [['', "echo th''ere\r"], ['there', '\x10\x11']], d.env);
    expect(theirs.output).toMatch(/read escape sequence\r\n$/);
    expect(attached.output).toMatch(/read escape sequence\r\n$/);
    expect(attached.code).toBe(theirs.code);
    const execDetached = await onPty([...skiff, 'exec', '-it', 'tt1', 'sh'], [['# ', '\x10\x11']], d.env);
    expect(execDetached.output).toMatch(/read escape sequence\r\n$/);
    expect(execDetached.code).toBe((await onPty([DOCKER, 'exec', '-it', 'tt1', 'sh'], [['# ', '\x10\x11']], d.env)).code);
    const custom = await onPty([...skiff, 'attach', '--detach-keys', 'ctrl-x,x', 'tt1'], [['', "echo ag''ain\r"], ['again', '\x18x']], d.env);
    expect(custom.code).toBe(1);
    expect(await running('tt1')).toBe('true');
    const detachedRun = await onPty([...skiff, 'run', '-it', '--name', 'tt2', 'busybox', 'sh'], [['# ', '\x10\x11']], d.env);
    expect(detachedRun.code).toBe(0);
    expect(await running('tt2')).toBe('true');
  });
});
