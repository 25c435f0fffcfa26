// Original file: skiff/containerd/services/content/v1/content.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AbortRequest as _skiff_containerd_services_content_v1_AbortRequest, AbortRequest__Output as _skiff_containerd_services_content_v1_AbortRequest__Output } from '../../../../../skiff/containerd/services/content/v1/AbortRequest';
import type { AbortResponse as _skiff_containerd_services_content_v1_AbortResponse, AbortResponse__Output as _skiff_containerd_services_content_v1_AbortResponse__Output } from '../../../../../skiff/containerd/services/content/v1/AbortResponse';
import type { DeleteContentRequest as _skiff_containerd_services_content_v1_DeleteContentRequest, DeleteContentRequest__Output as _skiff_containerd_services_content_v1_DeleteContentRequest__Output } from '../../../../../skiff/containerd/services/content/v1/DeleteContentRequest';
import type { DeleteContentResponse as _skiff_containerd_services_content_v1_DeleteContentResponse, DeleteContentResponse__Output as _skiff_containerd_services_content_v1_DeleteContentResponse__Output } from '../../../../../skiff/containerd/services/content/v1/DeleteContentResponse';
import type { InfoRequest as _skiff_containerd_services_content_v1_InfoRequest, InfoRequest__Output as _skiff_containerd_services_content_v1_InfoRequest__Output } from '../../../../../skiff/containerd/services/content/v1/InfoRequest';
import type { InfoResponse as _skiff_containerd_services_content_v1_InfoResponse, InfoResponse__Output as _skiff_containerd_services_content_v1_InfoResponse__Output } from '../../../../../skiff/containerd/services/content/v1/InfoResponse';
import type { ListContentRequest as _skiff_containerd_services_content_v1_ListContentRequest, ListContentRequest__Output as _skiff_containerd_services_content_v1_ListContentRequest__Output } from '../../../../../skiff/containerd/services/content/v1/ListContentRequest';
import type { ListContentResponse as _skiff_containerd_services_content_v1_ListContentResponse, ListContentResponse__Output as _skiff_containerd_services_content_v1_ListContentResponse__Output } from '../../../../../skiff/containerd/services/content/v1/ListContentResponse';
import type { ListStatusesRequest as _skiff_containerd_services_content_v1_ListStatusesRequest, ListStatusesRequest__Output as _skiff_containerd_services_content_v1_ListStatusesRequest__Output } from '../../../../../skiff/containerd/services/content/v1/ListStatusesRequest';
import type { ListStatusesResponse as _skiff_containerd_services_content_v1_ListStatusesResponse, ListStatusesResponse__Output as _skiff_containerd_services_content_v1_ListStatusesResponse__Output } from '../../../../../skiff/containerd/services/content/v1/ListStatusesResponse';
import type { ReadContentRequest as _skiff_containerd_services_content_v1_ReadContentRequest, ReadContentRequest__Output as _skiff_containerd_services_content_v1_ReadContentRequest__Output } from '../../../../../skiff/containerd/services/content/v1/ReadContentRequest';
import type { ReadContentResponse as _skiff_containerd_services_content_v1_ReadContentResponse, ReadContentResponse__Output as _skiff_containerd_services_content_v1_ReadContentResponse__Output } from '../../../../../skiff/containerd/services/content/v1/ReadContentResponse';
import type { StatusRequest as _skiff_containerd_services_content_v1_StatusRequest, StatusRequest__Output as _skiff_containerd_services_content_v1_StatusRequest__Output } from '../../../../../skiff/containerd/services/content/v1/StatusRequest';
import type { StatusResponse as _skiff_containerd_services_content_v1_StatusResponse, StatusResponse__Output as _skiff_containerd_services_content_v1_StatusResponse__Output } from '../../../../../skiff/containerd/services/content/v1/StatusResponse';
import type { UpdateRequest as _skiff_containerd_services_content_v1_UpdateRequest, UpdateRequest__Output as _skiff_containerd_services_content_v1_UpdateRequest__Output } from '../../../../../skiff/containerd/services/content/v1/UpdateRequest';
import type { UpdateResponse as _skiff_containerd_services_content_v1_UpdateResponse, UpdateResponse__Output as _skiff_containerd_services_content_v1_UpdateResponse__Output } from '../../../../../skiff/containerd/services/content/v1/UpdateResponse';
import type { WriteContentRequest as _skiff_containerd_services_content_v1_WriteContentRequest, WriteContentRequest__Output as _skiff_containerd_services_content_v1_WriteContentRequest__Output } from '../../../../../skiff/containerd/services/content/v1/WriteContentRequest';
import type { WriteContentResponse as _skiff_containerd_services_content_v1_WriteContentResponse, WriteContentResponse__Output as _skiff_containerd_services_content_v1_WriteContentResponse__Output } from '../../../../../skiff/containerd/services/content/v1/WriteContentResponse';

