// skiffd's own skiff-containerd, when no --containerd address is given (dockerd does the same
// with containerd): started with roots under skiffd's, restarted when it dies, and adopted rather
// than duplicated when skiffd itself restarts while the previous one still runs (a crash of
// skiffd must not take containerd down, and two supervisors on one socket would fight).
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Logger } from 'pino';
import { unavailable } from '@skiff/errors';

export interface SupervisorOptions {
  binary: string;
  /** Persistent root (--root) and runtime state (--state) of containerd. */
  root: string;
  state: string;
  /** Its socket. */
  address: string;
  /**
   * Where shims put their sockets. Not under `state`: containerd takes every directory there
   * for a namespace of task bundles.
   */
  shimSocketDir: string;
  /** Namespaces to keep warm shims for (skiffd's own). */
  namespace: string;
  /** Shims started ahead of need: each container start takes one, and a start that finds none pays a shim's start-up. */
  warmShims: number;
  logLevel: string;
  log: Logger;
  /** Answers when containerd serves; the supervisor's health check. */
  ping: (timeoutMs: number) => Promise<unknown>;
}

/**
 * Where skiff-containerd's launcher is: in an installed @skiff/containerd package found the way
 * require would find it, else beside this package in the source tree. Found by path, never
 * imported: the daemon talks to containerd only over gRPC.
 */
export function findContainerdBinary(): string {
  const candidates = [
    ...(module.paths ?? []).map((dir) => path.join(dir, '@skiff', 'containerd', 'bin', 'skiff-containerd')),
    path.resolve(__dirname, '..', '..', '..', 'containerd', 'bin', 'skiff-containerd'),
  ];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw unavailable(`skiff-containerd not found (looked in ${candidates.join(', ')}); install @skiff/containerd or pass --containerd`);
  return found;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return cmdline.includes('skiff-containerd');
  } catch {
    return false;
  }
}

export class ContainerdSupervisor {
  private child: ChildProcess | undefined;
  private adoptedPid: number | undefined;
  private stopping = false;
  private restarts = 0;
  private health: NodeJS.Timeout | undefined;
  private readonly pidFile: string;

  constructor(private readonly o: SupervisorOptions) {
    this.pidFile = path.join(o.state, 'skiff-containerd.pid');
  }

  async start(): Promise<void> {
    fs.mkdirSync(this.o.root, { recursive: true, mode: 0o711 });
    fs.mkdirSync(this.o.state, { recursive: true, mode: 0o711 });
    const previous = this.readPid();
    if (previous !== undefined && isAlive(previous) && (await this.answers(2_000))) {
      this.o.log.info({ pid: previous }, 'skiff-containerd is still running; using it');
      this.adoptedPid = previous;
    } else {
      if (previous !== undefined && isAlive(previous)) {
        this.o.log.warn({ pid: previous }, 'skiff-containerd does not answer; killing it');
        process.kill(previous, 'SIGKILL');
      }
      this.spawn();
      await this.waitReady();
    }
    // A containerd we did not start gives us no exit event: watch it by asking it.
    this.health = setInterval(() => void this.check(), 2_000);
    this.health.unref();
  }

  private readPid(): number | undefined {
    try {
      const pid = Number(fs.readFileSync(this.pidFile, 'utf8').trim());
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  private async answers(timeoutMs: number): Promise<boolean> {
    return this.o.ping(timeoutMs).then(
      () => true,
      () => false,
    );
  }

  private spawn(): void {
    const config = path.join(this.o.state, 'skiff-containerd.json');
    fs.writeFileSync(
      config,
      JSON.stringify({ shim: { socketDir: this.o.shimSocketDir, warm: { size: this.o.warmShims, namespaces: [this.o.namespace] } } }),
    );
    // Its output goes to a file, not a pipe to us: it must keep logging after we die.
    const logFd = fs.openSync(path.join(this.o.state, 'skiff-containerd.log'), 'a');
    const args = [this.o.binary, '--root', this.o.root, '--state', this.o.state, '--address', this.o.address, '--config', config, '--log-level', this.o.logLevel];
    const child = spawn(process.execPath, args, { stdio: ['ignore', logFd, logFd] });
    fs.closeSync(logFd);
    this.child = child;
    this.adoptedPid = undefined;
    fs.writeFileSync(this.pidFile, `${child.pid}\n`);
    this.o.log.info({ pid: child.pid, address: this.o.address }, 'started skiff-containerd');
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = undefined;
      if (this.stopping) return;
      this.o.log.error({ code, signal }, 'skiff-containerd exited; restarting it');
      void this.restart();
    });
  }

  private async restart(): Promise<void> {
    // Backs off when it keeps dying, so a broken install does not spin the CPU.
    await sleep(Math.min(200 * 2 ** this.restarts++, 10_000));
    if (this.stopping) return;
    this.spawn();
    await this.waitReady().then(
      () => (this.restarts = 0),
      (err: Error) => this.o.log.error({ err: err.message }, 'restarted skiff-containerd does not answer'),
    );
  }

  private async check(): Promise<void> {
    if (this.stopping || this.child || this.adoptedPid === undefined) return;
    if (isAlive(this.adoptedPid) && (await this.answers(5_000))) return;
    if (this.stopping || this.adoptedPid === undefined) return;
    this.o.log.error({ pid: this.adoptedPid }, 'adopted skiff-containerd is gone or hung; starting a new one');
    if (isAlive(this.adoptedPid)) process.kill(this.adoptedPid, 'SIGKILL');
    this.adoptedPid = undefined;
    this.spawn();
    await this.waitReady().catch((err: Error) => this.o.log.error({ err: err.message }, 'new skiff-containerd does not answer'));
  }

  private async waitReady(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      // No socket yet: a dial now would only fail and put the channel into back-off.
      if (!fs.existsSync(this.o.address)) {
        if (!this.child && this.adoptedPid === undefined) break;
        await sleep(20);
        continue;
      }
      if (await this.answers(1_000)) return;
      if (!this.child && this.adoptedPid === undefined) break;
      await sleep(50);
    }
    throw unavailable(`skiff-containerd did not answer on ${this.o.address} within ${timeoutMs} ms (see ${path.join(this.o.state, 'skiff-containerd.log')})`);
  }

  /** Stops containerd (shims and containers keep running), whether we started or adopted it. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.health);
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    } else if (this.adoptedPid !== undefined && isAlive(this.adoptedPid)) {
      const pid = this.adoptedPid;
      process.kill(pid, 'SIGTERM');
      const deadline = Date.now() + 10_000;
      while (isAlive(pid) && Date.now() < deadline) await sleep(50);
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    fs.rmSync(this.pidFile, { force: true });
  }
}
