import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ContainerCreate as _skiff_events_v1_ContainerCreate, ContainerCreate__Output as _skiff_events_v1_ContainerCreate__Output } from './skiff/events/v1/ContainerCreate';
import type { ContainerDelete as _skiff_events_v1_ContainerDelete, ContainerDelete__Output as _skiff_events_v1_ContainerDelete__Output } from './skiff/events/v1/ContainerDelete';
import type { ContainerUpdate as _skiff_events_v1_ContainerUpdate, ContainerUpdate__Output as _skiff_events_v1_ContainerUpdate__Output } from './skiff/events/v1/ContainerUpdate';

export interface ProtoGrpcType {
  skiff: {
    events: {
      v1: {
        ContainerCreate: MessageTypeDefinition<_skiff_events_v1_ContainerCreate, _skiff_events_v1_ContainerCreate__Output>
        ContainerDelete: MessageTypeDefinition<_skiff_events_v1_ContainerDelete, _skiff_events_v1_ContainerDelete__Output>
        ContainerUpdate: MessageTypeDefinition<_skiff_events_v1_ContainerUpdate, _skiff_events_v1_ContainerUpdate__Output>
      }
    }
  }
}

