// Original file: skiff/shim/v1/shim.proto


export interface DeleteRequest {
  'id'?: (string);
  'execId'?: (string);
}

export interface DeleteRequest__Output {
  'id': (string);
  'execId': (string);
}
