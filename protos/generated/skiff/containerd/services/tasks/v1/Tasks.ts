// Original file: skiff/containerd/services/tasks/v1/tasks.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CloseIORequest as _skiff_containerd_services_tasks_v1_CloseIORequest, CloseIORequest__Output as _skiff_containerd_services_tasks_v1_CloseIORequest__Output } from '../../../../../skiff/containerd/services/tasks/v1/CloseIORequest';
import type { CloseIOResponse as _skiff_containerd_services_tasks_v1_CloseIOResponse, CloseIOResponse__Output as _skiff_containerd_services_tasks_v1_CloseIOResponse__Output } from '../../../../../skiff/containerd/services/tasks/v1/CloseIOResponse';
import type { CreateTaskRequest as _skiff_containerd_services_tasks_v1_CreateTaskRequest, CreateTaskRequest__Output as _skiff_containerd_services_tasks_v1_CreateTaskRequest__Output } from '../../../../../skiff/containerd/services/tasks/v1/CreateTaskRequest';
import type { CreateTaskResponse as _skiff_containerd_services_tasks_v1_CreateTaskResponse, CreateTaskResponse__Output as _skiff_containerd_services_tasks_v1_CreateTaskResponse__Output } from '../../../../../skiff/containerd/services/tasks/v1/CreateTaskResponse';
import type { DeleteProcessRequest as _skiff_containerd_services_tasks_v1_DeleteProcessRequest, DeleteProcessRequest__Output as _skiff_containerd_services_tasks_v1_DeleteProcessRequest__Output } from '../../../../../skiff/containerd/services/tasks/v1/DeleteProcessRequest';
import type { DeleteResponse as _skiff_containerd_services_tasks_v1_DeleteResponse, DeleteResponse__Output as _skiff_containerd_services_tasks_v1_DeleteResponse__Output } from '../../../../../skiff/containerd/services/tasks/v1/DeleteResponse';
import type { DeleteTaskRequest as _skiff_containerd_services_tasks_v1_DeleteTaskRequest, DeleteTaskRequest__Output as _skiff_containerd_services_tasks_v1_DeleteTaskRequest__Output } from '../../../../../skiff/containerd/services/tasks/v1/DeleteTaskRequest';
import type { ExecProcessRequest as _skiff_containerd_services_tasks_v1_ExecProcessRequest, ExecProcessRequest__Output as _skiff_containerd_services_tasks_v1_ExecProcessRequest__Output } from '../../../../../skiff/containerd/services/tasks/v1/ExecProcessRequest';
import type { ExecProcessResponse as _skiff_containerd_services_tasks_v1_ExecProcessResponse, ExecProcessResponse__Output as _skiff_containerd_services_tasks_v1_ExecProcessResponse__Output } from '../../../../../skiff/containerd/services/tasks/v1/ExecProcessResponse';
import type { GetRequest as _skiff_containerd_services_tasks_v1_GetRequest, GetRequest__Output as _skiff_containerd_services_tasks_v1_GetRequest__Output } from '../../../../../skiff/containerd/services/tasks/v1/GetRequest';
import type { GetResponse as _skiff_containerd_services_tasks_v1_GetResponse, GetResponse__Output as _skiff_containerd_services_tasks_v1_GetResponse__Output } from '../../../../../skiff/containerd/services/tasks/v1/GetResponse';
import type { KillRequest as _skiff_containerd_services_tasks_v1_KillRequest, KillRequest__Output as _skiff_containerd_services_tasks_v1_KillRequest__Output } from '../../../../../skiff/containerd/services/tasks/v1/KillRequest';
import type { KillResponse as _skiff_containerd_services_tasks_v1_KillResponse, KillResponse__Output as _skiff_containerd_services_tasks_v1_KillResponse__Output } from '../../../../../skiff/containerd/services/tasks/v1/KillResponse';
import type { ListPidsRequest as _skiff_containerd_services_tasks_v1_ListPidsRequest, ListPidsRequest__Output as _skiff_containerd_services_tasks_v1_ListPidsRequest__Output } from '../../../../../skiff/containerd/services/tasks/v1/ListPidsRequest';
import type { ListPidsResponse as _skiff_containerd_services_tasks_v1_ListPidsResponse, ListPidsResponse__Output as _skiff_containerd_services_tasks_v1_ListPidsResponse__Output } from '../../../../../skiff/containerd/services/tasks/v1/ListPidsResponse';
import type { ListTasksRequest as _skiff_containerd_services_tasks_v1_ListTasksRequest, ListTasksRequest__Output as _skiff_containerd_services_tasks_v1_ListTasksRequest__Output } from '../../../../../skiff/containerd/services/tasks/v1/ListTasksRequest';
import type { ListTasksResponse as _skiff_containerd_services_tasks_v1_ListTasksResponse, ListTasksResponse__Output as _skiff_containerd_services_tasks_v1_ListTasksResponse__Output } from '../../../../../skiff/containerd/services/tasks/v1/ListTasksResponse';
import type { MetricsRequest as _skiff_containerd_services_tasks_v1_MetricsRequest, MetricsRequest__Output as _skiff_containerd_services_tasks_v1_MetricsRequest__Output } from '../../../../../skiff/containerd/services/tasks/v1/MetricsRequest';
import type { MetricsResponse as _skiff_containerd_services_tasks_v1_MetricsResponse, MetricsResponse__Output as _skiff_containerd_services_tasks_v1_MetricsResponse__Output } from '../../../../../skiff/containerd/services/tasks/v1/MetricsResponse';
import type { PauseTaskRequest as _skiff_containerd_services_tasks_v1_PauseTaskRequest, PauseTaskRequest__Output as _skiff_containerd_services_tasks_v1_PauseTaskRequest__Output } from '../../../../../skiff/containerd/services/tasks/v1/PauseTaskRequest';
import type { PauseTaskResponse as _skiff_containerd_services_tasks_v1_PauseTaskResponse, PauseTaskResponse__Output as _skiff_containerd_services_tasks_v1_PauseTaskResponse__Output } from '../../../../../skiff/containerd/services/tasks/v1/PauseTaskResponse';
import type { ResizePtyRequest as _skiff_containerd_services_tasks_v1_ResizePtyRequest, ResizePtyRequest__Output as _skiff_containerd_services_tasks_v1_ResizePtyRequest__Output } from '../../../../../skiff/containerd/services/tasks/v1/ResizePtyRequest';
import type { ResizePtyResponse as _skiff_containerd_services_tasks_v1_ResizePtyResponse, ResizePtyResponse__Output as _skiff_containerd_services_tasks_v1_ResizePtyResponse__Output } from '../../../../../skiff/containerd/services/tasks/v1/ResizePtyResponse';
import type { ResumeTaskRequest as _skiff_containerd_services_tasks_v1_ResumeTaskRequest, ResumeTaskRequest__Output as _skiff_containerd_services_tasks_v1_ResumeTaskRequest__Output } from '../../../../../skiff/containerd/services/tasks/v1/ResumeTaskRequest';
import type { ResumeTaskResponse as _skiff_containerd_services_tasks_v1_ResumeTaskResponse, ResumeTaskResponse__Output as _skiff_containerd_services_tasks_v1_ResumeTaskResponse__Output } from '../../../../../skiff/containerd/services/tasks/v1/ResumeTaskResponse';
import type { StartRequest as _skiff_containerd_services_tasks_v1_StartRequest, StartRequest__Output as _skiff_containerd_services_tasks_v1_StartRequest__Output } from '../../../../../skiff/containerd/services/tasks/v1/StartRequest';
import type { StartResponse as _skiff_containerd_services_tasks_v1_StartResponse, StartResponse__Output as _skiff_containerd_services_tasks_v1_StartResponse__Output } from '../../../../../skiff/containerd/services/tasks/v1/StartResponse';
import type { UpdateTaskRequest as _skiff_containerd_services_tasks_v1_UpdateTaskRequest, UpdateTaskRequest__Output as _skiff_containerd_services_tasks_v1_UpdateTaskRequest__Output } from '../../../../../skiff/containerd/services/tasks/v1/UpdateTaskRequest';
import type { UpdateTaskResponse as _skiff_containerd_services_tasks_v1_UpdateTaskResponse, UpdateTaskResponse__Output as _skiff_containerd_services_tasks_v1_UpdateTaskResponse__Output } from '../../../../../skiff/containerd/services/tasks/v1/UpdateTaskResponse';
import type { WaitRequest as _skiff_containerd_services_tasks_v1_WaitRequest, WaitRequest__Output as _skiff_containerd_services_tasks_v1_WaitRequest__Output } from '../../../../../skiff/containerd/services/tasks/v1/WaitRequest';
import type { WaitResponse as _skiff_containerd_services_tasks_v1_WaitResponse, WaitResponse__Output as _skiff_containerd_services_tasks_v1_WaitResponse__Output } from '../../../../../skiff/containerd/services/tasks/v1/WaitResponse';

