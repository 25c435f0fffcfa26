import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Any as _google_protobuf_Any, Any__Output as _google_protobuf_Any__Output } from './google/protobuf/Any';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { ContainerCreate as _skiff_events_v1_ContainerCreate, ContainerCreate__Output as _skiff_events_v1_ContainerCreate__Output } from './skiff/events/v1/ContainerCreate';
import type { ContainerDelete as _skiff_events_v1_ContainerDelete, ContainerDelete__Output as _skiff_events_v1_ContainerDelete__Output } from './skiff/events/v1/ContainerDelete';
import type { ContainerUpdate as _skiff_events_v1_ContainerUpdate, ContainerUpdate__Output as _skiff_events_v1_ContainerUpdate__Output } from './skiff/events/v1/ContainerUpdate';
import type { Envelope as _skiff_events_v1_Envelope, Envelope__Output as _skiff_events_v1_Envelope__Output } from './skiff/events/v1/Envelope';
import type { ImageCreate as _skiff_events_v1_ImageCreate, ImageCreate__Output as _skiff_events_v1_ImageCreate__Output } from './skiff/events/v1/ImageCreate';
import type { ImageDelete as _skiff_events_v1_ImageDelete, ImageDelete__Output as _skiff_events_v1_ImageDelete__Output } from './skiff/events/v1/ImageDelete';
import type { ImageUpdate as _skiff_events_v1_ImageUpdate, ImageUpdate__Output as _skiff_events_v1_ImageUpdate__Output } from './skiff/events/v1/ImageUpdate';
import type { TaskCreate as _skiff_events_v1_TaskCreate, TaskCreate__Output as _skiff_events_v1_TaskCreate__Output } from './skiff/events/v1/TaskCreate';
import type { TaskDelete as _skiff_events_v1_TaskDelete, TaskDelete__Output as _skiff_events_v1_TaskDelete__Output } from './skiff/events/v1/TaskDelete';
import type { TaskExecAdded as _skiff_events_v1_TaskExecAdded, TaskExecAdded__Output as _skiff_events_v1_TaskExecAdded__Output } from './skiff/events/v1/TaskExecAdded';
import type { TaskExecStarted as _skiff_events_v1_TaskExecStarted, TaskExecStarted__Output as _skiff_events_v1_TaskExecStarted__Output } from './skiff/events/v1/TaskExecStarted';
import type { TaskExit as _skiff_events_v1_TaskExit, TaskExit__Output as _skiff_events_v1_TaskExit__Output } from './skiff/events/v1/TaskExit';
import type { TaskOOM as _skiff_events_v1_TaskOOM, TaskOOM__Output as _skiff_events_v1_TaskOOM__Output } from './skiff/events/v1/TaskOOM';
import type { TaskPaused as _skiff_events_v1_TaskPaused, TaskPaused__Output as _skiff_events_v1_TaskPaused__Output } from './skiff/events/v1/TaskPaused';
import type { TaskResumed as _skiff_events_v1_TaskResumed, TaskResumed__Output as _skiff_events_v1_TaskResumed__Output } from './skiff/events/v1/TaskResumed';
import type { TaskStart as _skiff_events_v1_TaskStart, TaskStart__Output as _skiff_events_v1_TaskStart__Output } from './skiff/events/v1/TaskStart';

export interface ProtoGrpcType {
  google: {
    protobuf: {
      Any: MessageTypeDefinition<_google_protobuf_Any, _google_protobuf_Any__Output>
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
  skiff: {
    events: {
      v1: {
        ContainerCreate: MessageTypeDefinition<_skiff_events_v1_ContainerCreate, _skiff_events_v1_ContainerCreate__Output>
        ContainerDelete: MessageTypeDefinition<_skiff_events_v1_ContainerDelete, _skiff_events_v1_ContainerDelete__Output>
        ContainerUpdate: MessageTypeDefinition<_skiff_events_v1_ContainerUpdate, _skiff_events_v1_ContainerUpdate__Output>
        Envelope: MessageTypeDefinition<_skiff_events_v1_Envelope, _skiff_events_v1_Envelope__Output>
        ImageCreate: MessageTypeDefinition<_skiff_events_v1_ImageCreate, _skiff_events_v1_ImageCreate__Output>
        ImageDelete: MessageTypeDefinition<_skiff_events_v1_ImageDelete, _skiff_events_v1_ImageDelete__Output>
        ImageUpdate: MessageTypeDefinition<_skiff_events_v1_ImageUpdate, _skiff_events_v1_ImageUpdate__Output>
        TaskCreate: MessageTypeDefinition<_skiff_events_v1_TaskCreate, _skiff_events_v1_TaskCreate__Output>
        TaskDelete: MessageTypeDefinition<_skiff_events_v1_TaskDelete, _skiff_events_v1_TaskDelete__Output>
        TaskExecAdded: MessageTypeDefinition<_skiff_events_v1_TaskExecAdded, _skiff_events_v1_TaskExecAdded__Output>
        TaskExecStarted: MessageTypeDefinition<_skiff_events_v1_TaskExecStarted, _skiff_events_v1_TaskExecStarted__Output>
        TaskExit: MessageTypeDefinition<_skiff_events_v1_TaskExit, _skiff_events_v1_TaskExit__Output>
        TaskOOM: MessageTypeDefinition<_skiff_events_v1_TaskOOM, _skiff_events_v1_TaskOOM__Output>
        TaskPaused: MessageTypeDefinition<_skiff_events_v1_TaskPaused, _skiff_events_v1_TaskPaused__Output>
        TaskResumed: MessageTypeDefinition<_skiff_events_v1_TaskResumed, _skiff_events_v1_TaskResumed__Output>
        TaskStart: MessageTypeDefinition<_skiff_events_v1_TaskStart, _skiff_events_v1_TaskStart__Output>
      }
    }
  }
}

