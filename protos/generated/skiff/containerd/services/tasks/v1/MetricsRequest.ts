// Original file: skiff/containerd/services/tasks/v1/tasks.proto


export interface MetricsRequest {
  /**
   * Filters on tasks as in ListTasksRequest; none samples every task.
   */
  'filters'?: (string)[];
}

export interface MetricsRequest__Output {
  /**
   * Filters on tasks as in ListTasksRequest; none samples every task.
   */
  'filters': (string)[];
}
