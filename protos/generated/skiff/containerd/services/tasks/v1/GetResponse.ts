// Original file: skiff/containerd/services/tasks/v1/tasks.proto

import type { Process as _skiff_types_v1_Process, Process__Output as _skiff_types_v1_Process__Output } from '../../../../../skiff/types/v1/Process';

export interface GetResponse {
  'process'?: (_skiff_types_v1_Process | null);
}

export interface GetResponse__Output {
  'process': (_skiff_types_v1_Process__Output | null);
}
