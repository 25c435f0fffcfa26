// Original file: skiff/events/v1/task.proto


/**
 * Topic "/tasks/oom": the kernel's OOM killer acted in the task's cgroup.
 */
export interface TaskOOM {
  'containerId'?: (string);
}

/**
 * Topic "/tasks/oom": the kernel's OOM killer acted in the task's cgroup.
 */
export interface TaskOOM__Output {
  'containerId': (string);
}
