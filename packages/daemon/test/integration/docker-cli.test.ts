// The real docker CLI (28) against skiffd and its own skiff-containerd: version negotiation,
// info, the container life cycle (run -d, ps, logs, run --rm with an exit code, stop, wait, rm,
// inspect) and Docker's error messages.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canRunSkiffd, SkiffdHarness, sleep, until } from '../helpers/skiffd';

const describeRoot = canRunSkiffd ? describe : describe.skip;

describeRoot('docker CLI against skiffd', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();

  beforeAll(async () => {
    await h.start();
    expect(await h.importBusybox()).toBe('docker.io/library/busybox:latest');
  });
  afterAll(async () => {
    await h.cleanup();
  });
  // One failing test must not leave containers that fail the next ones' listings.
  afterEach(async () => {
    if (!h.current) return;
    const left = (await h.docker(['ps', '-aq'])).stdout.split('\n').filter(Boolean);
    if (left.length > 0) await h.docker(['rm', '-f', ...left]);
  });

  it('docker version negotiates API 1.44 and names the engine', async () => {
    const out = await h.dockerOk(['version', '--format', '{{.Server.APIVersion}} {{.Server.MinAPIVersion}} {{.Client.APIVersion}} {{.Server.Os}}']);
    expect(out).toBe('1.44 1.24 1.44 linux');
  });

  it('docker info prints without errors', async () => {
    const r = await h.docker(['info']);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Docker Root Dir: ${h.dataRoot}`);
    expect(r.stdout).toMatch(/Cgroup Version: [12]/);
    const json = JSON.parse(await h.dockerOk(['info', '--format', '{{json .}}'])) as Record<string, unknown>;
    expect(json).toMatchObject({ OSType: 'linux', CgroupDriver: 'cgroupfs', DefaultRuntime: 'builtin', Images: 1 });
  });

  it('docker run -d, ps, inspect, stop (busybox sleep ignores SIGTERM as PID 1: 137), wait, rm', async () => {
    const id = await h.dockerOk(['run', '-d', '--name', 'sleeper', 'busybox', 'sleep', '1000']);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const ps = await h.dockerOk(['ps', '--format', '{{.ID}} {{.Names}} {{.Image}} {{.Status}}']);
    expect(ps).toMatch(new RegExp(`^${id.slice(0, 12)} sleeper busybox Up `, 'm'));
    const running = JSON.parse(await h.dockerOk(['inspect', 'sleeper']))[0];
    expect(running).toMatchObject({ Id: id, Name: '/sleeper', Config: { Image: 'busybox', Cmd: ['sleep', '1000'], Hostname: id.slice(0, 12) }, State: { Status: 'running', Running: true } });
    expect(running.State.Pid).toBeGreaterThan(0);

    const rm = await h.docker(['rm', 'sleeper']);
    expect(rm.code).not.toBe(0);
    expect(rm.stderr).toContain(`Error response from daemon: You cannot remove a running container ${id}. Stop the container before attempting removal or force remove`);

    const started = Date.now();
    expect(await h.dockerOk(['stop', '-t', '1', 'sleeper'])).toBe('sleeper');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(await h.dockerOk(['wait', 'sleeper'])).toBe('137');
    const exited = JSON.parse(await h.dockerOk(['inspect', id.slice(0, 10)]))[0];
    expect(exited.State).toMatchObject({ Status: 'exited', Running: false, ExitCode: 137, Pid: 0 });
    expect(await h.dockerOk(['ps', '-q'])).toBe('');
    expect(await h.dockerOk(['ps', '-aq', '--filter', 'status=exited'])).toBe(id.slice(0, 12));
    expect(await h.dockerOk(['rm', 'sleeper'])).toBe('sleeper');
    expect(await h.dockerOk(['ps', '-aq'])).toBe('');
    expect(fs.existsSync(exited.LogPath)).toBe(false);
  });

  it('docker logs shows what a container printed, stdout and stderr', async () => {
    const id = await h.dockerOk(['run', '-d', 'busybox', 'sh', '-c', 'echo one; echo two >&2; echo three']);
    expect(await h.dockerOk(['wait', id])).toBe('0');
    const logs = await h.docker(['logs', id]);
    expect(logs.stdout).toBe('one\nthree\n');
    expect(logs.stderr).toBe('two\n');
    const stamped = (await h.docker(['logs', '-t', id])).stdout.split('\n')[0]!;
    expect(stamped).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z one$/);
    await h.dockerOk(['rm', id]);
    // stdout and stderr are copied apart, so only one stream has a defined order for --tail.
    const lines = await h.dockerOk(['run', '-d', 'busybox', 'sh', '-c', 'echo a; echo b; echo c']);
    await h.dockerOk(['wait', lines]);
    expect((await h.docker(['logs', '--tail', '2', lines])).stdout).toBe('b\nc\n');
    expect((await h.docker(['logs', '--tail', '0', lines])).stdout).toBe('');
    await h.dockerOk(['rm', lines]);
  });

  it('docker logs -f follows until the container exits', async () => {
    const id = await h.dockerOk(['run', '-d', 'busybox', 'sh', '-c', 'for i in 1 2 3; do echo line$i; sleep 0.3; done']);
    const r = await h.docker(['logs', '-f', id]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('line1\nline2\nline3\n');
    await h.dockerOk(['rm', id]);
  });

  it('docker run --rm prints the output, exits with the code, and the container is gone', async () => {
    const r = await h.docker(['run', '--rm', '--name', 'once', 'busybox', 'sh', '-c', 'echo hi; exit 3']);
    expect(r.stdout).toBe('hi\n');
    expect(r.code).toBe(3);
    expect(await h.dockerOk(['ps', '-aq'])).toBe('');
    const inspect = await h.docker(['inspect', 'once']);
    expect(inspect.code).not.toBe(0);
    expect(inspect.stderr).toContain('No such object: once');
  });

  it('docker run (attached) separates stdout and stderr and reports the exit code', async () => {
    const r = await h.docker(['run', '--name', 'attached', 'busybox', 'sh', '-c', 'echo out; echo err >&2; exit 5']);
    expect(r.stdout).toBe('out\n');
    expect(r.stderr).toBe('err\n');
    expect(r.code).toBe(5);
    expect(JSON.parse(await h.dockerOk(['inspect', 'attached']))[0].State).toMatchObject({ Status: 'exited', ExitCode: 5 });
    // start -a attaches to the exited container, then runs it again: the new run's output and code.
    for (let run = 0; run < 2; run++) {
      expect(await h.docker(['start', '-a', 'attached'])).toEqual({ code: 5, stdout: 'out\n', stderr: 'err\n' });
    }
    await h.dockerOk(['rm', 'attached']);
  });

  it('docker run -t gives the process a terminal: one raw stream, in the output and in the log', async () => {
    const r = await h.docker(['run', '-t', '--name', 'tty', 'busybox', 'sh', '-c', 'echo out; echo err >&2; tty']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^out\r\nerr\r\n\/dev\/pts\/\d+\r\n$/);
    expect((await h.docker(['logs', 'tty'])).stdout).toBe(r.stdout);
    await h.dockerOk(['rm', 'tty']);
  });

  it('docker run -i passes stdin through', async () => {
    const r = await h.docker(['run', '-i', '--rm', 'busybox', 'tr', 'a-z', 'A-Z'], { input: 'hello stdin\n' });
    expect(r).toMatchObject({ code: 0, stdout: 'HELLO STDIN\n' });
  });

  it('name conflicts, unknown containers and unknown images get Docker\'s errors', async () => {
    await h.dockerOk(['create', '--name', 'taken', 'busybox', 'true']);
    const id = JSON.parse(await h.dockerOk(['inspect', 'taken']))[0].Id;
    const dup = await h.docker(['create', '--name', 'taken', 'busybox', 'true']);
    expect(dup.stderr).toContain(
      `Conflict. The container name "/taken" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.`,
    );
    const missing = await h.docker(['stop', 'nope']);
    expect(missing.stderr).toContain('No such container: nope');
    // --platform: the image's own passes; another is dockerd's 404 (the CLI would then pull: asked
    // through the API here, so that nothing leaves the machine); a bad one is the platforms library's 400.
    if (process.arch === 'x64') expect(await h.dockerOk(['run', '--rm', '--platform', 'linux/amd64', 'busybox', 'echo', 'ok'])).toBe('ok');
    const other = process.arch === 'x64' ? 'linux/arm64' : 'linux/amd64';
    const wrong = await h.request('POST', `/containers/create?platform=${encodeURIComponent(other)}`, { Image: 'busybox' });
    expect(wrong.status).toBe(404);
    expect(JSON.parse(wrong.body).message).toMatch(new RegExp(`^image with reference busybox was found but does not match the specified platform: wanted ${other}, actual: linux/`));
    const bogus = await h.request('POST', '/containers/create?platform=a%2Fb%2Fc%2Fd', { Image: 'busybox' });
    expect({ status: bogus.status, body: JSON.parse(bogus.body) }).toEqual({ status: 400, body: { message: '"a/b/c/d": cannot parse platform specifier: invalid argument' } });
    const noImage = await h.docker(['create', '--pull', 'never', 'nosuchimage']);
    expect(noImage.stderr).toContain('No such image: nosuchimage:latest');
    await h.dockerOk(['rm', 'taken']);
  });

  it('docker kill and docker rm -f of a running container', async () => {
    const a = await h.dockerOk(['run', '-d', 'busybox', 'sleep', '1000']);
    await h.dockerOk(['kill', a]);
    expect(await h.dockerOk(['wait', a])).toBe('137');
    const b = await h.dockerOk(['run', '-d', 'busybox', 'sleep', '1000']);
    await h.dockerOk(['rm', '-f', b]);
    await h.dockerOk(['rm', a]);
    expect(await h.dockerOk(['ps', '-aq'])).toBe('');
  });

  it('skiffd killed with SIGKILL: the container keeps running, is listed after a restart, and stops', async () => {
    const id = await h.dockerOk(['run', '-d', '--name', 'survivor', 'busybox', 'sleep', '1000']);
    const pid = JSON.parse(await h.dockerOk(['inspect', id]))[0].State.Pid as number;
    await h.stop('SIGKILL');
    expect(fs.existsSync(`/proc/${pid}`)).toBe(true);
    await h.start();
    expect(await h.dockerOk(['ps', '--format', '{{.Names}} {{.State}}'])).toBe('survivor running');
    expect(await h.dockerOk(['stop', '-t', '1', 'survivor'])).toBe('survivor');
    expect(JSON.parse(await h.dockerOk(['inspect', id]))[0].State).toMatchObject({ Status: 'exited', ExitCode: 137 });
    await until(() => !fs.existsSync(`/proc/${pid}`), 5_000, 'container process gone');
    await h.dockerOk(['rm', id]);
  });

  it('serves every -H at once: the unix socket with mode 0660, and loopback tcp with --insecure-tcp', async () => {
    expect(fs.statSync(h.socket).mode & 0o777).toBe(0o660);
    const out = await h.docker(['version', '--format', '{{.Server.APIVersion}}'], { host: `tcp://127.0.0.1:${h.tcpPort}` });
    expect(out).toMatchObject({ code: 0, stdout: '1.44\n' });
  });

  it('an exit while skiffd is down is recorded when it comes back', async () => {
    const id = await h.dockerOk(['run', '-d', 'busybox', 'sh', '-c', 'sleep 1; exit 4']);
    await h.stop('SIGKILL');
    await sleep(2_000);
    await h.start();
    expect(JSON.parse(await h.dockerOk(['inspect', id]))[0].State).toMatchObject({ Status: 'exited', ExitCode: 4, Running: false });
    await h.dockerOk(['rm', id]);
  });

  it('skiff-containerd killed with SIGKILL is restarted; containers keep running and exits still arrive', async () => {
    const id = await h.dockerOk(['run', '-d', 'busybox', 'sleep', '1000']);
    const before = h.containerdPid();
    process.kill(before, 'SIGKILL');
    await until(() => fs.existsSync(h.containerdSocket) && h.containerdPid() !== before, 20_000, 'a new skiff-containerd');
    await until(async () => (await h.docker(['ps', '-q'])).stdout.trim() === id.slice(0, 12), 20_000, 'the container listed').catch(async (err: Error) => {
      const state = (await h.docker(['ps', '-a', '--format', '{{.ID}} {{.Status}}'])).stdout;
      throw new Error(`${err.message}\n${state}\n${h.diagnostics()}`);
    });
    // The new event stream delivers this exit: stop returns once it is recorded.
    await until(async () => (await h.docker(['stop', '-t', '1', id])).code === 0, 20_000, 'docker stop');
    expect(JSON.parse(await h.dockerOk(['inspect', id]))[0].State).toMatchObject({ Status: 'exited', ExitCode: 137 });
    await h.dockerOk(['rm', id]);
  });

  it('--containerd uses a running skiff-containerd; its namespace keeps the images and containers apart', async () => {
    const sock = path.join(h.dir, 'api2.sock');
    const log = path.join(h.dir, 'skiffd-external.log');
    const child = h.spawnSkiffd(
      ['-H', `unix://${sock}`, '--containerd', h.containerdSocket, '--containerd-namespace', 'other', '--data-root', path.join(h.dir, 'data2'), '--exec-root', path.join(h.dir, 'run2'), '--pidfile', path.join(h.dir, 'skiffd2.pid'), '--config-file', h.configFile],
      log,
    );
    try {
      await until(async () => (await h.docker(['version'], { host: `unix://${sock}` })).code === 0, 30_000, 'second skiffd answers');
      expect((await h.docker(['info', '--format', '{{.Images}}'], { host: `unix://${sock}` })).stdout.trim()).toBe('0');
      const r = await h.docker(['create', '--pull', 'never', 'busybox'], { host: `unix://${sock}` });
      expect(r.stderr).toContain('No such image: busybox:latest');
      // It started no skiff-containerd of its own.
      expect(fs.existsSync(path.join(h.dir, 'run2', 'containerd'))).toBe(false);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    expect(child.exitCode).toBe(0);
    expect(fs.existsSync(sock)).toBe(false);
  });

  it('SIGTERM stops skiffd cleanly: its skiff-containerd stops too, socket and pid file are removed', async () => {
    const containerd = h.containerdPid();
    const child = h.current!;
    await h.stop('SIGTERM');
    expect(child.exitCode).toBe(0);
    await until(() => !fs.existsSync(`/proc/${containerd}`) || fs.readFileSync(`/proc/${containerd}/stat`, 'utf8').includes(') Z '), 10_000, 'containerd gone');
    // No container was left running: not even an idle warm shim may stay.
    await until(() => (h.reap(), h.ownProcesses().length === 0), 5_000, `no process left (${h.ownProcesses().join(' ')})`);
    expect(fs.existsSync(h.socket)).toBe(false);
    expect(fs.existsSync(h.pidfile)).toBe(false);
  });
});
