// Original file: skiff/containerd/services/tasks/v1/tasks.proto


export interface UpdateTaskRequest {
  'containerId'?: (string);
  /**
   * An OCI runtime spec "linux.resources" object, as JSON.
   */
  'resources'?: (Buffer | Uint8Array | string);
  'annotations'?: ({[key: string]: string});
}

export interface UpdateTaskRequest__Output {
  'containerId': (string);
  /**
   * An OCI runtime spec "linux.resources" object, as JSON.
   */
  'resources': (Buffer);
  'annotations': ({[key: string]: string});
}
