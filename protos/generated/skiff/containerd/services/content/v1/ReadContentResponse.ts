// Original file: skiff/containerd/services/content/v1/content.proto

import type { Long } from '@grpc/proto-loader';

export interface ReadContentResponse {
  /**
   * Offset of this chunk in the blob.
   */
  'offset'?: (number | string | Long);
  'data'?: (Buffer | Uint8Array | string);
}

export interface ReadContentResponse__Output {
  /**
   * Offset of this chunk in the blob.
   */
  'offset': (string);
  'data': (Buffer);
}
