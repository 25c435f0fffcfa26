// Original file: skiff/containerd/services/snapshots/v1/snapshots.proto

import type { Mount as _skiff_types_v1_Mount, Mount__Output as _skiff_types_v1_Mount__Output } from '../../../../../skiff/types/v1/Mount';

export interface ViewSnapshotResponse {
  'mounts'?: (_skiff_types_v1_Mount)[];
}

export interface ViewSnapshotResponse__Output {
  'mounts': (_skiff_types_v1_Mount__Output)[];
}
