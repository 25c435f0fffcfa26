// Original file: skiff/events/v1/task.proto


/**
 * Topic "/tasks/exec-started": an exec'd process was started.
 */
export interface TaskExecStarted {
  'containerId'?: (string);
  'execId'?: (string);
  'pid'?: (number);
}

/**
 * Topic "/tasks/exec-started": an exec'd process was started.
 */
export interface TaskExecStarted__Output {
  'containerId': (string);
  'execId': (string);
  'pid': (number);
}
