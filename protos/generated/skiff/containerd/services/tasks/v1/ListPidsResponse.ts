// Original file: skiff/containerd/services/tasks/v1/tasks.proto

import type { ProcessInfo as _skiff_types_v1_ProcessInfo, ProcessInfo__Output as _skiff_types_v1_ProcessInfo__Output } from '../../../../../skiff/types/v1/ProcessInfo';

export interface ListPidsResponse {
  'processes'?: (_skiff_types_v1_ProcessInfo)[];
}

export interface ListPidsResponse__Output {
  'processes': (_skiff_types_v1_ProcessInfo__Output)[];
}
