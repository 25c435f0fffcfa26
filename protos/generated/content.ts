import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { FieldMask as _google_protobuf_FieldMask, FieldMask__Output as _google_protobuf_FieldMask__Output } from './google/protobuf/FieldMask';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { AbortRequest as _skiff_containerd_services_content_v1_AbortRequest, AbortRequest__Output as _skiff_containerd_services_content_v1_AbortRequest__Output } from './skiff/containerd/services/content/v1/AbortRequest';
import type { AbortResponse as _skiff_containerd_services_content_v1_AbortResponse, AbortResponse__Output as _skiff_containerd_services_content_v1_AbortResponse__Output } from './skiff/containerd/services/content/v1/AbortResponse';
import type { ContentClient as _skiff_containerd_services_content_v1_ContentClient, ContentDefinition as _skiff_containerd_services_content_v1_ContentDefinition } from './skiff/containerd/services/content/v1/Content';
import type { DeleteContentRequest as _skiff_containerd_services_content_v1_DeleteContentRequest, DeleteContentRequest__Output as _skiff_containerd_services_content_v1_DeleteContentRequest__Output } from './skiff/containerd/services/content/v1/DeleteContentRequest';
import type { DeleteContentResponse as _skiff_containerd_services_content_v1_DeleteContentResponse, DeleteContentResponse__Output as _skiff_containerd_services_content_v1_DeleteContentResponse__Output } from './skiff/containerd/services/content/v1/DeleteContentResponse';
import type { Info as _skiff_containerd_services_content_v1_Info, Info__Output as _skiff_containerd_services_content_v1_Info__Output } from './skiff/containerd/services/content/v1/Info';
import type { InfoRequest as _skiff_containerd_services_content_v1_InfoRequest, InfoRequest__Output as _skiff_containerd_services_content_v1_InfoRequest__Output } from './skiff/containerd/services/content/v1/InfoRequest';
import type { InfoResponse as _skiff_containerd_services_content_v1_InfoResponse, InfoResponse__Output as _skiff_containerd_services_content_v1_InfoResponse__Output } from './skiff/containerd/services/content/v1/InfoResponse';
import type { ListContentRequest as _skiff_containerd_services_content_v1_ListContentRequest, ListContentRequest__Output as _skiff_containerd_services_content_v1_ListContentRequest__Output } from './skiff/containerd/services/content/v1/ListContentRequest';
import type { ListContentResponse as _skiff_containerd_services_content_v1_ListContentResponse, ListContentResponse__Output as _skiff_containerd_services_content_v1_ListContentResponse__Output } from './skiff/containerd/services/content/v1/ListContentResponse';
import type { ListStatusesRequest as _skiff_containerd_services_content_v1_ListStatusesRequest, ListStatusesRequest__Output as _skiff_containerd_services_content_v1_ListStatusesRequest__Output } from './skiff/containerd/services/content/v1/ListStatusesRequest';
import type { ListStatusesResponse as _skiff_containerd_services_content_v1_ListStatusesResponse, ListStatusesResponse__Output as _skiff_containerd_services_content_v1_ListStatusesResponse__Output } from './skiff/containerd/services/content/v1/ListStatusesResponse';
import type { ReadContentRequest as _skiff_containerd_services_content_v1_ReadContentRequest, ReadContentRequest__Output as _skiff_containerd_services_content_v1_ReadContentRequest__Output } from './skiff/containerd/services/content/v1/ReadContentRequest';
import type { ReadContentResponse as _skiff_containerd_services_content_v1_ReadContentResponse, ReadContentResponse__Output as _skiff_containerd_services_content_v1_ReadContentResponse__Output } from './skiff/containerd/services/content/v1/ReadContentResponse';
import type { Status as _skiff_containerd_services_content_v1_Status, Status__Output as _skiff_containerd_services_content_v1_Status__Output } from './skiff/containerd/services/content/v1/Status';
import type { StatusRequest as _skiff_containerd_services_content_v1_StatusRequest, StatusRequest__Output as _skiff_containerd_services_content_v1_StatusRequest__Output } from './skiff/containerd/services/content/v1/StatusRequest';
import type { StatusResponse as _skiff_containerd_services_content_v1_StatusResponse, StatusResponse__Output as _skiff_containerd_services_content_v1_StatusResponse__Output } from './skiff/containerd/services/content/v1/StatusResponse';
import type { UpdateRequest as _skiff_containerd_services_content_v1_UpdateRequest, UpdateRequest__Output as _skiff_containerd_services_content_v1_UpdateRequest__Output } from './skiff/containerd/services/content/v1/UpdateRequest';
import type { UpdateResponse as _skiff_containerd_services_content_v1_UpdateResponse, UpdateResponse__Output as _skiff_containerd_services_content_v1_UpdateResponse__Output } from './skiff/containerd/services/content/v1/UpdateResponse';
import type { WriteContentRequest as _skiff_containerd_services_content_v1_WriteContentRequest, WriteContentRequest__Output as _skiff_containerd_services_content_v1_WriteContentRequest__Output } from './skiff/containerd/services/content/v1/WriteContentRequest';
import type { WriteContentResponse as _skiff_containerd_services_content_v1_WriteContentResponse, WriteContentResponse__Output as _skiff_containerd_services_content_v1_WriteContentResponse__Output } from './skiff/containerd/services/content/v1/WriteContentResponse';

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
        content: {
          v1: {
            AbortRequest: MessageTypeDefinition<_skiff_containerd_services_content_v1_AbortRequest, _skiff_containerd_services_content_v1_AbortRequest__Output>
            AbortResponse: MessageTypeDefinition<_skiff_containerd_services_content_v1_AbortResponse, _skiff_containerd_services_content_v1_AbortResponse__Output>
            /**
             * Content is the content-addressed blob store: image manifests, configs and layers, each known
             * by its digest and verified against it on write.
             * 
             * Reserved for the images issue: the service is defined now so the contract is stable, and
             * skiff-containerd answers UNIMPLEMENTED until that issue lands. Blobs are shared by all
             * namespaces; labels (used for garbage collection) are per namespace.
             */
            Content: SubtypeConstructor<typeof grpc.Client, _skiff_containerd_services_content_v1_ContentClient> & { service: _skiff_containerd_services_content_v1_ContentDefinition }
            DeleteContentRequest: MessageTypeDefinition<_skiff_containerd_services_content_v1_DeleteContentRequest, _skiff_containerd_services_content_v1_DeleteContentRequest__Output>
            DeleteContentResponse: MessageTypeDefinition<_skiff_containerd_services_content_v1_DeleteContentResponse, _skiff_containerd_services_content_v1_DeleteContentResponse__Output>
            Info: MessageTypeDefinition<_skiff_containerd_services_content_v1_Info, _skiff_containerd_services_content_v1_Info__Output>
            InfoRequest: MessageTypeDefinition<_skiff_containerd_services_content_v1_InfoRequest, _skiff_containerd_services_content_v1_InfoRequest__Output>
            InfoResponse: MessageTypeDefinition<_skiff_containerd_services_content_v1_InfoResponse, _skiff_containerd_services_content_v1_InfoResponse__Output>
            ListContentRequest: MessageTypeDefinition<_skiff_containerd_services_content_v1_ListContentRequest, _skiff_containerd_services_content_v1_ListContentRequest__Output>
            ListContentResponse: MessageTypeDefinition<_skiff_containerd_services_content_v1_ListContentResponse, _skiff_containerd_services_content_v1_ListContentResponse__Output>
            ListStatusesRequest: MessageTypeDefinition<_skiff_containerd_services_content_v1_ListStatusesRequest, _skiff_containerd_services_content_v1_ListStatusesRequest__Output>
            ListStatusesResponse: MessageTypeDefinition<_skiff_containerd_services_content_v1_ListStatusesResponse, _skiff_containerd_services_content_v1_ListStatusesResponse__Output>
            ReadContentRequest: MessageTypeDefinition<_skiff_containerd_services_content_v1_ReadContentRequest, _skiff_containerd_services_content_v1_ReadContentRequest__Output>
            ReadContentResponse: MessageTypeDefinition<_skiff_containerd_services_content_v1_ReadContentResponse, _skiff_containerd_services_content_v1_ReadContentResponse__Output>
            Status: MessageTypeDefinition<_skiff_containerd_services_content_v1_Status, _skiff_containerd_services_content_v1_Status__Output>
            StatusRequest: MessageTypeDefinition<_skiff_containerd_services_content_v1_StatusRequest, _skiff_containerd_services_content_v1_StatusRequest__Output>
            StatusResponse: MessageTypeDefinition<_skiff_containerd_services_content_v1_StatusResponse, _skiff_containerd_services_content_v1_StatusResponse__Output>
            UpdateRequest: MessageTypeDefinition<_skiff_containerd_services_content_v1_UpdateRequest, _skiff_containerd_services_content_v1_UpdateRequest__Output>
            UpdateResponse: MessageTypeDefinition<_skiff_containerd_services_content_v1_UpdateResponse, _skiff_containerd_services_content_v1_UpdateResponse__Output>
            WriteAction: EnumTypeDefinition
            WriteContentRequest: MessageTypeDefinition<_skiff_containerd_services_content_v1_WriteContentRequest, _skiff_containerd_services_content_v1_WriteContentRequest__Output>
            WriteContentResponse: MessageTypeDefinition<_skiff_containerd_services_content_v1_WriteContentResponse, _skiff_containerd_services_content_v1_WriteContentResponse__Output>
          }
        }
      }
    }
  }
}

