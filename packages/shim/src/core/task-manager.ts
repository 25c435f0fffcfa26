import * as path from 'node:path';
import { alreadyExists, failedPrecondition, invalidArgument, isSkiffError, notFound, notImplemented, unavailable } from '@skiff/errors';
import type { RootfsMount, RootfsMounter } from '../io/rootfs';
import type { LinuxResources, Process } from '@skiff/oci-spec';
import { readSpecFacts, removeTaskFiles, writeTaskFiles } from '../bundle-files';
import type { EventLog } from './event-log';
import type { TaskEvent } from './events';
import type { CgroupStats, IoFactory, ProcessIo, Spawned, TaskRuntime, TaskRuntimeOptions } from './ports';
import { ExitInfo, StdioPaths, TaskProcess } from './process';
import { Task } from './task';

const SIGKILL = 9;

export type TaskStatus = 'CREATED' | 'RUNNING' | 'STOPPED' | 'PAUSED' | 'PAUSING';

export interface CreateTaskInput extends StdioPaths {
  id: string;
  bundle: string;
  /** Mounts that make up <bundle>/rootfs, in order; empty when the bundle's rootfs is in place. */
  rootfs: readonly RootfsMount[];
  terminal: boolean;
  runtimeOptions: TaskRuntimeOptions;
}

export interface ExecInput extends StdioPaths {
  id: string;
  execId: string;
  terminal: boolean;
  spec: Process;
}

export interface ProcessState extends StdioPaths {
  id: string;
  execId: string;
  bundle: string;
  pid: number;
  status: TaskStatus;
  terminal: boolean;
  exitStatus: number;
  exitedAt: Date | undefined;
}

export interface DeleteResult {
  pid: number;
  exitStatus: number;
  exitedAt: Date | undefined;
}

export interface TaskManagerOptions {
  /** The runtime for a task's options; throws NotImplemented for one the shim cannot drive. */
  runtimeFor(options: TaskRuntimeOptions): TaskRuntime;
  /** Resolves with the exit status (code, or 128 + signal) once a child of the shim exits. */
  watchExit(pid: number): Promise<number>;
  openIo: IoFactory;
  events: EventLog;
  /** This shim's address (unix://...), written into every task's bundle. */
  address: string;
  /** The runtime root for tasks whose options name none. */
  defaultRuntimeRoot: string;
  /** Sends a signal to one exec'd process (process.kill unless a test substitutes it). */
  signal?: (pid: number, signal: number) => void;
  /** Reaps zombies the shim inherited as a subreaper: a cgroup cannot be removed while they exist. */
  reapOrphans?: () => void;
  /** Called once when the shim should exit (Shutdown with nothing left to hold, or now). */
  onExitRequested?: () => void;
  /** Mounts rootfs mounts given in Create; without it such a Create is refused. */
  rootfsMounter?: RootfsMounter;
  /**
   * Reads the OOM kill count of the cgroups a process is in now. Used, for a runtime that cannot
   * count them itself (a runtime binary), on the init right after its create.
   */
  oomCounterOf?: (pid: number) => () => number;
  clock?: () => Date;
  /** How long an exit waits for the process's output to reach end of file before it is published. */
  drainTimeoutMs?: number;
  /** How long the init's exit waits for leftover processes of the task to die. */
  settleTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A terminal merges the process's output into one stream, which goes to stdout. */
function checkTerminalStdio(input: { terminal: boolean; stderr: string }): void {
  if (input.terminal && input.stderr !== '') throw invalidArgument('stderr must be "" with a terminal: the terminal carries all output, to stdout');
}

/**
 * The shim's tasks and their life cycle (docs/shim-api.md): states, the exit of every process,
 * events in their required order, and releasing everything on Delete. It knows no gRPC: the
 * adapter in grpc/ validates requests and maps errors, and the runtime and stdio are ports.
 */
export class TaskManager {
  private readonly tasks = new Map<string, Task>();
  private readonly clock: () => Date;
  private readonly drainTimeoutMs: number;
  private readonly settleTimeoutMs: number;
  private readonly signal: (pid: number, signal: number) => void;
  private shutdownRequested = false;
  private exitRequested = false;

