// Original file: skiff/types/v1/metrics.proto

import type { BlkioEntry as _skiff_types_v1_BlkioEntry, BlkioEntry__Output as _skiff_types_v1_BlkioEntry__Output } from '../../../skiff/types/v1/BlkioEntry';

export interface BlkioStats {
  /**
   * Bytes transferred, one entry per device and operation.
   */
  'ioServiceBytes'?: (_skiff_types_v1_BlkioEntry)[];
  /**
   * Operations completed, one entry per device and operation.
   */
  'ioServiced'?: (_skiff_types_v1_BlkioEntry)[];
}

export interface BlkioStats__Output {
  /**
   * Bytes transferred, one entry per device and operation.
   */
  'ioServiceBytes': (_skiff_types_v1_BlkioEntry__Output)[];
  /**
   * Operations completed, one entry per device and operation.
   */
  'ioServiced': (_skiff_types_v1_BlkioEntry__Output)[];
}
