// What the task core needs from shims, as interfaces: the real ones speak gRPC to skiff-shim
// processes (shim-connection.ts, shim-launcher.ts); unit tests substitute in-memory fakes.
import type { Envelope__Output } from '@skiff/protos/generated/skiff/events/v1/Envelope';

/** The unary RPCs of skiff.shim.v1.Task. */
export type ShimMethod =
  | 'Create'
  | 'Start'
  | 'Delete'
  | 'Exec'
  | 'ResizePty'
  | 'CloseIO'
  | 'Kill'
  | 'State'
  | 'Pids'
  | 'Pause'
  | 'Resume'
  | 'Stats'
  | 'Update'
  | 'Connect'
  | 'Shutdown';

/** A connection to one shim process. */
export interface ShimHandle {
  readonly address: string;
  /** Calls an RPC with the handle's deadline; failures arrive as SkiffErrors. */
  call<T = any>(method: ShimMethod, request: object, timeoutMs?: number): Promise<T>;
  /**
   * Starts following the shim's Events stream (replaying what it kept). `onEvent` sees each
   * event once, in order; `onLost` is called once when the shim is gone for good.
   */
  follow(onEvent: (event: Envelope__Output) => void, onLost: () => void): void;
  /** Stops following and closes the connection; the shim process is left alone. */
  close(): void;
}

/** The exit `skiff-shim delete` reports for a task whose shim is gone. */
export interface LostTaskExit {
  pid: number;
  exitStatus: number;
  exitedAt: Date;
}

/** Starting, finding and cleaning up after shim processes. */
export interface ShimLauncher {
  /** `skiff-shim start`: returns the address the shim serves on. */
  start(shimId: string, namespace: string, workDir: string): Promise<string>;
  connect(address: string): ShimHandle;
  /** `skiff-shim delete`, for a task whose shim is gone. */
  deleteLost(containerId: string, namespace: string, bundle: string): Promise<LostTaskExit>;
}
