// Original file: skiff/containerd/services/content/v1/content.proto

import type { Status as _skiff_containerd_services_content_v1_Status, Status__Output as _skiff_containerd_services_content_v1_Status__Output } from '../../../../../skiff/containerd/services/content/v1/Status';

export interface ListStatusesResponse {
  'statuses'?: (_skiff_containerd_services_content_v1_Status)[];
}

export interface ListStatusesResponse__Output {
  'statuses': (_skiff_containerd_services_content_v1_Status__Output)[];
}
