// Original file: skiff/events/v1/task.proto


/**
 * Topic "/tasks/create": the runtime created the task; its init process exists, not started.
 */
export interface TaskCreate {
  'containerId'?: (string);
  'bundle'?: (string);
  'pid'?: (number);
  'stdin'?: (string);
  'stdout'?: (string);
  'stderr'?: (string);
  'terminal'?: (boolean);
}

/**
 * Topic "/tasks/create": the runtime created the task; its init process exists, not started.
 */
export interface TaskCreate__Output {
  'containerId': (string);
  'bundle': (string);
  'pid': (number);
  'stdin': (string);
  'stdout': (string);
  'stderr': (string);
  'terminal': (boolean);
}
