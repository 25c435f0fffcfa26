import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { failedPrecondition, notFound } from '@skiff/errors';
import type { LinuxResources } from '@skiff/oci-spec';
import type { CgroupStats, IoFactory, ProcessIo, ProcessIoRequest, CreateOptions, SpawnOptions, Spawned, TaskRuntime } from '../../src/core/ports';
import { EventLog } from '../../src/core/event-log';
import { TaskManager, TaskManagerOptions } from '../../src/core/task-manager';

type FakeStatus = 'created' | 'running' | 'paused' | 'stopped';

/**
 * A runtime with no kernel behind it: pids are made up, and a process exits when the test says
 * so (exit) or when it is killed. Every call is recorded.
 */
export class FakeRuntime implements TaskRuntime {
  readonly calls: string[] = [];
  readonly containers = new Map<string, { pid: number; status: FakeStatus }>();
  oomKills = 0;
  /** What pids() answers besides the live init: processes left in the cgroup. */
  extraPids: number[] = [];
  failCreate: Error | undefined;
  /** Fails a create after whileInitSetsUp ran, as the library does when the init dies late. */
  failCreateAfterSetup: Error | undefined;
  /** The resources of each update(), by container. */
  readonly updates: [string, LinuxResources][] = [];
  /** The next fd handed back as a pty master. */
  private nextMaster = 500;
  /** Runs inside start(), before it returns: lets a test make the process exit meanwhile. */
  duringStart: (() => Promise<void> | void) | undefined;
  private nextPid = 1000;
  private readonly watchers = new Map<number, (status: number) => void>();
  private readonly early = new Map<number, number>();
  private readonly exited = new Set<number>();
  readonly execPids: number[] = [];

  private get(id: string) {
    const c = this.containers.get(id);
    if (!c) throw notFound('container does not exist');
    return c;
  }

  /** The TaskManager's watchExit. */
  readonly watchExit = (pid: number): Promise<number> =>
    new Promise((resolve) => {
      const status = this.early.get(pid);
      if (status !== undefined) resolve(status);
      else this.watchers.set(pid, resolve);
    });

  /** The process with this pid exits with this status (code, or 128 + signal). */
  exit(pid: number, status: number): void {
    this.exited.add(pid);
    for (const c of this.containers.values()) if (c.pid === pid) c.status = 'stopped';
    const watcher = this.watchers.get(pid);
    this.watchers.delete(pid);
    if (watcher) watcher(status);
    else this.early.set(pid, status);
  }

  private spawned(pid: number, terminal: boolean): Spawned {
    return terminal ? { pid, terminal: this.nextMaster++ } : { pid };
  }

  async create(id: string, opts: CreateOptions): Promise<Spawned> {
    this.calls.push(`create ${id} ${opts.bundle}${opts.terminal ? ' terminal' : ''}`);
    if (this.failCreate) throw this.failCreate;
    const pid = this.nextPid++;
    this.containers.set(id, { pid, status: 'created' });
    opts.whileInitSetsUp?.();
    if (this.failCreateAfterSetup) {
      this.containers.delete(id);
      throw this.failCreateAfterSetup;
    }
    return this.spawned(pid, opts.terminal);
  }

  async start(id: string): Promise<void> {
    this.calls.push(`start ${id}`);
    const c = this.get(id);
    if (c.status !== 'created') throw failedPrecondition('cannot start an already running container');
    await this.duringStart?.();
    if (c.status === 'created') c.status = 'running';
  }

  async kill(id: string, signal: number, all: boolean): Promise<void> {
    this.calls.push(`kill ${id} ${signal}${all ? ' all' : ''}`);
    const c = this.get(id);
    if (c.status === 'stopped' && !all) throw failedPrecondition('container not running');
    if (all) for (const pid of this.extraPids.splice(0)) this.exit(pid, 128 + signal);
    if (c.status !== 'stopped' && (signal === 9 || signal === 15)) this.exit(c.pid, 128 + signal);
  }

  async delete(id: string): Promise<void> {
    this.calls.push(`delete ${id}`);
    this.get(id);
    this.containers.delete(id);
  }

