// Original file: skiff/containerd/services/images/v1/images.proto

import type { Image as _skiff_containerd_services_images_v1_Image, Image__Output as _skiff_containerd_services_images_v1_Image__Output } from '../../../../../skiff/containerd/services/images/v1/Image';

export interface CreateImageResponse {
  'image'?: (_skiff_containerd_services_images_v1_Image | null);
}

export interface CreateImageResponse__Output {
  'image': (_skiff_containerd_services_images_v1_Image__Output | null);
}
