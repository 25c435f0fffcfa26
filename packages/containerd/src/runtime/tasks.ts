// The Tasks service's core: running containers through shims. It writes each task's bundle,
// picks a shim (warm, grouped or started on demand), forwards calls, keeps a view of every
// process's state from the shims' event streams, and survives its own restart by reading the
// bundles back (docs/shim-api.md, "Finding shims again").
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { alreadyExists, failedPrecondition, invalidArgument, isSkiffError, notFound } from '@skiff/errors';
import type { Envelope__Output } from '@skiff/protos/generated/skiff/events/v1/Envelope';
import type { Timestamp } from '@skiff/protos/generated/google/protobuf/Timestamp';
import { readFileIfExists, writeFileAtomic } from '../atomic-file';
import { matchesFilters, parseFilters } from '../filters';
import type { ContainerRecord } from '../core/container-store';
import type { EventBus } from '../core/event-bus';
import { memberOf } from '../core/event-bus';
import { validateIdentifier } from '../core/identifiers';
import { timestampMs, toTimestamp } from '../core/timestamps';
import type { ShimHandle, ShimLauncher, ShimMethod } from './shim-port';
import type { WarmShimPool } from './warm-pool';

export type ProcessStatus = 'UNKNOWN' | 'CREATED' | 'RUNNING' | 'STOPPED' | 'PAUSED' | 'PAUSING';

/** One process of a task, as skiff.types.v1.Process describes it. */
export interface ProcessView {
  containerId: string;
  execId: string;
  pid: number;
  status: ProcessStatus;
  stdin: string;
  stdout: string;
  stderr: string;
  terminal: boolean;
  exitStatus: number;
  exitedAt: Timestamp | null;
}

export interface ExitView {
  exitStatus: number;
  exitedAt: Timestamp;
}

interface ProcessEntry {
  view: ProcessView;
  waiters: Array<(exit: ExitView) => void>;
}

interface ShimEntry {
  address: string;
  namespace: string;
  handle: ShimHandle;
  /** Container ids of the tasks it holds. */
  tasks: Set<string>;
  /** Its working directory when it is not a task bundle (warm and grouped shims). */
  dir?: string;
  group?: string;
  /** Its id in the warm pool when it came from there: it may go back once its task is deleted. */
  warmId?: string;
}

interface TaskEntry {
  namespace: string;
  id: string;
  bundle: string;
  /** undefined once the shim is lost: the task is then only a record of how it ended. */
  shim: ShimEntry | undefined;
  init: ProcessEntry;
  execs: Map<string, ProcessEntry>;
  /** The clean-up of a lost shim's leftovers, while it runs. */
  cleanup?: Promise<void>;
  /**
   * After a restart, until its shim has been dialled behind the socket: dials it now (once), and
   * settles when the task is re-attached or recorded as lost. Every call that needs the shim
   * waits for it, so a call does not wait for its turn in the queue.
   */
  recovering?: () => Promise<void>;
}

export interface StdioRequest {
  terminal: boolean;
  stdin: string;
  stdout: string;
  stderr: string;
}

export interface CreateTaskInput extends StdioRequest {
  rootfs: Array<{ type: string; source: string; target: string; options: string[] }>;
  /** Replaces the container's runtime options for this task when set. */
  runtimeOptions: object | null;
}

export interface TasksOptions {
  /** Bundles live at <stateDir>/<namespace>/<id>; shims' own directories under <stateDir>/_shims. */
  stateDir: string;
  launcher: ShimLauncher;
  pool: WarmShimPool | undefined;
  bus: EventBus;
  container: (namespace: string, id: string) => ContainerRecord;
  /** The mounts of a container's snapshot (Container.snapshotter, Container.snapshot_key). */
  snapshotMounts?: (snapshotter: string, key: string) => Promise<CreateTaskInput['rootfs']>;
  log?: (msg: string) => void;
}

/** Written into a bundle once its shim is lost, so the exit survives a restart of containerd. */
const EXIT_FILE = 'exit.json';
const ExitFileSchema = z.object({ pid: z.number().int(), exitStatus: z.number().int(), exitedAtMs: z.number() });
const ADDRESS_FILE = 'shim.address';
/**
 * The init's last state as this containerd saw it (pid, status, stdio), kept in the bundle at each
 * change made through it. After a restart, a task with one is listed from it at once and its shim
 * is dialled after the socket serves: with many containers, dialling every shim first kept the
 * socket closed for most of a second. An exit while containerd was down shows when the shim
 * answers (its exit event is replayed); a task without the file is dialled before serving.
 */
