// Original file: skiff/containerd/services/containers/v1/containers.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateContainerRequest as _skiff_containerd_services_containers_v1_CreateContainerRequest, CreateContainerRequest__Output as _skiff_containerd_services_containers_v1_CreateContainerRequest__Output } from '../../../../../skiff/containerd/services/containers/v1/CreateContainerRequest';
import type { CreateContainerResponse as _skiff_containerd_services_containers_v1_CreateContainerResponse, CreateContainerResponse__Output as _skiff_containerd_services_containers_v1_CreateContainerResponse__Output } from '../../../../../skiff/containerd/services/containers/v1/CreateContainerResponse';
import type { DeleteContainerRequest as _skiff_containerd_services_containers_v1_DeleteContainerRequest, DeleteContainerRequest__Output as _skiff_containerd_services_containers_v1_DeleteContainerRequest__Output } from '../../../../../skiff/containerd/services/containers/v1/DeleteContainerRequest';
import type { DeleteContainerResponse as _skiff_containerd_services_containers_v1_DeleteContainerResponse, DeleteContainerResponse__Output as _skiff_containerd_services_containers_v1_DeleteContainerResponse__Output } from '../../../../../skiff/containerd/services/containers/v1/DeleteContainerResponse';
import type { GetContainerRequest as _skiff_containerd_services_containers_v1_GetContainerRequest, GetContainerRequest__Output as _skiff_containerd_services_containers_v1_GetContainerRequest__Output } from '../../../../../skiff/containerd/services/containers/v1/GetContainerRequest';
import type { GetContainerResponse as _skiff_containerd_services_containers_v1_GetContainerResponse, GetContainerResponse__Output as _skiff_containerd_services_containers_v1_GetContainerResponse__Output } from '../../../../../skiff/containerd/services/containers/v1/GetContainerResponse';
import type { ListContainersRequest as _skiff_containerd_services_containers_v1_ListContainersRequest, ListContainersRequest__Output as _skiff_containerd_services_containers_v1_ListContainersRequest__Output } from '../../../../../skiff/containerd/services/containers/v1/ListContainersRequest';
import type { ListContainersResponse as _skiff_containerd_services_containers_v1_ListContainersResponse, ListContainersResponse__Output as _skiff_containerd_services_containers_v1_ListContainersResponse__Output } from '../../../../../skiff/containerd/services/containers/v1/ListContainersResponse';
import type { UpdateContainerRequest as _skiff_containerd_services_containers_v1_UpdateContainerRequest, UpdateContainerRequest__Output as _skiff_containerd_services_containers_v1_UpdateContainerRequest__Output } from '../../../../../skiff/containerd/services/containers/v1/UpdateContainerRequest';
import type { UpdateContainerResponse as _skiff_containerd_services_containers_v1_UpdateContainerResponse, UpdateContainerResponse__Output as _skiff_containerd_services_containers_v1_UpdateContainerResponse__Output } from '../../../../../skiff/containerd/services/containers/v1/UpdateContainerResponse';

/**
 * Containers stores container records: metadata only. A container does not run; its task does
 * (see skiff.containerd.services.tasks.v1). Every call works in the namespace named by the
 * "skiff-namespace" request metadata ("default" when absent).
 */
