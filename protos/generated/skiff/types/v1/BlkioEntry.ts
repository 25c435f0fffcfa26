// Original file: skiff/types/v1/metrics.proto

import type { Long } from '@grpc/proto-loader';

export interface BlkioEntry {
  'major'?: (number);
  'minor'?: (number);
  /**
   * "read", "write", "sync", "async", "discard" or "total", as Docker's stats API names them.
   */
  'op'?: (string);
  'value'?: (number | string | Long);
}

export interface BlkioEntry__Output {
  'major': (number);
  'minor': (number);
  /**
   * "read", "write", "sync", "async", "discard" or "total", as Docker's stats API names them.
   */
  'op': (string);
  'value': (string);
}
