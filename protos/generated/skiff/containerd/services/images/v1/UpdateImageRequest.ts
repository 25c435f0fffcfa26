// Original file: skiff/containerd/services/images/v1/images.proto

import type { Image as _skiff_containerd_services_images_v1_Image, Image__Output as _skiff_containerd_services_images_v1_Image__Output } from '../../../../../skiff/containerd/services/images/v1/Image';
import type { FieldMask as _google_protobuf_FieldMask, FieldMask__Output as _google_protobuf_FieldMask__Output } from '../../../../../google/protobuf/FieldMask';

export interface UpdateImageRequest {
  /**
   * Found by image.name.
   */
  'image'?: (_skiff_containerd_services_images_v1_Image | null);
  /**
   * "labels", "labels.KEY", "target"; empty replaces every mutable field.
   */
  'updateMask'?: (_google_protobuf_FieldMask | null);
}

export interface UpdateImageRequest__Output {
  /**
   * Found by image.name.
   */
  'image': (_skiff_containerd_services_images_v1_Image__Output | null);
  /**
   * "labels", "labels.KEY", "target"; empty replaces every mutable field.
   */
  'updateMask': (_google_protobuf_FieldMask__Output | null);
}
