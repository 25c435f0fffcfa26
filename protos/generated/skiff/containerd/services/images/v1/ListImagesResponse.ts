// Original file: skiff/containerd/services/images/v1/images.proto

import type { Image as _skiff_containerd_services_images_v1_Image, Image__Output as _skiff_containerd_services_images_v1_Image__Output } from '../../../../../skiff/containerd/services/images/v1/Image';

export interface ListImagesResponse {
  'images'?: (_skiff_containerd_services_images_v1_Image)[];
}

export interface ListImagesResponse__Output {
  'images': (_skiff_containerd_services_images_v1_Image__Output)[];
}