  constructor(private readonly opts: TaskManagerOptions) {
    this.clock = opts.clock ?? (() => new Date());
    this.drainTimeoutMs = opts.drainTimeoutMs ?? 2_000;
    this.settleTimeoutMs = opts.settleTimeoutMs ?? 5_000;
    this.signal = opts.signal ?? ((pid, sig) => process.kill(pid, sig));
  }

  get size(): number {
    return this.tasks.size;
  }

  /** A pid one of the tasks is waiting for: the orphan reaper must leave it to its watcher. */
  ownsPid(pid: number): boolean {
    for (const task of this.tasks.values()) {
      for (const proc of [task.init, ...task.execs.values()]) if (proc.pid === pid && !proc.reaped) return true;
    }
    return false;
  }

  private task(id: string): Task {
    const task = this.tasks.get(id);
    if (!task) throw notFound(`task ${id} not found`);
    return task;
  }

  private emit(event: TaskEvent): void {
    this.opts.events.emit(event);
  }

  async create(input: CreateTaskInput): Promise<{ pid: number }> {
    if (this.exitRequested) throw unavailable('the shim is shutting down');
    if (this.tasks.has(input.id)) throw alreadyExists(`task ${input.id} already exists`);
    checkTerminalStdio(input);
    // As with containerd's shim, the spec decides and is never rewritten; a request that
    // disagrees with it is refused here, with a clearer message than the runtime's.
    const spec = readSpecFacts(input.bundle);
    if (spec.terminal !== undefined && spec.terminal !== input.terminal) {
      throw invalidArgument(`terminal is ${input.terminal} but the bundle's config.json has process.terminal ${spec.terminal}`);
    }
    const mounter = input.rootfs.length > 0 ? this.opts.rootfsMounter : undefined;
    if (input.rootfs.length > 0 && !mounter) throw notImplemented('this shim cannot mount a rootfs: pass a bundle with its rootfs in place');
    const options = { ...input.runtimeOptions, root: input.runtimeOptions.root || this.opts.defaultRuntimeRoot };
    const runtime = this.opts.runtimeFor(options);
    const init = new TaskProcess('', { stdin: input.stdin, stdout: input.stdout, stderr: input.stderr }, input.terminal);
    const task = new Task(input.id, input.bundle, options, runtime, init);
    task.ownPidNamespace = spec.ownPidNamespace;
    // Claimed before the first await so a concurrent Create of the same id fails.
    this.tasks.set(task.id, task);
    let created = false;
    // How containerd finds this shim again, and `skiff-shim delete` cleans up: before the answer.
    let taskFilesBegun = false;
    const writeFiles = () => {
      if (taskFilesBegun) return;
      taskFilesBegun = true;
      writeTaskFiles(task.bundle, options, this.opts.address);
    };
    const rootfs = path.join(task.bundle, 'rootfs');
    try {
      if (mounter) {
        mounter.mount(input.rootfs, rootfs);
        task.rootfsMounted = true;
      }
      const { logPathJsonFile: logPath, logOptions } = options;
      init.io = this.opts.openIo({ ...init.stdio, terminal: init.terminal, ...(logPath ? { log: { path: logPath, ...logOptions } } : {}) });
      const spawned = await runtime.create(task.id, { bundle: task.bundle, stdio: init.io.fds, terminal: init.terminal, whileInitSetsUp: writeFiles });
      init.pid = spawned.pid;
      created = true;
      init.io.spawned(spawned.terminal);
      if (!runtime.oomKillCount && this.opts.oomCounterOf) task.oomCounter = this.counterOf(task.id, init.pid);
      task.oomKills = await this.oomKills(task);
      writeFiles();
    } catch (err) {
      this.tasks.delete(task.id);
      init.io?.close();
      // Written, or half: a failed write may leave its temporary file too.
      if (taskFilesBegun) removeTaskFiles(task.bundle);
      if (created) await runtime.delete(task.id).catch(() => undefined);
      if (task.rootfsMounted) mounter!.unmount(rootfs);
      throw err;
    }
    this.watch(task, init);
    this.emit({ kind: 'taskCreate', containerId: task.id, bundle: task.bundle, pid: init.pid, ...init.stdio, terminal: init.terminal });
    return { pid: init.pid };
  }

