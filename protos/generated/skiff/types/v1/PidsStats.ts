// Original file: skiff/types/v1/metrics.proto

import type { Long } from '@grpc/proto-loader';

export interface PidsStats {
  'current'?: (number | string | Long);
  /**
   * 0 when unlimited.
   */
  'limit'?: (number | string | Long);
}

export interface PidsStats__Output {
  'current': (string);
  /**
   * 0 when unlimited.
   */
  'limit': (string);
}
