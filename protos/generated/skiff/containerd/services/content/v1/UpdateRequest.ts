// Original file: skiff/containerd/services/content/v1/content.proto

import type { Info as _skiff_containerd_services_content_v1_Info, Info__Output as _skiff_containerd_services_content_v1_Info__Output } from '../../../../../skiff/containerd/services/content/v1/Info';
import type { FieldMask as _google_protobuf_FieldMask, FieldMask__Output as _google_protobuf_FieldMask__Output } from '../../../../../google/protobuf/FieldMask';

export interface UpdateRequest {
  'info'?: (_skiff_containerd_services_content_v1_Info | null);
  /**
   * "labels" or "labels.KEY"; empty replaces all labels.
   */
  'updateMask'?: (_google_protobuf_FieldMask | null);
}

export interface UpdateRequest__Output {
  'info': (_skiff_containerd_services_content_v1_Info__Output | null);
  /**
   * "labels" or "labels.KEY"; empty replaces all labels.
   */
  'updateMask': (_google_protobuf_FieldMask__Output | null);
}
