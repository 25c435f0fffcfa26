// Original file: skiff/containerd/services/snapshots/v1/snapshots.proto

import type { Long } from '@grpc/proto-loader';

export interface UsageResponse {
  /**
   * Bytes used on disk.
   */
  'size'?: (number | string | Long);
  /**
   * Inodes used.
   */
  'inodes'?: (number | string | Long);
}

export interface UsageResponse__Output {
  /**
   * Bytes used on disk.
   */
  'size': (string);
  /**
   * Inodes used.
   */
  'inodes': (string);
}
