import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
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
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
  skiff: {
    events: {
      v1: {
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