const LAST_STATE_FILE = 'last-state.json';
const LastStateSchema = z.object({
  pid: z.number().int(),
  status: z.enum(['CREATED', 'RUNNING', 'PAUSED']),
  stdin: z.string(),
  stdout: z.string(),
  stderr: z.string(),
  terminal: z.boolean(),
});
const EXIT_KILLED = 128 + 9;
const EXIT_UNKNOWN = 255;
const RECOVER_CONNECT_TIMEOUT_MS = 10_000;
const RECOVER_DIAL_ATTEMPTS = 3;
const RECOVERY_DIALS_AT_ONCE = 2;

/** A shim's answer to State. */
type ShimState = Omit<ProcessView, 'containerId' | 'execId'>;

/** The last state kept in a bundle, or undefined when there is none that parses. */
function readLastState(bundle: string): z.infer<typeof LastStateSchema> | undefined {
  const text = readFileIfExists(path.join(bundle, LAST_STATE_FILE));
  if (text === undefined) return undefined;
  try {
    const parsed = LastStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The task's State: whether the shim holds it (NotFound if not) and what it is doing, in one round
 * trip per task. The dial is retried when it is refused: one refused dial (a shim busy accepting
 * on a loaded machine) must not get a running container called lost and killed, while a dead shim
 * still costs only a few hundred milliseconds.
 */
async function stateForRecovery(handle: ShimHandle, id: string): Promise<ShimState> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await handle.call<ShimState>('State', { id, execId: '' }, RECOVER_CONNECT_TIMEOUT_MS);
    } catch (err) {
      if (attempt >= RECOVER_DIAL_ATTEMPTS || !isSkiffError(err, 'Unavailable')) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
const SHIMS_DIR = '_shims';
/** In a warm shim's directory once it went back to the pool after holding a task. */
const USED_FILE = 'recycled';

/** A shim's own directory (warm or grouped) found at start-up, with what its name says. */
interface ShimDir {
  dir: string;
  namespace: string;
  shimId: string;
  group?: string;
}

// Events that happened before this containerd started are already reflected in the state a
// recovered shim reports; only the ones a subscriber could have missed for good are re-published.
const REPUBLISHED_ON_RECOVERY = new Set(['taskExit', 'taskOom']);

function newProcess(containerId: string, execId: string, stdio: StdioRequest): ProcessEntry {
  return {
    view: { containerId, execId, pid: 0, status: 'UNKNOWN', ...stdio, exitStatus: 0, exitedAt: null },
    waiters: [],
  };
}

/** Alive and not a zombie (a zombie has exited; only its parent's wait is missing). */
function processIsLive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !['Z', 'X'].includes(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3));
  } catch {
    return false;
  }
}

function processField(p: ProcessView, field: string): string | undefined {
  switch (field) {
    case 'container_id':
      return p.containerId;
    case 'exec_id':
      return p.execId;
    case 'status':
      return p.status;
    case 'pid':
      return String(p.pid);
    default:
      return undefined;
  }
}

export class TasksCore {
  private readonly tasks = new Map<string, TaskEntry>();
  /** Live shim connections by address. */
  private readonly shims = new Map<string, ShimEntry>();
  /** Grouped shims being started, so two creates of one group start one shim. */
  private readonly groupStarts = new Map<string, Promise<ShimEntry>>();
  private readonly startedAt = Date.now();
  private readonly log: (msg: string) => void;
  private closed = false;
  /** What recover() left for resumeRecovery(). */
  private readonly dialAfterServing: Array<() => Promise<void>> = [];

  constructor(private readonly opts: TasksOptions) {
    this.log = opts.log ?? (() => {});
    fs.mkdirSync(opts.stateDir, { recursive: true, mode: 0o711 });
  }

  private key(namespace: string, id: string): string {
    return `${namespace}/${id}`;
  }

  hasTask(namespace: string, id: string): boolean {
    return this.tasks.has(this.key(namespace, id));
  }

  private task(namespace: string, id: string): TaskEntry {
    const task = this.tasks.get(this.key(namespace, id));
    if (!task) throw notFound(`no task for container "${id}" in namespace "${namespace}"`);
    return task;
  }

  private process(task: TaskEntry, execId: string): ProcessEntry {
    if (!execId) return task.init;
    const proc = task.execs.get(execId);
    if (!proc) throw notFound(`no process "${execId}" in task "${task.id}"`);
    return proc;
  }

