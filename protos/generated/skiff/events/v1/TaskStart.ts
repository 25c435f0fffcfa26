// Original file: skiff/events/v1/task.proto


/**
 * Topic "/tasks/start": the init process was started (execve'd the user's program).
 */
export interface TaskStart {
  'containerId'?: (string);
  'pid'?: (number);
}

/**
 * Topic "/tasks/start": the init process was started (execve'd the user's program).
 */
export interface TaskStart__Output {
  'containerId': (string);
  'pid': (number);
}
