import type { Process } from '@skiff/oci-spec';
import type { ProcessIo } from './ports';

export type ProcessStatus = 'created' | 'running' | 'stopped';

export interface ExitInfo {
  /** The code, or 128 + signal; 255 when it could not be known. */
  status: number;
  at: Date;
}

export interface StdioPaths {
  stdin: string;
  stdout: string;
  stderr: string;
}

/**
 * One process of a task: the init (execId "") or an exec. Its exit is published (status STOPPED,
 * Wait answered, /tasks/exit emitted) in one step, so every observer sees the same order.
 */
export class TaskProcess {
  pid = 0;
  status: ProcessStatus = 'created';
  exit: ExitInfo | undefined;
  io: ProcessIo | undefined;
  /** The kernel released the pid (we reaped it): it may belong to someone else now. */
  reaped = false;
  /** A Start in progress; the exit of a process that dies at once waits for its start event. */
  starting: Promise<void> | undefined;
  private settle!: (exit: ExitInfo) => void;
  private drop!: () => void;
  /** Resolves with the exit once it is published. */
  readonly exited: Promise<ExitInfo>;
  /** Resolves when the process is deleted without ever having run: its waiters get NotFound. */
  readonly forgotten: Promise<void>;

  constructor(
    readonly execId: string,
    readonly stdio: StdioPaths,
    readonly terminal: boolean,
    /** The OCI process of an exec; undefined for the init, whose process is in config.json. */
    readonly spec?: Process,
  ) {
    this.exited = new Promise((resolve) => (this.settle = resolve));
    this.forgotten = new Promise((resolve) => (this.drop = resolve));
  }

  /** Alive, or about to be: started and its exit not published yet. */
  get live(): boolean {
    return this.status === 'running' || this.starting !== undefined;
  }

  publishExit(exit: ExitInfo): void {
    this.status = 'stopped';
    this.exit = exit;
    this.settle(exit);
  }

  forget(): void {
    this.drop();
  }
}
