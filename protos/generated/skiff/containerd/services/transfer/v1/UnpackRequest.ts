// Original file: skiff/containerd/services/transfer/v1/transfer.proto

import type { Platform as _skiff_types_v1_Platform, Platform__Output as _skiff_types_v1_Platform__Output } from '../../../../../skiff/types/v1/Platform';

export interface UnpackRequest {
  'name'?: (string);
  'platform'?: (_skiff_types_v1_Platform | null);
  'snapshotter'?: (string);
}

export interface UnpackRequest__Output {
  'name': (string);
  'platform': (_skiff_types_v1_Platform__Output | null);
  'snapshotter': (string);
}