  /** A call to the task's shim, or FailedPrecondition when it was lost (the task is only a record now). */
  private async callShim<T = any>(task: TaskEntry, method: ShimMethod, request: object): Promise<T> {
    await task.recovering?.();
    if (!task.shim) throw failedPrecondition(`task "${task.id}" has stopped: its shim is gone`);
    return task.shim.handle.call<T>(method, request);
  }

  private saveLastState(task: TaskEntry): void {
    const { pid, status, stdin, stdout, stderr, terminal } = task.init.view;
    const parsed = LastStateSchema.safeParse({ pid, status, stdin, stdout, stderr, terminal });
    if (!parsed.success) return;
    try {
      // Not atomic, no fsync: a torn or missing file only means this task's shim is dialled
      // before serving after the next restart.
      fs.writeFileSync(path.join(task.bundle, LAST_STATE_FILE), JSON.stringify(parsed.data));
    } catch (err) {
      this.log(`task ${task.namespace}/${task.id}: last state not saved (${(err as Error).message})`);
    }
  }

  async create(namespace: string, id: string, input: CreateTaskInput): Promise<{ pid: number }> {
    validateIdentifier(namespace, 'namespace');
    const container = this.opts.container(namespace, id);
    if (this.hasTask(namespace, id)) throw alreadyExists(`task for container "${id}": already exists`);
    if (!container.spec) throw invalidArgument(`container "${id}" has no spec`);
    if (input.terminal && input.stderr) throw invalidArgument('a task with a terminal has no separate stderr');

    const bundle = path.join(this.opts.stateDir, namespace, id);
    // A directory without a task is what a crash between mkdir and the task's record leaves.
    fs.rmSync(bundle, { recursive: true, force: true });
    fs.mkdirSync(path.join(bundle, 'rootfs'), { recursive: true, mode: 0o711 });
    // No fsync (writeFileAtomic's), which can cost a journal commit on this path: nothing reads
    // the file before the shim's Create, and a host crash ends every task anyway; the bundle is
    // written afresh from the container record for each task.
    fs.writeFileSync(path.join(bundle, 'config.json'), container.spec, { mode: 0o600 });

    const task: TaskEntry = { namespace, id, bundle, shim: undefined, init: newProcess(id, '', input), execs: new Map() };
    this.tasks.set(this.key(namespace, id), task);
    let shim: ShimEntry | undefined;
    try {
      shim = await this.shimFor(namespace, container, bundle);
      task.shim = shim;
      shim.tasks.add(id);
      const response = await shim.handle.call<{ pid: number }>('Create', {
        id,
        bundle,
        rootfs: await this.rootfsMounts(container, input),
        terminal: input.terminal,
        stdin: input.stdin,
        stdout: input.stdout,
        stderr: input.stderr,
        runtimeOptions: input.runtimeOptions ?? container.runtime.options,
      });
      if (task.init.view.status === 'UNKNOWN') task.init.view.status = 'CREATED';
      task.init.view.pid = response.pid;
      this.saveLastState(task);
      return { pid: response.pid };
    } catch (err) {
      this.tasks.delete(this.key(namespace, id));
      if (shim) await this.release(shim, id);
      fs.rmSync(bundle, { recursive: true, force: true });
      throw err;
    }
  }

  /** The request's mounts; none given, the container's snapshot's; none either, the spec's root. */
  private async rootfsMounts(container: ContainerRecord, input: CreateTaskInput): Promise<CreateTaskInput['rootfs']> {
    if (input.rootfs.length > 0 || !container.snapshotKey) return input.rootfs;
    if (!this.opts.snapshotMounts) throw failedPrecondition(`container "${container.id}" names a snapshot, but no snapshotter is configured`);
    return this.opts.snapshotMounts(container.snapshotter, container.snapshotKey);
  }

  /** A shim for a new task: the group's, a warm one, or one started now for this task alone. */
  private async shimFor(namespace: string, container: ContainerRecord, bundle: string): Promise<ShimEntry> {
    const group = container.runtime.shimGroup;
    if (group) return this.groupShim(namespace, validateIdentifier(group, 'shim group'));
    const warm = this.opts.pool?.take(namespace);
    if (warm) return this.track(warm.address, namespace, { dir: warm.dir, warmId: warm.shimId }, warm.handle);
    const address = await this.opts.launcher.start(container.id, namespace, bundle);
    return this.track(address, namespace, {});
  }

