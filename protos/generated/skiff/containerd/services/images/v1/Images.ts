// Original file: skiff/containerd/services/images/v1/images.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateImageRequest as _skiff_containerd_services_images_v1_CreateImageRequest, CreateImageRequest__Output as _skiff_containerd_services_images_v1_CreateImageRequest__Output } from '../../../../../skiff/containerd/services/images/v1/CreateImageRequest';
import type { CreateImageResponse as _skiff_containerd_services_images_v1_CreateImageResponse, CreateImageResponse__Output as _skiff_containerd_services_images_v1_CreateImageResponse__Output } from '../../../../../skiff/containerd/services/images/v1/CreateImageResponse';
import type { DeleteImageRequest as _skiff_containerd_services_images_v1_DeleteImageRequest, DeleteImageRequest__Output as _skiff_containerd_services_images_v1_DeleteImageRequest__Output } from '../../../../../skiff/containerd/services/images/v1/DeleteImageRequest';
import type { DeleteImageResponse as _skiff_containerd_services_images_v1_DeleteImageResponse, DeleteImageResponse__Output as _skiff_containerd_services_images_v1_DeleteImageResponse__Output } from '../../../../../skiff/containerd/services/images/v1/DeleteImageResponse';
import type { GetImageRequest as _skiff_containerd_services_images_v1_GetImageRequest, GetImageRequest__Output as _skiff_containerd_services_images_v1_GetImageRequest__Output } from '../../../../../skiff/containerd/services/images/v1/GetImageRequest';
import type { GetImageResponse as _skiff_containerd_services_images_v1_GetImageResponse, GetImageResponse__Output as _skiff_containerd_services_images_v1_GetImageResponse__Output } from '../../../../../skiff/containerd/services/images/v1/GetImageResponse';
import type { ListImagesRequest as _skiff_containerd_services_images_v1_ListImagesRequest, ListImagesRequest__Output as _skiff_containerd_services_images_v1_ListImagesRequest__Output } from '../../../../../skiff/containerd/services/images/v1/ListImagesRequest';
import type { ListImagesResponse as _skiff_containerd_services_images_v1_ListImagesResponse, ListImagesResponse__Output as _skiff_containerd_services_images_v1_ListImagesResponse__Output } from '../../../../../skiff/containerd/services/images/v1/ListImagesResponse';
import type { UpdateImageRequest as _skiff_containerd_services_images_v1_UpdateImageRequest, UpdateImageRequest__Output as _skiff_containerd_services_images_v1_UpdateImageRequest__Output } from '../../../../../skiff/containerd/services/images/v1/UpdateImageRequest';
import type { UpdateImageResponse as _skiff_containerd_services_images_v1_UpdateImageResponse, UpdateImageResponse__Output as _skiff_containerd_services_images_v1_UpdateImageResponse__Output } from '../../../../../skiff/containerd/services/images/v1/UpdateImageResponse';

/**
 * Images maps image names to their root descriptor (a manifest or an index) in the content
 * store, per namespace.
 * 
 * Reserved for the images issue: defined now so the contract is stable; skiff-containerd answers
 * UNIMPLEMENTED until that issue lands.
 */
