// Original file: skiff/containerd/services/snapshots/v1/snapshots.proto

import type { Info as _skiff_containerd_services_snapshots_v1_Info, Info__Output as _skiff_containerd_services_snapshots_v1_Info__Output } from '../../../../../skiff/containerd/services/snapshots/v1/Info';

export interface StatSnapshotResponse {
  'info'?: (_skiff_containerd_services_snapshots_v1_Info | null);
}

export interface StatSnapshotResponse__Output {
  'info': (_skiff_containerd_services_snapshots_v1_Info__Output | null);
}