/**
 * Content is the content-addressed blob store: image manifests, configs and layers, each known
 * by its digest and verified against it on write.
 * 
 * Reserved for the images issue: the service is defined now so the contract is stable, and
 * skiff-containerd answers UNIMPLEMENTED until that issue lands. Blobs are shared by all
 * namespaces; labels (used for garbage collection) are per namespace.
 */
export interface ContentClient extends grpc.Client {
  /**
   * Drop an ingest and its partial data.
   */
  Abort(argument: _skiff_containerd_services_content_v1_AbortRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_AbortResponse__Output>): grpc.ClientUnaryCall;
  Abort(argument: _skiff_containerd_services_content_v1_AbortRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_AbortResponse__Output>): grpc.ClientUnaryCall;
  Abort(argument: _skiff_containerd_services_content_v1_AbortRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_AbortResponse__Output>): grpc.ClientUnaryCall;
  Abort(argument: _skiff_containerd_services_content_v1_AbortRequest, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_AbortResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Drop an ingest and its partial data.
   */
  abort(argument: _skiff_containerd_services_content_v1_AbortRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_AbortResponse__Output>): grpc.ClientUnaryCall;
  abort(argument: _skiff_containerd_services_content_v1_AbortRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_AbortResponse__Output>): grpc.ClientUnaryCall;
  abort(argument: _skiff_containerd_services_content_v1_AbortRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_AbortResponse__Output>): grpc.ClientUnaryCall;
  abort(argument: _skiff_containerd_services_content_v1_AbortRequest, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_AbortResponse__Output>): grpc.ClientUnaryCall;
  
  Delete(argument: _skiff_containerd_services_content_v1_DeleteContentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_DeleteContentResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _skiff_containerd_services_content_v1_DeleteContentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_DeleteContentResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _skiff_containerd_services_content_v1_DeleteContentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_DeleteContentResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _skiff_containerd_services_content_v1_DeleteContentRequest, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_DeleteContentResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _skiff_containerd_services_content_v1_DeleteContentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_DeleteContentResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _skiff_containerd_services_content_v1_DeleteContentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_DeleteContentResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _skiff_containerd_services_content_v1_DeleteContentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_DeleteContentResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _skiff_containerd_services_content_v1_DeleteContentRequest, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_DeleteContentResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * NOT_FOUND when the store has no blob with that digest.
   */
  Info(argument: _skiff_containerd_services_content_v1_InfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  Info(argument: _skiff_containerd_services_content_v1_InfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  Info(argument: _skiff_containerd_services_content_v1_InfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  Info(argument: _skiff_containerd_services_content_v1_InfoRequest, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  /**
   * NOT_FOUND when the store has no blob with that digest.
   */
  info(argument: _skiff_containerd_services_content_v1_InfoRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  info(argument: _skiff_containerd_services_content_v1_InfoRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  info(argument: _skiff_containerd_services_content_v1_InfoRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  info(argument: _skiff_containerd_services_content_v1_InfoRequest, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_InfoResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Blobs matching the filters, streamed in batches.
   */
  List(argument: _skiff_containerd_services_content_v1_ListContentRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_content_v1_ListContentResponse__Output>;
  List(argument: _skiff_containerd_services_content_v1_ListContentRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_content_v1_ListContentResponse__Output>;
  /**
   * Blobs matching the filters, streamed in batches.
   */
  list(argument: _skiff_containerd_services_content_v1_ListContentRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_content_v1_ListContentResponse__Output>;
  list(argument: _skiff_containerd_services_content_v1_ListContentRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_content_v1_ListContentResponse__Output>;
  
  /**
   * Every ingest in progress matching the filters.
   */
  ListStatuses(argument: _skiff_containerd_services_content_v1_ListStatusesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_ListStatusesResponse__Output>): grpc.ClientUnaryCall;
  ListStatuses(argument: _skiff_containerd_services_content_v1_ListStatusesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_ListStatusesResponse__Output>): grpc.ClientUnaryCall;
  ListStatuses(argument: _skiff_containerd_services_content_v1_ListStatusesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_ListStatusesResponse__Output>): grpc.ClientUnaryCall;
  ListStatuses(argument: _skiff_containerd_services_content_v1_ListStatusesRequest, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_ListStatusesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Every ingest in progress matching the filters.
   */
  listStatuses(argument: _skiff_containerd_services_content_v1_ListStatusesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_ListStatusesResponse__Output>): grpc.ClientUnaryCall;
  listStatuses(argument: _skiff_containerd_services_content_v1_ListStatusesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_ListStatusesResponse__Output>): grpc.ClientUnaryCall;
  listStatuses(argument: _skiff_containerd_services_content_v1_ListStatusesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_ListStatusesResponse__Output>): grpc.ClientUnaryCall;
  listStatuses(argument: _skiff_containerd_services_content_v1_ListStatusesRequest, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_ListStatusesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * A blob's bytes, from an offset, in chunks.
   */
  Read(argument: _skiff_containerd_services_content_v1_ReadContentRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_content_v1_ReadContentResponse__Output>;
  Read(argument: _skiff_containerd_services_content_v1_ReadContentRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_content_v1_ReadContentResponse__Output>;
  /**
   * A blob's bytes, from an offset, in chunks.
   */
  read(argument: _skiff_containerd_services_content_v1_ReadContentRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_content_v1_ReadContentResponse__Output>;
  read(argument: _skiff_containerd_services_content_v1_ReadContentRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_content_v1_ReadContentResponse__Output>;
  
  /**
   * Progress of one ingest (a write in progress, named by its ref).
   */
  Status(argument: _skiff_containerd_services_content_v1_StatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  Status(argument: _skiff_containerd_services_content_v1_StatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  Status(argument: _skiff_containerd_services_content_v1_StatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  Status(argument: _skiff_containerd_services_content_v1_StatusRequest, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Progress of one ingest (a write in progress, named by its ref).
   */
  status(argument: _skiff_containerd_services_content_v1_StatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  status(argument: _skiff_containerd_services_content_v1_StatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  status(argument: _skiff_containerd_services_content_v1_StatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  status(argument: _skiff_containerd_services_content_v1_StatusRequest, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_StatusResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Change a blob's labels (the only mutable part).
   */
  Update(argument: _skiff_containerd_services_content_v1_UpdateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_UpdateResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _skiff_containerd_services_content_v1_UpdateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_UpdateResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _skiff_containerd_services_content_v1_UpdateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_UpdateResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _skiff_containerd_services_content_v1_UpdateRequest, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_UpdateResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Change a blob's labels (the only mutable part).
   */
  update(argument: _skiff_containerd_services_content_v1_UpdateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_UpdateResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _skiff_containerd_services_content_v1_UpdateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_UpdateResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _skiff_containerd_services_content_v1_UpdateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_UpdateResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _skiff_containerd_services_content_v1_UpdateRequest, callback: grpc.requestCallback<_skiff_containerd_services_content_v1_UpdateResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Write a blob: the client streams WRITE requests then one COMMIT; each request is answered.
   * An interrupted write can be resumed under the same ref from the offset Status reports.
   */
  Write(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_skiff_containerd_services_content_v1_WriteContentRequest, _skiff_containerd_services_content_v1_WriteContentResponse__Output>;
  Write(options?: grpc.CallOptions): grpc.ClientDuplexStream<_skiff_containerd_services_content_v1_WriteContentRequest, _skiff_containerd_services_content_v1_WriteContentResponse__Output>;
  /**
   * Write a blob: the client streams WRITE requests then one COMMIT; each request is answered.
   * An interrupted write can be resumed under the same ref from the offset Status reports.
   */
  write(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_skiff_containerd_services_content_v1_WriteContentRequest, _skiff_containerd_services_content_v1_WriteContentResponse__Output>;
  write(options?: grpc.CallOptions): grpc.ClientDuplexStream<_skiff_containerd_services_content_v1_WriteContentRequest, _skiff_containerd_services_content_v1_WriteContentResponse__Output>;
  
}

/**
 * Content is the content-addressed blob store: image manifests, configs and layers, each known
 * by its digest and verified against it on write.
 * 
 * Reserved for the images issue: the service is defined now so the contract is stable, and
 * skiff-containerd answers UNIMPLEMENTED until that issue lands. Blobs are shared by all
 * namespaces; labels (used for garbage collection) are per namespace.
 */
export interface ContentHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Drop an ingest and its partial data.
   */
  Abort: grpc.handleUnaryCall<_skiff_containerd_services_content_v1_AbortRequest__Output, _skiff_containerd_services_content_v1_AbortResponse>;
  
  Delete: grpc.handleUnaryCall<_skiff_containerd_services_content_v1_DeleteContentRequest__Output, _skiff_containerd_services_content_v1_DeleteContentResponse>;
  
  /**
   * NOT_FOUND when the store has no blob with that digest.
   */
  Info: grpc.handleUnaryCall<_skiff_containerd_services_content_v1_InfoRequest__Output, _skiff_containerd_services_content_v1_InfoResponse>;
  
  /**
   * Blobs matching the filters, streamed in batches.
   */
  List: grpc.handleServerStreamingCall<_skiff_containerd_services_content_v1_ListContentRequest__Output, _skiff_containerd_services_content_v1_ListContentResponse>;
  
  /**
   * Every ingest in progress matching the filters.
   */
  ListStatuses: grpc.handleUnaryCall<_skiff_containerd_services_content_v1_ListStatusesRequest__Output, _skiff_containerd_services_content_v1_ListStatusesResponse>;
  
  /**
   * A blob's bytes, from an offset, in chunks.
   */
  Read: grpc.handleServerStreamingCall<_skiff_containerd_services_content_v1_ReadContentRequest__Output, _skiff_containerd_services_content_v1_ReadContentResponse>;
  
  /**
   * Progress of one ingest (a write in progress, named by its ref).
   */
  Status: grpc.handleUnaryCall<_skiff_containerd_services_content_v1_StatusRequest__Output, _skiff_containerd_services_content_v1_StatusResponse>;
  
  /**
   * Change a blob's labels (the only mutable part).
   */
  Update: grpc.handleUnaryCall<_skiff_containerd_services_content_v1_UpdateRequest__Output, _skiff_containerd_services_content_v1_UpdateResponse>;
  
  /**
   * Write a blob: the client streams WRITE requests then one COMMIT; each request is answered.
   * An interrupted write can be resumed under the same ref from the offset Status reports.
   */
  Write: grpc.handleBidiStreamingCall<_skiff_containerd_services_content_v1_WriteContentRequest__Output, _skiff_containerd_services_content_v1_WriteContentResponse>;
  
}

export interface ContentDefinition extends grpc.ServiceDefinition {
  Abort: MethodDefinition<_skiff_containerd_services_content_v1_AbortRequest, _skiff_containerd_services_content_v1_AbortResponse, _skiff_containerd_services_content_v1_AbortRequest__Output, _skiff_containerd_services_content_v1_AbortResponse__Output>
  Delete: MethodDefinition<_skiff_containerd_services_content_v1_DeleteContentRequest, _skiff_containerd_services_content_v1_DeleteContentResponse, _skiff_containerd_services_content_v1_DeleteContentRequest__Output, _skiff_containerd_services_content_v1_DeleteContentResponse__Output>
  Info: MethodDefinition<_skiff_containerd_services_content_v1_InfoRequest, _skiff_containerd_services_content_v1_InfoResponse, _skiff_containerd_services_content_v1_InfoRequest__Output, _skiff_containerd_services_content_v1_InfoResponse__Output>
  List: MethodDefinition<_skiff_containerd_services_content_v1_ListContentRequest, _skiff_containerd_services_content_v1_ListContentResponse, _skiff_containerd_services_content_v1_ListContentRequest__Output, _skiff_containerd_services_content_v1_ListContentResponse__Output>
  ListStatuses: MethodDefinition<_skiff_containerd_services_content_v1_ListStatusesRequest, _skiff_containerd_services_content_v1_ListStatusesResponse, _skiff_containerd_services_content_v1_ListStatusesRequest__Output, _skiff_containerd_services_content_v1_ListStatusesResponse__Output>
  Read: MethodDefinition<_skiff_containerd_services_content_v1_ReadContentRequest, _skiff_containerd_services_content_v1_ReadContentResponse, _skiff_containerd_services_content_v1_ReadContentRequest__Output, _skiff_containerd_services_content_v1_ReadContentResponse__Output>
  Status: MethodDefinition<_skiff_containerd_services_content_v1_StatusRequest, _skiff_containerd_services_content_v1_StatusResponse, _skiff_containerd_services_content_v1_StatusRequest__Output, _skiff_containerd_services_content_v1_StatusResponse__Output>
  Update: MethodDefinition<_skiff_containerd_services_content_v1_UpdateRequest, _skiff_containerd_services_content_v1_UpdateResponse, _skiff_containerd_services_content_v1_UpdateRequest__Output, _skiff_containerd_services_content_v1_UpdateResponse__Output>
  Write: MethodDefinition<_skiff_containerd_services_content_v1_WriteContentRequest, _skiff_containerd_services_content_v1_WriteContentResponse, _skiff_containerd_services_content_v1_WriteContentRequest__Output, _skiff_containerd_services_content_v1_WriteContentResponse__Output>
}
