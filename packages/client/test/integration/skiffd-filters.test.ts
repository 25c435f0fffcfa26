// --filter on ps, images, volume ls/prune and network ls/prune, and --sig-proxy on run and
// start -a, against skiffd on temporary roots: each command runs through skiff and through the
// real docker CLI 28 on the same daemon, and stdout, stderr and exit status are compared.
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canRunSkiffd, DOCKER, type RunResult, SkiffdHarness, until } from '../../../daemon/test/helpers/skiffd';
import { skiffBin, skiffOnSkiffd } from '../helpers/skiff-on-skiffd';

const built = fs.existsSync(path.resolve(__dirname, '../../dist/cli/main.js'));

/** A trap that reports SIGTERM with exit 3, and says when it is in place. */
const TRAPPING = ['busybox', 'sh', '-c', 'trap "echo got TERM; exit 3" TERM; echo ready; while :; do sleep 0.1; done'];

(canRunSkiffd && built ? describe : describe.skip)('skiff --filter and --sig-proxy against skiffd, compared with docker', () => {
  jest.setTimeout(90_000);
  const h = new SkiffdHarness();
  const { env, skiff } = skiffOnSkiffd(h);
  const docker = (...args: string[]) => h.docker(args);

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
  }, 60_000);
  afterAll(() => h.cleanup(), 60_000);

  /** The same command line through both CLIs; docker's usage text names itself where skiff's does. */
  const same = async (...args: string[]) => {
    const ours = await skiff(...args);
    const theirs = await docker(...args);
    expect({ args, ...ours }).toEqual({ args, ...theirs, stderr: theirs.stderr.replace(/\bdocker\b/g, 'skiff') });
    return ours;
  };

  it('ps, with and without -a: a status filter lists stopped containers either way', async () => {
    await h.dockerOk(['run', '-d', '--name', 'fl-up', '--label', 'tier=web', 'busybox', 'sleep', '300']);
    expect((await docker('run', '--name', 'fl-ex', '--label', 'tier=db', 'busybox', 'sh', '-c', 'exit 3')).code).toBe(3);
    await h.dockerOk(['create', '--name', 'fl-cr', '--label', 'tier=db', 'busybox', 'true']);
    const format = ['--format', '{{.Names}} {{.State}} {{.Labels}}'];
    expect((await same('ps', '-f', 'status=exited', ...format)).stdout).toBe('fl-ex exited tier=db\n');
    await same('ps', '-a', '-f', 'status=exited', '-f', 'status=created', ...format);
    expect((await same('ps', '-f', 'label=tier=db', ...format)).stdout).toBe('');
    expect((await same('ps', '-a', '--filter', 'label=tier=db', '--filter', 'name=fl-', ...format)).stdout.split('\n').sort()).toEqual(['', 'fl-cr created tier=db', 'fl-ex exited tier=db']);
    await same('ps', '-q', '--no-trunc', '-f', 'name=fl-up');
    await same('ps', '-a', '-f', 'status=nonsense');
    await same('ps', '-f', 'bogus=1');
    expect((await same('ps', '-f', 'status')).code).toBe(125);
    await h.dockerOk(['rm', '-f', 'fl-up', 'fl-ex', 'fl-cr']);
  });

  it('images: filters and the positional REPOSITORY[:TAG]', async () => {
    await h.dockerOk(['tag', 'busybox', 'fl/one:1']);
    await h.dockerOk(['tag', 'busybox', 'fl/one:2']);
    const format = ['--format', '{{.Repository}}:{{.Tag}}'];
    expect((await same('images', 'fl/one', ...format)).stdout.split('\n').sort()).toEqual(['', 'fl/one:1', 'fl/one:2']);
    expect((await same('images', 'fl/one:2', ...format)).stdout).toBe('fl/one:2\n');
    await same('images', '-f', 'reference=fl/*', ...format);
    await same('images', '-q', '-f', 'dangling=true');
    await same('images', 'nothing-here');
    expect((await same('images', '--filter', 'dangling')).code).toBe(125);
    await h.dockerOk(['rmi', 'fl/one:1', 'fl/one:2']);
  });

  it('volume ls and volume prune', async () => {
    await h.dockerOk(['volume', 'create', '--label', 'keep=no', 'flv1']);
    await h.dockerOk(['volume', 'create', 'flv2']);
    expect((await same('volume', 'ls', '-f', 'label=keep=no')).stdout).toBe('DRIVER    VOLUME NAME\nlocal     flv1\n');
    await same('volume', 'ls', '-q', '-f', 'name=flv', '-f', 'dangling=true');
    await same('volume', 'ls', '--filter', 'driver=local', '--format', '{{.Name}}');
    expect((await same('volume', 'ls', '-f', 'nope')).code).toBe(125);
    expect(await same('volume', 'prune', '-a', '-f', '--filter', 'all=1')).toMatchObject({ code: 1 });
    expect(await skiff('volume', 'prune', '-a', '-f', '--filter', 'label=keep=no')).toEqual({ code: 0, stdout: 'Deleted Volumes:\nflv1\n\nTotal reclaimed space: 0B\n', stderr: '' });
    await h.dockerOk(['volume', 'create', '--label', 'keep=no', 'flv1']);
    expect(await docker('volume', 'prune', '-a', '-f', '--filter', 'label=keep=no')).toEqual({ code: 0, stdout: 'Deleted Volumes:\nflv1\n\nTotal reclaimed space: 0B\n', stderr: '' });
    expect(await h.dockerOk(['volume', 'ls', '-q'])).toBe('flv2');
    await h.dockerOk(['volume', 'rm', 'flv2']);
  });

  it('network ls and network prune', async () => {
    await h.dockerOk(['network', 'create', '--label', 'drop=yes', 'fln1']);
    await h.dockerOk(['network', 'create', 'fln2']);
    expect((await same('network', 'ls', '-f', 'label=drop=yes', '--format', '{{.Name}} {{.Driver}}')).stdout).toBe('fln1 bridge\n');
    await same('network', 'ls', '-f', 'name=fln', '-f', 'name=host');
    await same('network', 'ls', '-q', '--no-trunc', '--filter', 'driver=bridge');
    expect((await same('network', 'ls', '-f', 'x')).code).toBe(125);
    expect(await skiff('network', 'prune', '-f', '--filter', 'label=drop=yes')).toEqual({ code: 0, stdout: 'Deleted Networks:\nfln1\n\n', stderr: '' });
    await h.dockerOk(['network', 'create', '--label', 'drop=yes', 'fln1']);
    expect(await docker('network', 'prune', '-f', '--filter', 'label=drop=yes')).toEqual({ code: 0, stdout: 'Deleted Networks:\nfln1\n\n', stderr: '' });
    expect(await h.dockerOk(['network', 'ls', '-q', '-f', 'name=fln', '--format', '{{.Name}}'])).toBe('fln2');
    await h.dockerOk(['network', 'rm', 'fln2']);
  });

  /** A CLI attached to a container that prints "ready" once its traps are set. */
  const attached = (bin: string, args: string[]) => {
    const child: ChildProcess = spawn(bin === 'skiff' ? process.execPath : DOCKER, bin === 'skiff' ? [skiffBin, ...args] : args, {
      env: bin === 'skiff' ? env() : { ...env(), DOCKER_CONFIG: h.dockerConfig },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    h.spare(child.pid!);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const done = new Promise<RunResult & { signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    void done.then(() => clearTimeout(timer));
    const output = (text: string) => until(() => stdout.includes(text), 30_000, `${bin} ${args.join(' ')} printing ${text}`);
    return { child, done, output, ready: () => output('ready\n') };
  };

  it('run forwards SIGTERM to the container as docker does, and not with --sig-proxy=false', async () => {
    for (const bin of ['skiff', 'docker']) {
      const run = attached(bin, ['run', '--rm', ...TRAPPING]);
      await run.ready();
      run.child.kill('SIGTERM');
      expect({ bin, ...(await run.done) }).toEqual({ bin, code: 3, signal: null, stdout: 'ready\ngot TERM\n', stderr: '' });
    }
    const unproxied = attached('skiff', ['run', '--name', 'fl-np', '--sig-proxy=false', ...TRAPPING]);
    await unproxied.ready();
    unproxied.child.kill('SIGTERM');
    expect(await unproxied.done).toMatchObject({ code: null, signal: 'SIGTERM', stdout: 'ready\n' });
    expect(await h.dockerOk(['inspect', '-f', '{{.State.Running}}', 'fl-np'])).toBe('true');
    await h.dockerOk(['rm', '-f', 'fl-np']);
  });

  it('start -a forwards SIGINT and SIGTERM, and the first one also ends the attachment (exit 0) while the container goes on, as docker 28', async () => {
    const script = ['busybox', 'sh', '-c', 'trap "echo got INT" INT; trap "echo got TERM; exit 3" TERM; echo ready; while :; do sleep 0.1; done'];
    for (const [bin, signal] of [
      ['skiff', 'SIGINT'],
      ['docker', 'SIGINT'],
      ['skiff', 'SIGTERM'],
      ['docker', 'SIGTERM'],
    ] as const) {
      const name = `fl-st-${bin}-${signal.toLowerCase()}`;
      await h.dockerOk(['create', '--name', name, ...script]);
      const start = attached(bin, ['start', '-a', name]);
      await start.ready();
      start.child.kill(signal);
      expect({ bin, sent: signal, ...(await start.done) }).toEqual({ bin, sent: signal, code: 0, signal: null, stdout: 'ready\n', stderr: '' });
      const logs = signal === 'SIGINT' ? 'ready\ngot INT' : 'ready\ngot TERM';
      const forwarded = until(async () => (await h.dockerOk(['logs', name])) === logs, bin === 'skiff' ? 10_000 : 3_000, `${name} logging the forwarded signal`);
      if (bin === 'skiff') await forwarded;
      else {
        // docker 28 cancels its own context on the signal it is forwarding, so whether its kill
        // request leaves before the CLI exits is a race inside docker (it lost it once in CI):
        // only skiff is held to delivering the signal every time.
        await forwarded.catch(async () => expect(await h.dockerOk(['logs', name])).toBe('ready'));
      }
      await h.dockerOk(['rm', '-f', name]);
    }
  });
});
