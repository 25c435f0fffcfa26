// Original file: skiff/shim/v1/shim.proto


export interface WaitRequest {
  'id'?: (string);
  'execId'?: (string);
}

export interface WaitRequest__Output {
  'id': (string);
  'execId': (string);
}
