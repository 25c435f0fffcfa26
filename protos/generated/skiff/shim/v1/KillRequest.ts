// Original file: skiff/shim/v1/shim.proto


export interface KillRequest {
  'id'?: (string);
  'execId'?: (string);
  /**
   * Signal number (9 for SIGKILL).
   */
  'signal'?: (number);
  /**
   * Signal every process in the task's cgroup, not only the one named.
   */
  'all'?: (boolean);
}

export interface KillRequest__Output {
  'id': (string);
  'execId': (string);
  /**
   * Signal number (9 for SIGKILL).
   */
  'signal': (number);
  /**
   * Signal every process in the task's cgroup, not only the one named.
   */
  'all': (boolean);
}
