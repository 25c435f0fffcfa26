// Original file: skiff/shim/v1/shim.proto


export interface StartRequest {
  'id'?: (string);
  'execId'?: (string);
}

export interface StartRequest__Output {
  'id': (string);
  'execId': (string);
}
