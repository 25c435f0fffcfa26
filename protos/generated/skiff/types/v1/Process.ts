// Original file: skiff/types/v1/process.proto

import type { Status as _skiff_types_v1_Status, Status__Output as _skiff_types_v1_Status__Output } from '../../../skiff/types/v1/Status';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';

/**
 * Process is the state of a task (exec_id "") or of one process exec'd in it.
 */
export interface Process {
  'containerId'?: (string);
  /**
   * "" for the task's init process; otherwise the id given to Exec.
   */
  'execId'?: (string);
  /**
   * Host pid; 0 before the process exists or after Delete.
   */
  'pid'?: (number);
  'status'?: (_skiff_types_v1_Status);
  /**
   * The stdio the process was created with (FIFO paths, "" when not connected).
   */
  'stdin'?: (string);
  'stdout'?: (string);
  'stderr'?: (string);
  'terminal'?: (boolean);
  /**
   * Valid when status is STOPPED: the exit code, or 128 + the signal number when a signal ended
   * the process (137 for SIGKILL), as a shell reports it; 255 when the shim could not know.
   */
  'exitStatus'?: (number);
  'exitedAt'?: (_google_protobuf_Timestamp | null);
}

/**
 * Process is the state of a task (exec_id "") or of one process exec'd in it.
 */
export interface Process__Output {
  'containerId': (string);
  /**
   * "" for the task's init process; otherwise the id given to Exec.
   */
  'execId': (string);
  /**
   * Host pid; 0 before the process exists or after Delete.
   */
  'pid': (number);
  'status': (_skiff_types_v1_Status__Output);
  /**
   * The stdio the process was created with (FIFO paths, "" when not connected).
   */
  'stdin': (string);
  'stdout': (string);
  'stderr': (string);
  'terminal': (boolean);
  /**
   * Valid when status is STOPPED: the exit code, or 128 + the signal number when a signal ended
   * the process (137 for SIGKILL), as a shell reports it; 255 when the shim could not know.
   */
  'exitStatus': (number);
  'exitedAt': (_google_protobuf_Timestamp__Output | null);
}
