// Original file: skiff/shim/v1/shim.proto


export interface ConnectRequest {
  'id'?: (string);
}

export interface ConnectRequest__Output {
  'id': (string);
}