  private groupShim(namespace: string, group: string): Promise<ShimEntry> {
    const existing = [...this.shims.values()].find((s) => s.namespace === namespace && s.group === group);
    if (existing) return Promise.resolve(existing);
    const key = `${namespace}/${group}`;
    let starting = this.groupStarts.get(key);
    if (!starting) {
      const dir = path.join(this.opts.stateDir, SHIMS_DIR, namespace, `group-${group}`);
      starting = this.opts.launcher
        .start(`group/${group}`, namespace, dir)
        .then((address) => this.track(address, namespace, { dir, group }))
        .finally(() => this.groupStarts.delete(key));
      this.groupStarts.set(key, starting);
    }
    return starting;
  }

  /** Starts following a shim's events (once per address), over `handle` when one is already connected. */
  private track(address: string, namespace: string, extra: { dir?: string; group?: string; warmId?: string }, handle?: ShimHandle): ShimEntry {
    const known = this.shims.get(address);
    if (known) {
      handle?.close();
      return known;
    }
    const shim: ShimEntry = { address, namespace, handle: handle ?? this.opts.launcher.connect(address), tasks: new Set(), ...extra };
    this.shims.set(address, shim);
    shim.handle.follow(
      (event) => this.onShimEvent(event),
      () => void this.onShimLost(shim),
    );
    return shim;
  }

  /**
   * Tells the shim this task is gone; retires the shim when it holds nothing more, unless
   * `recycle` (a task deleted after its exit) and the warm pool takes it back: the next create
   * then finds a shim ready instead of waiting for a new process, and the shim keeps its
   * connection, so its event stream goes on after the sequence already seen (no replay of the
   * old task's exit).
   */
  private async release(shim: ShimEntry, id: string, recycle = false): Promise<void> {
    shim.tasks.delete(id);
    if (recycle && shim.tasks.size === 0 && shim.warmId && !shim.group && shim.dir) {
      const back = { shimId: shim.warmId, namespace: shim.namespace, address: shim.address, dir: shim.dir };
      // A shim that held a task has events in its log: a containerd that restarts must not adopt it.
      if (this.opts.pool?.recycle(back)) {
        fs.writeFileSync(path.join(shim.dir, USED_FILE), '');
        return;
      }
    }
    try {
      await shim.handle.call('Shutdown', { id, now: false });
    } catch (err) {
      this.log(`shutdown of ${id} on ${shim.address}: ${(err as Error).message}`);
    }
    if (shim.tasks.size > 0) return;
    this.shims.delete(shim.address);
    shim.handle.close();
    if (shim.dir) fs.rmSync(shim.dir, { recursive: true, force: true });
  }

  private onShimEvent(event: Envelope__Output): void {
    const member = memberOf(event);
    const payload = member ? ((event as unknown as Record<string, Record<string, unknown> | null>)[member] ?? null) : null;
    const containerId = typeof payload?.containerId === 'string' ? payload.containerId : '';
    const task = this.tasks.get(this.key(event.namespace, containerId));
    if (task && payload) this.apply(task, member!, payload);
    if (timestampMs(event.timestamp) < this.startedAt && !REPUBLISHED_ON_RECOVERY.has(member ?? '')) return;
    try {
      this.opts.bus.forward(event);
    } catch (err) {
      this.log(`dropped a malformed event from a shim: ${(err as Error).message}`);
    }
  }

  /** Applies one event to the cached state. Events are facts: applying one twice is harmless. */
  private apply(task: TaskEntry, member: string, payload: Record<string, unknown>): void {
    const execId = typeof payload.execId === 'string' ? payload.execId : '';
    const pid = typeof payload.pid === 'number' ? payload.pid : 0;
    switch (member) {
      case 'taskCreate':
        task.init.view.pid = pid;
        if (task.init.view.status === 'UNKNOWN') task.init.view.status = 'CREATED';
        break;
      case 'taskStart':
        task.init.view.pid = pid;
        if (task.init.view.status !== 'STOPPED') task.init.view.status = 'RUNNING';
        break;
      case 'taskExecAdded':
        if (!task.execs.has(execId)) task.execs.set(execId, newProcess(task.id, execId, { terminal: false, stdin: '', stdout: '', stderr: '' }));
        task.execs.get(execId)!.view.status = 'CREATED';
        break;
      case 'taskExecStarted': {
        const proc = task.execs.get(execId);
        if (proc && proc.view.status !== 'STOPPED') Object.assign(proc.view, { pid, status: 'RUNNING' });
        break;
      }
      case 'taskPaused':
        if (task.init.view.status !== 'STOPPED') task.init.view.status = 'PAUSED';
        break;
      case 'taskResumed':
        if (task.init.view.status !== 'STOPPED') task.init.view.status = 'RUNNING';
        break;
      case 'taskExit': {
        const proc = execId ? task.execs.get(execId) : task.init;
        // The exit of another process with this id (an earlier task of the container on the same
        // shim, replayed) is not this one's.
        if (proc && proc.view.pid > 0 && pid > 0 && proc.view.pid !== pid) break;
        if (proc) this.exited(proc, pid, Number(payload.exitStatus ?? 255), (payload.exitedAt as Timestamp | null) ?? toTimestamp(new Date()));
        break;
      }
      default:
        break;
    }
  }

