// Original file: skiff/containerd/services/images/v1/images.proto

import type { Descriptor as _skiff_types_v1_Descriptor, Descriptor__Output as _skiff_types_v1_Descriptor__Output } from '../../../../../skiff/types/v1/Descriptor';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../../../google/protobuf/Timestamp';

export interface Image {
  /**
   * A full reference, e.g. "docker.io/library/busybox:latest" or "...@sha256:...".
   */
  'name'?: (string);
  'labels'?: ({[key: string]: string});
  'target'?: (_skiff_types_v1_Descriptor | null);
  'createdAt'?: (_google_protobuf_Timestamp | null);
  'updatedAt'?: (_google_protobuf_Timestamp | null);
}

export interface Image__Output {
  /**
   * A full reference, e.g. "docker.io/library/busybox:latest" or "...@sha256:...".
   */
  'name': (string);
  'labels': ({[key: string]: string});
  'target': (_skiff_types_v1_Descriptor__Output | null);
  'createdAt': (_google_protobuf_Timestamp__Output | null);
  'updatedAt': (_google_protobuf_Timestamp__Output | null);
}
