// Original file: skiff/events/v1/task.proto


/**
 * Topic "/tasks/paused": the task's cgroup is frozen.
 */
export interface TaskPaused {
  'containerId'?: (string);
}

/**
 * Topic "/tasks/paused": the task's cgroup is frozen.
 */
export interface TaskPaused__Output {
  'containerId': (string);
}