  async start(id: string, execId: string): Promise<{ pid: number }> {
    const task = this.task(id);
    const proc = task.process(execId);
    if (proc.status !== 'created' || proc.starting || task.deleting) {
      throw failedPrecondition(`${describe(task, proc)} cannot be started: it is ${this.statusOf(task, proc).toLowerCase()}`);
    }
    proc.starting = proc === task.init ? this.startInit(task) : this.startExec(task, proc);
    try {
      await proc.starting;
    } finally {
      proc.starting = undefined;
    }
    return { pid: proc.pid };
  }

  private async startInit(task: Task): Promise<void> {
    await task.runtime.start(task.id);
    task.init.status = 'running';
    this.emit({ kind: 'taskStart', containerId: task.id, pid: task.init.pid });
  }

  private async startExec(task: Task, proc: TaskProcess): Promise<void> {
    this.requireRunning(task, 'start an exec in');
    const io = this.opts.openIo({ ...proc.stdio, terminal: proc.terminal });
    let spawned: Spawned;
    try {
      spawned = await task.runtime.exec(task.id, proc.spec!, { stdio: io.fds, terminal: proc.terminal });
    } catch (err) {
      io.close();
      throw err;
    }
    try {
      io.spawned(spawned.terminal);
    } catch (err) {
      // Its stdio could not be set up: the process must not run unattended and unwatched (the
      // orphan reaper collects it).
      this.signalQuietly(spawned.pid, SIGKILL);
      io.close();
      throw err;
    }
    proc.pid = spawned.pid;
    proc.io = io;
    proc.status = 'running';
    this.watch(task, proc);
    this.emit({ kind: 'taskExecStarted', containerId: task.id, execId: proc.execId, pid: proc.pid });
  }

  private requireRunning(task: Task, what: string): void {
    if (task.init.status !== 'running' || task.paused || task.pausing || task.deleting) {
      throw failedPrecondition(`cannot ${what} task ${task.id}: it is ${this.statusOf(task, task.init).toLowerCase()}`);
    }
  }

  async exec(input: ExecInput): Promise<void> {
    const task = this.task(input.id);
    checkTerminalStdio(input);
    if (input.terminal !== (input.spec.terminal ?? false)) {
      throw invalidArgument(`terminal is ${input.terminal} but the process spec has terminal ${input.spec.terminal ?? false}`);
    }
    if (input.execId === '') throw invalidArgument('an exec needs an exec id: "" names the init process');
    this.requireRunning(task, 'exec in');
    if (task.execs.has(input.execId)) throw alreadyExists(`exec ${input.execId} already exists in task ${task.id}`);
    const proc = new TaskProcess(input.execId, { stdin: input.stdin, stdout: input.stdout, stderr: input.stderr }, input.terminal, input.spec);
    task.execs.set(proc.execId, proc);
    this.emit({ kind: 'taskExecAdded', containerId: task.id, execId: proc.execId });
  }

