import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { haveBuild, isRoot } from '../helpers/bundle';
import { importBusyboxImage } from './busybox-image';
import { PrivateDockerd, dockerCli, dockerdBin } from './docker-daemon';
import { cgroupDirs, cgroupOf, cgroupV1MountPoint, findOnPath } from './host-state';

/**
 * Acceptance: skiff-runc registered with a real dockerd (`--add-runtime skiff=...`) and driven
 * through the docker CLI, so containerd-shim-runc-v2 calls it exactly as it calls runc.
 */

const runtimeBin = path.resolve(__dirname, '../../bin/skiff-runc');
const image = 'skiff-busybox:test';
/** Every container: the skiff runtime, and no network (the daemon has no bridge anyway). */
const runtimeArgs = ['--runtime', 'skiff', '--network', 'none'];

const canRunDocker = isRoot && haveBuild && fs.existsSync(dockerdBin) && dockerCli !== undefined && fs.existsSync('/bin/busybox');
const describeDocker = canRunDocker ? describe : describe.skip;
// This host is cgroup v1 (hybrid); the cgroup checks read v1 files.
const memoryMount = cgroupV1MountPoint('memory');
const freezerMount = cgroupV1MountPoint('freezer');
const itCgroupV1 = memoryMount && freezerMount ? it : it.skip;
const scriptBin = findOnPath('script');
const itWithScript = scriptBin ? it : it.skip;

jest.setTimeout(60_000);

describeDocker('skiff-runc under a real Docker', () => {
  let dockerd: PrivateDockerd | undefined;

  function docker(): PrivateDockerd {
    if (!dockerd) throw new Error('dockerd did not start');
    return dockerd;
  }

  /** `docker run` with the skiff runtime; returns the CLI's result. */
  function run(options: string[], command: string[]) {
    return docker().docker(['run', ...options, ...runtimeArgs, image, ...command]);
  }

  /** A detached `sleep 1000` (PID 1, so SIGTERM is ignored) under `name`; returns its host PID. */
  function startSleeper(name: string, options: string[] = []): number {
    docker().ok(['run', '--detach', '--name', name, ...options, ...runtimeArgs, image, 'sleep', '1000']);
    return Number(docker().inspect(name, '{{.State.Pid}}'));
  }

  beforeAll(async () => {
    dockerd = new PrivateDockerd({ skiff: runtimeBin });
    await dockerd.start(60_000);
    importBusyboxImage(dockerd, image);
  }, 120_000);

  afterEach(() => docker().removeAllContainers());

  afterAll(async () => {
    await dockerd?.stop();
  }, 120_000);

  it('docker info lists the skiff runtime with its path', () => {
    const runtimes = JSON.parse(docker().ok(['info', '--format', '{{json .Runtimes}}'])) as Record<string, { path: string }>;
    expect(runtimes.skiff?.path).toBe(runtimeBin);
  });

  it('docker run --rm prints the output, exits 0 and removes the container and its cgroups', () => {
    const cidfile = path.join(docker().dir, 'echo.cid');
    const r = run(['--rm', '--cidfile', cidfile], ['echo', 'hello']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('hello\n');
    expect(r.status).toBe(0);
    const id = fs.readFileSync(cidfile, 'utf8').trim();
    expect(docker().ok(['ps', '--all', '--quiet', '--no-trunc'])).not.toContain(id);
    expect(cgroupDirs(`${docker().cgroupParent}/${id}`).map(({ dir }) => dir)).toEqual([]);
  });

  it('docker run returns the exit code of the container process', () => {
    expect(run(['--rm'], ['sh', '-c', 'exit 3']).status).toBe(3);
  });

  it('docker exec runs in the container and returns its output and exit code', () => {
    startSleeper('skiff-exec');
    expect(docker().ok(['exec', 'skiff-exec', 'echo', 'from-exec'])).toBe('from-exec\n');
    expect(docker().docker(['exec', 'skiff-exec', 'sh', '-c', 'exit 5']).status).toBe(5);
    // Same PID namespace as the init.
    expect(docker().ok(['exec', 'skiff-exec', 'ps', '-o', 'pid,args'])).toMatch(/^\s*1\s+sleep 1000$/m);
  });

  it('docker stop -t 1 kills a PID 1 that ignores SIGTERM once the timeout expires', () => {
    const pid = startSleeper('skiff-stop');
    const started = Date.now();
    docker().ok(['stop', '--time', '1', 'skiff-stop']);
    const elapsed = Date.now() - started;
    expect(docker().inspect('skiff-stop', '{{.State.Running}} {{.State.ExitCode}}')).toBe('false 137');
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(fs.existsSync(`/proc/${pid}`)).toBe(false);
  });

  itCgroupV1('docker pause freezes the container and docker unpause thaws it', () => {
    const pid = startSleeper('skiff-pause');
    const freezerState = path.join(freezerMount!, cgroupOf(pid, 'freezer'), 'freezer.state');
    docker().ok(['pause', 'skiff-pause']);
    expect(docker().inspect('skiff-pause', '{{.State.Paused}} {{.State.Status}}')).toBe('true paused');
    expect(fs.readFileSync(freezerState, 'utf8').trim()).toBe('FROZEN');
    docker().ok(['unpause', 'skiff-pause']);
    expect(docker().inspect('skiff-pause', '{{.State.Paused}} {{.State.Status}}')).toBe('false running');
    expect(fs.readFileSync(freezerState, 'utf8').trim()).toBe('THAWED');
    expect(docker().ok(['exec', 'skiff-pause', 'echo', 'thawed'])).toBe('thawed\n');
  });

  itCgroupV1('--memory 64m sets the limit on the container cgroup docker asked for', () => {
    const pid = startSleeper('skiff-mem-host', ['--memory', '64m']);
    const id = docker().inspect('skiff-mem-host', '{{.Id}}');
    const cgroup = cgroupOf(pid, 'memory');
    expect(cgroup).toBe(`${docker().cgroupParent}/${id}`);
    expect(fs.readFileSync(path.join(memoryMount!, cgroup, 'memory.limit_in_bytes'), 'utf8').trim()).toBe(String(64 * 1024 * 1024));
  });

  // runc (no cgroup namespace, as docker asks on cgroup v1) bind-mounts each hierarchy at the
  // container's own cgroup, so /sys/fs/cgroup/memory inside shows the container's limit.
  itCgroupV1('--memory 64m is what the container reads from /sys/fs/cgroup/memory', () => {
    const r = run(['--rm', '--memory', '64m'], ['cat', '/sys/fs/cgroup/memory/memory.limit_in_bytes']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(String(64 * 1024 * 1024));
  });

  it('--read-only makes the root filesystem read-only', () => {
    const r = run(['--rm', '--read-only'], ['touch', '/probe']);
    expect(r.stderr).toContain('Read-only file system');
    expect(r.status).toBe(1);
  });

  // -it needs a terminal on the CLI's side: script(1) runs the CLI on a fresh pseudo-terminal.
  itWithScript('docker run -it gives the process a terminal', () => {
    const cli = [dockerCli!, 'run', '--rm', '-it', ...runtimeArgs, image, 'sh', '-c', 'tty; echo ok'];
    const quoted = cli.map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
    const r = spawnSync(scriptBin!, ['--quiet', '--return', '--command', quoted, '/dev/null'], {
      encoding: 'utf8',
      env: docker().cliEnv(),
      input: '',
      timeout: 60_000,
    });
    expect(r.stdout).toMatch(/\/dev\/pts\/\d+\r?\n/);
    expect(r.stdout).toMatch(/ok\r?\n/);
    expect(r.status).toBe(0);
  });
});
