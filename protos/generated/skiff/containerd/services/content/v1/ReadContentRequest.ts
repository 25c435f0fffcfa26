// Original file: skiff/containerd/services/content/v1/content.proto

import type { Long } from '@grpc/proto-loader';

export interface ReadContentRequest {
  'digest'?: (string);
  'offset'?: (number | string | Long);
  /**
   * Bytes to read; 0 reads to the end.
   */
  'size'?: (number | string | Long);
}

export interface ReadContentRequest__Output {
  'digest': (string);
  'offset': (string);
  /**
   * Bytes to read; 0 reads to the end.
   */
  'size': (string);
}
