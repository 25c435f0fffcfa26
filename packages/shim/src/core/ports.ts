// What the task manager needs from the world, as interfaces: the real implementations (skiff-runc
// in-process, pipes and log files) live in runtime/ and io/, and the unit tests substitute fakes
// that need neither root nor a kernel.
import type { Process } from '@skiff/oci-spec';
import type { CgroupManager } from '@skiff/runc';

/** File descriptors a new process gets as 0, 1 and 2. */
export interface StdioFds {
  stdin: number;
  stdout: number;
  stderr: number;
}

export type CgroupStats = ReturnType<CgroupManager['stats']>;

/**
 * One OCI runtime, as the shim drives it. Asynchronous so that a runtime binary (a child process)
 * fits the same shape as the in-process library. Processes it creates are children of the shim.
 */
export interface TaskRuntime {
  /** Creates the container; its init exists, blocked before execve. Returns the init's pid. */
  create(id: string, opts: { bundle: string; stdio: StdioFds }): Promise<number>;
  start(id: string): Promise<void>;
  kill(id: string, signal: number, all: boolean): Promise<void>;
  /** Removes the container from the runtime (force: kills what is left, removes its cgroup). */
  delete(id: string): Promise<void>;
  /** Runs another process in the container; returns its pid. */
  exec(id: string, process: Process, stdio: StdioFds): Promise<number>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  pids(id: string): Promise<number[]>;
  stats(id: string): Promise<CgroupStats>;
  /** OOM kills counted in the container's cgroup; absent when the runtime cannot tell (no /tasks/oom then). */
  oomKillCount?(id: string): Promise<number>;
}

/** The RuntimeOptions message of skiff.types.v1, decoded (64-bit sizes as numbers). */
export interface TaskRuntimeOptions {
  name: string;
  root: string;
  runtimeArgs: string[];
  logPathJsonFile: string;
  logOptions: { maxSizeBytes: number; maxFiles: number };
}

/** Where a process's stdio goes: caller-made paths ("" for none) and, for an init, the json log. */
export interface ProcessIoRequest {
  stdin: string;
  stdout: string;
  stderr: string;
  log?: { path: string; maxSizeBytes: number; maxFiles: number };
}

/** The shim's side of one process's stdio. */
export interface ProcessIo {
  /** The ends the process gets. */
  readonly fds: StdioFds;
  /** The process holds its own copies now: the shim closes the ones it made for it. */
  spawned(): void;
  /** Resolves once every output stream hit end of file, or after timeoutMs (a leaked writer). */
  drain(timeoutMs: number): Promise<void>;
  /** Stops copying and releases every fd, reader and log file now. */
  close(): void;
}

export type IoFactory = (request: ProcessIoRequest) => ProcessIo;
