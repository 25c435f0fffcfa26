// Original file: skiff/shim/v1/shim.proto


export interface PauseRequest {
  'id'?: (string);
}

export interface PauseRequest__Output {
  'id': (string);
}
