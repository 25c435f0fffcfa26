// Original file: skiff/containerd/services/content/v1/content.proto

import type { Info as _skiff_containerd_services_content_v1_Info, Info__Output as _skiff_containerd_services_content_v1_Info__Output } from '../../../../../skiff/containerd/services/content/v1/Info';

export interface ListContentResponse {
  'info'?: (_skiff_containerd_services_content_v1_Info)[];
}

export interface ListContentResponse__Output {
  'info': (_skiff_containerd_services_content_v1_Info__Output)[];
}
