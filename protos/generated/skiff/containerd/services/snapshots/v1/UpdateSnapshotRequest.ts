// Original file: skiff/containerd/services/snapshots/v1/snapshots.proto

import type { Info as _skiff_containerd_services_snapshots_v1_Info, Info__Output as _skiff_containerd_services_snapshots_v1_Info__Output } from '../../../../../skiff/containerd/services/snapshots/v1/Info';
import type { FieldMask as _google_protobuf_FieldMask, FieldMask__Output as _google_protobuf_FieldMask__Output } from '../../../../../google/protobuf/FieldMask';

export interface UpdateSnapshotRequest {
  'snapshotter'?: (string);
  /**
   * Found by info.name.
   */
  'info'?: (_skiff_containerd_services_snapshots_v1_Info | null);
  /**
   * "labels" or "labels.KEY"; empty replaces all labels.
   */
  'updateMask'?: (_google_protobuf_FieldMask | null);
}

export interface UpdateSnapshotRequest__Output {
  'snapshotter': (string);
  /**
   * Found by info.name.
   */
  'info': (_skiff_containerd_services_snapshots_v1_Info__Output | null);
  /**
   * "labels" or "labels.KEY"; empty replaces all labels.
   */
  'updateMask': (_google_protobuf_FieldMask__Output | null);
}
