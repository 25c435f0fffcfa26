// Original file: skiff/shim/v1/shim.proto

import type { ProcessInfo as _skiff_types_v1_ProcessInfo, ProcessInfo__Output as _skiff_types_v1_ProcessInfo__Output } from '../../../skiff/types/v1/ProcessInfo';

export interface PidsResponse {
  'processes'?: (_skiff_types_v1_ProcessInfo)[];
}

export interface PidsResponse__Output {
  'processes': (_skiff_types_v1_ProcessInfo__Output)[];
}
