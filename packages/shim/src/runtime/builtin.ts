import type { LinuxResources, Process } from '@skiff/oci-spec';
import { Runtime, exitStatusOf, realSyscalls, waitForChildExit } from '@skiff/runc';
import type { Syscalls } from '@skiff/runc';
import type { CgroupStats, CreateOptions, SpawnOptions, Spawned, TaskRuntime, TaskRuntimeOptions } from '../core/ports';

const F_SETFL = 4;
const O_NONBLOCK = 0o4000;
const SIGKILL = 9;

/**
 * skiff-runc's library in the shim's own process: no process starts per container or per call,
 * and the container's init and exec'd processes are the shim's direct children. The library is
 * synchronous (it forks, and waits on its sync pipes); each call takes milliseconds.
 */
export class BuiltinRuntime implements TaskRuntime {
  constructor(
    private readonly runtime: Runtime,
    private readonly sys: Syscalls = realSyscalls(),
  ) {}

  async create(id: string, opts: CreateOptions): Promise<Spawned> {
    const create = (consoleFd?: number) =>
      this.runtime.create(id, {
        bundle: opts.bundle,
        stdio: opts.stdio,
        ...(consoleFd !== undefined ? { consoleFd } : {}),
        ...(opts.whileInitSetsUp ? { whileInitSetsUp: opts.whileInitSetsUp } : {}),
      }).pid;
    if (!opts.terminal) return { pid: create() };
    return this.withTerminal(create, () => this.runtime.delete(id, true));
  }

  /**
   * A library call that gives the process a terminal. The library's console API takes a connected
   * socket (runc's --console-socket, without a path): the process sends its pty master over one
   * end of a socket pair before the call returns, so it is waiting on the other end by then.
   */
  private withTerminal(spawn: (consoleFd: number) => number, undo: (pid: number) => void): Spawned {
    const [ours, theirs] = this.sys.socketPair();
    try {
      // A master that is not there is an error, never a shim blocked in recvmsg.
      this.sys.fcntl(ours, F_SETFL, O_NONBLOCK);
      const pid = spawn(theirs);
      try {
        return { pid, terminal: this.sys.recvFd(ours) };
      } catch (err) {
        undo(pid);
        throw err;
      }
    } finally {
      this.sys.close(ours);
      this.sys.close(theirs);
    }
  }

  async start(id: string): Promise<void> {
    this.runtime.start(id);
  }

  async kill(id: string, signal: number, all: boolean): Promise<void> {
    this.runtime.kill(id, signal, all);
  }

  async delete(id: string): Promise<void> {
    this.runtime.delete(id, true);
  }

  async exec(id: string, proc: Process, opts: SpawnOptions): Promise<Spawned> {
    // Detached as containerd's shim runs `runc exec -d`: the process gets its own session.
    const exec = (consoleFd?: number) =>
      this.runtime.exec(id, proc, { stdio: opts.stdio, detach: true, ...(consoleFd !== undefined ? { consoleFd } : {}) });
    if (!opts.terminal) return { pid: exec() };
    // The process is the shim's child: once killed, the orphan reaper collects it.
    return this.withTerminal(exec, (pid) => process.kill(pid, SIGKILL));
  }

  async pause(id: string): Promise<void> {
    this.runtime.pause(id);
  }

  async resume(id: string): Promise<void> {
    this.runtime.resume(id);
  }

  async pids(id: string): Promise<number[]> {
    return this.runtime.pids(id);
  }

  async stats(id: string): Promise<CgroupStats> {
    return this.runtime.stats(id);
  }

  async update(id: string, resources: LinuxResources): Promise<void> {
    this.runtime.update(id, resources);
  }

  async oomKillCount(id: string): Promise<number> {
    return this.runtime.oomKillCount(id);
  }
}

export function isBuiltin(name: string): boolean {
  return name === '' || name === 'builtin';
}

/** One library instance per runtime root, shared by the tasks that name it. */
export function builtinRuntimes(): (options: TaskRuntimeOptions) => TaskRuntime {
  const byRoot = new Map<string, BuiltinRuntime>();
  return (options) => {
    let runtime = byRoot.get(options.root);
    if (!runtime) {
      runtime = new BuiltinRuntime(new Runtime({ root: options.root }));
      byRoot.set(options.root, runtime);
    }
    return runtime;
  };
}

/** Exit status (code, or 128 + signal) of a child, from a pidfd polled by libuv: no thread, no blocking. */
export async function watchChildExit(pid: number): Promise<number> {
  return exitStatusOf(await waitForChildExit(pid));
}