  private exited(proc: ProcessEntry, pid: number, exitStatus: number, exitedAt: Timestamp): void {
    if (proc.view.status === 'STOPPED') return;
    Object.assign(proc.view, { status: 'STOPPED', exitStatus, exitedAt, pid: pid || proc.view.pid });
    const exit = { exitStatus, exitedAt };
    for (const waiter of proc.waiters.splice(0)) waiter(exit);
  }

  /**
   * The shim stopped answering: its tasks' processes cannot be reaped by anyone any more. The
   * shim's delete command cleans up each one; its exit is recorded (in the bundle too, for a
   * restart) and published on the shim's behalf.
   */
  private async onShimLost(shim: ShimEntry): Promise<void> {
    this.log(`shim ${shim.address} is gone; cleaning up its tasks ${[...shim.tasks].join(', ')}`);
    this.shims.delete(shim.address);
    this.opts.pool?.forget(shim.address);
    shim.handle.close();
    await Promise.all([...shim.tasks].map((id) => this.taskLost(shim.namespace, id)));
    if (shim.dir) fs.rmSync(shim.dir, { recursive: true, force: true });
  }

  /**
   * Records how a task whose shim is gone ended, at once: its init still running means the clean-up
   * kills it (137, what `skiff-shim delete` reports then); already gone means nobody could read
   * its status (255). The clean-up itself (a `skiff-shim delete` process) runs behind; Delete
   * waits for it.
   */
  private async taskLost(namespace: string, id: string): Promise<void> {
    const task = this.tasks.get(this.key(namespace, id));
    if (!task) return;
    task.shim = undefined;
    const init = task.init.view;
    const known = init.status === 'STOPPED';
    const exitStatus = known ? init.exitStatus : init.pid > 0 && processIsLive(init.pid) ? EXIT_KILLED : EXIT_UNKNOWN;
    const exitedAt = known && init.exitedAt ? init.exitedAt : toTimestamp(new Date());
    writeFileAtomic(path.join(task.bundle, EXIT_FILE), JSON.stringify({ pid: init.pid, exitStatus, exitedAtMs: timestampMs(exitedAt) }));
    for (const proc of task.execs.values()) this.exited(proc, 0, EXIT_UNKNOWN, exitedAt);
    if (!known) {
      this.exited(task.init, init.pid, exitStatus, exitedAt);
      this.opts.bus.publish(namespace, 'taskExit', { containerId: id, execId: '', pid: init.pid, exitStatus, exitedAt }, exitedAt);
    }
    task.cleanup = this.opts.launcher.deleteLost(id, namespace, task.bundle).then(
      () => undefined,
      (err) => this.log(`cleanup of the lost task ${id}: ${(err as Error).message}`),
    );
    await task.cleanup;
  }

  async start(namespace: string, id: string, execId: string): Promise<{ pid: number }> {
    const task = this.task(namespace, id);
    const proc = this.process(task, execId);
    const response = await this.callShim<{ pid: number }>(task, 'Start', { id, execId });
    if (proc.view.status !== 'STOPPED') Object.assign(proc.view, { status: 'RUNNING', pid: response.pid });
    if (!execId) this.saveLastState(task);
    return { pid: response.pid };
  }

  async delete(namespace: string, id: string): Promise<{ pid: number; exitStatus: number; exitedAt: Timestamp | null }> {
    const task = this.task(namespace, id);
    await task.recovering?.();
    await task.cleanup;
    let result: { pid: number; exitStatus: number; exitedAt: Timestamp | null };
    if (task.shim) {
      result = await task.shim.handle.call('Delete', { id, execId: '' });
      await this.release(task.shim, id, true);
    } else {
      const view = task.init.view;
      result = { pid: view.pid, exitStatus: view.exitStatus, exitedAt: view.exitedAt };
      this.opts.bus.publish(namespace, 'taskDelete', { containerId: id, ...result });
    }
    this.tasks.delete(this.key(namespace, id));
    fs.rmSync(task.bundle, { recursive: true, force: true });
    return result;
  }

