// Original file: skiff/containerd/services/tasks/v1/tasks.proto


export interface ListTasksRequest {
  /**
   * Filters as described in protos/README.md ("status==RUNNING", "container_id==web1"...).
   */
  'filters'?: (string)[];
}

export interface ListTasksRequest__Output {
  /**
   * Filters as described in protos/README.md ("status==RUNNING", "container_id==web1"...).
   */
  'filters': (string)[];
}
