import { ChildProcess, spawn, spawnSync, SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { becomeSubreaper, reapZombieChildren } from '../helpers/reaper';
import { findOnPath, isInCgroupTree, liveProcesses, removeCgroupTree, thawCgroupTree, unmountUnder, waitUntil } from './host-state';

/** Debian's docker.io 20.10 daemon, the one this acceptance test is written against. */
export const dockerdBin = '/usr/sbin/dockerd';
/** The CLI (28 here) negotiates the API down to dockerd 20.10's 1.41. */
export const dockerCli = findOnPath('docker');

/**
 * Directories dockerd 20.10 and its containerd 1.6 create at fixed paths whatever the roots say:
 * dockerd's plugin socket directory and containerd-shim-runc-v2's socket directory.
 */
const fixedHostDirs = ['/run/docker', '/run/docker/plugins', '/run/containerd', '/run/containerd/s'];

/**
 * A dockerd of its own: data, exec state, socket, pidfile, CLI config and the cgroups of its
 * containers all live under paths made for it, so it shares nothing with a system Docker and
 * everything it leaves behind can be found by path and removed.
 *
 * No --containerd is given: dockerd 20.10 then starts its own containerd with its root under
 * <data-root>/containerd and its state and socket under <exec-root>/containerd.
 */
export class PrivateDockerd {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-dockerd-'));
  readonly socket = path.join(this.dir, 'docker.sock');
  readonly logFile = path.join(this.dir, 'dockerd.log');
  /** Parent of every container cgroup (cgroupfs driver: <parent>/<container id>). */
  readonly cgroupParent = `/${path.basename(this.dir)}`;
  private daemon: ChildProcess | undefined;

  constructor(private readonly runtimes: Record<string, string>) {}

  async start(timeoutMs: number): Promise<void> {
    // containerd and the shims daemonize; as a subreaper this process inherits them rather than
    // PID 1 (which on this VM never reaps), so stop() can reap them.
    becomeSubreaper();
    // The trust key has no command-line flag; without this dockerd writes /etc/docker/key.json.
    const config = path.join(this.dir, 'daemon.json');
    fs.writeFileSync(config, JSON.stringify({ 'deprecated-key-path': path.join(this.dir, 'key.json') }));
    const args = [
      ['--config-file', config],
      ['--data-root', path.join(this.dir, 'data')],
      ['--exec-root', path.join(this.dir, 'exec')],
      ['--pidfile', path.join(this.dir, 'docker.pid')],
      ['-H', `unix://${this.socket}`],
      // No docker0 and no iptables rules: with the bridge gone, the unix socket is all the network it uses.
      ['--bridge=none', '--iptables=false', '--ip-masq=false'],
      // This host has no systemd to own cgroups.
      ['--exec-opt', 'native.cgroupdriver=cgroupfs'],
      ['--cgroup-parent', this.cgroupParent],
      ...Object.entries(this.runtimes).map(([name, bin]) => ['--add-runtime', `${name}=${bin}`]),
    ].flat();
    const log = fs.openSync(this.logFile, 'a');
    try {
      this.daemon = spawn(dockerdBin, args, { stdio: ['ignore', log, log] });
      // A failed spawn leaves no pid, which hasExited() reports; unheard, the event would throw.
      this.daemon.on('error', () => undefined);
    } finally {
      fs.closeSync(log);
    }
    const answered = await waitUntil(
      () => this.hasExited() || this.docker(['version', '--format', '{{.Server.Version}}'], 10_000).status === 0,
      timeoutMs,
      200,
    );
    if (!answered || this.hasExited()) throw new Error(`dockerd did not come up; end of ${this.logFile}:\n${this.logTail()}`);
  }

  /** Environment for the CLI: this daemon only, and its config kept out of ~/.docker. */
  cliEnv(): NodeJS.ProcessEnv {
    const inherited = Object.entries(process.env).filter(([name]) => !name.startsWith('DOCKER_'));
    return { ...Object.fromEntries(inherited), DOCKER_HOST: `unix://${this.socket}`, DOCKER_CONFIG: path.join(this.dir, 'cli') };
  }

  docker(args: string[], timeoutMs = 60_000): SpawnSyncReturns<string> {
    return spawnSync(dockerCli ?? 'docker', args, {
      encoding: 'utf8',
      env: this.cliEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
  }

  ok(args: string[], timeoutMs = 60_000): string {
    const r = this.docker(args, timeoutMs);
    if (r.status !== 0) throw new Error(`docker ${args.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr}${r.error ?? ''}`);
    return r.stdout;
  }

  inspect(container: string, format: string): string {
    return this.ok(['inspect', '--format', format, container]).trim();
  }

  /** Each container goes through the runtime's kill and delete, as `docker rm -f` does it. */
  removeAllContainers(timeoutMs = 30_000): void {
    const ids = this.ok(['ps', '--all', '--quiet'], timeoutMs).split('\n').filter(Boolean);
    if (ids.length > 0) this.ok(['rm', '--force', ...ids], timeoutMs);
  }

  logTail(lines = 40): string {
    return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '';
  }

  /**
   * Undoes everything start() did, each step attempted whatever happened before it; the errors
   * are reported together at the end. The waits add up to well under two minutes.
   */
  async stop(): Promise<void> {
    const errors: unknown[] = [];
    const attempt = async (step: () => void | Promise<void>) => {
      try {
        await step();
      } catch (err) {
        errors.push(err);
      }
    };
    // First, so dockerd's shutdown does not spend each container's 10 s stop timeout on them.
    if (!this.hasExited()) await attempt(() => this.removeAllContainers());
    await attempt(() => this.stopDaemon());
    await attempt(() => this.killLeftoverProcesses());
    await attempt(() => unmountUnder(this.dir));
    await attempt(() => removeCgroupTree(this.cgroupParent));
    await attempt(() => fs.rmSync(this.dir, { recursive: true, force: true }));
    await attempt(() => removeFixedHostDirs());
    if (errors.length > 0) throw new AggregateError(errors, `cleaning up after dockerd: ${errors.map(String).join('; ')}`);
  }

  private hasExited(): boolean {
    const d = this.daemon;
    return !d || d.pid === undefined || d.exitCode !== null || d.signalCode !== null;
  }

  private async stopDaemon(): Promise<void> {
    if (this.hasExited()) return;
    this.daemon!.kill('SIGTERM');
    if (await waitUntil(() => this.hasExited(), 20_000)) return;
    this.daemon!.kill('SIGKILL');
    if (!(await waitUntil(() => this.hasExited(), 10_000))) throw new Error(`dockerd (pid ${this.daemon!.pid}) survived SIGKILL`);
  }

  /**
   * containerd survives a dockerd that did not shut down cleanly, a shim survives while its
   * container does, and container processes outlive a killed shim. They are ours if their command
   * line names this daemon's directory (containerd and the shims get its exec root) or if they sit
   * in a cgroup under this daemon's cgroup parent (container processes).
   */
  private async killLeftoverProcesses(): Promise<void> {
    const ours = () => liveProcesses().filter((p) => p.cmdline.includes(`${this.dir}/`) || isInCgroupTree(p, this.cgroupParent));
    thawCgroupTree(this.cgroupParent);
    const leftovers = ours();
    for (const p of leftovers) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // Exited meanwhile.
      }
    }
    // This process is a subreaper, so the orphans become its zombies until reaped here.
    const gone = await waitUntil(() => {
      reapZombieChildren();
      return ours().length === 0;
    }, 10_000);
    reapZombieChildren();
    if (!gone) throw new Error(`still running: ${ours().map((p) => `${p.pid} ${p.cmdline}`).join('; ')}`);
    for (const p of leftovers) {
      const socket = shimSocket(p.cmdline);
      if (socket) fs.rmSync(socket, { force: true });
    }
  }
}

/**
 * A shim removes its socket when it exits, but not when killed. containerd 1.6 names it after
 * the shim's arguments: /run/containerd/s/<sha256 of "<containerd address>/<namespace>/<id>">.
 */
function shimSocket(cmdline: string): string | undefined {
  const args = cmdline.trim().split(' ');
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i < 0 ? undefined : args[i + 1];
  };
  const [namespace, id, address] = [flag('-namespace'), flag('-id'), flag('-address')];
  if (!path.basename(args[0] ?? '').startsWith('containerd-shim') || !namespace || !id || !address) return undefined;
  return path.join('/run/containerd/s', createHash('sha256').update(path.join(address, namespace, id)).digest('hex'));
}

/**
 * Removes the fixed directories once nothing can be using them: they are empty and no dockerd
 * runs. Who created them does not matter (a concurrent run of this suite may have).
 */
function removeFixedHostDirs(): void {
  if (liveProcesses().some((p) => path.basename(p.cmdline.split(' ')[0] ?? '') === 'dockerd')) return;
  for (const dir of [...fixedHostDirs].reverse()) {
    try {
      fs.rmdirSync(dir);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTEMPTY') throw err;
    }
  }
}