  async deleteProcess(namespace: string, id: string, execId: string): Promise<{ pid: number; exitStatus: number; exitedAt: Timestamp | null }> {
    if (!execId) throw invalidArgument('exec id must not be empty: delete the task to delete its init process');
    const task = this.task(namespace, id);
    const proc = this.process(task, execId);
    await task.recovering?.();
    let result: { pid: number; exitStatus: number; exitedAt: Timestamp | null };
    if (task.shim) result = await task.shim.handle.call('Delete', { id, execId });
    else result = { pid: proc.view.pid, exitStatus: proc.view.exitStatus, exitedAt: proc.view.exitedAt };
    task.execs.delete(execId);
    return result;
  }

  /** The process's state, from its shim when it answers (authoritative), else the cached view. */
  async get(namespace: string, id: string, execId: string): Promise<ProcessView> {
    const task = this.task(namespace, id);
    const proc = this.process(task, execId);
    await task.recovering?.();
    if (!task.shim) return { ...proc.view };
    return this.applyState(proc, await task.shim.handle.call<ShimState>('State', { id, execId }));
  }

  /** A shim's State of a process, folded into the cached view. */
  private applyState(proc: ProcessEntry, state: ShimState): ProcessView {
    if (state.status === 'STOPPED') this.exited(proc, state.pid, state.exitStatus, state.exitedAt ?? toTimestamp(new Date()));
    else if (proc.view.status !== 'STOPPED') proc.view.status = state.status;
    Object.assign(proc.view, { pid: state.pid || proc.view.pid, stdin: state.stdin, stdout: state.stdout, stderr: state.stderr, terminal: state.terminal });
    return { ...proc.view };
  }

  /** Every task's init process matching the filters, from the cached view (no shim round trips). */
  list(namespace: string, filters: string[]): ProcessView[] {
    const parsed = parseFilters(filters);
    return [...this.tasks.values()]
      .filter((t) => t.namespace === namespace)
      .map((t) => ({ ...t.init.view }))
      .filter((view) => matchesFilters(parsed, (field) => processField(view, field)));
  }

  async kill(namespace: string, id: string, execId: string, signal: number, all: boolean): Promise<void> {
    const task = this.task(namespace, id);
    const proc = this.process(task, execId);
    await task.recovering?.();
    if (!task.shim && proc.view.status === 'STOPPED') return;
    await this.callShim(task, 'Kill', { id, execId, signal, all });
  }

  async exec(namespace: string, id: string, execId: string, stdio: StdioRequest, spec: Buffer): Promise<void> {
    validateIdentifier(execId, 'exec id');
    const task = this.task(namespace, id);
    if (task.execs.has(execId)) throw alreadyExists(`process "${execId}" already exists in task "${id}"`);
    if (stdio.terminal && stdio.stderr) throw invalidArgument('a process with a terminal has no separate stderr');
    const proc = newProcess(id, execId, stdio);
    task.execs.set(execId, proc);
    try {
      await this.callShim(task, 'Exec', { id, execId, ...stdio, spec });
    } catch (err) {
      task.execs.delete(execId);
      throw err;
    }
    if (proc.view.status === 'UNKNOWN') proc.view.status = 'CREATED';
  }

  async resizePty(namespace: string, id: string, execId: string, width: number, height: number): Promise<void> {
    const task = this.task(namespace, id);
    this.process(task, execId);
    await this.callShim(task, 'ResizePty', { id, execId, width, height });
  }

  async closeIO(namespace: string, id: string, execId: string, stdin: boolean): Promise<void> {
    const task = this.task(namespace, id);
    this.process(task, execId);
    await this.callShim(task, 'CloseIO', { id, execId, stdin });
  }

  async pause(namespace: string, id: string): Promise<void> {
    const task = this.task(namespace, id);
    await this.callShim(task, 'Pause', { id });
    if (task.init.view.status !== 'STOPPED') task.init.view.status = 'PAUSED';
    this.saveLastState(task);
  }

  async resume(namespace: string, id: string): Promise<void> {
    const task = this.task(namespace, id);
    await this.callShim(task, 'Resume', { id });
    if (task.init.view.status !== 'STOPPED') task.init.view.status = 'RUNNING';
    this.saveLastState(task);
  }

  async pids(namespace: string, id: string): Promise<Array<{ pid: number; execId: string }>> {
    const task = this.task(namespace, id);
    const response = await this.callShim<{ processes: Array<{ pid: number; execId: string }> }>(task, 'Pids', { id });
    return response.processes;
  }

