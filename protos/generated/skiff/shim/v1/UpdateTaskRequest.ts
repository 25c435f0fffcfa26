// Original file: skiff/shim/v1/shim.proto


export interface UpdateTaskRequest {
  'id'?: (string);
  /**
   * The new limits: an OCI runtime spec "linux.resources" object, as JSON.
   */
  'resources'?: (Buffer | Uint8Array | string);
  'annotations'?: ({[key: string]: string});
}

export interface UpdateTaskRequest__Output {
  'id': (string);
  /**
   * The new limits: an OCI runtime spec "linux.resources" object, as JSON.
   */
  'resources': (Buffer);
  'annotations': ({[key: string]: string});
}
