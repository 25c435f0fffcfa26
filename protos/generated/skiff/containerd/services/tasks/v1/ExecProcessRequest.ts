// Original file: skiff/containerd/services/tasks/v1/tasks.proto


export interface ExecProcessRequest {
  'containerId'?: (string);
  'execId'?: (string);
  'terminal'?: (boolean);
  'stdin'?: (string);
  'stdout'?: (string);
  'stderr'?: (string);
  /**
   * An OCI runtime spec "process" object, as JSON.
   */
  'spec'?: (Buffer | Uint8Array | string);
}

export interface ExecProcessRequest__Output {
  'containerId': (string);
  'execId': (string);
  'terminal': (boolean);
  'stdin': (string);
  'stdout': (string);
  'stderr': (string);
  /**
   * An OCI runtime spec "process" object, as JSON.
   */
  'spec': (Buffer);
}