  async update(namespace: string, id: string, resources: Buffer, annotations: Record<string, string>): Promise<void> {
    const task = this.task(namespace, id);
    await this.callShim(task, 'Update', { id, resources, annotations });
  }

  /** One sample per running task matching the filters; tasks whose shim is gone are skipped. */
  async metrics(namespace: string, filters: string[]): Promise<object[]> {
    const views = this.list(namespace, filters);
    const samples = await Promise.all(
      views.map(async (view) => {
        const task = this.tasks.get(this.key(namespace, view.containerId));
        await task?.recovering?.();
        if (!task?.shim || view.status === 'STOPPED') return undefined;
        try {
          return (await task.shim.handle.call<{ metrics: object }>('Stats', { id: view.containerId })).metrics;
        } catch (err) {
          if (isSkiffError(err, 'NotFound') || isSkiffError(err, 'FailedPrecondition')) return undefined;
          throw err;
        }
      }),
    );
    return samples.filter((s): s is object => s !== undefined);
  }

  /** Resolves when the process has exited (at once if it has), also when its shim is lost. */
  wait(namespace: string, id: string, execId: string): Promise<ExitView> {
    const task = this.task(namespace, id);
    const proc = this.process(task, execId);
    if (proc.view.status === 'STOPPED') return Promise.resolve({ exitStatus: proc.view.exitStatus, exitedAt: proc.view.exitedAt! });
    // Its exit may have happened while containerd was down: only its shim can tell.
    void task.recovering?.();
    return new Promise((resolve) => proc.waiters.push(resolve));
  }

  /**
   * After a restart: every bundle under the state directory is a task. Its shim is dialled at the
   * address it left there; a bundle whose shim is gone is cleaned up and recorded as exited; warm
   * shims left idle by the previous run rejoin the pool. Shims whose tasks all have a last state
   * are dialled by resumeRecovery(), once the socket serves (see LAST_STATE_FILE).
   */
  async recover(): Promise<void> {
    const root = this.opts.stateDir;
    const byAddress = new Map<string, TaskEntry[]>();
    const lost: TaskEntry[] = [];
    for (const namespace of fs.readdirSync(root)) {
      const nsDir = path.join(root, namespace);
      if (namespace === SHIMS_DIR || !fs.statSync(nsDir).isDirectory()) continue;
      for (const entry of fs.readdirSync(nsDir, { withFileTypes: true })) {
        // Bundles are directories; anything else (e.g. shim sockets when the socket directory was
        // put under --state) is not a task.
        if (!entry.isDirectory()) continue;
        const id = entry.name;
        const bundle = path.join(nsDir, id);
        const task: TaskEntry = { namespace, id, bundle, shim: undefined, init: newProcess(id, '', { terminal: false, stdin: '', stdout: '', stderr: '' }), execs: new Map() };
        this.tasks.set(this.key(namespace, id), task);
        const exitText = readFileIfExists(path.join(bundle, EXIT_FILE));
        if (exitText !== undefined) {
          const exit = ExitFileSchema.parse(JSON.parse(exitText));
          Object.assign(task.init.view, { pid: exit.pid, status: 'STOPPED', exitStatus: exit.exitStatus, exitedAt: toTimestamp(new Date(exit.exitedAtMs)) });
          continue;
        }
        const address = readFileIfExists(path.join(bundle, ADDRESS_FILE))?.trim();
        if (!address) {
          lost.push(task);
          continue;
        }
        const last = readLastState(bundle);
        if (last) Object.assign(task.init.view, last);
        byAddress.set(address, [...(byAddress.get(address) ?? []), task]);
      }
    }
    const groups = this.shimDirs();
    const owners = new Map([...byAddress.keys()].map((address) => [address, groups.get(address)]));
    for (const address of byAddress.keys()) groups.delete(address);
    const beforeServing: Array<Promise<void>> = lost.map((task) => this.taskLost(task.namespace, task.id));
    for (const [address, tasks] of byAddress) {
      const dial = () => this.recoverShim(address, tasks, owners.get(address)).catch((err: Error) => this.log(`recovery of shim ${address}: ${err.message}`));
      if (tasks.some((t) => t.init.view.status === 'UNKNOWN')) {
        // Shims are dialled side by side: one at a time, a restart with many containers would
        // keep the socket closed for the sum of their answers.
        beforeServing.push(dial());
        continue;
      }
      let dialled: Promise<void> | undefined;
      const recovering = () =>
        (dialled ??= dial().finally(() => {
          for (const task of tasks) delete task.recovering;
        }));
      for (const task of tasks) task.recovering = recovering;
      this.dialAfterServing.push(recovering);
    }
    this.dialAfterServing.push(() => this.recoverIdleShims(groups).catch((err: Error) => this.log(`recovery of idle shims: ${err.message}`)));
    await Promise.all(beforeServing);
  }

