// Original file: skiff/types/v1/process.proto


/**
 * ProcessInfo is one process found in a task's cgroup.
 */
export interface ProcessInfo {
  'pid'?: (number);
  /**
   * The exec id when this pid is the main process of an exec; "" for the init process and for
   * processes they started.
   */
  'execId'?: (string);
}

/**
 * ProcessInfo is one process found in a task's cgroup.
 */
export interface ProcessInfo__Output {
  'pid': (number);
  /**
   * The exec id when this pid is the main process of an exec; "" for the init process and for
   * processes they started.
   */
  'execId': (string);
}
