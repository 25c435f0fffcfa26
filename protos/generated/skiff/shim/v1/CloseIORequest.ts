// Original file: skiff/shim/v1/shim.proto


export interface CloseIORequest {
  'id'?: (string);
  'execId'?: (string);
  /**
   * Close the process's stdin. (Only stdin can be closed today; other fields may follow.)
   */
  'stdin'?: (boolean);
}

export interface CloseIORequest__Output {
  'id': (string);
  'execId': (string);
  /**
   * Close the process's stdin. (Only stdin can be closed today; other fields may follow.)
   */
  'stdin': (boolean);
}
