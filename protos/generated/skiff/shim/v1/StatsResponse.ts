// Original file: skiff/shim/v1/shim.proto

import type { Metrics as _skiff_types_v1_Metrics, Metrics__Output as _skiff_types_v1_Metrics__Output } from '../../../skiff/types/v1/Metrics';

export interface StatsResponse {
  'metrics'?: (_skiff_types_v1_Metrics | null);
}

export interface StatsResponse__Output {
  'metrics': (_skiff_types_v1_Metrics__Output | null);
}