export interface ContainersClient extends grpc.Client {
  /**
   * ALREADY_EXISTS when the id is taken. Emits ContainerCreate.
   */
  Create(argument: _skiff_containerd_services_containers_v1_CreateContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_CreateContainerResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _skiff_containerd_services_containers_v1_CreateContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_CreateContainerResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _skiff_containerd_services_containers_v1_CreateContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_CreateContainerResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _skiff_containerd_services_containers_v1_CreateContainerRequest, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_CreateContainerResponse__Output>): grpc.ClientUnaryCall;
  /**
   * ALREADY_EXISTS when the id is taken. Emits ContainerCreate.
   */
  create(argument: _skiff_containerd_services_containers_v1_CreateContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_CreateContainerResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _skiff_containerd_services_containers_v1_CreateContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_CreateContainerResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _skiff_containerd_services_containers_v1_CreateContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_CreateContainerResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _skiff_containerd_services_containers_v1_CreateContainerRequest, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_CreateContainerResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * FAILED_PRECONDITION while the container has a task. Emits ContainerDelete.
   */
  Delete(argument: _skiff_containerd_services_containers_v1_DeleteContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_DeleteContainerResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _skiff_containerd_services_containers_v1_DeleteContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_DeleteContainerResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _skiff_containerd_services_containers_v1_DeleteContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_DeleteContainerResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _skiff_containerd_services_containers_v1_DeleteContainerRequest, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_DeleteContainerResponse__Output>): grpc.ClientUnaryCall;
  /**
   * FAILED_PRECONDITION while the container has a task. Emits ContainerDelete.
   */
  delete(argument: _skiff_containerd_services_containers_v1_DeleteContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_DeleteContainerResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _skiff_containerd_services_containers_v1_DeleteContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_DeleteContainerResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _skiff_containerd_services_containers_v1_DeleteContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_DeleteContainerResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _skiff_containerd_services_containers_v1_DeleteContainerRequest, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_DeleteContainerResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * NOT_FOUND when there is no container with this id.
   */
  Get(argument: _skiff_containerd_services_containers_v1_GetContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_GetContainerResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _skiff_containerd_services_containers_v1_GetContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_GetContainerResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _skiff_containerd_services_containers_v1_GetContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_GetContainerResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _skiff_containerd_services_containers_v1_GetContainerRequest, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_GetContainerResponse__Output>): grpc.ClientUnaryCall;
  /**
   * NOT_FOUND when there is no container with this id.
   */
  get(argument: _skiff_containerd_services_containers_v1_GetContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_GetContainerResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _skiff_containerd_services_containers_v1_GetContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_GetContainerResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _skiff_containerd_services_containers_v1_GetContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_GetContainerResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _skiff_containerd_services_containers_v1_GetContainerRequest, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_GetContainerResponse__Output>): grpc.ClientUnaryCall;
  
  List(argument: _skiff_containerd_services_containers_v1_ListContainersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_ListContainersResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _skiff_containerd_services_containers_v1_ListContainersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_ListContainersResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _skiff_containerd_services_containers_v1_ListContainersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_ListContainersResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _skiff_containerd_services_containers_v1_ListContainersRequest, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_ListContainersResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _skiff_containerd_services_containers_v1_ListContainersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_ListContainersResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _skiff_containerd_services_containers_v1_ListContainersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_ListContainersResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _skiff_containerd_services_containers_v1_ListContainersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_ListContainersResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _skiff_containerd_services_containers_v1_ListContainersRequest, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_ListContainersResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Emits ContainerUpdate.
   */
  Update(argument: _skiff_containerd_services_containers_v1_UpdateContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_UpdateContainerResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _skiff_containerd_services_containers_v1_UpdateContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_UpdateContainerResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _skiff_containerd_services_containers_v1_UpdateContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_UpdateContainerResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _skiff_containerd_services_containers_v1_UpdateContainerRequest, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_UpdateContainerResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Emits ContainerUpdate.
   */
  update(argument: _skiff_containerd_services_containers_v1_UpdateContainerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_UpdateContainerResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _skiff_containerd_services_containers_v1_UpdateContainerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_UpdateContainerResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _skiff_containerd_services_containers_v1_UpdateContainerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_UpdateContainerResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _skiff_containerd_services_containers_v1_UpdateContainerRequest, callback: grpc.requestCallback<_skiff_containerd_services_containers_v1_UpdateContainerResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Containers stores container records: metadata only. A container does not run; its task does
 * (see skiff.containerd.services.tasks.v1). Every call works in the namespace named by the
 * "skiff-namespace" request metadata ("default" when absent).
 */
export interface ContainersHandlers extends grpc.UntypedServiceImplementation {
  /**
   * ALREADY_EXISTS when the id is taken. Emits ContainerCreate.
   */
  Create: grpc.handleUnaryCall<_skiff_containerd_services_containers_v1_CreateContainerRequest__Output, _skiff_containerd_services_containers_v1_CreateContainerResponse>;
  
  /**
   * FAILED_PRECONDITION while the container has a task. Emits ContainerDelete.
   */
  Delete: grpc.handleUnaryCall<_skiff_containerd_services_containers_v1_DeleteContainerRequest__Output, _skiff_containerd_services_containers_v1_DeleteContainerResponse>;
  
  /**
   * NOT_FOUND when there is no container with this id.
   */
  Get: grpc.handleUnaryCall<_skiff_containerd_services_containers_v1_GetContainerRequest__Output, _skiff_containerd_services_containers_v1_GetContainerResponse>;
  
  List: grpc.handleUnaryCall<_skiff_containerd_services_containers_v1_ListContainersRequest__Output, _skiff_containerd_services_containers_v1_ListContainersResponse>;
  
  /**
   * Emits ContainerUpdate.
   */
  Update: grpc.handleUnaryCall<_skiff_containerd_services_containers_v1_UpdateContainerRequest__Output, _skiff_containerd_services_containers_v1_UpdateContainerResponse>;
  
}

export interface ContainersDefinition extends grpc.ServiceDefinition {
  Create: MethodDefinition<_skiff_containerd_services_containers_v1_CreateContainerRequest, _skiff_containerd_services_containers_v1_CreateContainerResponse, _skiff_containerd_services_containers_v1_CreateContainerRequest__Output, _skiff_containerd_services_containers_v1_CreateContainerResponse__Output>
  Delete: MethodDefinition<_skiff_containerd_services_containers_v1_DeleteContainerRequest, _skiff_containerd_services_containers_v1_DeleteContainerResponse, _skiff_containerd_services_containers_v1_DeleteContainerRequest__Output, _skiff_containerd_services_containers_v1_DeleteContainerResponse__Output>
  Get: MethodDefinition<_skiff_containerd_services_containers_v1_GetContainerRequest, _skiff_containerd_services_containers_v1_GetContainerResponse, _skiff_containerd_services_containers_v1_GetContainerRequest__Output, _skiff_containerd_services_containers_v1_GetContainerResponse__Output>
  List: MethodDefinition<_skiff_containerd_services_containers_v1_ListContainersRequest, _skiff_containerd_services_containers_v1_ListContainersResponse, _skiff_containerd_services_containers_v1_ListContainersRequest__Output, _skiff_containerd_services_containers_v1_ListContainersResponse__Output>
  Update: MethodDefinition<_skiff_containerd_services_containers_v1_UpdateContainerRequest, _skiff_containerd_services_containers_v1_UpdateContainerResponse, _skiff_containerd_services_containers_v1_UpdateContainerRequest__Output, _skiff_containerd_services_containers_v1_UpdateContainerResponse__Output>
}