/**
 * Tasks runs containers: a task is a container's running instance, held by a shim. These calls
 * mostly forward to skiff.shim.v1.Task on the container's shim; the namespace is the
 * "skiff-namespace" request metadata ("default" when absent). A process is named by container_id
 * and exec_id ("" for the task's init process).
 */
export interface TasksClient extends grpc.Client {
  CloseIO(argument: _skiff_containerd_services_tasks_v1_CloseIORequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_CloseIOResponse__Output>): grpc.ClientUnaryCall;
  CloseIO(argument: _skiff_containerd_services_tasks_v1_CloseIORequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_CloseIOResponse__Output>): grpc.ClientUnaryCall;
  CloseIO(argument: _skiff_containerd_services_tasks_v1_CloseIORequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_CloseIOResponse__Output>): grpc.ClientUnaryCall;
  CloseIO(argument: _skiff_containerd_services_tasks_v1_CloseIORequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_CloseIOResponse__Output>): grpc.ClientUnaryCall;
  closeIo(argument: _skiff_containerd_services_tasks_v1_CloseIORequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_CloseIOResponse__Output>): grpc.ClientUnaryCall;
  closeIo(argument: _skiff_containerd_services_tasks_v1_CloseIORequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_CloseIOResponse__Output>): grpc.ClientUnaryCall;
  closeIo(argument: _skiff_containerd_services_tasks_v1_CloseIORequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_CloseIOResponse__Output>): grpc.ClientUnaryCall;
  closeIo(argument: _skiff_containerd_services_tasks_v1_CloseIORequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_CloseIOResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Create the task of an existing container: mount its rootfs, write the bundle, pick a shim,
   * and call the shim's Create with the container's runtime options.
   */
  Create(argument: _skiff_containerd_services_tasks_v1_CreateTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_CreateTaskResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _skiff_containerd_services_tasks_v1_CreateTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_CreateTaskResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _skiff_containerd_services_tasks_v1_CreateTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_CreateTaskResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _skiff_containerd_services_tasks_v1_CreateTaskRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_CreateTaskResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Create the task of an existing container: mount its rootfs, write the bundle, pick a shim,
   * and call the shim's Create with the container's runtime options.
   */
  create(argument: _skiff_containerd_services_tasks_v1_CreateTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_CreateTaskResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _skiff_containerd_services_tasks_v1_CreateTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_CreateTaskResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _skiff_containerd_services_tasks_v1_CreateTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_CreateTaskResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _skiff_containerd_services_tasks_v1_CreateTaskRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_CreateTaskResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Delete a stopped task: its exit status is returned and then forgotten, the rootfs unmounted.
   */
  Delete(argument: _skiff_containerd_services_tasks_v1_DeleteTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _skiff_containerd_services_tasks_v1_DeleteTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _skiff_containerd_services_tasks_v1_DeleteTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _skiff_containerd_services_tasks_v1_DeleteTaskRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Delete a stopped task: its exit status is returned and then forgotten, the rootfs unmounted.
   */
  delete(argument: _skiff_containerd_services_tasks_v1_DeleteTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _skiff_containerd_services_tasks_v1_DeleteTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _skiff_containerd_services_tasks_v1_DeleteTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _skiff_containerd_services_tasks_v1_DeleteTaskRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Delete one stopped exec'd process of a task.
   */
  DeleteProcess(argument: _skiff_containerd_services_tasks_v1_DeleteProcessRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  DeleteProcess(argument: _skiff_containerd_services_tasks_v1_DeleteProcessRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  DeleteProcess(argument: _skiff_containerd_services_tasks_v1_DeleteProcessRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  DeleteProcess(argument: _skiff_containerd_services_tasks_v1_DeleteProcessRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Delete one stopped exec'd process of a task.
   */
  deleteProcess(argument: _skiff_containerd_services_tasks_v1_DeleteProcessRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  deleteProcess(argument: _skiff_containerd_services_tasks_v1_DeleteProcessRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  deleteProcess(argument: _skiff_containerd_services_tasks_v1_DeleteProcessRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  deleteProcess(argument: _skiff_containerd_services_tasks_v1_DeleteProcessRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  
  Exec(argument: _skiff_containerd_services_tasks_v1_ExecProcessRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ExecProcessResponse__Output>): grpc.ClientUnaryCall;
  Exec(argument: _skiff_containerd_services_tasks_v1_ExecProcessRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ExecProcessResponse__Output>): grpc.ClientUnaryCall;
  Exec(argument: _skiff_containerd_services_tasks_v1_ExecProcessRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ExecProcessResponse__Output>): grpc.ClientUnaryCall;
  Exec(argument: _skiff_containerd_services_tasks_v1_ExecProcessRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ExecProcessResponse__Output>): grpc.ClientUnaryCall;
  exec(argument: _skiff_containerd_services_tasks_v1_ExecProcessRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ExecProcessResponse__Output>): grpc.ClientUnaryCall;
  exec(argument: _skiff_containerd_services_tasks_v1_ExecProcessRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ExecProcessResponse__Output>): grpc.ClientUnaryCall;
  exec(argument: _skiff_containerd_services_tasks_v1_ExecProcessRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ExecProcessResponse__Output>): grpc.ClientUnaryCall;
  exec(argument: _skiff_containerd_services_tasks_v1_ExecProcessRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ExecProcessResponse__Output>): grpc.ClientUnaryCall;
  
  Get(argument: _skiff_containerd_services_tasks_v1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _skiff_containerd_services_tasks_v1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _skiff_containerd_services_tasks_v1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  Get(argument: _skiff_containerd_services_tasks_v1_GetRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _skiff_containerd_services_tasks_v1_GetRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _skiff_containerd_services_tasks_v1_GetRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _skiff_containerd_services_tasks_v1_GetRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  get(argument: _skiff_containerd_services_tasks_v1_GetRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_GetResponse__Output>): grpc.ClientUnaryCall;
  
  Kill(argument: _skiff_containerd_services_tasks_v1_KillRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_KillResponse__Output>): grpc.ClientUnaryCall;
  Kill(argument: _skiff_containerd_services_tasks_v1_KillRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_KillResponse__Output>): grpc.ClientUnaryCall;
  Kill(argument: _skiff_containerd_services_tasks_v1_KillRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_KillResponse__Output>): grpc.ClientUnaryCall;
  Kill(argument: _skiff_containerd_services_tasks_v1_KillRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_KillResponse__Output>): grpc.ClientUnaryCall;
  kill(argument: _skiff_containerd_services_tasks_v1_KillRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_KillResponse__Output>): grpc.ClientUnaryCall;
  kill(argument: _skiff_containerd_services_tasks_v1_KillRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_KillResponse__Output>): grpc.ClientUnaryCall;
  kill(argument: _skiff_containerd_services_tasks_v1_KillRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_KillResponse__Output>): grpc.ClientUnaryCall;
  kill(argument: _skiff_containerd_services_tasks_v1_KillRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_KillResponse__Output>): grpc.ClientUnaryCall;
  
  List(argument: _skiff_containerd_services_tasks_v1_ListTasksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _skiff_containerd_services_tasks_v1_ListTasksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _skiff_containerd_services_tasks_v1_ListTasksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  List(argument: _skiff_containerd_services_tasks_v1_ListTasksRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _skiff_containerd_services_tasks_v1_ListTasksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _skiff_containerd_services_tasks_v1_ListTasksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _skiff_containerd_services_tasks_v1_ListTasksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  list(argument: _skiff_containerd_services_tasks_v1_ListTasksRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ListTasksResponse__Output>): grpc.ClientUnaryCall;
  
  ListPids(argument: _skiff_containerd_services_tasks_v1_ListPidsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ListPidsResponse__Output>): grpc.ClientUnaryCall;
  ListPids(argument: _skiff_containerd_services_tasks_v1_ListPidsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ListPidsResponse__Output>): grpc.ClientUnaryCall;
  ListPids(argument: _skiff_containerd_services_tasks_v1_ListPidsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ListPidsResponse__Output>): grpc.ClientUnaryCall;
  ListPids(argument: _skiff_containerd_services_tasks_v1_ListPidsRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ListPidsResponse__Output>): grpc.ClientUnaryCall;
  listPids(argument: _skiff_containerd_services_tasks_v1_ListPidsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ListPidsResponse__Output>): grpc.ClientUnaryCall;
  listPids(argument: _skiff_containerd_services_tasks_v1_ListPidsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ListPidsResponse__Output>): grpc.ClientUnaryCall;
  listPids(argument: _skiff_containerd_services_tasks_v1_ListPidsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ListPidsResponse__Output>): grpc.ClientUnaryCall;
  listPids(argument: _skiff_containerd_services_tasks_v1_ListPidsRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ListPidsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Resource-use samples of the tasks matching the filters.
   */
  Metrics(argument: _skiff_containerd_services_tasks_v1_MetricsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_MetricsResponse__Output>): grpc.ClientUnaryCall;
  Metrics(argument: _skiff_containerd_services_tasks_v1_MetricsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_MetricsResponse__Output>): grpc.ClientUnaryCall;
  Metrics(argument: _skiff_containerd_services_tasks_v1_MetricsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_MetricsResponse__Output>): grpc.ClientUnaryCall;
  Metrics(argument: _skiff_containerd_services_tasks_v1_MetricsRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_MetricsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Resource-use samples of the tasks matching the filters.
   */
  metrics(argument: _skiff_containerd_services_tasks_v1_MetricsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_MetricsResponse__Output>): grpc.ClientUnaryCall;
  metrics(argument: _skiff_containerd_services_tasks_v1_MetricsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_MetricsResponse__Output>): grpc.ClientUnaryCall;
  metrics(argument: _skiff_containerd_services_tasks_v1_MetricsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_MetricsResponse__Output>): grpc.ClientUnaryCall;
  metrics(argument: _skiff_containerd_services_tasks_v1_MetricsRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_MetricsResponse__Output>): grpc.ClientUnaryCall;
  
  Pause(argument: _skiff_containerd_services_tasks_v1_PauseTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_PauseTaskResponse__Output>): grpc.ClientUnaryCall;
  Pause(argument: _skiff_containerd_services_tasks_v1_PauseTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_PauseTaskResponse__Output>): grpc.ClientUnaryCall;
  Pause(argument: _skiff_containerd_services_tasks_v1_PauseTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_PauseTaskResponse__Output>): grpc.ClientUnaryCall;
  Pause(argument: _skiff_containerd_services_tasks_v1_PauseTaskRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_PauseTaskResponse__Output>): grpc.ClientUnaryCall;
  pause(argument: _skiff_containerd_services_tasks_v1_PauseTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_PauseTaskResponse__Output>): grpc.ClientUnaryCall;
  pause(argument: _skiff_containerd_services_tasks_v1_PauseTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_PauseTaskResponse__Output>): grpc.ClientUnaryCall;
  pause(argument: _skiff_containerd_services_tasks_v1_PauseTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_PauseTaskResponse__Output>): grpc.ClientUnaryCall;
  pause(argument: _skiff_containerd_services_tasks_v1_PauseTaskRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_PauseTaskResponse__Output>): grpc.ClientUnaryCall;
  
  ResizePty(argument: _skiff_containerd_services_tasks_v1_ResizePtyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ResizePtyResponse__Output>): grpc.ClientUnaryCall;
  ResizePty(argument: _skiff_containerd_services_tasks_v1_ResizePtyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ResizePtyResponse__Output>): grpc.ClientUnaryCall;
  ResizePty(argument: _skiff_containerd_services_tasks_v1_ResizePtyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ResizePtyResponse__Output>): grpc.ClientUnaryCall;
  ResizePty(argument: _skiff_containerd_services_tasks_v1_ResizePtyRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ResizePtyResponse__Output>): grpc.ClientUnaryCall;
  resizePty(argument: _skiff_containerd_services_tasks_v1_ResizePtyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ResizePtyResponse__Output>): grpc.ClientUnaryCall;
  resizePty(argument: _skiff_containerd_services_tasks_v1_ResizePtyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ResizePtyResponse__Output>): grpc.ClientUnaryCall;
  resizePty(argument: _skiff_containerd_services_tasks_v1_ResizePtyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ResizePtyResponse__Output>): grpc.ClientUnaryCall;
  resizePty(argument: _skiff_containerd_services_tasks_v1_ResizePtyRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ResizePtyResponse__Output>): grpc.ClientUnaryCall;
  
  Resume(argument: _skiff_containerd_services_tasks_v1_ResumeTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ResumeTaskResponse__Output>): grpc.ClientUnaryCall;
  Resume(argument: _skiff_containerd_services_tasks_v1_ResumeTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ResumeTaskResponse__Output>): grpc.ClientUnaryCall;
  Resume(argument: _skiff_containerd_services_tasks_v1_ResumeTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ResumeTaskResponse__Output>): grpc.ClientUnaryCall;
  Resume(argument: _skiff_containerd_services_tasks_v1_ResumeTaskRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ResumeTaskResponse__Output>): grpc.ClientUnaryCall;
  resume(argument: _skiff_containerd_services_tasks_v1_ResumeTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ResumeTaskResponse__Output>): grpc.ClientUnaryCall;
  resume(argument: _skiff_containerd_services_tasks_v1_ResumeTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ResumeTaskResponse__Output>): grpc.ClientUnaryCall;
  resume(argument: _skiff_containerd_services_tasks_v1_ResumeTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ResumeTaskResponse__Output>): grpc.ClientUnaryCall;
  resume(argument: _skiff_containerd_services_tasks_v1_ResumeTaskRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_ResumeTaskResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Start the init process (exec_id "") or an exec'd one.
   */
  Start(argument: _skiff_containerd_services_tasks_v1_StartRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_StartResponse__Output>): grpc.ClientUnaryCall;
  Start(argument: _skiff_containerd_services_tasks_v1_StartRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_StartResponse__Output>): grpc.ClientUnaryCall;
  Start(argument: _skiff_containerd_services_tasks_v1_StartRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_StartResponse__Output>): grpc.ClientUnaryCall;
  Start(argument: _skiff_containerd_services_tasks_v1_StartRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_StartResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Start the init process (exec_id "") or an exec'd one.
   */
  start(argument: _skiff_containerd_services_tasks_v1_StartRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_StartResponse__Output>): grpc.ClientUnaryCall;
  start(argument: _skiff_containerd_services_tasks_v1_StartRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_StartResponse__Output>): grpc.ClientUnaryCall;
  start(argument: _skiff_containerd_services_tasks_v1_StartRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_StartResponse__Output>): grpc.ClientUnaryCall;
  start(argument: _skiff_containerd_services_tasks_v1_StartRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_StartResponse__Output>): grpc.ClientUnaryCall;
  
  Update(argument: _skiff_containerd_services_tasks_v1_UpdateTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_UpdateTaskResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _skiff_containerd_services_tasks_v1_UpdateTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_UpdateTaskResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _skiff_containerd_services_tasks_v1_UpdateTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_UpdateTaskResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _skiff_containerd_services_tasks_v1_UpdateTaskRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_UpdateTaskResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _skiff_containerd_services_tasks_v1_UpdateTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_UpdateTaskResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _skiff_containerd_services_tasks_v1_UpdateTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_UpdateTaskResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _skiff_containerd_services_tasks_v1_UpdateTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_UpdateTaskResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _skiff_containerd_services_tasks_v1_UpdateTaskRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_UpdateTaskResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Block until a process exits; returns at once for one that already has.
   */
  Wait(argument: _skiff_containerd_services_tasks_v1_WaitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_WaitResponse__Output>): grpc.ClientUnaryCall;
  Wait(argument: _skiff_containerd_services_tasks_v1_WaitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_WaitResponse__Output>): grpc.ClientUnaryCall;
  Wait(argument: _skiff_containerd_services_tasks_v1_WaitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_WaitResponse__Output>): grpc.ClientUnaryCall;
  Wait(argument: _skiff_containerd_services_tasks_v1_WaitRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_WaitResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Block until a process exits; returns at once for one that already has.
   */
  wait(argument: _skiff_containerd_services_tasks_v1_WaitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_WaitResponse__Output>): grpc.ClientUnaryCall;
  wait(argument: _skiff_containerd_services_tasks_v1_WaitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_WaitResponse__Output>): grpc.ClientUnaryCall;
  wait(argument: _skiff_containerd_services_tasks_v1_WaitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_WaitResponse__Output>): grpc.ClientUnaryCall;
  wait(argument: _skiff_containerd_services_tasks_v1_WaitRequest, callback: grpc.requestCallback<_skiff_containerd_services_tasks_v1_WaitResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Tasks runs containers: a task is a container's running instance, held by a shim. These calls
 * mostly forward to skiff.shim.v1.Task on the container's shim; the namespace is the
 * "skiff-namespace" request metadata ("default" when absent). A process is named by container_id
 * and exec_id ("" for the task's init process).
 */
export interface TasksHandlers extends grpc.UntypedServiceImplementation {
  CloseIO: grpc.handleUnaryCall<_skiff_containerd_services_tasks_v1_CloseIORequest__Output, _skiff_containerd_services_tasks_v1_CloseIOResponse>;
  
  /**
   * Create the task of an existing container: mount its rootfs, write the bundle, pick a shim,
   * and call the shim's Create with the container's runtime options.
   */
  Create: grpc.handleUnaryCall<_skiff_containerd_services_tasks_v1_CreateTaskRequest__Output, _skiff_containerd_services_tasks_v1_CreateTaskResponse>;
  
  /**
   * Delete a stopped task: its exit status is returned and then forgotten, the rootfs unmounted.
   */
  Delete: grpc.handleUnaryCall<_skiff_containerd_services_tasks_v1_DeleteTaskRequest__Output, _skiff_containerd_services_tasks_v1_DeleteResponse>;
  
  /**
   * Delete one stopped exec'd process of a task.
   */
  DeleteProcess: grpc.handleUnaryCall<_skiff_containerd_services_tasks_v1_DeleteProcessRequest__Output, _skiff_containerd_services_tasks_v1_DeleteResponse>;
  
  Exec: grpc.handleUnaryCall<_skiff_containerd_services_tasks_v1_ExecProcessRequest__Output, _skiff_containerd_services_tasks_v1_ExecProcessResponse>;
  
  Get: grpc.handleUnaryCall<_skiff_containerd_services_tasks_v1_GetRequest__Output, _skiff_containerd_services_tasks_v1_GetResponse>;
  
  Kill: grpc.handleUnaryCall<_skiff_containerd_services_tasks_v1_KillRequest__Output, _skiff_containerd_services_tasks_v1_KillResponse>;
  
  List: grpc.handleUnaryCall<_skiff_containerd_services_tasks_v1_ListTasksRequest__Output, _skiff_containerd_services_tasks_v1_ListTasksResponse>;
  
  ListPids: grpc.handleUnaryCall<_skiff_containerd_services_tasks_v1_ListPidsRequest__Output, _skiff_containerd_services_tasks_v1_ListPidsResponse>;
  
  /**
   * Resource-use samples of the tasks matching the filters.
   */
  Metrics: grpc.handleUnaryCall<_skiff_containerd_services_tasks_v1_MetricsRequest__Output, _skiff_containerd_services_tasks_v1_MetricsResponse>;
  
  Pause: grpc.handleUnaryCall<_skiff_containerd_services_tasks_v1_PauseTaskRequest__Output, _skiff_containerd_services_tasks_v1_PauseTaskResponse>;
  
  ResizePty: grpc.handleUnaryCall<_skiff_containerd_services_tasks_v1_ResizePtyRequest__Output, _skiff_containerd_services_tasks_v1_ResizePtyResponse>;
  
  Resume: grpc.handleUnaryCall<_skiff_containerd_services_tasks_v1_ResumeTaskRequest__Output, _skiff_containerd_services_tasks_v1_ResumeTaskResponse>;
  
  /**
   * Start the init process (exec_id "") or an exec'd one.
   */
  Start: grpc.handleUnaryCall<_skiff_containerd_services_tasks_v1_StartRequest__Output, _skiff_containerd_services_tasks_v1_StartResponse>;
  
  Update: grpc.handleUnaryCall<_skiff_containerd_services_tasks_v1_UpdateTaskRequest__Output, _skiff_containerd_services_tasks_v1_UpdateTaskResponse>;
  
  /**
   * Block until a process exits; returns at once for one that already has.
   */
  Wait: grpc.handleUnaryCall<_skiff_containerd_services_tasks_v1_WaitRequest__Output, _skiff_containerd_services_tasks_v1_WaitResponse>;
  
}

export interface TasksDefinition extends grpc.ServiceDefinition {
  CloseIO: MethodDefinition<_skiff_containerd_services_tasks_v1_CloseIORequest, _skiff_containerd_services_tasks_v1_CloseIOResponse, _skiff_containerd_services_tasks_v1_CloseIORequest__Output, _skiff_containerd_services_tasks_v1_CloseIOResponse__Output>
  Create: MethodDefinition<_skiff_containerd_services_tasks_v1_CreateTaskRequest, _skiff_containerd_services_tasks_v1_CreateTaskResponse, _skiff_containerd_services_tasks_v1_CreateTaskRequest__Output, _skiff_containerd_services_tasks_v1_CreateTaskResponse__Output>
  Delete: MethodDefinition<_skiff_containerd_services_tasks_v1_DeleteTaskRequest, _skiff_containerd_services_tasks_v1_DeleteResponse, _skiff_containerd_services_tasks_v1_DeleteTaskRequest__Output, _skiff_containerd_services_tasks_v1_DeleteResponse__Output>
  DeleteProcess: MethodDefinition<_skiff_containerd_services_tasks_v1_DeleteProcessRequest, _skiff_containerd_services_tasks_v1_DeleteResponse, _skiff_containerd_services_tasks_v1_DeleteProcessRequest__Output, _skiff_containerd_services_tasks_v1_DeleteResponse__Output>
  Exec: MethodDefinition<_skiff_containerd_services_tasks_v1_ExecProcessRequest, _skiff_containerd_services_tasks_v1_ExecProcessResponse, _skiff_containerd_services_tasks_v1_ExecProcessRequest__Output, _skiff_containerd_services_tasks_v1_ExecProcessResponse__Output>
  Get: MethodDefinition<_skiff_containerd_services_tasks_v1_GetRequest, _skiff_containerd_services_tasks_v1_GetResponse, _skiff_containerd_services_tasks_v1_GetRequest__Output, _skiff_containerd_services_tasks_v1_GetResponse__Output>
  Kill: MethodDefinition<_skiff_containerd_services_tasks_v1_KillRequest, _skiff_containerd_services_tasks_v1_KillResponse, _skiff_containerd_services_tasks_v1_KillRequest__Output, _skiff_containerd_services_tasks_v1_KillResponse__Output>
  List: MethodDefinition<_skiff_containerd_services_tasks_v1_ListTasksRequest, _skiff_containerd_services_tasks_v1_ListTasksResponse, _skiff_containerd_services_tasks_v1_ListTasksRequest__Output, _skiff_containerd_services_tasks_v1_ListTasksResponse__Output>
  ListPids: MethodDefinition<_skiff_containerd_services_tasks_v1_ListPidsRequest, _skiff_containerd_services_tasks_v1_ListPidsResponse, _skiff_containerd_services_tasks_v1_ListPidsRequest__Output, _skiff_containerd_services_tasks_v1_ListPidsResponse__Output>
  Metrics: MethodDefinition<_skiff_containerd_services_tasks_v1_MetricsRequest, _skiff_containerd_services_tasks_v1_MetricsResponse, _skiff_containerd_services_tasks_v1_MetricsRequest__Output, _skiff_containerd_services_tasks_v1_MetricsResponse__Output>
  Pause: MethodDefinition<_skiff_containerd_services_tasks_v1_PauseTaskRequest, _skiff_containerd_services_tasks_v1_PauseTaskResponse, _skiff_containerd_services_tasks_v1_PauseTaskRequest__Output, _skiff_containerd_services_tasks_v1_PauseTaskResponse__Output>
  ResizePty: MethodDefinition<_skiff_containerd_services_tasks_v1_ResizePtyRequest, _skiff_containerd_services_tasks_v1_ResizePtyResponse, _skiff_containerd_services_tasks_v1_ResizePtyRequest__Output, _skiff_containerd_services_tasks_v1_ResizePtyResponse__Output>
  Resume: MethodDefinition<_skiff_containerd_services_tasks_v1_ResumeTaskRequest, _skiff_containerd_services_tasks_v1_ResumeTaskResponse, _skiff_containerd_services_tasks_v1_ResumeTaskRequest__Output, _skiff_containerd_services_tasks_v1_ResumeTaskResponse__Output>
  Start: MethodDefinition<_skiff_containerd_services_tasks_v1_StartRequest, _skiff_containerd_services_tasks_v1_StartResponse, _skiff_containerd_services_tasks_v1_StartRequest__Output, _skiff_containerd_services_tasks_v1_StartResponse__Output>
  Update: MethodDefinition<_skiff_containerd_services_tasks_v1_UpdateTaskRequest, _skiff_containerd_services_tasks_v1_UpdateTaskResponse, _skiff_containerd_services_tasks_v1_UpdateTaskRequest__Output, _skiff_containerd_services_tasks_v1_UpdateTaskResponse__Output>
  Wait: MethodDefinition<_skiff_containerd_services_tasks_v1_WaitRequest, _skiff_containerd_services_tasks_v1_WaitResponse, _skiff_containerd_services_tasks_v1_WaitRequest__Output, _skiff_containerd_services_tasks_v1_WaitResponse__Output>
}
