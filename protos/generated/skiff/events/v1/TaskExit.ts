// Original file: skiff/events/v1/task.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';

/**
 * Topic "/tasks/exit": a process of the task exited, the init (exec_id "") or an exec.
 */
export interface TaskExit {
  'containerId'?: (string);
  /**
   * "" for the init process.
   */
  'execId'?: (string);
  'pid'?: (number);
  /**
   * As in skiff.types.v1.Process.exit_status: the code, or 128 + signal number.
   */
  'exitStatus'?: (number);
  'exitedAt'?: (_google_protobuf_Timestamp | null);
}

/**
 * Topic "/tasks/exit": a process of the task exited, the init (exec_id "") or an exec.
 */
export interface TaskExit__Output {
  'containerId': (string);
  /**
   * "" for the init process.
   */
  'execId': (string);
  'pid': (number);
  /**
   * As in skiff.types.v1.Process.exit_status: the code, or 128 + signal number.
   */
  'exitStatus': (number);
  'exitedAt': (_google_protobuf_Timestamp__Output | null);
}