  /**
   * Dials the shims recover() left for after serving, a few at a time: all at once, their answers
   * and ours would take both cores from the first clients for as long.
   */
  resumeRecovery(concurrency = RECOVERY_DIALS_AT_ONCE): Promise<void> {
    const queue = this.dialAfterServing.splice(0);
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await next();
    };
    return Promise.all(Array.from({ length: concurrency }, worker)).then(() => undefined);
  }

  /** Reconnects one shim to the tasks whose bundles name it; those it does not hold are lost. */
  private async recoverShim(address: string, tasks: TaskEntry[], owner: ShimDir | undefined): Promise<void> {
    const namespace = tasks[0]!.namespace;
    const shim = this.track(address, namespace, owner ? { dir: owner.dir, ...(owner.group ? { group: owner.group } : {}) } : {});
    const lost: TaskEntry[] = [];
    for (const task of tasks) {
      try {
        // Generous: a dead shim refuses at once, while a live one on a loaded machine may be slow
        // to answer, and calling it lost would kill a container that was fine.
        const state = await stateForRecovery(shim.handle, task.id);
        task.shim = shim;
        shim.tasks.add(task.id);
        this.applyState(task.init, state);
      } catch (err) {
        this.log(`task ${task.namespace}/${task.id}: shim ${address} does not hold it (${(err as Error).message})`);
        lost.push(task);
      }
    }
    // Stopped meanwhile: the calls failed because our connections closed, not because the shim
    // is gone; a containerd that reads the bundles again will find its tasks.
    if (this.closed) return;
    // A shim that holds none of the tasks that named it is dead or a stranger: retire it.
    if (shim.tasks.size === 0) {
      this.shims.delete(address);
      await shim.handle.call('Shutdown', { id: '', now: true }, 1_000).catch(() => undefined);
      shim.handle.close();
      if (shim.dir) fs.rmSync(shim.dir, { recursive: true, force: true });
    }
    await Promise.all(lost.map((task) => this.taskLost(task.namespace, task.id)));
  }

  /** The shims' own directories (warm and grouped), by the address each left there. */
  private shimDirs(): Map<string, ShimDir> {
    const found = new Map<string, ShimDir>();
    const root = path.join(this.opts.stateDir, SHIMS_DIR);
    if (!fs.existsSync(root)) return found;
    for (const namespace of fs.readdirSync(root)) {
      for (const name of fs.readdirSync(path.join(root, namespace))) {
        const dir = path.join(root, namespace, name);
        const address = readFileIfExists(path.join(dir, ADDRESS_FILE))?.trim();
        if (!address) {
          fs.rmSync(dir, { recursive: true, force: true });
          continue;
        }
        const group = name.startsWith('group-') ? name.slice('group-'.length) : undefined;
        found.set(address, { dir, namespace, shimId: name.replace('-', '/'), ...(group ? { group } : {}) });
      }
    }
    return found;
  }

  /** Idle warm shims rejoin the pool; anything else left over is shut down and removed. */
  private async recoverIdleShims(leftovers: Map<string, ShimDir>): Promise<void> {
    for (const [address, info] of leftovers) {
      if (this.closed) return;
      const handle = this.opts.launcher.connect(address);
      let alive = false;
      try {
        await handle.call('Connect', { id: '' }, 1_000);
        alive = true;
      } catch (err) {
        alive = isSkiffError(err, 'NotFound');
      }
      if (this.closed) {
        handle.close();
        return;
      }
      // A recycled shim's event log holds a deleted task's events, which a new connection would
      // replay from the start: only shims that never held a task rejoin the pool.
      if (alive && !info.group && this.opts.pool && !fs.existsSync(path.join(info.dir, USED_FILE))) {
        this.opts.pool.adopt({ shimId: info.shimId, namespace: info.namespace, address, dir: info.dir, handle });
        continue;
      }
      if (alive) await handle.call('Shutdown', { id: '', now: true }, 2_000).catch(() => undefined);
      handle.close();
      fs.rmSync(info.dir, { recursive: true, force: true });
    }
  }

  /** Stops following shims. Shims and their containers keep running: that is the point. */
  close(): void {
    this.closed = true;
    for (const shim of this.shims.values()) shim.handle.close();
    this.shims.clear();
  }
}
