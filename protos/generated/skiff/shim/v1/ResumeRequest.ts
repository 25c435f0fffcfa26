// Original file: skiff/shim/v1/shim.proto


export interface ResumeRequest {
  'id'?: (string);
}

export interface ResumeRequest__Output {
  'id': (string);
}
