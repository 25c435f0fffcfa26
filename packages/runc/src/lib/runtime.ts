import * as fs from 'node:fs';
import * as path from 'node:path';
import { failedPrecondition, internal, invalidArgument, isSkiffError } from '@skiff/errors';
import './eager-child-code';
import type { LinuxResources, Process, RuntimeConfig } from '@skiff/oci-spec';
import { ExecResources, execForksDirectly, runDirectExec, runExecJoiner } from '../child/exec-process';
import { InitResources, initForksDirectly, runDirectInit, runStage1 } from '../child/container-init';
import type { CompiledSeccompFilter } from '../child/finalize';
import { CgroupManager, detectLayout, loadCgroupManager, newCgroupManager, primeAttachLock, validateResources } from '../cgroups';
import { compileSeccomp } from '../seccomp';
import { CLONE, O, POLLHUP, POLLIN, SIGKILL, WNOHANG } from '../sys/constants';
import { realSyscalls } from '../sys/koffi';
import { SysError, Syscalls } from '../sys/syscalls';
import { cgroupHierarchies } from './cgroup-hierarchies';
import { effectiveResources } from './device-rules';
import { ociSpec } from './oci-spec-lazy';
import { runHooks } from './hooks';
import { InitPlan, namespaceFlags, namespaceProcNames, planInit, processPlan } from './plan';
import { isSameLiveProcess, readProcStat, sleepMs } from './proc';
import { ContainerRecord, StateStore } from './state-store';
import { SetupScope } from './setup-scope';
import { ACK, MessageReader } from './sync-channel';

/**
 * Filters compiled lately, by their section's JSON: a shim creates many containers (and execs)
 * with the same profile, and a compile costs ~1 ms warm, several cold. Bounded, least recently
 * used first out.
 */
const compiledFilters = new Map<string, ReturnType<typeof compileSeccomp>>();
const COMPILED_FILTERS_MAX = 8;

function memoizedCompile(seccomp: NonNullable<NonNullable<RuntimeConfig['linux']>['seccomp']>): ReturnType<typeof compileSeccomp> {
  // Argument operands may be BigInts, which JSON.stringify refuses.
  const key = JSON.stringify(seccomp, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
  let compiled = compiledFilters.get(key);
  if (compiled) compiledFilters.delete(key);
  else compiled = compileSeccomp(seccomp);
  compiledFilters.set(key, compiled);
  if (compiledFilters.size > COMPILED_FILTERS_MAX) compiledFilters.delete(compiledFilters.keys().next().value!);
  return compiled;
}

export type ContainerStatus = 'creating' | 'created' | 'running' | 'paused' | 'stopped';

/** The state `runc state` prints, field for field. */
export interface ContainerState {
  ociVersion: string;
  id: string;
  pid: number;
  status: ContainerStatus;
  bundle: string;
  rootfs: string;
  created: string;
  owner: string;
  annotations?: Record<string, string>;
}

export interface StdioFds {
  stdin: number;
  stdout: number;
  stderr: number;
}

export interface CreateOptions {
  bundle: string;
  /** Path of a unix socket to send the pty master to (runc's --console-socket). */
  consoleSocket?: string;
  /** A connected unix socket to send the pty master to; the caller keeps ownership. */
  consoleFd?: number;
  pidFile?: string;
  noPivot?: boolean;
  noNewKeyring?: boolean;
  preserveFds?: number;
  /** Library callers (the shim) hand the container its stdio; the CLI lets it inherit its own. */
  stdio?: StdioFds;
  /**
   * Called once before create returns, with the container's state already saved: while the init
   * still sets itself up (mounts, pivot_root...) when the init was forked directly, so a caller's
   * own bookkeeping costs nothing on the way to the answer. An error fails the create.
   */
  whileInitSetsUp?: () => void;
}

export interface ExecOptions {
  consoleSocket?: string;
  consoleFd?: number;
  pidFile?: string;
  preserveFds?: number;
  stdio?: StdioFds;
  /** Detached execs get their own session, as runc gives them. */
  detach?: boolean;
}

export interface RuntimeOptions {
  root: string;
  sys?: Syscalls;
  /** Where warnings go (failed poststart/poststop hooks, skipped seccomp names). */
  warn?: (message: string) => void;
}

const OCI_VERSION = '1.0.2-dev';
const SETUP_TIMEOUT_MS = 60_000;
// Join order: the user namespace first (it decides what the others allow), the mount namespace last
// (after it, paths to the other /proc/<pid>/ns files would resolve inside the container).
const JOIN_ORDER = ['user', 'ipc', 'uts', 'network', 'pid', 'cgroup', 'time', 'mount'];

function stdioArray(stdio: StdioFds | undefined): [number, number, number] | undefined {
  return stdio ? [stdio.stdin, stdio.stdout, stdio.stderr] : undefined;
}

/**
 * Points the calling thread's next child at another pid namespace (`enter`: unshare a new one, for
 * an init that becomes its PID 1; setns into a container's, for an exec'd process); returns how
 * to undo that. Neither moves the caller nor its other threads, only where the thread's children
 * go: it is put back as soon as the child is forked, before it forks anything else (libuv's
 * spawns, in a shim).
 */
function pidNamespaceForNextChild(sys: Syscalls, enter: () => void): () => void {
  const own = sys.open('/proc/thread-self/ns/pid_for_children', O.RDONLY | O.CLOEXEC);
  try {
    enter();
  } catch (err) {
    sys.close(own);
    throw err;
  }
  return () => {
    try {
      sys.setns(own, CLONE.NEWPID);
    } finally {
      sys.close(own);
    }
  };
}

/**
 * Puts a freshly forked child (an init, an exec'd process or its joiner) into its cgroups and
 * tells it so, while it goes on setting up (see InitResources.cgroupsByParent). A child that is
 * already gone failed on its own and says why on the sync pipe, read next: that message is the
 * one to report, not this write's ESRCH or EPIPE.
 */
function placeInCgroups(sys: Syscalls, pid: number, procsFiles: string[], ackWrite: number): void {
  try {
    for (const procs of procsFiles) fs.writeFileSync(procs, String(pid));
    sys.write(ackWrite, ACK);
  } catch (err) {
    const gone = (err as NodeJS.ErrnoException).code === 'ESRCH' || (err instanceof SysError && err.name === 'EPIPE');
    if (!gone) throw err;
  }
}

function writePidFile(file: string | undefined, pid: number): void {
  if (!file) return;
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, String(pid));
  fs.renameSync(tmp, file);
}

