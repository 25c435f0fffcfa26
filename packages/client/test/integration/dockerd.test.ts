// skiff against Debian's real dockerd on temporary roots (its own data root, exec root, socket,
// pid file and config; no bridge, no iptables; the containerd it starts itself), with a busybox
// image imported from a tar of a rootfs made with /bin/busybox. Skipped when dockerd is absent
// or cannot start here; everything is stopped and removed afterwards, even on failure.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const DOCKERD = '/usr/sbin/dockerd';
const DOCKER = '/usr/local/bin/docker';
const skiffBin = path.resolve(__dirname, '../../bin/skiff');
const usable =
  process.getuid?.() === 0 &&
  fs.existsSync(DOCKERD) &&
  fs.existsSync(DOCKER) &&
  fs.existsSync('/bin/busybox') &&
  fs.existsSync(path.resolve(__dirname, '../../dist/cli/main.js'));

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function exec(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${file} ${args.join(' ')}: timed out`));
    }, 90_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

(usable ? describe : describe.skip)('skiff CLI against a real dockerd', () => {
  jest.setTimeout(180_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skdd-'));
  const socket = path.join(dir, 'docker.sock');
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', DOCKER_HOST: `unix://${socket}`, HOME: dir, DOCKER_CONFIG: path.join(dir, 'config') };
  let dockerd: ChildProcess | undefined;
  let started = false;
  const skiff = (...args: string[]) => exec(process.execPath, [skiffBin, ...args], env);

  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, 'daemon.json'), '{}');
    const log = fs.openSync(path.join(dir, 'dockerd.log'), 'a');
    dockerd = spawn(
      DOCKERD,
      ['--data-root', path.join(dir, 'data'), '--exec-root', path.join(dir, 'run'), '-H', `unix://${socket}`, '--pidfile', path.join(dir, 'dockerd.pid'),
        '--config-file', path.join(dir, 'daemon.json'), '--bridge=none', '--iptables=false', '--ip6tables=false'],
      { stdio: ['ignore', log, log] },
    );
    fs.closeSync(log);
    for (let i = 0; i < 120 && !started; i++) {
      await new Promise((r) => setTimeout(r, 500));
      if (dockerd.exitCode !== null) break;
      started = fs.existsSync(socket) && (await exec(DOCKER, ['version'], env)).code === 0;
    }
    if (!started) return;
    const rootfs = path.join(dir, 'rootfs');
    fs.mkdirSync(path.join(rootfs, 'bin'), { recursive: true });
    fs.copyFileSync('/bin/busybox', path.join(rootfs, 'bin/busybox'));
    fs.chmodSync(path.join(rootfs, 'bin/busybox'), 0o755);
    for (const applet of ['sh', 'echo', 'cat', 'sleep']) fs.symlinkSync('busybox', path.join(rootfs, 'bin', applet));
    spawnSync('tar', ['-C', rootfs, '-cf', path.join(dir, 'busybox.tar'), '.']);
    const imported = await exec(DOCKER, ['import', path.join(dir, 'busybox.tar'), 'busybox:latest'], env);
    if (imported.code !== 0) throw new Error(`docker import: ${imported.stderr}`);
  });

  afterAll(async () => {
    if (started) {
      const left = (await exec(DOCKER, ['ps', '-aq'], env)).stdout.split('\n').filter(Boolean);
      if (left.length) await exec(DOCKER, ['rm', '-f', ...left], env);
    }
    if (dockerd && dockerd.exitCode === null) {
      const exited = new Promise((r) => dockerd!.once('exit', r));
      dockerd.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 30_000)))]);
      clearTimeout(timer);
      if (dockerd.exitCode === null) dockerd.kill('SIGKILL');
    }
    // Mounts dockerd left (overlay, shm, netns) come off deepest first before the files go.
    const mounts = fs
      .readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' ')[1] ?? '')
      .filter((m) => m.startsWith(dir))
      .sort((a, b) => b.length - a.length);
    for (const m of mounts) spawnSync('umount', ['-l', m]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('run --rm, run -d, ps, logs, exec, rm -f and errors work as against skiffd', async () => {
    if (!started) {
      console.warn(`dockerd could not start here; see ${path.join(dir, 'dockerd.log')} (removed afterwards)`);
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
