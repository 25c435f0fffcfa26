// Original file: skiff/events/v1/task.proto


/**
 * Topic "/tasks/resumed": the task's cgroup is thawed.
 */
export interface TaskResumed {
  'containerId'?: (string);
}

/**
 * Topic "/tasks/resumed": the task's cgroup is thawed.
 */
export interface TaskResumed__Output {
  'containerId': (string);
}
