import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { FieldMask as _google_protobuf_FieldMask, FieldMask__Output as _google_protobuf_FieldMask__Output } from './google/protobuf/FieldMask';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { CreateImageRequest as _skiff_containerd_services_images_v1_CreateImageRequest, CreateImageRequest__Output as _skiff_containerd_services_images_v1_CreateImageRequest__Output } from './skiff/containerd/services/images/v1/CreateImageRequest';
import type { CreateImageResponse as _skiff_containerd_services_images_v1_CreateImageResponse, CreateImageResponse__Output as _skiff_containerd_services_images_v1_CreateImageResponse__Output } from './skiff/containerd/services/images/v1/CreateImageResponse';
import type { DeleteImageRequest as _skiff_containerd_services_images_v1_DeleteImageRequest, DeleteImageRequest__Output as _skiff_containerd_services_images_v1_DeleteImageRequest__Output } from './skiff/containerd/services/images/v1/DeleteImageRequest';
import type { DeleteImageResponse as _skiff_containerd_services_images_v1_DeleteImageResponse, DeleteImageResponse__Output as _skiff_containerd_services_images_v1_DeleteImageResponse__Output } from './skiff/containerd/services/images/v1/DeleteImageResponse';
import type { GetImageRequest as _skiff_containerd_services_images_v1_GetImageRequest, GetImageRequest__Output as _skiff_containerd_services_images_v1_GetImageRequest__Output } from './skiff/containerd/services/images/v1/GetImageRequest';
import type { GetImageResponse as _skiff_containerd_services_images_v1_GetImageResponse, GetImageResponse__Output as _skiff_containerd_services_images_v1_GetImageResponse__Output } from './skiff/containerd/services/images/v1/GetImageResponse';
import type { Image as _skiff_containerd_services_images_v1_Image, Image__Output as _skiff_containerd_services_images_v1_Image__Output } from './skiff/containerd/services/images/v1/Image';
import type { ImagesClient as _skiff_containerd_services_images_v1_ImagesClient, ImagesDefinition as _skiff_containerd_services_images_v1_ImagesDefinition } from './skiff/containerd/services/images/v1/Images';
import type { ListImagesRequest as _skiff_containerd_services_images_v1_ListImagesRequest, ListImagesRequest__Output as _skiff_containerd_services_images_v1_ListImagesRequest__Output } from './skiff/containerd/services/images/v1/ListImagesRequest';
import type { ListImagesResponse as _skiff_containerd_services_images_v1_ListImagesResponse, ListImagesResponse__Output as _skiff_containerd_services_images_v1_ListImagesResponse__Output } from './skiff/containerd/services/images/v1/ListImagesResponse';
import type { UpdateImageRequest as _skiff_containerd_services_images_v1_UpdateImageRequest, UpdateImageRequest__Output as _skiff_containerd_services_images_v1_UpdateImageRequest__Output } from './skiff/containerd/services/images/v1/UpdateImageRequest';
import type { UpdateImageResponse as _skiff_containerd_services_images_v1_UpdateImageResponse, UpdateImageResponse__Output as _skiff_containerd_services_images_v1_UpdateImageResponse__Output } from './skiff/containerd/services/images/v1/UpdateImageResponse';
import type { Descriptor as _skiff_types_v1_Descriptor, Descriptor__Output as _skiff_types_v1_Descriptor__Output } from './skiff/types/v1/Descriptor';
import type { Platform as _skiff_types_v1_Platform, Platform__Output as _skiff_types_v1_Platform__Output } from './skiff/types/v1/Platform';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    protobuf: {
      FieldMask: MessageTypeDefinition<_google_protobuf_FieldMask, _google_protobuf_FieldMask__Output>
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
  skiff: {
    containerd: {
      services: {
        images: {
          v1: {
            CreateImageRequest: MessageTypeDefinition<_skiff_containerd_services_images_v1_CreateImageRequest, _skiff_containerd_services_images_v1_CreateImageRequest__Output>
            CreateImageResponse: MessageTypeDefinition<_skiff_containerd_services_images_v1_CreateImageResponse, _skiff_containerd_services_images_v1_CreateImageResponse__Output>
            DeleteImageRequest: MessageTypeDefinition<_skiff_containerd_services_images_v1_DeleteImageRequest, _skiff_containerd_services_images_v1_DeleteImageRequest__Output>
            DeleteImageResponse: MessageTypeDefinition<_skiff_containerd_services_images_v1_DeleteImageResponse, _skiff_containerd_services_images_v1_DeleteImageResponse__Output>
            GetImageRequest: MessageTypeDefinition<_skiff_containerd_services_images_v1_GetImageRequest, _skiff_containerd_services_images_v1_GetImageRequest__Output>
            GetImageResponse: MessageTypeDefinition<_skiff_containerd_services_images_v1_GetImageResponse, _skiff_containerd_services_images_v1_GetImageResponse__Output>
            Image: MessageTypeDefinition<_skiff_containerd_services_images_v1_Image, _skiff_containerd_services_images_v1_Image__Output>
            /**
             * Images maps image names to their root descriptor (a manifest or an index) in the content
             * store, per namespace.
             * 
             * Reserved for the images issue: defined now so the contract is stable; skiff-containerd answers
             * UNIMPLEMENTED until that issue lands.
             */
            Images: SubtypeConstructor<typeof grpc.Client, _skiff_containerd_services_images_v1_ImagesClient> & { service: _skiff_containerd_services_images_v1_ImagesDefinition }
            ListImagesRequest: MessageTypeDefinition<_skiff_containerd_services_images_v1_ListImagesRequest, _skiff_containerd_services_images_v1_ListImagesRequest__Output>
            ListImagesResponse: MessageTypeDefinition<_skiff_containerd_services_images_v1_ListImagesResponse, _skiff_containerd_services_images_v1_ListImagesResponse__Output>
            UpdateImageRequest: MessageTypeDefinition<_skiff_containerd_services_images_v1_UpdateImageRequest, _skiff_containerd_services_images_v1_UpdateImageRequest__Output>
            UpdateImageResponse: MessageTypeDefinition<_skiff_containerd_services_images_v1_UpdateImageResponse, _skiff_containerd_services_images_v1_UpdateImageResponse__Output>
          }
        }
      }
    }
    types: {
      v1: {
        Descriptor: MessageTypeDefinition<_skiff_types_v1_Descriptor, _skiff_types_v1_Descriptor__Output>
        Platform: MessageTypeDefinition<_skiff_types_v1_Platform, _skiff_types_v1_Platform__Output>
      }
    }
  }
}

