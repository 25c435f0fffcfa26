// Original file: skiff/shim/v1/shim.proto


export interface PidsRequest {
  'id'?: (string);
}

export interface PidsRequest__Output {
  'id': (string);
}
