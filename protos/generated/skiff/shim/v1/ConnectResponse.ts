// Original file: skiff/shim/v1/shim.proto


export interface ConnectResponse {
  /**
   * The shim's own pid.
   */
  'shimPid'?: (number);
  /**
   * Host pid of the task's init process (0 if it was never started or has been deleted).
   */
  'taskPid'?: (number);
  /**
   * The shim's version, e.g. "0.1.0".
   */
  'version'?: (string);
}

export interface ConnectResponse__Output {
  /**
   * The shim's own pid.
   */
  'shimPid': (number);
  /**
   * Host pid of the task's init process (0 if it was never started or has been deleted).
   */
  'taskPid': (number);
  /**
   * The shim's version, e.g. "0.1.0".
   */
  'version': (string);
}
