// Original file: skiff/types/v1/process.proto

/**
 * Status is the life cycle of a task or of one of its exec'd processes, as the shim sees it.
 */
export const Status = {
  /**
   * Not known: the shim cannot tell (for example it lost the runtime's state).
   */
  UNKNOWN: 'UNKNOWN',
  /**
   * Created by the runtime, user process not started yet (blocked before execve).
   */
  CREATED: 'CREATED',
  RUNNING: 'RUNNING',
  /**
   * Exited; exit_status and exited_at are set. Kept in this state until Delete.
   */
  STOPPED: 'STOPPED',
  /**
   * Frozen (cgroup freezer).
   */
  PAUSED: 'PAUSED',
  /**
   * A Pause was asked for and the freeze has not completed yet.
   */
  PAUSING: 'PAUSING',
} as const;

/**
 * Status is the life cycle of a task or of one of its exec'd processes, as the shim sees it.
 */
export type Status =
  /**
   * Not known: the shim cannot tell (for example it lost the runtime's state).
   */
  | 'UNKNOWN'
  | 0
  /**
   * Created by the runtime, user process not started yet (blocked before execve).
   */
  | 'CREATED'
  | 1
  | 'RUNNING'
  | 2
  /**
   * Exited; exit_status and exited_at are set. Kept in this state until Delete.
   */
  | 'STOPPED'
  | 3
  /**
   * Frozen (cgroup freezer).
   */
  | 'PAUSED'
  | 4
  /**
   * A Pause was asked for and the freeze has not completed yet.
   */
  | 'PAUSING'
  | 5

/**
 * Status is the life cycle of a task or of one of its exec'd processes, as the shim sees it.
 */
export type Status__Output = typeof Status[keyof typeof Status]
