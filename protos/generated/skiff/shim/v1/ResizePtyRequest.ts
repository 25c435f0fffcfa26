// Original file: skiff/shim/v1/shim.proto


export interface ResizePtyRequest {
  'id'?: (string);
  'execId'?: (string);
  'width'?: (number);
  'height'?: (number);
}

export interface ResizePtyRequest__Output {
  'id': (string);
  'execId': (string);
  'width': (number);
  'height': (number);
}
