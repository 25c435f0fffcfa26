// Original file: skiff/containerd/services/tasks/v1/tasks.proto

import type { Metrics as _skiff_types_v1_Metrics, Metrics__Output as _skiff_types_v1_Metrics__Output } from '../../../../../skiff/types/v1/Metrics';

export interface MetricsResponse {
  'metrics'?: (_skiff_types_v1_Metrics)[];
}

export interface MetricsResponse__Output {
  'metrics': (_skiff_types_v1_Metrics__Output)[];
}
