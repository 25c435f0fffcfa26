// Original file: skiff/containerd/services/snapshots/v1/snapshots.proto

import type { Kind as _skiff_containerd_services_snapshots_v1_Kind, Kind__Output as _skiff_containerd_services_snapshots_v1_Kind__Output } from '../../../../../skiff/containerd/services/snapshots/v1/Kind';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../../../google/protobuf/Timestamp';

export interface Info {
  /**
   * The key (active, view) or name (committed).
   */
  'name'?: (string);
  /**
   * Name of the committed parent; "" for none.
   */
  'parent'?: (string);
  'kind'?: (_skiff_containerd_services_snapshots_v1_Kind);
  'createdAt'?: (_google_protobuf_Timestamp | null);
  'updatedAt'?: (_google_protobuf_Timestamp | null);
  'labels'?: ({[key: string]: string});
}

export interface Info__Output {
  /**
   * The key (active, view) or name (committed).
   */
  'name': (string);
  /**
   * Name of the committed parent; "" for none.
   */
  'parent': (string);
  'kind': (_skiff_containerd_services_snapshots_v1_Kind__Output);
  'createdAt': (_google_protobuf_Timestamp__Output | null);
  'updatedAt': (_google_protobuf_Timestamp__Output | null);
  'labels': ({[key: string]: string});
}
