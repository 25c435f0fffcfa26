// Debian's dockerd on temporary roots (its own data root, exec root, socket, pid file and
// config; no bridge, no iptables; the containerd it starts itself) with a busybox image imported
// from a tar of /bin/busybox, for tests that compare skiff with the real docker CLI. stop()
// removes containers, stops dockerd, unmounts what it left and deletes the directory.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const DOCKERD = '/usr/sbin/dockerd';
export const DOCKER = '/usr/local/bin/docker';
export const skiffBin = path.resolve(__dirname, '../../bin/skiff');

export const dockerdUsable =
  process.getuid?.() === 0 &&
  fs.existsSync(DOCKERD) &&
  fs.existsSync(DOCKER) &&
  fs.existsSync('/bin/busybox') &&
  fs.existsSync(path.resolve(__dirname, '../../dist/cli/main.js'));

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(file: string, args: string[], env: NodeJS.ProcessEnv, input?: string | Buffer): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('latin1')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    if (input !== undefined) child.stdin!.end(input);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${file} ${args.join(' ')}: timed out`));
    }, 30_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export class DockerdHarness {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skdv-'));
  readonly socket = path.join(this.dir, 'docker.sock');
  readonly env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', DOCKER_HOST: `unix://${this.socket}`, HOME: this.dir, DOCKER_CONFIG: path.join(this.dir, 'config'), TZ: 'UTC' };
  started = false;
  private dockerd: ChildProcess | undefined;

  docker = (...args: string[]) => run(DOCKER, args, this.env);
  skiff = (...args: string[]) => run(process.execPath, [skiffBin, ...args], this.env);

  async start(applets: string[] = ['sh', 'echo', 'cat', 'sleep', 'ls', 'touch', 'rm']): Promise<boolean> {
    fs.writeFileSync(path.join(this.dir, 'daemon.json'), '{}');
    const log = fs.openSync(path.join(this.dir, 'dockerd.log'), 'a');
    this.dockerd = spawn(
      DOCKERD,
      ['--data-root', path.join(this.dir, 'data'), '--exec-root', path.join(this.dir, 'run'), '-H', `unix://${this.socket}`, '--pidfile', path.join(this.dir, 'dockerd.pid'),
        '--config-file', path.join(this.dir, 'daemon.json'), '--bridge=none', '--iptables=false', '--ip6tables=false'],
      { stdio: ['ignore', log, log] },
    );
    fs.closeSync(log);
    for (let i = 0; i < 120 && !this.started; i++) {
      await new Promise((r) => setTimeout(r, 500));
      if (this.dockerd.exitCode !== null) break;
      this.started = fs.existsSync(this.socket) && (await this.docker('version')).code === 0;
    }
    if (!this.started) return false;
    const rootfs = path.join(this.dir, 'rootfs');
    fs.mkdirSync(path.join(rootfs, 'bin'), { recursive: true });
    fs.copyFileSync('/bin/busybox', path.join(rootfs, 'bin/busybox'));
    fs.chmodSync(path.join(rootfs, 'bin/busybox'), 0o755);
    for (const applet of applets) fs.symlinkSync('busybox', path.join(rootfs, 'bin', applet));
    spawnSync('tar', ['-C', rootfs, '-cf', path.join(this.dir, 'busybox.tar'), '.']);
    const imported = await run(DOCKER, ['import', path.join(this.dir, 'busybox.tar'), 'busybox:latest'], this.env);
    if (imported.code !== 0) throw new Error(`docker import: ${imported.stderr}`);
    return true;
  }

  async stop(): Promise<void> {
    if (this.started) {
      const left = (await this.docker('ps', '-aq')).stdout.split('\n').filter(Boolean);
      if (left.length) await this.docker('rm', '-f', ...left);
    }
    const dockerd = this.dockerd;
    if (dockerd && dockerd.exitCode === null) {
      const exited = new Promise((r) => dockerd.once('exit', r));
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
      .filter((m) => m.startsWith(this.dir))
      .sort((a, b) => b.length - a.length);
    for (const m of mounts) spawnSync('umount', ['-l', m]);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