export interface ImagesClient extends grpc.Client {
  /**
   * ALREADY_EXISTS when the name is taken.
   */
  Create(argument: _skiff_containerd_services_images_v1_CreateImageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_CreateImageResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _skiff_containerd_services_images_v1_CreateImageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_CreateImageResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _skiff_containerd_services_images_v1_CreateImageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_CreateImageResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _skiff_containerd_services_images_v1_CreateImageRequest, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_CreateImageResponse__Output>): grpc.ClientUnaryCall;
  /**
   * ALREADY_EXISTS when the name is taken.
   */
  create(argument: _skiff_containerd_services_images_v1_CreateImageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_CreateImageResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _skiff_containerd_services_images_v1_CreateImageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_CreateImageResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _skiff_containerd_services_images_v1_CreateImageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_CreateImageResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _skiff_containerd_services_images_v1_CreateImageRequest, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_CreateImageResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Removes the name only; unreferenced content goes with garbage collection.
   */
  Delete(argument: _skiff_containerd_services_images_v1_DeleteImageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_DeleteImageResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _skiff_containerd_services_images_v1_DeleteImageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_DeleteImageResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _skiff_containerd_services_images_v1_DeleteImageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_DeleteImageResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _skiff_containerd_services_images_v1_DeleteImageRequest, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_DeleteImageResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Removes the name only; unreferenced content goes with garbage collection.
   */
  delete(argument: _skiff_containerd_services_images_v1_DeleteImageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_DeleteImageResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _skiff_containerd_services_images_v1_DeleteImageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_DeleteImageResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _skiff_containerd_services_images_v1_DeleteImageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_DeleteImageResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _skiff_containerd_services_images_v1_DeleteImageRequest, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_DeleteImageResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * NOT_FOUND when no image has that name.
   */
  Get(argument: _skiff_containerd_services_images_v1_GetImageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_GetImageResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _skiff_containerd_services_images_v1_GetImageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_GetImageResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _skiff_containerd_services_images_v1_GetImageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_GetImageResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _skiff_containerd_services_images_v1_GetImageRequest, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_GetImageResponse__Output>): grpc.ClientUnaryCall;
  /**
   * NOT_FOUND when no image has that name.
   */
  get(argument: _skiff_containerd_services_images_v1_GetImageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_GetImageResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _skiff_containerd_services_images_v1_GetImageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_GetImageResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _skiff_containerd_services_images_v1_GetImageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_GetImageResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _skiff_containerd_services_images_v1_GetImageRequest, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_GetImageResponse__Output>): grpc.ClientUnaryCall;
  
  List(argument: _skiff_containerd_services_images_v1_ListImagesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_ListImagesResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _skiff_containerd_services_images_v1_ListImagesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_ListImagesResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _skiff_containerd_services_images_v1_ListImagesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_ListImagesResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _skiff_containerd_services_images_v1_ListImagesRequest, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_ListImagesResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _skiff_containerd_services_images_v1_ListImagesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_ListImagesResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _skiff_containerd_services_images_v1_ListImagesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_ListImagesResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _skiff_containerd_services_images_v1_ListImagesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_ListImagesResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _skiff_containerd_services_images_v1_ListImagesRequest, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_ListImagesResponse__Output>): grpc.ClientUnaryCall;
  
  Update(argument: _skiff_containerd_services_images_v1_UpdateImageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_UpdateImageResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _skiff_containerd_services_images_v1_UpdateImageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_UpdateImageResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _skiff_containerd_services_images_v1_UpdateImageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_UpdateImageResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _skiff_containerd_services_images_v1_UpdateImageRequest, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_UpdateImageResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _skiff_containerd_services_images_v1_UpdateImageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_UpdateImageResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _skiff_containerd_services_images_v1_UpdateImageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_UpdateImageResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _skiff_containerd_services_images_v1_UpdateImageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_UpdateImageResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _skiff_containerd_services_images_v1_UpdateImageRequest, callback: grpc.requestCallback<_skiff_containerd_services_images_v1_UpdateImageResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Images maps image names to their root descriptor (a manifest or an index) in the content
 * store, per namespace.
 * 
 * Reserved for the images issue: defined now so the contract is stable; skiff-containerd answers
 * UNIMPLEMENTED until that issue lands.
 */
export interface ImagesHandlers extends grpc.UntypedServiceImplementation {
  /**
   * ALREADY_EXISTS when the name is taken.
   */
  Create: grpc.handleUnaryCall<_skiff_containerd_services_images_v1_CreateImageRequest__Output, _skiff_containerd_services_images_v1_CreateImageResponse>;
  
  /**
   * Removes the name only; unreferenced content goes with garbage collection.
   */
  Delete: grpc.handleUnaryCall<_skiff_containerd_services_images_v1_DeleteImageRequest__Output, _skiff_containerd_services_images_v1_DeleteImageResponse>;
  
  /**
   * NOT_FOUND when no image has that name.
   */
  Get: grpc.handleUnaryCall<_skiff_containerd_services_images_v1_GetImageRequest__Output, _skiff_containerd_services_images_v1_GetImageResponse>;
  
  List: grpc.handleUnaryCall<_skiff_containerd_services_images_v1_ListImagesRequest__Output, _skiff_containerd_services_images_v1_ListImagesResponse>;
  
  Update: grpc.handleUnaryCall<_skiff_containerd_services_images_v1_UpdateImageRequest__Output, _skiff_containerd_services_images_v1_UpdateImageResponse>;
  
}

export interface ImagesDefinition extends grpc.ServiceDefinition {
  Create: MethodDefinition<_skiff_containerd_services_images_v1_CreateImageRequest, _skiff_containerd_services_images_v1_CreateImageResponse, _skiff_containerd_services_images_v1_CreateImageRequest__Output, _skiff_containerd_services_images_v1_CreateImageResponse__Output>
  Delete: MethodDefinition<_skiff_containerd_services_images_v1_DeleteImageRequest, _skiff_containerd_services_images_v1_DeleteImageResponse, _skiff_containerd_services_images_v1_DeleteImageRequest__Output, _skiff_containerd_services_images_v1_DeleteImageResponse__Output>
  Get: MethodDefinition<_skiff_containerd_services_images_v1_GetImageRequest, _skiff_containerd_services_images_v1_GetImageResponse, _skiff_containerd_services_images_v1_GetImageRequest__Output, _skiff_containerd_services_images_v1_GetImageResponse__Output>
  List: MethodDefinition<_skiff_containerd_services_images_v1_ListImagesRequest, _skiff_containerd_services_images_v1_ListImagesResponse, _skiff_containerd_services_images_v1_ListImagesRequest__Output, _skiff_containerd_services_images_v1_ListImagesResponse__Output>
  Update: MethodDefinition<_skiff_containerd_services_images_v1_UpdateImageRequest, _skiff_containerd_services_images_v1_UpdateImageResponse, _skiff_containerd_services_images_v1_UpdateImageRequest__Output, _skiff_containerd_services_images_v1_UpdateImageResponse__Output>
}
