// Original file: skiff/shim/v1/shim.proto


export interface CreateTaskResponse {
  /**
   * Host pid of the init process.
   */
  'pid'?: (number);
}

export interface CreateTaskResponse__Output {
  /**
   * Host pid of the init process.
   */
  'pid': (number);
}
