import type { Process } from '@skiff/oci-spec';
import { Runtime, exitStatusOf, waitForChildExit } from '@skiff/runc';
import type { CgroupStats, StdioFds, TaskRuntime, TaskRuntimeOptions } from '../core/ports';

/**
 * skiff-runc's library in the shim's own process: no process starts per container or per call,
 * and the container's init and exec'd processes are the shim's direct children. The library is
 * synchronous (it forks, and waits on its sync pipes); each call takes milliseconds.
 */
export class BuiltinRuntime implements TaskRuntime {
  constructor(private readonly runtime: Runtime) {}

  async create(id: string, opts: { bundle: string; stdio: StdioFds }): Promise<number> {
    return this.runtime.create(id, { bundle: opts.bundle, stdio: opts.stdio }).pid;
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

  async exec(id: string, process: Process, stdio: StdioFds): Promise<number> {
    // Detached as containerd's shim runs `runc exec -d`: the process gets its own session.
    return this.runtime.exec(id, process, { stdio, detach: true });
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
