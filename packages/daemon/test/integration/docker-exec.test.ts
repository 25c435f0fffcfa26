// The real docker CLI's exec against skiffd: output and exit codes, environment, working
// directory and user, input with -i, a terminal with -t, detached execs, and inspect.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { canRunSkiffd, SkiffdHarness, until } from '../helpers/skiffd';

const describeRoot = canRunSkiffd ? describe : describe.skip;

describeRoot('docker exec against skiffd', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
    await h.dockerOk(['run', '-d', '--name', 'box', '-e', 'FROM_RUN=yes', 'busybox', 'sleep', '1000']);
  }, 120_000);
  afterAll(async () => {
    await h.cleanup();
  });

  it('prints the output and exits with the process\'s code', async () => {
    expect(await h.dockerOk(['exec', 'box', 'echo', 'hi'])).toBe('hi');
    const failed = await h.docker(['exec', 'box', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(failed).toMatchObject({ code: 3, stdout: 'out\n', stderr: 'err\n' });
    const missing = await h.docker(['exec', 'box', '/no/such/binary']);
    expect(missing.code).not.toBe(0);
  });

  it('runs with the container\'s environment plus -e, in -w, as -u', async () => {
    expect(await h.dockerOk(['exec', '-e', 'EXTRA=1', '-w', '/tmp', '-u', '1000:1000', 'box', 'sh', '-c', 'echo $FROM_RUN $EXTRA $(pwd) $(id -u):$(id -g)'])).toBe('yes 1 /tmp 1000:1000');
  });

  it('works when a device the container was created with is gone from the host', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-exec-dev-'));
    try {
      const node = path.join(dir, 'null');
      execFileSync('mknod', [node, 'c', '1', '3']);
      await h.dockerOk(['run', '-d', '--name', 'withdev', '--device', `${node}:/dev/mynull`, 'busybox', 'sleep', '1000']);
      fs.rmSync(node);
      expect(await h.dockerOk(['exec', 'withdev', 'sh', '-c', 'echo x > /dev/mynull && echo written'])).toBe('written');
    } finally {
      await h.docker(['rm', '-f', 'withdev']);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('passes stdin with -i and ends it when the input ends', async () => {
    expect((await h.docker(['exec', '-i', 'box', 'sh', '-c', 'cat | wc -l'], { input: 'a\nb\nc\n' })).stdout.trim()).toBe('3');
    expect((await h.docker(['exec', '-i', 'box', 'cat'], { input: 'exact bytes' })).stdout).toBe('exact bytes');
  });

  it('gives the process a terminal with -t', async () => {
    expect(await h.dockerOk(['exec', '-t', 'box', 'sh', '-c', 'test -t 1 && echo tty'])).toBe('tty');
  });

  it('runs detached with -d; inspect lists the exec ids', async () => {
    await h.dockerOk(['exec', '-d', 'box', 'sh', '-c', 'echo detached > /tmp/d']);
    await until(async () => (await h.docker(['exec', 'box', 'cat', '/tmp/d'])).stdout.trim() === 'detached', 10_000, 'the detached exec ran');
    const ids = JSON.parse(await h.dockerOk(['inspect', '--format', '{{json .ExecIDs}}', 'box'])) as string[];
    expect(ids.length).toBeGreaterThanOrEqual(5);
  });

  it('pause freezes the container (exec refused), unpause thaws it; restart gives a new pid; rename', async () => {
    await h.dockerOk(['run', '-d', '--name', 'frozen', 'busybox', 'sleep', '1000']);
    expect(await h.dockerOk(['pause', 'frozen'])).toBe('frozen');
    expect(await h.dockerOk(['inspect', '--format', '{{.State.Status}} {{.State.Paused}}', 'frozen'])).toBe('paused true');
    const refused = await h.docker(['exec', 'frozen', 'true']);
    expect(refused.stderr).toMatch(/Container [0-9a-f]{64} is paused, unpause the container before exec/);
    expect(await h.dockerOk(['unpause', 'frozen'])).toBe('frozen');
    expect(await h.dockerOk(['exec', 'frozen', 'echo', 'thawed'])).toBe('thawed');

    const pid = await h.dockerOk(['inspect', '--format', '{{.State.Pid}}', 'frozen']);
    expect(await h.dockerOk(['restart', '-t', '1', 'frozen'])).toBe('frozen');
    expect(await h.dockerOk(['inspect', '--format', '{{.State.Status}}', 'frozen'])).toBe('running');
    expect(await h.dockerOk(['inspect', '--format', '{{.State.Pid}}', 'frozen'])).not.toBe(pid);

    await h.dockerOk(['rename', 'frozen', 'thawed']);
    expect(await h.dockerOk(['ps', '--filter', 'name=thawed', '--format', '{{.Names}}'])).toBe('thawed');
    await h.dockerOk(['rm', '-f', 'thawed']);
  });

  it('top lists the container\'s processes; stats --no-stream shows its usage', async () => {
    const top = await h.dockerOk(['top', 'box']);
    expect(top.split('\n')[0]).toMatch(/^UID\s+PID\s+PPID\s+C\s+STIME\s+TTY\s+TIME\s+CMD$/);
    expect(top).toContain('sleep 1000');
    const stats = await h.dockerOk(['stats', '--no-stream', '--format', '{{.Name}}|{{.CPUPerc}}|{{.MemUsage}}|{{.PIDs}}', 'box']);
    const [name, cpu, mem, pids] = stats.split('|');
    expect(name).toBe('box');
    expect(cpu).toMatch(/^\d+\.\d+%$/);
    expect(mem).toMatch(/^[\d.]+[KMG]?i?B \/ [\d.]+[KMG]i?B$/);
    expect(Number(pids)).toBeGreaterThanOrEqual(1);
  });

  it('refuses an exec in a stopped container with Docker\'s message', async () => {
    await h.dockerOk(['create', '--name', 'idle', 'busybox', 'true']);
    const r = await h.docker(['exec', 'idle', 'true']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Error response from daemon: Container [0-9a-f]{64} is not running/);
    await h.dockerOk(['rm', 'idle']);
  });
});
