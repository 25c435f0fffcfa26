import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { CloseIORequest as _skiff_containerd_services_tasks_v1_CloseIORequest, CloseIORequest__Output as _skiff_containerd_services_tasks_v1_CloseIORequest__Output } from './skiff/containerd/services/tasks/v1/CloseIORequest';
import type { CloseIOResponse as _skiff_containerd_services_tasks_v1_CloseIOResponse, CloseIOResponse__Output as _skiff_containerd_services_tasks_v1_CloseIOResponse__Output } from './skiff/containerd/services/tasks/v1/CloseIOResponse';
import type { CreateTaskRequest as _skiff_containerd_services_tasks_v1_CreateTaskRequest, CreateTaskRequest__Output as _skiff_containerd_services_tasks_v1_CreateTaskRequest__Output } from './skiff/containerd/services/tasks/v1/CreateTaskRequest';
import type { CreateTaskResponse as _skiff_containerd_services_tasks_v1_CreateTaskResponse, CreateTaskResponse__Output as _skiff_containerd_services_tasks_v1_CreateTaskResponse__Output } from './skiff/containerd/services/tasks/v1/CreateTaskResponse';
import type { DeleteProcessRequest as _skiff_containerd_services_tasks_v1_DeleteProcessRequest, DeleteProcessRequest__Output as _skiff_containerd_services_tasks_v1_DeleteProcessRequest__Output } from './skiff/containerd/services/tasks/v1/DeleteProcessRequest';
import type { DeleteResponse as _skiff_containerd_services_tasks_v1_DeleteResponse, DeleteResponse__Output as _skiff_containerd_services_tasks_v1_DeleteResponse__Output } from './skiff/containerd/services/tasks/v1/DeleteResponse';
import type { DeleteTaskRequest as _skiff_containerd_services_tasks_v1_DeleteTaskRequest, DeleteTaskRequest__Output as _skiff_containerd_services_tasks_v1_DeleteTaskRequest__Output } from './skiff/containerd/services/tasks/v1/DeleteTaskRequest';
import type { ExecProcessRequest as _skiff_containerd_services_tasks_v1_ExecProcessRequest, ExecProcessRequest__Output as _skiff_containerd_services_tasks_v1_ExecProcessRequest__Output } from './skiff/containerd/services/tasks/v1/ExecProcessRequest';
import type { ExecProcessResponse as _skiff_containerd_services_tasks_v1_ExecProcessResponse, ExecProcessResponse__Output as _skiff_containerd_services_tasks_v1_ExecProcessResponse__Output } from './skiff/containerd/services/tasks/v1/ExecProcessResponse';
import type { GetRequest as _skiff_containerd_services_tasks_v1_GetRequest, GetRequest__Output as _skiff_containerd_services_tasks_v1_GetRequest__Output } from './skiff/containerd/services/tasks/v1/GetRequest';
import type { GetResponse as _skiff_containerd_services_tasks_v1_GetResponse, GetResponse__Output as _skiff_containerd_services_tasks_v1_GetResponse__Output } from './skiff/containerd/services/tasks/v1/GetResponse';
import type { KillRequest as _skiff_containerd_services_tasks_v1_KillRequest, KillRequest__Output as _skiff_containerd_services_tasks_v1_KillRequest__Output } from './skiff/containerd/services/tasks/v1/KillRequest';
import type { KillResponse as _skiff_containerd_services_tasks_v1_KillResponse, KillResponse__Output as _skiff_containerd_services_tasks_v1_KillResponse__Output } from './skiff/containerd/services/tasks/v1/KillResponse';
import type { ListPidsRequest as _skiff_containerd_services_tasks_v1_ListPidsRequest, ListPidsRequest__Output as _skiff_containerd_services_tasks_v1_ListPidsRequest__Output } from './skiff/containerd/services/tasks/v1/ListPidsRequest';
import type { ListPidsResponse as _skiff_containerd_services_tasks_v1_ListPidsResponse, ListPidsResponse__Output as _skiff_containerd_services_tasks_v1_ListPidsResponse__Output } from './skiff/containerd/services/tasks/v1/ListPidsResponse';
import type { ListTasksRequest as _skiff_containerd_services_tasks_v1_ListTasksRequest, ListTasksRequest__Output as _skiff_containerd_services_tasks_v1_ListTasksRequest__Output } from './skiff/containerd/services/tasks/v1/ListTasksRequest';
import type { ListTasksResponse as _skiff_containerd_services_tasks_v1_ListTasksResponse, ListTasksResponse__Output as _skiff_containerd_services_tasks_v1_ListTasksResponse__Output } from './skiff/containerd/services/tasks/v1/ListTasksResponse';
import type { MetricsRequest as _skiff_containerd_services_tasks_v1_MetricsRequest, MetricsRequest__Output as _skiff_containerd_services_tasks_v1_MetricsRequest__Output } from './skiff/containerd/services/tasks/v1/MetricsRequest';
import type { MetricsResponse as _skiff_containerd_services_tasks_v1_MetricsResponse, MetricsResponse__Output as _skiff_containerd_services_tasks_v1_MetricsResponse__Output } from './skiff/containerd/services/tasks/v1/MetricsResponse';
import type { PauseTaskRequest as _skiff_containerd_services_tasks_v1_PauseTaskRequest, PauseTaskRequest__Output as _skiff_containerd_services_tasks_v1_PauseTaskRequest__Output } from './skiff/containerd/services/tasks/v1/PauseTaskRequest';
import type { PauseTaskResponse as _skiff_containerd_services_tasks_v1_PauseTaskResponse, PauseTaskResponse__Output as _skiff_containerd_services_tasks_v1_PauseTaskResponse__Output } from './skiff/containerd/services/tasks/v1/PauseTaskResponse';
import type { ResizePtyRequest as _skiff_containerd_services_tasks_v1_ResizePtyRequest, ResizePtyRequest__Output as _skiff_containerd_services_tasks_v1_ResizePtyRequest__Output } from './skiff/containerd/services/tasks/v1/ResizePtyRequest';
import type { ResizePtyResponse as _skiff_containerd_services_tasks_v1_ResizePtyResponse, ResizePtyResponse__Output as _skiff_containerd_services_tasks_v1_ResizePtyResponse__Output } from './skiff/containerd/services/tasks/v1/ResizePtyResponse';
import type { ResumeTaskRequest as _skiff_containerd_services_tasks_v1_ResumeTaskRequest, ResumeTaskRequest__Output as _skiff_containerd_services_tasks_v1_ResumeTaskRequest__Output } from './skiff/containerd/services/tasks/v1/ResumeTaskRequest';
import type { ResumeTaskResponse as _skiff_containerd_services_tasks_v1_ResumeTaskResponse, ResumeTaskResponse__Output as _skiff_containerd_services_tasks_v1_ResumeTaskResponse__Output } from './skiff/containerd/services/tasks/v1/ResumeTaskResponse';
import type { StartRequest as _skiff_containerd_services_tasks_v1_StartRequest, StartRequest__Output as _skiff_containerd_services_tasks_v1_StartRequest__Output } from './skiff/containerd/services/tasks/v1/StartRequest';
import type { StartResponse as _skiff_containerd_services_tasks_v1_StartResponse, StartResponse__Output as _skiff_containerd_services_tasks_v1_StartResponse__Output } from './skiff/containerd/services/tasks/v1/StartResponse';
import type { TasksClient as _skiff_containerd_services_tasks_v1_TasksClient, TasksDefinition as _skiff_containerd_services_tasks_v1_TasksDefinition } from './skiff/containerd/services/tasks/v1/Tasks';
import type { UpdateTaskRequest as _skiff_containerd_services_tasks_v1_UpdateTaskRequest, UpdateTaskRequest__Output as _skiff_containerd_services_tasks_v1_UpdateTaskRequest__Output } from './skiff/containerd/services/tasks/v1/UpdateTaskRequest';
import type { UpdateTaskResponse as _skiff_containerd_services_tasks_v1_UpdateTaskResponse, UpdateTaskResponse__Output as _skiff_containerd_services_tasks_v1_UpdateTaskResponse__Output } from './skiff/containerd/services/tasks/v1/UpdateTaskResponse';
import type { WaitRequest as _skiff_containerd_services_tasks_v1_WaitRequest, WaitRequest__Output as _skiff_containerd_services_tasks_v1_WaitRequest__Output } from './skiff/containerd/services/tasks/v1/WaitRequest';
import type { WaitResponse as _skiff_containerd_services_tasks_v1_WaitResponse, WaitResponse__Output as _skiff_containerd_services_tasks_v1_WaitResponse__Output } from './skiff/containerd/services/tasks/v1/WaitResponse';
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
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
  skiff: {
    containerd: {
      services: {
        tasks: {
          v1: {
            CloseIORequest: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_CloseIORequest, _skiff_containerd_services_tasks_v1_CloseIORequest__Output>
            CloseIOResponse: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_CloseIOResponse, _skiff_containerd_services_tasks_v1_CloseIOResponse__Output>
            CreateTaskRequest: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_CreateTaskRequest, _skiff_containerd_services_tasks_v1_CreateTaskRequest__Output>
            CreateTaskResponse: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_CreateTaskResponse, _skiff_containerd_services_tasks_v1_CreateTaskResponse__Output>
            DeleteProcessRequest: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_DeleteProcessRequest, _skiff_containerd_services_tasks_v1_DeleteProcessRequest__Output>
            DeleteResponse: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_DeleteResponse, _skiff_containerd_services_tasks_v1_DeleteResponse__Output>
            DeleteTaskRequest: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_DeleteTaskRequest, _skiff_containerd_services_tasks_v1_DeleteTaskRequest__Output>
            ExecProcessRequest: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_ExecProcessRequest, _skiff_containerd_services_tasks_v1_ExecProcessRequest__Output>
            ExecProcessResponse: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_ExecProcessResponse, _skiff_containerd_services_tasks_v1_ExecProcessResponse__Output>
            GetRequest: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_GetRequest, _skiff_containerd_services_tasks_v1_GetRequest__Output>
            GetResponse: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_GetResponse, _skiff_containerd_services_tasks_v1_GetResponse__Output>
            KillRequest: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_KillRequest, _skiff_containerd_services_tasks_v1_KillRequest__Output>
            KillResponse: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_KillResponse, _skiff_containerd_services_tasks_v1_KillResponse__Output>
            ListPidsRequest: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_ListPidsRequest, _skiff_containerd_services_tasks_v1_ListPidsRequest__Output>
            ListPidsResponse: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_ListPidsResponse, _skiff_containerd_services_tasks_v1_ListPidsResponse__Output>
            ListTasksRequest: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_ListTasksRequest, _skiff_containerd_services_tasks_v1_ListTasksRequest__Output>
            ListTasksResponse: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_ListTasksResponse, _skiff_containerd_services_tasks_v1_ListTasksResponse__Output>
            MetricsRequest: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_MetricsRequest, _skiff_containerd_services_tasks_v1_MetricsRequest__Output>
            MetricsResponse: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_MetricsResponse, _skiff_containerd_services_tasks_v1_MetricsResponse__Output>
            PauseTaskRequest: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_PauseTaskRequest, _skiff_containerd_services_tasks_v1_PauseTaskRequest__Output>
            PauseTaskResponse: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_PauseTaskResponse, _skiff_containerd_services_tasks_v1_PauseTaskResponse__Output>
            ResizePtyRequest: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_ResizePtyRequest, _skiff_containerd_services_tasks_v1_ResizePtyRequest__Output>
            ResizePtyResponse: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_ResizePtyResponse, _skiff_containerd_services_tasks_v1_ResizePtyResponse__Output>
            ResumeTaskRequest: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_ResumeTaskRequest, _skiff_containerd_services_tasks_v1_ResumeTaskRequest__Output>
            ResumeTaskResponse: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_ResumeTaskResponse, _skiff_containerd_services_tasks_v1_ResumeTaskResponse__Output>
            StartRequest: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_StartRequest, _skiff_containerd_services_tasks_v1_StartRequest__Output>
            StartResponse: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_StartResponse, _skiff_containerd_services_tasks_v1_StartResponse__Output>
            /**
             * Tasks runs containers: a task is a container's running instance, held by a shim. These calls
             * mostly forward to skiff.shim.v1.Task on the container's shim; the namespace is the
             * "skiff-namespace" request metadata ("default" when absent). A process is named by container_id
             * and exec_id ("" for the task's init process).
             */
            Tasks: SubtypeConstructor<typeof grpc.Client, _skiff_containerd_services_tasks_v1_TasksClient> & { service: _skiff_containerd_services_tasks_v1_TasksDefinition }
            UpdateTaskRequest: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_UpdateTaskRequest, _skiff_containerd_services_tasks_v1_UpdateTaskRequest__Output>
            UpdateTaskResponse: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_UpdateTaskResponse, _skiff_containerd_services_tasks_v1_UpdateTaskResponse__Output>
            WaitRequest: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_WaitRequest, _skiff_containerd_services_tasks_v1_WaitRequest__Output>
            WaitResponse: MessageTypeDefinition<_skiff_containerd_services_tasks_v1_WaitResponse, _skiff_containerd_services_tasks_v1_WaitResponse__Output>
          }
        }
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