  async kill(id: string, execId: string, signal: number, all: boolean): Promise<void> {
    const task = this.task(id);
    const proc = task.process(execId);
    if (proc.status === 'stopped') return;
    if (proc === task.init || all) {
      try {
        await task.runtime.kill(task.id, signal, all);
      } catch (err) {
        // The process died and its exit is on its way: Kill on a stopped process is a no-op.
        if (!isSkiffError(err, 'FailedPrecondition')) throw err;
      }
      return;
    }
    if (proc.pid === 0) throw failedPrecondition(`${describe(task, proc)} has not been started`);
    // Not reaped means the pid is still our (possibly zombie) child, never a recycled one.
    if (!proc.reaped) this.signalQuietly(proc.pid, signal);
  }

  private signalQuietly(pid: number, signal: number): void {
    try {
      this.signal(pid, signal);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') throw err;
    }
  }

  state(id: string, execId: string): ProcessState {
    const task = this.task(id);
    const proc = task.process(execId);
    return {
      id: task.id,
      execId: proc.execId,
      bundle: task.bundle,
      pid: proc.pid,
      status: this.statusOf(task, proc),
      ...proc.stdio,
      terminal: proc.terminal,
      exitStatus: proc.exit?.status ?? 0,
      exitedAt: proc.exit?.at,
    };
  }

  private statusOf(task: Task, proc: TaskProcess): TaskStatus {
    if (proc.status === 'stopped') return 'STOPPED';
    if (proc.status === 'created') return 'CREATED';
    // An exec is frozen with its task, so it reports the task's pause.
    if (task.paused) return 'PAUSED';
    if (task.pausing) return 'PAUSING';
    return 'RUNNING';
  }

  async wait(id: string, execId: string): Promise<ExitInfo> {
    const task = this.task(id);
    const proc = task.process(execId);
    return Promise.race([
      proc.exited,
      proc.forgotten.then(() => {
        throw notFound(`${describe(task, proc)} was deleted before it ran`);
      }),
    ]);
  }

  async delete(id: string, execId: string): Promise<DeleteResult> {
    const task = this.task(id);
    const proc = task.process(execId);
    if (proc !== task.init) return this.deleteExec(task, proc);
    if (task.deleting) throw failedPrecondition(`task ${id} is being deleted`);
    const running = [...task.execs.values()].find((e) => e.live);
    if (running) throw failedPrecondition(`cannot delete task ${id}: exec ${running.execId} is still running`);
    const init = task.init;
    if (init.starting || init.status === 'running') {
      throw failedPrecondition(`cannot delete task ${id}: it is ${this.statusOf(task, init).toLowerCase()}`);
    }
    task.deleting = true;
    try {
      if (init.status === 'created') {
        // Never started: the container is killed, and its exit (137) is published like any other.
        await task.runtime.kill(task.id, SIGKILL, false).catch((err: unknown) => {
          if (!isSkiffError(err, 'FailedPrecondition')) throw err;
        });
        await init.exited;
      }
      this.opts.reapOrphans?.();
      await task.runtime.delete(task.id).catch((err: unknown) => {
        // Already gone from the runtime (removed by hand, or by `skiff-shim delete`): nothing left to do.
        if (!isSkiffError(err, 'NotFound')) throw err;
      });
    } catch (err) {
      task.deleting = false;
      throw err;
    }
    for (const p of [init, ...task.execs.values()]) p.io?.close();
    if (task.rootfsMounted) this.opts.rootfsMounter!.unmount(path.join(task.bundle, 'rootfs'));
    this.tasks.delete(task.id);
    const exit = init.exit!;
    this.emit({ kind: 'taskDelete', containerId: task.id, pid: init.pid, exitStatus: exit.status, exitedAt: exit.at });
    this.opts.events.forget(task.id);
    this.exitIfDone();
    return { pid: init.pid, exitStatus: exit.status, exitedAt: exit.at };
  }

  private deleteExec(task: Task, proc: TaskProcess): DeleteResult {
    if (proc.live) throw failedPrecondition(`cannot delete ${describe(task, proc)}: it is running`);
    task.execs.delete(proc.execId);
    proc.io?.close();
    proc.forget();
    this.opts.events.forget(task.id, proc.execId);
    return { pid: proc.pid, exitStatus: proc.exit?.status ?? 0, exitedAt: proc.exit?.at };
  }

