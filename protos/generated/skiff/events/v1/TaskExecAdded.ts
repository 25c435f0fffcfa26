// Original file: skiff/events/v1/task.proto


/**
 * Topic "/tasks/exec-added": Exec registered a process; not started yet.
 */
export interface TaskExecAdded {
  'containerId'?: (string);
  'execId'?: (string);
}

/**
 * Topic "/tasks/exec-added": Exec registered a process; not started yet.
 */
export interface TaskExecAdded__Output {
  'containerId': (string);
  'execId': (string);
}
