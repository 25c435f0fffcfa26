// Original file: skiff/containerd/services/tasks/v1/tasks.proto


export interface KillRequest {
  'containerId'?: (string);
  'execId'?: (string);
  'signal'?: (number);
  /**
   * Signal every process of the task.
   */
  'all'?: (boolean);
}

export interface KillRequest__Output {
  'containerId': (string);
  'execId': (string);
  'signal': (number);
  /**
   * Signal every process of the task.
   */
  'all': (boolean);
}
