// Original file: skiff/containerd/services/transfer/v1/transfer.proto

import type { Image as _skiff_containerd_services_images_v1_Image, Image__Output as _skiff_containerd_services_images_v1_Image__Output } from '../../../../../skiff/containerd/services/images/v1/Image';

export interface ImportRootfsResponse {
  'image'?: (_skiff_containerd_services_images_v1_Image | null);
}

export interface ImportRootfsResponse__Output {
  'image': (_skiff_containerd_services_images_v1_Image__Output | null);
}
