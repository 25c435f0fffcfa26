import { notFound } from '@skiff/errors';
import type { TaskRuntime, TaskRuntimeOptions } from './ports';
import { TaskProcess } from './process';

/** One container the shim holds: its init process, its execs, and how to reach its runtime. */
export class Task {
  readonly execs = new Map<string, TaskProcess>();
  paused = false;
  /** A Pause is freezing the cgroup (reported as PAUSING). */
  pausing = false;
  deleting = false;
  /** The shim mounted <bundle>/rootfs at Create (and unmounts it at Delete). */
  rootfsMounted = false;
  /** OOM kills counted in the task's cgroup when last checked: a rise means a /tasks/oom. */
  oomKills = 0;
  /** Nothing of the task outlives its init (see readSpecFacts): its exit needs no sweep of the cgroup. */
  ownPidNamespace = false;
  /** Reads the task's OOM kill count when its runtime cannot (TaskManagerOptions.oomCounterOf). */
  oomCounter: (() => number) | undefined;

  constructor(
    readonly id: string,
    readonly bundle: string,
    readonly options: TaskRuntimeOptions,
    readonly runtime: TaskRuntime,
    readonly init: TaskProcess,
  ) {}

  process(execId: string): TaskProcess {
    if (execId === '') return this.init;
    const proc = this.execs.get(execId);
    if (!proc) throw notFound(`exec ${execId} not found in task ${this.id}`);
    return proc;
  }

  /** The exec that runs as pid, if any: Pids names them. */
  execIdOf(pid: number): string {
    for (const exec of this.execs.values()) if (exec.pid === pid) return exec.execId;
    return '';
  }
}