/**
 * The OCI runtime as a library: the CLI is a thin layer over this, and skiff-shim calls it
 * in-process (under node --single-threaded) so no Node process starts per container.
 */
export class Runtime {
  readonly store: StateStore;
  private readonly sys: Syscalls;
  private readonly warn: (message: string) => void;

  constructor(opts: RuntimeOptions) {
    this.store = new StateStore(opts.root);
    this.sys = opts.sys ?? realSyscalls();
    this.warn = opts.warn ?? ((m) => process.stderr.write(`${m}\n`));
  }

  private loadConfig(bundle: string): RuntimeConfig {
    const file = path.join(bundle, 'config.json');
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw invalidArgument(`JSON specification file config.json not found`);
      throw err;
    }
    return ociSpec().parseRuntimeConfig(text);
  }

  private compileFilter(config: RuntimeConfig): CompiledSeccompFilter | undefined {
    const seccomp = config.linux?.seccomp;
    if (!seccomp) return undefined;
    const compiled = memoizedCompile(seccomp);
    if (compiled.unknownSyscalls.length > 0) {
      this.warn(`seccomp: ignoring syscalls unknown to this kernel's tables: ${compiled.unknownSyscalls.join(', ')}`);
    }
    return { program: compiled.program, flags: compiled.flags };
  }

  /** The socket the container's init sends its pty master on: given as an fd, or connected by path. */
  private consoleFdFor(opts: { consoleSocket?: string; consoleFd?: number }, track: (fd: number) => number): number | undefined {
    if (opts.consoleFd !== undefined) return opts.consoleFd;
    if (opts.consoleSocket === undefined) return undefined;
    const fd = track(this.sys.socketUnix());
    this.sys.connectUnix(fd, opts.consoleSocket);
    return fd;
  }

  private cgroupsOf(record: ContainerRecord): CgroupManager {
    return loadCgroupManager(detectLayout(), record.cgroupPaths);
  }

  private hookState(record: Pick<ContainerRecord, 'id' | 'bundle' | 'config'>, status: ContainerStatus, pid: number): string {
    return JSON.stringify({
      ociVersion: record.config.ociVersion ?? OCI_VERSION,
      id: record.id,
      status,
      pid,
      bundle: record.bundle,
      annotations: record.config.annotations ?? {},
    });
  }

  create(id: string, opts: CreateOptions): ContainerState {
    const layout = detectLayout();
    // Its grace period runs while the config is read and the init forked (see the fork below).
    primeAttachLock(layout);
    const bundle = path.resolve(opts.bundle);
    const config = this.loadConfig(bundle);
    const plan = planInit(config, { bundle, id, noPivot: opts.noPivot ?? false });
    const resources = effectiveResources(config.linux?.resources ?? undefined, (config.linux?.devices ?? []).map((d) => d.path));
    if (resources) validateResources(layout, resources);
    const seccomp = this.compileFilter(config);
    const hasConsole = opts.consoleSocket !== undefined || opts.consoleFd !== undefined;
    if (plan.process.terminal && !hasConsole) {
      throw invalidArgument('cannot allocate tty if runc will detach without setting console socket');
    }
    if (!plan.process.terminal && hasConsole) {
      throw invalidArgument('cannot use console socket if runc will not detach or allocate tty');
    }
    const cgroupsPath = config.linux?.cgroupsPath ?? undefined;
    const cgroups = newCgroupManager({ layout, containerId: id, ...(cgroupsPath ? { cgroupsPath } : {}) });

    const sys = this.sys;
    this.store.claim(id);
    const scope = new SetupScope(sys);
    const track = (fd: number) => scope.track(fd);
    let stage1 = 0;
    let initPid = 0;
    let cgroupsCreated = false;
    let saved: ContainerRecord | undefined;
    const direct = initForksDirectly(plan);
    const createCgroups = () => {
      cgroups.create(resources);
      cgroupsCreated = true;
    };
    try {
      // Stage 1 joins the cgroups itself, first thing.
      if (!direct) createCgroups();
      const fifo = this.store.fifoOf(id);
      sys.mkfifo(fifo, 0o622);
      // umask strips the fifo's o+w; a non-root container user must still be able to open it.
      fs.chmodSync(fifo, 0o622);
      const fifoFd = track(sys.open(fifo, O.PATH | O.CLOEXEC));
      const consoleFd = this.consoleFdFor(opts, track);
      const [syncRead, syncWrite] = sys.pipe2(O.CLOEXEC).map(track) as [number, number];
      const [ackRead, ackWrite] = sys.pipe2(O.CLOEXEC).map(track) as [number, number];
      const joinFds = [...plan.joins]
        .sort((a, b) => JOIN_ORDER.indexOf(a.type) - JOIN_ORDER.indexOf(b.type))
        .map((j) => ({ fd: track(sys.open(j.path, O.RDONLY | O.CLOEXEC)), flag: j.flag }));
      const parentHooks = (config.hooks?.prestart?.length ?? 0) + (config.hooks?.createRuntime?.length ?? 0) > 0;
      const initResources: InitResources = {
        syncWrite,
        ackRead,
        parentEnds: [syncRead, ackWrite],
        fifo: fifoFd,
        ...(consoleFd !== undefined ? { consoleFd } : {}),
        ...(opts.stdio ? { stdio: stdioArray(opts.stdio)! } : {}),
        preserveFds: opts.preserveFds ?? 0,
        joinFds,
        cgroupProcs: cgroups.procsFiles(),
        cgroupsByParent: direct,
        cgroupMountSource: {
          hierarchies: cgroupHierarchies(),
          ownNamespace: (plan.unshareFlags & CLONE.NEWCGROUP) !== 0 || plan.joins.some((j) => j.flag === CLONE.NEWCGROUP),
          containerPaths: cgroups.paths,
        },
        ...(seccomp ? { seccomp } : {}),
        parentHooks,
        newKeyring: !(opts.noNewKeyring ?? false),
        stateJson: (pid) => this.hookState({ id, bundle, config }, 'creating', pid),
      };

      if (direct) {
        const restorePidNamespace = plan.unshareFlags & CLONE.NEWPID ? pidNamespaceForNextChild(sys, () => sys.unshare(CLONE.NEWPID)) : undefined;
        let pid = -1;
        try {
          pid = sys.fork();
          if (pid === 0) runDirectInit(sys, plan, initResources);
          initPid = pid;
        } finally {
          // Also when fork failed; the child never gets here (runDirectInit does not return).
          if (pid !== 0) restorePidNamespace?.();
        }
        // Made while the init sets up its namespaces and mounts: it needs them only at the ack.
        // Their mkdirs wait for the lock the primer holds through its grace period, which then
        // has overlapped the config, the plan and the fork; the placement right after finds the
        // lock ready.
        createCgroups();
        placeInCgroups(sys, initPid, initResources.cgroupProcs, ackWrite);
        // The init has several ms of mounts, pivot_root and masking ahead: what needs only its pid
        // is done now, on a thread that would otherwise wait for its READY.
        saved = this.saveRecord(initPid, { id, bundle, plan, config, cgroups });
        opts.whileInitSetsUp?.();
      } else {
        stage1 = sys.fork();
        if (stage1 === 0) runStage1(sys, plan, initResources);
      }
      scope.closeNow(syncWrite);
      scope.closeNow(ackRead);

      const reader = new MessageReader(sys, syncRead);
      const deadline = Date.now() + SETUP_TIMEOUT_MS;
      // The init and stage 1 write to the same pipe: the init's READY can come before stage 1's
      // PID, so both are waited for.
      for (let ready = false; !ready || initPid === 0; ) {
        const msg = reader.next(deadline);
        switch (msg.type) {
          case 'USERNS':
            fs.writeFileSync(`/proc/${stage1}/uid_map`, plan.uidMap);
            fs.writeFileSync(`/proc/${stage1}/gid_map`, plan.gidMap);
            sys.write(ackWrite, ACK);
            break;
          case 'PID':
            initPid = msg.pid;
            break;
          case 'HOOKS': {
            // The init reports before stage 1 does only in a race; its pid is then read from stage 1's message.
            while (initPid === 0) {
              const next = reader.next(deadline);
              if (next.type === 'PID') initPid = next.pid;
              else if (next.type === 'ERR') throw internal(next.message);
              else if (next.type === 'EOF') throw internal('container init exited unexpectedly');
            }
            const state = this.hookState({ id, bundle, config }, 'creating', initPid);
            runHooks('prestart', config.hooks?.prestart, state);
            runHooks('createRuntime', config.hooks?.createRuntime, state);
            sys.write(ackWrite, ACK);
            break;
          }
          case 'READY':
            ready = true;
            break;
          case 'ERR':
            throw internal(msg.message);
          case 'EOF':
            throw internal(ready ? 'container init is ready but its pid was never reported' : 'container init exited unexpectedly');
        }
      }
      if (stage1 !== 0) {
        sys.waitpid(stage1, 0);
        stage1 = 0;
      }
      if (!saved) {
        saved = this.saveRecord(initPid, { id, bundle, plan, config, cgroups });
        opts.whileInitSetsUp?.();
      }
      writePidFile(opts.pidFile, initPid);
      return this.stateOf(saved);
    } catch (err) {
      scope.killChildren([initPid, stage1]);
      if (cgroupsCreated) cgroups.destroy();
      this.store.remove(id);
      throw err;
    } finally {
      scope.closeAll();
    }
  }

  /** Writes the state of a container whose init is `pid`, as `state` and `start` will read it. */
  private saveRecord(
    pid: number,
    c: { id: string; bundle: string; plan: InitPlan; config: RuntimeConfig; cgroups: CgroupManager },
  ): ContainerRecord {
    const stat = readProcStat(pid);
    if (!stat) throw internal('container init exited unexpectedly');
    const record: ContainerRecord = {
      id: c.id,
      pid,
      initStartTime: stat.startTime,
      bundle: c.bundle,
      rootfs: c.plan.rootfs,
      created: new Date().toISOString(),
      owner: '',
      config: c.config,
      cgroupPaths: c.cgroups.paths,
      cgroupVersion: c.cgroups.version,
    };
    this.store.save(record);
    return record;
  }

  private statusOf(record: ContainerRecord): ContainerStatus {
    if (!isSameLiveProcess(record.pid, record.initStartTime)) return 'stopped';
    if (fs.existsSync(this.store.fifoOf(record.id))) return 'created';
    try {
      if (this.cgroupsOf(record).freezerState() === 'frozen') return 'paused';
    } catch {
      // A cgroup that cannot be read does not make the container paused.
    }
    return 'running';
  }

  private stateOf(record: ContainerRecord): ContainerState {
    const status = this.statusOf(record);
    return {
      ociVersion: record.config.ociVersion ?? OCI_VERSION,
      id: record.id,
      pid: status === 'stopped' ? 0 : record.pid,
      status,
      bundle: record.bundle,
      rootfs: record.rootfs,
      created: record.created,
      owner: record.owner,
      ...(record.config.annotations && Object.keys(record.config.annotations).length > 0
        ? { annotations: record.config.annotations }
        : {}),
    };
  }

  state(id: string): ContainerState {
    return this.stateOf(this.store.load(id));
  }

  list(): ContainerState[] {
    const out: ContainerState[] = [];
    for (const id of this.store.ids()) {
      try {
        out.push(this.state(id));
      } catch (err) {
        if (!isSkiffError(err, 'NotFound')) throw err;
      }
    }
    return out;
  }

  start(id: string): void {
    const record = this.store.load(id);
    const status = this.statusOf(record);
    if (status === 'stopped') throw failedPrecondition('cannot start a container that has stopped');
    if (status !== 'created') throw failedPrecondition('cannot start an already running container');
    const fifo = this.store.fifoOf(id);
    const fd = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
      const buf = Buffer.alloc(1);
      for (;;) {
        const revents = this.sys.poll(fd, POLLIN, 100);
        if (revents & POLLIN) {
          this.sys.read(fd, buf);
          break;
        }
        if (revents & POLLHUP || !isSameLiveProcess(record.pid, record.initStartTime)) {
          throw failedPrecondition('cannot start a container that has stopped');
        }
      }
    } finally {
      fs.closeSync(fd);
    }
    // Not fs.rmSync: its first use loads Node's rimraf, a cost a fresh shim's first Start would pay.
    try {
      fs.unlinkSync(fifo);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    try {
      runHooks('poststart', record.config.hooks?.poststart, this.hookState(record, 'running', record.pid));
    } catch (err) {
      this.warn(`${(err as Error).message}`);
    }
  }

  kill(id: string, signal: number, all = false): void {
    const record = this.store.load(id);
    const status = this.statusOf(record);
    if (all) {
      this.cgroupsOf(record).killAll(signal);
      return;
    }
    if (status === 'stopped') throw failedPrecondition('container not running');
    try {
      this.sys.kill(record.pid, signal);
    } catch (err) {
      if (err instanceof SysError && err.errno === 3) throw failedPrecondition('container not running');
      throw err;
    }
  }

  delete(id: string, force = false): void {
    let record: ContainerRecord;
    try {
      record = this.store.load(id);
    } catch (err) {
      // Like runc: a forced delete of a half-created container still clears what is left.
      if (force && isSkiffError(err, 'NotFound') && this.store.exists(id)) {
        this.store.remove(id);
        return;
      }
      throw err;
    }
    const status = this.statusOf(record);
    const cgroups = this.cgroupsOf(record);
    if (status === 'running' || status === 'paused') {
      if (!force) throw failedPrecondition(`cannot delete container ${id} that is not stopped: ${status}`);
      cgroups.killAll(SIGKILL);
      if (status === 'paused') cgroups.thaw();
    }
    if (status !== 'stopped') {
      try {
        this.sys.kill(record.pid, SIGKILL);
      } catch {
        // Exited meanwhile.
      }
      this.waitGone(record);
    }
    cgroups.destroy();
    try {
      runHooks('poststop', record.config.hooks?.poststop, this.hookState(record, 'stopped', 0));
    } catch (err) {
      this.warn(`${(err as Error).message}`);
    }
    this.store.remove(id);
  }

  /** Waits for the init to exit; reaps it when it is our child (run, or the shim's library use). */
  private waitGone(record: ContainerRecord, timeoutMs = 10_000): void {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        if (this.sys.waitpid(record.pid, WNOHANG).pid === record.pid) return;
      } catch {
        // ECHILD: not our child; fall back to watching /proc.
      }
      if (!isSameLiveProcess(record.pid, record.initStartTime)) return;
      sleepMs(5);
    }
    throw internal(`container ${record.id} did not exit within ${timeoutMs} ms of SIGKILL`);
  }

  pause(id: string): void {
    const record = this.store.load(id);
    const status = this.statusOf(record);
    if (status !== 'running' && status !== 'created') throw failedPrecondition('container not running');
    this.cgroupsOf(record).freeze();
  }

  resume(id: string): void {
    const record = this.store.load(id);
    if (this.statusOf(record) !== 'paused') throw failedPrecondition('container not paused');
    this.cgroupsOf(record).thaw();
  }

  pids(id: string): number[] {
    return this.cgroupsOf(this.store.load(id)).pids();
  }

  stats(id: string): ReturnType<CgroupManager['stats']> {
    const record = this.store.load(id);
    if (this.statusOf(record) === 'stopped') throw failedPrecondition('container not running');
    return this.cgroupsOf(record).stats();
  }

  oomKillCount(id: string): number {
    return this.cgroupsOf(this.store.load(id)).oomKillCount();
  }

  update(id: string, resources: LinuxResources): void {
    const record = this.store.load(id);
    validateResources(detectLayout(), resources);
    this.cgroupsOf(record).update(resources);
    record.config.linux = { ...(record.config.linux ?? {}), resources: { ...(record.config.linux?.resources ?? {}), ...resources } };
    this.store.save(record);
  }

  exec(id: string, proc: Process, opts: ExecOptions = {}): number {
    const record = this.store.load(id);
    const status = this.statusOf(record);
    if (status === 'stopped') throw failedPrecondition('cannot exec in a stopped container');
    if (status === 'paused') throw failedPrecondition('cannot exec in a paused container');
    const plan = processPlan(proc);
    if (plan.terminal && opts.consoleSocket === undefined && opts.consoleFd === undefined) {
      throw invalidArgument('cannot allocate tty if runc will detach without setting console socket');
    }
    const seccomp = this.compileFilter(record.config);
    const cgroups = this.cgroupsOf(record);
    const sys = this.sys;
    const scope = new SetupScope(sys);
    const track = (fd: number) => scope.track(fd);
    let joiner = 0;
    let pid = 0;
    try {
      primeAttachLock(detectLayout());
      const ownUserNs = fs.readlinkSync('/proc/self/ns/user');
      const types = (record.config.linux?.namespaces ?? [])
        .map((n) => n.type)
        .filter((t) => t !== 'user' || fs.readlinkSync(`/proc/${record.pid}/ns/user`) !== ownUserNs)
        .sort((a, b) => JOIN_ORDER.indexOf(a) - JOIN_ORDER.indexOf(b));
      const joinFds = types.map((t) => ({
        fd: track(sys.open(`/proc/${record.pid}/ns/${namespaceProcNames[t]}`, O.RDONLY | O.CLOEXEC)),
        flag: namespaceFlags[t] ?? 0,
      }));
      const consoleFd = this.consoleFdFor(opts, track);
      const [syncRead, syncWrite] = sys.pipe2(O.CLOEXEC).map(track) as [number, number];
      const [ackRead, ackWrite] = sys.pipe2(O.CLOEXEC).map(track) as [number, number];
      const resources: ExecResources = {
        syncWrite,
        ackRead,
        parentEnds: [syncRead, ackWrite],
        ...(consoleFd !== undefined ? { consoleFd } : {}),
        ...(opts.stdio ? { stdio: stdioArray(opts.stdio)! } : {}),
        preserveFds: opts.preserveFds ?? 0,
        joinFds,
        ...(seccomp ? { seccomp } : {}),
        newSession: opts.detach ?? false,
      };
      if (execForksDirectly(joinFds)) {
        const pidJoin = joinFds.find((j) => j.flag === CLONE.NEWPID);
        const restorePidNamespace = pidJoin ? pidNamespaceForNextChild(sys, () => sys.setns(pidJoin.fd, CLONE.NEWPID)) : undefined;
        let child = -1;
        try {
          child = sys.fork();
          if (child === 0) runDirectExec(sys, plan, resources);
          pid = child;
        } finally {
          if (child !== 0) restorePidNamespace?.();
        }
      } else {
        joiner = sys.fork();
        if (joiner === 0) runExecJoiner(sys, plan, resources);
      }
      scope.closeNow(syncWrite);
      scope.closeNow(ackRead);
      placeInCgroups(sys, pid || joiner, cgroups.procsFiles(), ackWrite);
      const reader = new MessageReader(sys, syncRead);
      const deadline = Date.now() + SETUP_TIMEOUT_MS;
      // A joiner (PID) and the process (READY, just before its execve) write to the same pipe,
      // in either order: a READY first must not end the wait with the pid unknown (it was then 0,
      // and the shim could not watch the process: exit status 255). A process forked directly
      // sends READY only: its pid is known already.
      for (let ready = false; !ready || pid === 0; ) {
        const msg = reader.next(deadline);
        if (msg.type === 'PID') pid = msg.pid;
        else if (msg.type === 'READY') ready = true;
        else if (msg.type === 'ERR') throw internal(msg.message);
        else if (msg.type === 'EOF') throw internal(ready ? 'exec process is ready but its pid was never reported' : 'exec process exited before it was ready');
      }
      if (joiner !== 0) {
        sys.waitpid(joiner, 0);
        joiner = 0;
      }
      writePidFile(opts.pidFile, pid);
      return pid;
    } catch (err) {
      scope.killChildren([pid, joiner]);
      throw err;
    } finally {
      scope.closeAll();
    }
  }
}

