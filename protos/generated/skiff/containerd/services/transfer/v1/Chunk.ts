// Original file: skiff/containerd/services/transfer/v1/transfer.proto


export interface Chunk {
  'data'?: (Buffer | Uint8Array | string);
}

export interface Chunk__Output {
  'data': (Buffer);
}
