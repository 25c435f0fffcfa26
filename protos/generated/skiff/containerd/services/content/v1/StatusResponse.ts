// Original file: skiff/containerd/services/content/v1/content.proto

import type { Status as _skiff_containerd_services_content_v1_Status, Status__Output as _skiff_containerd_services_content_v1_Status__Output } from '../../../../../skiff/containerd/services/content/v1/Status';

export interface StatusResponse {
  'status'?: (_skiff_containerd_services_content_v1_Status | null);
}

export interface StatusResponse__Output {
  'status': (_skiff_containerd_services_content_v1_Status__Output | null);
}