  async pids(id: string): Promise<{ pid: number; execId: string }[]> {
    const task = this.task(id);
    const pids = await task.runtime.pids(task.id);
    return pids.map((pid) => ({ pid, execId: task.execIdOf(pid) }));
  }

  async pause(id: string): Promise<void> {
    const task = this.task(id);
    this.requireRunning(task, 'pause');
    task.pausing = true;
    try {
      await task.runtime.pause(task.id);
    } finally {
      task.pausing = false;
    }
    task.paused = true;
    this.emit({ kind: 'taskPaused', containerId: task.id });
  }

  async resume(id: string): Promise<void> {
    const task = this.task(id);
    if (!task.paused) throw failedPrecondition(`cannot resume task ${id}: it is ${this.statusOf(task, task.init).toLowerCase()}`);
    await task.runtime.resume(task.id);
    task.paused = false;
    this.emit({ kind: 'taskResumed', containerId: task.id });
  }

  /** ResizePty: the size of a process's terminal, which it has from Create (init) or Start (exec) on. */
  resizePty(id: string, execId: string, width: number, height: number): void {
    const task = this.task(id);
    const proc = task.process(execId);
    if (!proc.terminal) throw failedPrecondition(`${describe(task, proc)} has no terminal`);
    if (proc.status === 'stopped') throw failedPrecondition(`${describe(task, proc)} has exited`);
    this.startedIo(task, proc).resize(width, height);
  }

  /** CloseIO: the end of a process's input, once the caller's writers are closed too. */
  closeIo(id: string, execId: string, stdin: boolean): void {
    const task = this.task(id);
    const proc = task.process(execId);
    if (stdin) this.startedIo(task, proc).closeStdin();
  }

  /** An exec's stdio is opened by its Start; an init's by Create. */
  private startedIo(task: Task, proc: TaskProcess): ProcessIo {
    if (!proc.io) throw failedPrecondition(`${describe(task, proc)} has not been started`);
    return proc.io;
  }

  /** Update: new cgroup limits for a task that has not stopped (created, running or paused). */
  async update(id: string, resources: LinuxResources): Promise<void> {
    const task = this.task(id);
    if (task.init.status === 'stopped' || task.deleting) {
      throw failedPrecondition(`cannot update task ${id}: it is ${this.statusOf(task, task.init).toLowerCase()}`);
    }
    await task.runtime.update(task.id, resources);
  }

  async stats(id: string): Promise<{ stats: CgroupStats; oomKills: number }> {
    const task = this.task(id);
    if (task.init.status === 'stopped') throw failedPrecondition(`task ${id} is stopped`);
    const stats = await task.runtime.stats(task.id);
    return { stats, oomKills: await this.oomKills(task) };
  }

  connect(id: string): { shimPid: number; taskPid: number } {
    const task = this.task(id);
    return { shimPid: process.pid, taskPid: task.init.status === 'created' ? 0 : task.init.pid };
  }

  /** Shutdown: exit now, or once no task is left (Delete calls back here). */
  shutdown(now: boolean): void {
    this.shutdownRequested = true;
    if (now) this.requestExit();
    else this.exitIfDone();
  }

  /**
   * For an exit with tasks still held (Shutdown now): stop copying output and close every fd the
   * shim holds for them. The processes themselves keep running, orphaned.
   */
  abandon(): void {
    for (const task of this.tasks.values()) {
      for (const proc of [task.init, ...task.execs.values()]) proc.io?.close();
    }
  }

  private exitIfDone(): void {
    if (this.shutdownRequested && this.tasks.size === 0) this.requestExit();
  }

  private requestExit(): void {
    if (this.exitRequested) return;
    this.exitRequested = true;
    this.opts.onExitRequested?.();
  }

