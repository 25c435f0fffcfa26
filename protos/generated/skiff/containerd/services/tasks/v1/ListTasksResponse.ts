// Original file: skiff/containerd/services/tasks/v1/tasks.proto

import type { Process as _skiff_types_v1_Process, Process__Output as _skiff_types_v1_Process__Output } from '../../../../../skiff/types/v1/Process';

export interface ListTasksResponse {
  'tasks'?: (_skiff_types_v1_Process)[];
}

export interface ListTasksResponse__Output {
  'tasks': (_skiff_types_v1_Process__Output)[];
}
