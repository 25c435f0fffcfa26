// What the task manager needs from the world, as interfaces: the real implementations (skiff-runc
// in-process, pipes and log files) live in runtime/ and io/, and the unit tests substitute fakes
// that need neither root nor a kernel.
import type { LinuxResources, Process } from '@skiff/oci-spec';
import type { CgroupManager } from '@skiff/runc';

/** File descriptors a new process gets as 0, 1 and 2. */
export interface StdioFds {
  stdin: number;
  stdout: number;
  stderr: number;
}

export type CgroupStats = ReturnType<CgroupManager['stats']>;

/** A process the runtime made. */
export interface Spawned {
  pid: number;
  /** The master of its pseudo-terminal, when it has one: the caller owns the fd from now on. */
  terminal?: number;
}

export interface SpawnOptions {
  stdio: StdioFds;
  /**
   * Give the process a pseudo-terminal (its stdio is then the terminal, and stdio only the
   * runtime's own). Must agree with the spec's process.terminal.
   */
  terminal: boolean;
}

export interface CreateOptions extends SpawnOptions {
  bundle: string;
  /**
   * Work that needs the container created but not its answer yet. The in-process runtime calls it
   * while the init still sets itself up; a runtime that has no such moment leaves it to the caller.
   */
  whileInitSetsUp?: () => void;
}

/**
 * One OCI runtime, as the shim drives it. Asynchronous so that a runtime binary (a child process)
 * fits the same shape as the in-process library. Processes it creates are children of the shim.
 */
export interface TaskRuntime {
  /** Creates the container; its init exists, blocked before execve. */
  create(id: string, opts: CreateOptions): Promise<Spawned>;
  start(id: string): Promise<void>;
  kill(id: string, signal: number, all: boolean): Promise<void>;
  /** Removes the container from the runtime (force: kills what is left, removes its cgroup). */
  delete(id: string): Promise<void>;
  /** Runs another process in the container. */
  exec(id: string, process: Process, opts: SpawnOptions): Promise<Spawned>;
  pause(id: string): Promise<void>;
  resume(id: string): Promise<void>;
  pids(id: string): Promise<number[]>;
  stats(id: string): Promise<CgroupStats>;
  /** Applies new limits to the container's cgroup (runc update). */
  update(id: string, resources: LinuxResources): Promise<void>;
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
  /** "" with a terminal, whose single output stream goes to stdout. */
  stderr: string;
  terminal: boolean;
  log?: { path: string; maxSizeBytes: number; maxFiles: number };
}

/** The shim's side of one process's stdio. */
export interface ProcessIo {
  /** The ends the process gets (with a terminal, /dev/null: only a runtime binary's own stdio). */
  readonly fds: StdioFds;
  /**
   * The process holds its own copies now: the shim closes the ones it made for it. With a
   * terminal, `terminal` is the pty master the runtime handed back; the io owns it from now on.
   */
  spawned(terminal?: number): void;
  /** Sets the terminal's size (TIOCSWINSZ); FailedPrecondition without a terminal. */
  resize(width: number, height: number): void;
  /**
   * CloseIO: lets go of the shim's own hold on the caller's stdin, so the process's input ends
   * (end of file on a pipe, the EOF character on a terminal) once no caller writes to it either.
   */
  closeStdin(): void;
  /** Resolves once every output stream hit end of file, or after timeoutMs (a leaked writer). */
  drain(timeoutMs: number): Promise<void>;
  /** Stops copying and releases every fd, reader and log file now. */
  close(): void;
}

export type IoFactory = (request: ProcessIoRequest) => ProcessIo;
