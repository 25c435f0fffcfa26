import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

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
import type { CloseIORequest as _skiff_shim_v1_CloseIORequest, CloseIORequest__Output as _skiff_shim_v1_CloseIORequest__Output } from './skiff/shim/v1/CloseIORequest';
import type { CloseIOResponse as _skiff_shim_v1_CloseIOResponse, CloseIOResponse__Output as _skiff_shim_v1_CloseIOResponse__Output } from './skiff/shim/v1/CloseIOResponse';
import type { ConnectRequest as _skiff_shim_v1_ConnectRequest, ConnectRequest__Output as _skiff_shim_v1_ConnectRequest__Output } from './skiff/shim/v1/ConnectRequest';
import type { ConnectResponse as _skiff_shim_v1_ConnectResponse, ConnectResponse__Output as _skiff_shim_v1_ConnectResponse__Output } from './skiff/shim/v1/ConnectResponse';
import type { CreateTaskRequest as _skiff_shim_v1_CreateTaskRequest, CreateTaskRequest__Output as _skiff_shim_v1_CreateTaskRequest__Output } from './skiff/shim/v1/CreateTaskRequest';
import type { CreateTaskResponse as _skiff_shim_v1_CreateTaskResponse, CreateTaskResponse__Output as _skiff_shim_v1_CreateTaskResponse__Output } from './skiff/shim/v1/CreateTaskResponse';
import type { DeleteRequest as _skiff_shim_v1_DeleteRequest, DeleteRequest__Output as _skiff_shim_v1_DeleteRequest__Output } from './skiff/shim/v1/DeleteRequest';
import type { DeleteResponse as _skiff_shim_v1_DeleteResponse, DeleteResponse__Output as _skiff_shim_v1_DeleteResponse__Output } from './skiff/shim/v1/DeleteResponse';
import type { EventsRequest as _skiff_shim_v1_EventsRequest, EventsRequest__Output as _skiff_shim_v1_EventsRequest__Output } from './skiff/shim/v1/EventsRequest';
import type { ExecProcessRequest as _skiff_shim_v1_ExecProcessRequest, ExecProcessRequest__Output as _skiff_shim_v1_ExecProcessRequest__Output } from './skiff/shim/v1/ExecProcessRequest';
import type { ExecProcessResponse as _skiff_shim_v1_ExecProcessResponse, ExecProcessResponse__Output as _skiff_shim_v1_ExecProcessResponse__Output } from './skiff/shim/v1/ExecProcessResponse';
import type { KillRequest as _skiff_shim_v1_KillRequest, KillRequest__Output as _skiff_shim_v1_KillRequest__Output } from './skiff/shim/v1/KillRequest';
import type { KillResponse as _skiff_shim_v1_KillResponse, KillResponse__Output as _skiff_shim_v1_KillResponse__Output } from './skiff/shim/v1/KillResponse';
import type { PauseRequest as _skiff_shim_v1_PauseRequest, PauseRequest__Output as _skiff_shim_v1_PauseRequest__Output } from './skiff/shim/v1/PauseRequest';
import type { PauseResponse as _skiff_shim_v1_PauseResponse, PauseResponse__Output as _skiff_shim_v1_PauseResponse__Output } from './skiff/shim/v1/PauseResponse';
import type { PidsRequest as _skiff_shim_v1_PidsRequest, PidsRequest__Output as _skiff_shim_v1_PidsRequest__Output } from './skiff/shim/v1/PidsRequest';
import type { PidsResponse as _skiff_shim_v1_PidsResponse, PidsResponse__Output as _skiff_shim_v1_PidsResponse__Output } from './skiff/shim/v1/PidsResponse';
import type { ResizePtyRequest as _skiff_shim_v1_ResizePtyRequest, ResizePtyRequest__Output as _skiff_shim_v1_ResizePtyRequest__Output } from './skiff/shim/v1/ResizePtyRequest';
import type { ResizePtyResponse as _skiff_shim_v1_ResizePtyResponse, ResizePtyResponse__Output as _skiff_shim_v1_ResizePtyResponse__Output } from './skiff/shim/v1/ResizePtyResponse';
import type { ResumeRequest as _skiff_shim_v1_ResumeRequest, ResumeRequest__Output as _skiff_shim_v1_ResumeRequest__Output } from './skiff/shim/v1/ResumeRequest';
import type { ResumeResponse as _skiff_shim_v1_ResumeResponse, ResumeResponse__Output as _skiff_shim_v1_ResumeResponse__Output } from './skiff/shim/v1/ResumeResponse';
import type { ShutdownRequest as _skiff_shim_v1_ShutdownRequest, ShutdownRequest__Output as _skiff_shim_v1_ShutdownRequest__Output } from './skiff/shim/v1/ShutdownRequest';
import type { ShutdownResponse as _skiff_shim_v1_ShutdownResponse, ShutdownResponse__Output as _skiff_shim_v1_ShutdownResponse__Output } from './skiff/shim/v1/ShutdownResponse';
import type { StartRequest as _skiff_shim_v1_StartRequest, StartRequest__Output as _skiff_shim_v1_StartRequest__Output } from './skiff/shim/v1/StartRequest';
import type { StartResponse as _skiff_shim_v1_StartResponse, StartResponse__Output as _skiff_shim_v1_StartResponse__Output } from './skiff/shim/v1/StartResponse';
import type { StateRequest as _skiff_shim_v1_StateRequest, StateRequest__Output as _skiff_shim_v1_StateRequest__Output } from './skiff/shim/v1/StateRequest';
import type { StateResponse as _skiff_shim_v1_StateResponse, StateResponse__Output as _skiff_shim_v1_StateResponse__Output } from './skiff/shim/v1/StateResponse';
import type { StatsRequest as _skiff_shim_v1_StatsRequest, StatsRequest__Output as _skiff_shim_v1_StatsRequest__Output } from './skiff/shim/v1/StatsRequest';
import type { StatsResponse as _skiff_shim_v1_StatsResponse, StatsResponse__Output as _skiff_shim_v1_StatsResponse__Output } from './skiff/shim/v1/StatsResponse';
import type { TaskClient as _skiff_shim_v1_TaskClient, TaskDefinition as _skiff_shim_v1_TaskDefinition } from './skiff/shim/v1/Task';
import type { UpdateTaskRequest as _skiff_shim_v1_UpdateTaskRequest, UpdateTaskRequest__Output as _skiff_shim_v1_UpdateTaskRequest__Output } from './skiff/shim/v1/UpdateTaskRequest';
import type { UpdateTaskResponse as _skiff_shim_v1_UpdateTaskResponse, UpdateTaskResponse__Output as _skiff_shim_v1_UpdateTaskResponse__Output } from './skiff/shim/v1/UpdateTaskResponse';
import type { WaitRequest as _skiff_shim_v1_WaitRequest, WaitRequest__Output as _skiff_shim_v1_WaitRequest__Output } from './skiff/shim/v1/WaitRequest';
import type { WaitResponse as _skiff_shim_v1_WaitResponse, WaitResponse__Output as _skiff_shim_v1_WaitResponse__Output } from './skiff/shim/v1/WaitResponse';
import type { BlkioEntry as _skiff_types_v1_BlkioEntry, BlkioEntry__Output as _skiff_types_v1_BlkioEntry__Output } from './skiff/types/v1/BlkioEntry';
import type { BlkioStats as _skiff_types_v1_BlkioStats, BlkioStats__Output as _skiff_types_v1_BlkioStats__Output } from './skiff/types/v1/BlkioStats';
import type { CpuStats as _skiff_types_v1_CpuStats, CpuStats__Output as _skiff_types_v1_CpuStats__Output } from './skiff/types/v1/CpuStats';
import type { LogOptions as _skiff_types_v1_LogOptions, LogOptions__Output as _skiff_types_v1_LogOptions__Output } from './skiff/types/v1/LogOptions';
import type { MemoryStats as _skiff_types_v1_MemoryStats, MemoryStats__Output as _skiff_types_v1_MemoryStats__Output } from './skiff/types/v1/MemoryStats';
import type { Metrics as _skiff_types_v1_Metrics, Metrics__Output as _skiff_types_v1_Metrics__Output } from './skiff/types/v1/Metrics';
import type { Mount as _skiff_types_v1_Mount, Mount__Output as _skiff_types_v1_Mount__Output } from './skiff/types/v1/Mount';
import type { PidsStats as _skiff_types_v1_PidsStats, PidsStats__Output as _skiff_types_v1_PidsStats__Output } from './skiff/types/v1/PidsStats';
import type { Process as _skiff_types_v1_Process, Process__Output as _skiff_types_v1_Process__Output } from './skiff/types/v1/Process';
import type { ProcessInfo as _skiff_types_v1_ProcessInfo, ProcessInfo__Output as _skiff_types_v1_ProcessInfo__Output } from './skiff/types/v1/ProcessInfo';
import type { RuntimeOptions as _skiff_types_v1_RuntimeOptions, RuntimeOptions__Output as _skiff_types_v1_RuntimeOptions__Output } from './skiff/types/v1/RuntimeOptions';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

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
    shim: {
      v1: {
        CloseIORequest: MessageTypeDefinition<_skiff_shim_v1_CloseIORequest, _skiff_shim_v1_CloseIORequest__Output>
        CloseIOResponse: MessageTypeDefinition<_skiff_shim_v1_CloseIOResponse, _skiff_shim_v1_CloseIOResponse__Output>
        ConnectRequest: MessageTypeDefinition<_skiff_shim_v1_ConnectRequest, _skiff_shim_v1_ConnectRequest__Output>
        ConnectResponse: MessageTypeDefinition<_skiff_shim_v1_ConnectResponse, _skiff_shim_v1_ConnectResponse__Output>
        CreateTaskRequest: MessageTypeDefinition<_skiff_shim_v1_CreateTaskRequest, _skiff_shim_v1_CreateTaskRequest__Output>
        CreateTaskResponse: MessageTypeDefinition<_skiff_shim_v1_CreateTaskResponse, _skiff_shim_v1_CreateTaskResponse__Output>
        DeleteRequest: MessageTypeDefinition<_skiff_shim_v1_DeleteRequest, _skiff_shim_v1_DeleteRequest__Output>
        DeleteResponse: MessageTypeDefinition<_skiff_shim_v1_DeleteResponse, _skiff_shim_v1_DeleteResponse__Output>
        EventsRequest: MessageTypeDefinition<_skiff_shim_v1_EventsRequest, _skiff_shim_v1_EventsRequest__Output>
        ExecProcessRequest: MessageTypeDefinition<_skiff_shim_v1_ExecProcessRequest, _skiff_shim_v1_ExecProcessRequest__Output>
        ExecProcessResponse: MessageTypeDefinition<_skiff_shim_v1_ExecProcessResponse, _skiff_shim_v1_ExecProcessResponse__Output>
        KillRequest: MessageTypeDefinition<_skiff_shim_v1_KillRequest, _skiff_shim_v1_KillRequest__Output>
        KillResponse: MessageTypeDefinition<_skiff_shim_v1_KillResponse, _skiff_shim_v1_KillResponse__Output>
        PauseRequest: MessageTypeDefinition<_skiff_shim_v1_PauseRequest, _skiff_shim_v1_PauseRequest__Output>
        PauseResponse: MessageTypeDefinition<_skiff_shim_v1_PauseResponse, _skiff_shim_v1_PauseResponse__Output>
        PidsRequest: MessageTypeDefinition<_skiff_shim_v1_PidsRequest, _skiff_shim_v1_PidsRequest__Output>
        PidsResponse: MessageTypeDefinition<_skiff_shim_v1_PidsResponse, _skiff_shim_v1_PidsResponse__Output>
        ResizePtyRequest: MessageTypeDefinition<_skiff_shim_v1_ResizePtyRequest, _skiff_shim_v1_ResizePtyRequest__Output>
        ResizePtyResponse: MessageTypeDefinition<_skiff_shim_v1_ResizePtyResponse, _skiff_shim_v1_ResizePtyResponse__Output>
        ResumeRequest: MessageTypeDefinition<_skiff_shim_v1_ResumeRequest, _skiff_shim_v1_ResumeRequest__Output>
        ResumeResponse: MessageTypeDefinition<_skiff_shim_v1_ResumeResponse, _skiff_shim_v1_ResumeResponse__Output>
        ShutdownRequest: MessageTypeDefinition<_skiff_shim_v1_ShutdownRequest, _skiff_shim_v1_ShutdownRequest__Output>
        ShutdownResponse: MessageTypeDefinition<_skiff_shim_v1_ShutdownResponse, _skiff_shim_v1_ShutdownResponse__Output>
        StartRequest: MessageTypeDefinition<_skiff_shim_v1_StartRequest, _skiff_shim_v1_StartRequest__Output>
        StartResponse: MessageTypeDefinition<_skiff_shim_v1_StartResponse, _skiff_shim_v1_StartResponse__Output>
        StateRequest: MessageTypeDefinition<_skiff_shim_v1_StateRequest, _skiff_shim_v1_StateRequest__Output>
        StateResponse: MessageTypeDefinition<_skiff_shim_v1_StateResponse, _skiff_shim_v1_StateResponse__Output>
        StatsRequest: MessageTypeDefinition<_skiff_shim_v1_StatsRequest, _skiff_shim_v1_StatsRequest__Output>
        StatsResponse: MessageTypeDefinition<_skiff_shim_v1_StatsResponse, _skiff_shim_v1_StatsResponse__Output>
        /**
         * Task is the API a shim serves on its unix socket to skiff-containerd, its supervisor. How a
         * shim is started, where its socket lives, the events it emits and in which order: see
         * docs/shim-api.md.
         * 
         * One shim may hold several tasks (grouping, for density), so every request names the container
         * (`id`) and, where a process is meant, the process (`exec_id`, "" for the task's init process).
         * Errors use the gRPC codes of @skiff/errors: NOT_FOUND for an unknown id or exec_id,
         * ALREADY_EXISTS for a duplicate one, FAILED_PRECONDITION for a call the process's state does not
         * allow (Start twice, Delete while running...).
         * 
         * Every RPC has its own request and response message, even when empty, so that fields can be
         * added later without breaking v1.
         */
        Task: SubtypeConstructor<typeof grpc.Client, _skiff_shim_v1_TaskClient> & { service: _skiff_shim_v1_TaskDefinition }
        UpdateTaskRequest: MessageTypeDefinition<_skiff_shim_v1_UpdateTaskRequest, _skiff_shim_v1_UpdateTaskRequest__Output>
        UpdateTaskResponse: MessageTypeDefinition<_skiff_shim_v1_UpdateTaskResponse, _skiff_shim_v1_UpdateTaskResponse__Output>
        WaitRequest: MessageTypeDefinition<_skiff_shim_v1_WaitRequest, _skiff_shim_v1_WaitRequest__Output>
        WaitResponse: MessageTypeDefinition<_skiff_shim_v1_WaitResponse, _skiff_shim_v1_WaitResponse__Output>
      }
    }
    types: {
      v1: {
        BlkioEntry: MessageTypeDefinition<_skiff_types_v1_BlkioEntry, _skiff_types_v1_BlkioEntry__Output>
        BlkioStats: MessageTypeDefinition<_skiff_types_v1_BlkioStats, _skiff_types_v1_BlkioStats__Output>
        CpuStats: MessageTypeDefinition<_skiff_types_v1_CpuStats, _skiff_types_v1_CpuStats__Output>
        LogOptions: MessageTypeDefinition<_skiff_types_v1_LogOptions, _skiff_types_v1_LogOptions__Output>
        MemoryStats: MessageTypeDefinition<_skiff_types_v1_MemoryStats, _skiff_types_v1_MemoryStats__Output>
        Metrics: MessageTypeDefinition<_skiff_types_v1_Metrics, _skiff_types_v1_Metrics__Output>
        Mount: MessageTypeDefinition<_skiff_types_v1_Mount, _skiff_types_v1_Mount__Output>
        PidsStats: MessageTypeDefinition<_skiff_types_v1_PidsStats, _skiff_types_v1_PidsStats__Output>
        Process: MessageTypeDefinition<_skiff_types_v1_Process, _skiff_types_v1_Process__Output>
        ProcessInfo: MessageTypeDefinition<_skiff_types_v1_ProcessInfo, _skiff_types_v1_ProcessInfo__Output>
        RuntimeOptions: MessageTypeDefinition<_skiff_types_v1_RuntimeOptions, _skiff_types_v1_RuntimeOptions__Output>
        Status: EnumTypeDefinition
      }
    }
  }
}

