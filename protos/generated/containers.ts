import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Any as _google_protobuf_Any, Any__Output as _google_protobuf_Any__Output } from './google/protobuf/Any';
import type { FieldMask as _google_protobuf_FieldMask, FieldMask__Output as _google_protobuf_FieldMask__Output } from './google/protobuf/FieldMask';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { Container as _skiff_containerd_services_containers_v1_Container, Container__Output as _skiff_containerd_services_containers_v1_Container__Output } from './skiff/containerd/services/containers/v1/Container';
import type { ContainersClient as _skiff_containerd_services_containers_v1_ContainersClient, ContainersDefinition as _skiff_containerd_services_containers_v1_ContainersDefinition } from './skiff/containerd/services/containers/v1/Containers';
import type { CreateContainerRequest as _skiff_containerd_services_containers_v1_CreateContainerRequest, CreateContainerRequest__Output as _skiff_containerd_services_containers_v1_CreateContainerRequest__Output } from './skiff/containerd/services/containers/v1/CreateContainerRequest';
import type { CreateContainerResponse as _skiff_containerd_services_containers_v1_CreateContainerResponse, CreateContainerResponse__Output as _skiff_containerd_services_containers_v1_CreateContainerResponse__Output } from './skiff/containerd/services/containers/v1/CreateContainerResponse';
import type { DeleteContainerRequest as _skiff_containerd_services_containers_v1_DeleteContainerRequest, DeleteContainerRequest__Output as _skiff_containerd_services_containers_v1_DeleteContainerRequest__Output } from './skiff/containerd/services/containers/v1/DeleteContainerRequest';
import type { DeleteContainerResponse as _skiff_containerd_services_containers_v1_DeleteContainerResponse, DeleteContainerResponse__Output as _skiff_containerd_services_containers_v1_DeleteContainerResponse__Output } from './skiff/containerd/services/containers/v1/DeleteContainerResponse';
import type { GetContainerRequest as _skiff_containerd_services_containers_v1_GetContainerRequest, GetContainerRequest__Output as _skiff_containerd_services_containers_v1_GetContainerRequest__Output } from './skiff/containerd/services/containers/v1/GetContainerRequest';
import type { GetContainerResponse as _skiff_containerd_services_containers_v1_GetContainerResponse, GetContainerResponse__Output as _skiff_containerd_services_containers_v1_GetContainerResponse__Output } from './skiff/containerd/services/containers/v1/GetContainerResponse';
import type { ListContainersRequest as _skiff_containerd_services_containers_v1_ListContainersRequest, ListContainersRequest__Output as _skiff_containerd_services_containers_v1_ListContainersRequest__Output } from './skiff/containerd/services/containers/v1/ListContainersRequest';
import type { ListContainersResponse as _skiff_containerd_services_containers_v1_ListContainersResponse, ListContainersResponse__Output as _skiff_containerd_services_containers_v1_ListContainersResponse__Output } from './skiff/containerd/services/containers/v1/ListContainersResponse';
import type { Runtime as _skiff_containerd_services_containers_v1_Runtime, Runtime__Output as _skiff_containerd_services_containers_v1_Runtime__Output } from './skiff/containerd/services/containers/v1/Runtime';
import type { UpdateContainerRequest as _skiff_containerd_services_containers_v1_UpdateContainerRequest, UpdateContainerRequest__Output as _skiff_containerd_services_containers_v1_UpdateContainerRequest__Output } from './skiff/containerd/services/containers/v1/UpdateContainerRequest';
import type { UpdateContainerResponse as _skiff_containerd_services_containers_v1_UpdateContainerResponse, UpdateContainerResponse__Output as _skiff_containerd_services_containers_v1_UpdateContainerResponse__Output } from './skiff/containerd/services/containers/v1/UpdateContainerResponse';
import type { LogOptions as _skiff_types_v1_LogOptions, LogOptions__Output as _skiff_types_v1_LogOptions__Output } from './skiff/types/v1/LogOptions';
import type { RuntimeOptions as _skiff_types_v1_RuntimeOptions, RuntimeOptions__Output as _skiff_types_v1_RuntimeOptions__Output } from './skiff/types/v1/RuntimeOptions';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    protobuf: {
      Any: MessageTypeDefinition<_google_protobuf_Any, _google_protobuf_Any__Output>
      FieldMask: MessageTypeDefinition<_google_protobuf_FieldMask, _google_protobuf_FieldMask__Output>
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
  skiff: {
    containerd: {
      services: {
        containers: {
          v1: {
            Container: MessageTypeDefinition<_skiff_containerd_services_containers_v1_Container, _skiff_containerd_services_containers_v1_Container__Output>
            /**
             * Containers stores container records: metadata only. A container does not run; its task does
             * (see skiff.containerd.services.tasks.v1). Every call works in the namespace named by the
             * "skiff-namespace" request metadata ("default" when absent).
             */
            Containers: SubtypeConstructor<typeof grpc.Client, _skiff_containerd_services_containers_v1_ContainersClient> & { service: _skiff_containerd_services_containers_v1_ContainersDefinition }
            CreateContainerRequest: MessageTypeDefinition<_skiff_containerd_services_containers_v1_CreateContainerRequest, _skiff_containerd_services_containers_v1_CreateContainerRequest__Output>
            CreateContainerResponse: MessageTypeDefinition<_skiff_containerd_services_containers_v1_CreateContainerResponse, _skiff_containerd_services_containers_v1_CreateContainerResponse__Output>
            DeleteContainerRequest: MessageTypeDefinition<_skiff_containerd_services_containers_v1_DeleteContainerRequest, _skiff_containerd_services_containers_v1_DeleteContainerRequest__Output>
            DeleteContainerResponse: MessageTypeDefinition<_skiff_containerd_services_containers_v1_DeleteContainerResponse, _skiff_containerd_services_containers_v1_DeleteContainerResponse__Output>
            GetContainerRequest: MessageTypeDefinition<_skiff_containerd_services_containers_v1_GetContainerRequest, _skiff_containerd_services_containers_v1_GetContainerRequest__Output>
            GetContainerResponse: MessageTypeDefinition<_skiff_containerd_services_containers_v1_GetContainerResponse, _skiff_containerd_services_containers_v1_GetContainerResponse__Output>
            ListContainersRequest: MessageTypeDefinition<_skiff_containerd_services_containers_v1_ListContainersRequest, _skiff_containerd_services_containers_v1_ListContainersRequest__Output>
            ListContainersResponse: MessageTypeDefinition<_skiff_containerd_services_containers_v1_ListContainersResponse, _skiff_containerd_services_containers_v1_ListContainersResponse__Output>
            Runtime: MessageTypeDefinition<_skiff_containerd_services_containers_v1_Runtime, _skiff_containerd_services_containers_v1_Runtime__Output>
            UpdateContainerRequest: MessageTypeDefinition<_skiff_containerd_services_containers_v1_UpdateContainerRequest, _skiff_containerd_services_containers_v1_UpdateContainerRequest__Output>
            UpdateContainerResponse: MessageTypeDefinition<_skiff_containerd_services_containers_v1_UpdateContainerResponse, _skiff_containerd_services_containers_v1_UpdateContainerResponse__Output>
          }
        }
      }
    }
    types: {
      v1: {
        LogOptions: MessageTypeDefinition<_skiff_types_v1_LogOptions, _skiff_types_v1_LogOptions__Output>
        RuntimeOptions: MessageTypeDefinition<_skiff_types_v1_RuntimeOptions, _skiff_types_v1_RuntimeOptions__Output>
      }
    }
  }
}

