// Original file: skiff/shim/v1/shim.proto


export interface ExecProcessRequest {
  'id'?: (string);
  /**
   * Chosen by the caller, unique within the task.
   */
  'execId'?: (string);
  'terminal'?: (boolean);
  /**
   * FIFO paths or "", as in CreateTaskRequest.
   */
  'stdin'?: (string);
  'stdout'?: (string);
  'stderr'?: (string);
  /**
   * The process to run: an OCI runtime spec "process" object, as JSON.
   */
  'spec'?: (Buffer | Uint8Array | string);
}

export interface ExecProcessRequest__Output {
  'id': (string);
  /**
   * Chosen by the caller, unique within the task.
   */
  'execId': (string);
  'terminal': (boolean);
  /**
   * FIFO paths or "", as in CreateTaskRequest.
   */
  'stdin': (string);
  'stdout': (string);
  'stderr': (string);
  /**
   * The process to run: an OCI runtime spec "process" object, as JSON.
   */
  'spec': (Buffer);
}