  /** The cgroup's OOM kill count now; the last known one when neither the runtime nor the shim can say. */
  private async oomKills(task: Task): Promise<number> {
    if (task.runtime.oomKillCount) return task.runtime.oomKillCount(task.id).catch(() => task.oomKills);
    if (!task.oomCounter) return task.oomKills;
    try {
      return task.oomCounter();
    } catch {
      return task.oomKills;
    }
  }

  /** A task without an OOM counter still runs: it only reports no OOM kill. */
  private counterOf(id: string, pid: number): (() => number) | undefined {
    try {
      return this.opts.oomCounterOf!(pid);
    } catch (err) {
      process.emitWarning(`skiff-shim: task ${id} will report no OOM kill: its cgroups could not be found (${(err as Error).message})`);
      return undefined;
    }
  }

  private watch(task: Task, proc: TaskProcess): void {
    this.opts
      .watchExit(proc.pid)
      // A pid someone else reaped has an exit the shim cannot know: 255, as the contract says.
      .catch(() => 255)
      .then((status) => {
        proc.reaped = true;
        return this.onExit(task, proc, { status, at: this.clock() });
      })
      .catch((err: unknown) => {
        // Nothing awaits this chain: keep the process's waiters from hanging on an internal error.
        proc.publishExit({ status: 255, at: this.clock() });
        process.emitWarning(`skiff-shim: publishing the exit of ${describe(task, proc)} failed: ${(err as Error).message}`);
      });
  }

  /**
   * Publishes an exit in the order the contract requires: after the process's start event, after
   * the exits of the task's execs (for the init), after its output reached the log, and after a
   * /tasks/oom the OOM killer caused.
   */
  private async onExit(task: Task, proc: TaskProcess, exit: ExitInfo): Promise<void> {
    await proc.starting?.catch(() => undefined);
    if (proc === task.init) await this.settleTask(task);
    await proc.io?.drain(this.drainTimeoutMs);
    const oomKills = await this.oomKills(task);
    if (oomKills > task.oomKills) {
      task.oomKills = oomKills;
      this.emit({ kind: 'taskOom', containerId: task.id });
    }
    if (proc === task.init) task.paused = false;
    proc.publishExit(exit);
    this.emit({ kind: 'taskExit', containerId: task.id, execId: proc.execId, pid: proc.pid, exitStatus: exit.status, exitedAt: exit.at });
  }

  /**
   * The init is gone. In its own pid namespace the kernel has killed everything else, and the
   * init's exit waited for them; a task sharing another pid namespace leaves processes behind,
   * which are killed here, so that the task's exit comes after its execs' and Delete finds an
   * empty cgroup.
   */
  private async settleTask(task: Task): Promise<void> {
    const left = task.ownPidNamespace ? [] : await task.runtime.pids(task.id).catch(() => []);
    if (left.length > 0) await task.runtime.kill(task.id, SIGKILL, true).catch(() => undefined);
    let awaited = false;
    for (const exec of task.execs.values()) {
      if (exec.starting) {
        awaited = true;
        await exec.starting.catch(() => undefined);
      }
      if (exec.pid !== 0 && exec.status !== 'stopped') {
        awaited = true;
        await exec.exited;
      }
    }
    // An empty cgroup with no exec on its way in stays empty: the usual exit of a container in its
    // own pid namespace needs no second look (nor the sweep, which SIGCHLD and Delete run anyway).
    if (left.length === 0 && !awaited) return;
    const deadline = Date.now() + this.settleTimeoutMs;
    for (;;) {
      this.opts.reapOrphans?.();
      const remaining = await task.runtime.pids(task.id).catch(() => []);
      if (remaining.length === 0 || Date.now() >= deadline) return;
      await sleep(10);
    }
  }
}

function describe(task: Task, proc: TaskProcess): string {
  return proc.execId === '' ? `task ${task.id}` : `exec ${proc.execId} of task ${task.id}`;
}
