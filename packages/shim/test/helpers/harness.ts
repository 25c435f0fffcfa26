import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as grpc from '@grpc/grpc-js';
import type { TaskClient } from '@skiff/protos/generated/skiff/shim/v1/Task';
import type { RuntimeConfig } from '@skiff/oci-spec';
import { answers } from '../../src/cli/start';
import { shimClient } from '../../src/grpc/server';
import { makeBundle } from './bundle';
import { isLive, reapZombieChildren, trackNodeChild } from './reaper';

export const shimBin = path.resolve(__dirname, '../../bin/skiff-shim');
export const runcBin = path.resolve(__dirname, '../../../runc/bin/skiff-runc');
/** runc, for the external-runtime tests (skipped where it is not installed). */
export const RUNC = '/usr/sbin/runc';
export const canRunContainers =
  process.getuid?.() === 0 &&
  fs.existsSync(path.resolve(__dirname, '../../dist/cli/main.js')) &&
  fs.existsSync(path.resolve(__dirname, '../../../runc/dist/index.js')) &&
  fs.existsSync('/bin/busybox');

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function until(check: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}

/** Calls a unary RPC and resolves with its response. */
export function rpc<T = any>(client: TaskClient, method: string, request: object, timeoutMs = 30_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const fn = (client as unknown as Record<string, (r: object, o: object, cb: (e: grpc.ServiceError | null, r: T) => void) => void>)[method]!;
    fn.call(client, request, { deadline: Date.now() + timeoutMs }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

/**
 * One test file's shims, containers and files, all under a private temporary directory and
 * runtime root, and all removed by cleanup() whatever state a failing test left them in.
 */
export class Harness {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-shim-it-'));
  readonly runtimeRoot = path.join(this.dir, 'runtime');
  readonly socketDir = path.join(this.dir, 's');
  /** The --root of tasks created with an external runc binary. */
  readonly runcRoot = path.join(this.dir, 'runc-root');
  /** Shim processes to SIGKILL at the end, whoever their parent is. */
  readonly shimPids = new Set<number>();
  /** libuv's children: reaped by libuv, never by hand. */
  private readonly children = new Set<ChildProcess>();
  private readonly clients: TaskClient[] = [];
  private counter = 0;

  id(prefix: string): string {
    return `shim-it-${prefix}-${process.pid}-${++this.counter}`;
  }

  bundle(args: string[], mutate?: (config: RuntimeConfig) => void): string {
    const dir = path.join(this.dir, 'bundles', `b${++this.counter}`);
    fs.mkdirSync(dir, { recursive: true });
    return makeBundle(dir, args, mutate);
  }

  client(address: string): TaskClient {
    const client = shimClient(address);
    this.clients.push(client);
    return client;
  }

  private spared(): Set<number> {
    return new Set([...this.children].map((c) => c.pid!));
  }

  reap(): number {
    return reapZombieChildren(this.spared());
  }

  /** Runs a node script under --single-threaded; see exec. */
  run(args: string[], opts: { reapWhileRunning?: boolean } = {}): Promise<RunResult> {
    return this.exec(process.execPath, ['--single-threaded', ...args], opts);
  }

  /** Runs a command without blocking the event loop (so zombies can be reaped meanwhile). */
  exec(command: string, args: string[], opts: { reapWhileRunning?: boolean } = {}): Promise<RunResult> {
    const child = trackNodeChild(spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
    this.children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const reaping = opts.reapWhileRunning ? setInterval(() => this.reap(), 20) : undefined;
    return new Promise((resolve) => {
      child.on('close', (status) => {
        clearInterval(reaping);
        this.children.delete(child);
        resolve({ status, stdout, stderr });
      });
    });
  }

  /** `skiff-shim serve` as a child of the test, its log in the temporary directory. */
  async serve(name: string): Promise<{ address: string; socket: string; child: ChildProcess; log: string }> {
    fs.mkdirSync(this.socketDir, { recursive: true });
    const socket = path.join(this.socketDir, name);
    const log = path.join(this.dir, `${name}.log`);
    const logFd = fs.openSync(log, 'a');
    const child = trackNodeChild(spawn(process.execPath, ['--single-threaded', shimBin, 'serve', '--socket', socket, '--runtime-root', this.runtimeRoot, '--debug'], {
      stdio: ['ignore', 'ignore', logFd],
    }));
    fs.closeSync(logFd);
    this.children.add(child);
    this.shimPids.add(child.pid!);
    child.on('exit', () => this.children.delete(child));
    const address = `unix://${socket}`;
    const deadline = Date.now() + 15_000;
    while (!(await answers(address, 500))) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`shim did not come up: ${fs.readFileSync(log, 'utf8')}`);
      await sleep(30);
    }
    return { address, socket, child, log };
  }

  /** `skiff-shim start`: returns the printed address and the daemon's pid (from shim.pid). */
  async start(id: string, bundle: string): Promise<{ address: string; pid: number }> {
    const r = await this.run([shimBin, 'start', '--id', id, '--bundle', bundle, '--namespace', 'test', '--address', '/test/containerd.sock', '--socket-dir', this.socketDir, '--runtime-root', this.runtimeRoot]);
    if (r.status !== 0) throw new Error(`skiff-shim start exited ${r.status}: ${r.stderr}`);
    const pid = Number(fs.readFileSync(path.join(bundle, 'shim.pid'), 'utf8'));
    this.shimPids.add(pid);
    return { address: r.stdout.trim(), pid };
  }

  /** Container ids a runtime root still holds. */
  runtimeIds(root = this.runtimeRoot): string[] {
    try {
      return fs.readdirSync(root);
    } catch {
      return [];
    }
  }

  async cleanup(): Promise<void> {
    for (const client of this.clients) client.close();
    for (const pid of this.shimPids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    for (const id of this.runtimeIds()) {
      await this.run([runcBin, '--root', this.runtimeRoot, 'delete', '--force', id], { reapWhileRunning: true });
    }
    for (const id of this.runtimeIds(this.runcRoot)) {
      await this.exec(RUNC, ['--root', this.runcRoot, 'delete', '--force', id], { reapWhileRunning: true });
    }
    await until(() => [...this.shimPids].every((pid) => (this.reap(), !isLive(pid))), 5_000, 'shims gone').catch(() => undefined);
    await until(() => this.children.size === 0, 5_000, 'children reaped by libuv').catch(() => undefined);
    this.reap();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Directories named `name` in any cgroup hierarchy (a few levels deep, where runtimes put them). */
export function cgroupsNamed(name: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory()) continue;
      const full = path.join(dir, e.name);
      if (e.name === name) found.push(full);
      else if (depth > 0) walk(full, depth - 1);
    }
  };
  for (const hierarchy of fs.readdirSync('/sys/fs/cgroup')) walk(path.join('/sys/fs/cgroup', hierarchy), 4);
  return found;
}

/** Entries of the json-file log, parsed. */
export function readLog(file: string): { log: string; stream: string; time: string }[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { log: string; stream: string; time: string });
}
