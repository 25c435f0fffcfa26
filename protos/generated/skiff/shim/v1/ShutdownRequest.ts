// Original file: skiff/shim/v1/shim.proto


export interface ShutdownRequest {
  'id'?: (string);
  /**
   * Exit at once even while the shim still holds tasks (their processes keep running,
   * orphaned). For tests and forced clean-up only.
   */
  'now'?: (boolean);
}

export interface ShutdownRequest__Output {
  'id': (string);
  /**
   * Exit at once even while the shim still holds tasks (their processes keep running,
   * orphaned). For tests and forced clean-up only.
   */
  'now': (boolean);
}