  async exec(id: string, _process: unknown, opts: SpawnOptions): Promise<Spawned> {
    this.calls.push(`exec ${id}${opts.terminal ? ' terminal' : ''}`);
    const pid = this.nextPid++;
    this.execPids.push(pid);
    return this.spawned(pid, opts.terminal);
  }

  async pause(id: string): Promise<void> {
    this.calls.push(`pause ${id}`);
    this.get(id).status = 'paused';
  }

  async resume(id: string): Promise<void> {
    this.calls.push(`resume ${id}`);
    this.get(id).status = 'running';
  }

  async pids(id: string): Promise<number[]> {
    const c = this.get(id);
    return [c.pid, ...this.execPids, ...this.extraPids].filter((pid) => !this.exited.has(pid));
  }

  async stats(id: string): Promise<CgroupStats> {
    this.get(id);
    return {
      cpu: { usage: { total: 1500, user: 1000, kernel: 500, percpu: [700, 800] } },
      memory: { usage: { usage: 4096, limit: 9223372036854771712, max: 8192, failcnt: 0 }, cache: 0, raw: { total_rss: 4096 } },
      pids: { current: 1 },
      blkio: {},
      hugetlb: {},
    };
  }

  async update(id: string, resources: LinuxResources): Promise<void> {
    this.calls.push(`update ${id}`);
    this.get(id);
    this.updates.push([id, resources]);
  }

  async oomKillCount(id: string): Promise<number> {
    this.get(id);
    return this.oomKills;
  }
}

export class FakeIo implements ProcessIo {
  readonly fds = { stdin: 100, stdout: 101, stderr: 102 };
  spawnedCalls = 0;
  /** The pty master spawned() was given. */
  terminal: number | undefined;
  sizes: [number, number][] = [];
  stdinClosed = false;
  closed = false;
  /** Resolve to let the process's output reach end of file. */
  releaseDrain!: () => void;
  private readonly drained: Promise<void>;

  constructor(
    readonly request: ProcessIoRequest,
    drainAtOnce: boolean,
  ) {
    this.drained = new Promise((resolve) => (this.releaseDrain = resolve));
    if (drainAtOnce) this.releaseDrain();
  }

  spawned(terminal?: number): void {
    this.spawnedCalls++;
    this.terminal = terminal;
  }

  resize(width: number, height: number): void {
    if (this.terminal === undefined) throw failedPrecondition('the process has no terminal');
    this.sizes.push([width, height]);
  }

  closeStdin(): void {
    this.stdinClosed = true;
  }

  async drain(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.drained, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
  }

  close(): void {
    this.closed = true;
  }
}

export interface Fixture {
  manager: TaskManager;
  runtime: FakeRuntime;
  events: EventLog;
  ios: FakeIo[];
  signals: [number, number][];
  bundle: string;
  exitRequests: number;
  cleanup(): void;
}

/** A TaskManager over the fakes, with a real temporary bundle directory (it writes shim.address there). */
export function fixture(overrides: Partial<TaskManagerOptions> & { drainAtOnce?: boolean } = {}): Fixture {
  const runtime = new FakeRuntime();
  const events = new EventLog();
  const ios: FakeIo[] = [];
  const signals: [number, number][] = [];
  const bundle = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-shim-unit-'));
  const openIo: IoFactory = (request) => {
    const io = new FakeIo(request, overrides.drainAtOnce ?? true);
    ios.push(io);
    return io;
  };
  const f: Fixture = {
    runtime,
    events,
    ios,
    signals,
    bundle,
    exitRequests: 0,
    manager: undefined as unknown as TaskManager,
    cleanup: () => fs.rmSync(bundle, { recursive: true, force: true }),
  };
  f.manager = new TaskManager({
    runtimeFor: () => runtime,
    watchExit: runtime.watchExit,
    openIo,
    events,
    address: 'unix:///run/skiff/s/test',
    defaultRuntimeRoot: '/run/skiff/runtime/test',
    signal: (pid, sig) => signals.push([pid, sig]),
    onExitRequested: () => f.exitRequests++,
    drainTimeoutMs: 50,
    settleTimeoutMs: 50,
    ...overrides,
  });
  return f;
}

/** Lets promise chains and zero-delay timers run. */
export const settle = (ms = 0) => new Promise<void>((resolve) => setTimeout(resolve, ms));
