// Original file: skiff/shim/v1/shim.proto


export interface StateRequest {
  'id'?: (string);
  'execId'?: (string);
}

export interface StateRequest__Output {
  'id': (string);
  'execId': (string);
}
