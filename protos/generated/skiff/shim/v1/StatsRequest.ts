// Original file: skiff/shim/v1/shim.proto


export interface StatsRequest {
  'id'?: (string);
}

export interface StatsRequest__Output {
  'id': (string);
}
