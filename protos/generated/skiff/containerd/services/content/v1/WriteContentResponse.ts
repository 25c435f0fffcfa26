// Original file: skiff/containerd/services/content/v1/content.proto

import type { WriteAction as _skiff_containerd_services_content_v1_WriteAction, WriteAction__Output as _skiff_containerd_services_content_v1_WriteAction__Output } from '../../../../../skiff/containerd/services/content/v1/WriteAction';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../../../google/protobuf/Timestamp';
import type { Long } from '@grpc/proto-loader';

export interface WriteContentResponse {
  'action'?: (_skiff_containerd_services_content_v1_WriteAction);
  'startedAt'?: (_google_protobuf_Timestamp | null);
  'updatedAt'?: (_google_protobuf_Timestamp | null);
  /**
   * Bytes received so far.
   */
  'offset'?: (number | string | Long);
  'total'?: (number | string | Long);
  /**
   * At COMMIT: the digest of what was written.
   */
  'digest'?: (string);
}

export interface WriteContentResponse__Output {
  'action': (_skiff_containerd_services_content_v1_WriteAction__Output);
  'startedAt': (_google_protobuf_Timestamp__Output | null);
  'updatedAt': (_google_protobuf_Timestamp__Output | null);
  /**
   * Bytes received so far.
   */
  'offset': (string);
  'total': (string);
  /**
   * At COMMIT: the digest of what was written.
   */
  'digest': (string);
}
