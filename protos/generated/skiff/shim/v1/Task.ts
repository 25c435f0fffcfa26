// Original file: skiff/shim/v1/shim.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CloseIORequest as _skiff_shim_v1_CloseIORequest, CloseIORequest__Output as _skiff_shim_v1_CloseIORequest__Output } from '../../../skiff/shim/v1/CloseIORequest';
import type { CloseIOResponse as _skiff_shim_v1_CloseIOResponse, CloseIOResponse__Output as _skiff_shim_v1_CloseIOResponse__Output } from '../../../skiff/shim/v1/CloseIOResponse';
import type { ConnectRequest as _skiff_shim_v1_ConnectRequest, ConnectRequest__Output as _skiff_shim_v1_ConnectRequest__Output } from '../../../skiff/shim/v1/ConnectRequest';
import type { ConnectResponse as _skiff_shim_v1_ConnectResponse, ConnectResponse__Output as _skiff_shim_v1_ConnectResponse__Output } from '../../../skiff/shim/v1/ConnectResponse';
import type { CreateTaskRequest as _skiff_shim_v1_CreateTaskRequest, CreateTaskRequest__Output as _skiff_shim_v1_CreateTaskRequest__Output } from '../../../skiff/shim/v1/CreateTaskRequest';
import type { CreateTaskResponse as _skiff_shim_v1_CreateTaskResponse, CreateTaskResponse__Output as _skiff_shim_v1_CreateTaskResponse__Output } from '../../../skiff/shim/v1/CreateTaskResponse';
import type { DeleteRequest as _skiff_shim_v1_DeleteRequest, DeleteRequest__Output as _skiff_shim_v1_DeleteRequest__Output } from '../../../skiff/shim/v1/DeleteRequest';
import type { DeleteResponse as _skiff_shim_v1_DeleteResponse, DeleteResponse__Output as _skiff_shim_v1_DeleteResponse__Output } from '../../../skiff/shim/v1/DeleteResponse';
import type { Envelope as _skiff_events_v1_Envelope, Envelope__Output as _skiff_events_v1_Envelope__Output } from '../../../skiff/events/v1/Envelope';
import type { EventsRequest as _skiff_shim_v1_EventsRequest, EventsRequest__Output as _skiff_shim_v1_EventsRequest__Output } from '../../../skiff/shim/v1/EventsRequest';
import type { ExecProcessRequest as _skiff_shim_v1_ExecProcessRequest, ExecProcessRequest__Output as _skiff_shim_v1_ExecProcessRequest__Output } from '../../../skiff/shim/v1/ExecProcessRequest';
import type { ExecProcessResponse as _skiff_shim_v1_ExecProcessResponse, ExecProcessResponse__Output as _skiff_shim_v1_ExecProcessResponse__Output } from '../../../skiff/shim/v1/ExecProcessResponse';
import type { KillRequest as _skiff_shim_v1_KillRequest, KillRequest__Output as _skiff_shim_v1_KillRequest__Output } from '../../../skiff/shim/v1/KillRequest';
import type { KillResponse as _skiff_shim_v1_KillResponse, KillResponse__Output as _skiff_shim_v1_KillResponse__Output } from '../../../skiff/shim/v1/KillResponse';
import type { PauseRequest as _skiff_shim_v1_PauseRequest, PauseRequest__Output as _skiff_shim_v1_PauseRequest__Output } from '../../../skiff/shim/v1/PauseRequest';
import type { PauseResponse as _skiff_shim_v1_PauseResponse, PauseResponse__Output as _skiff_shim_v1_PauseResponse__Output } from '../../../skiff/shim/v1/PauseResponse';
import type { PidsRequest as _skiff_shim_v1_PidsRequest, PidsRequest__Output as _skiff_shim_v1_PidsRequest__Output } from '../../../skiff/shim/v1/PidsRequest';
import type { PidsResponse as _skiff_shim_v1_PidsResponse, PidsResponse__Output as _skiff_shim_v1_PidsResponse__Output } from '../../../skiff/shim/v1/PidsResponse';
import type { ResizePtyRequest as _skiff_shim_v1_ResizePtyRequest, ResizePtyRequest__Output as _skiff_shim_v1_ResizePtyRequest__Output } from '../../../skiff/shim/v1/ResizePtyRequest';
import type { ResizePtyResponse as _skiff_shim_v1_ResizePtyResponse, ResizePtyResponse__Output as _skiff_shim_v1_ResizePtyResponse__Output } from '../../../skiff/shim/v1/ResizePtyResponse';
import type { ResumeRequest as _skiff_shim_v1_ResumeRequest, ResumeRequest__Output as _skiff_shim_v1_ResumeRequest__Output } from '../../../skiff/shim/v1/ResumeRequest';
import type { ResumeResponse as _skiff_shim_v1_ResumeResponse, ResumeResponse__Output as _skiff_shim_v1_ResumeResponse__Output } from '../../../skiff/shim/v1/ResumeResponse';
import type { ShutdownRequest as _skiff_shim_v1_ShutdownRequest, ShutdownRequest__Output as _skiff_shim_v1_ShutdownRequest__Output } from '../../../skiff/shim/v1/ShutdownRequest';
import type { ShutdownResponse as _skiff_shim_v1_ShutdownResponse, ShutdownResponse__Output as _skiff_shim_v1_ShutdownResponse__Output } from '../../../skiff/shim/v1/ShutdownResponse';
import type { StartRequest as _skiff_shim_v1_StartRequest, StartRequest__Output as _skiff_shim_v1_StartRequest__Output } from '../../../skiff/shim/v1/StartRequest';
import type { StartResponse as _skiff_shim_v1_StartResponse, StartResponse__Output as _skiff_shim_v1_StartResponse__Output } from '../../../skiff/shim/v1/StartResponse';
import type { StateRequest as _skiff_shim_v1_StateRequest, StateRequest__Output as _skiff_shim_v1_StateRequest__Output } from '../../../skiff/shim/v1/StateRequest';
import type { StateResponse as _skiff_shim_v1_StateResponse, StateResponse__Output as _skiff_shim_v1_StateResponse__Output } from '../../../skiff/shim/v1/StateResponse';
import type { StatsRequest as _skiff_shim_v1_StatsRequest, StatsRequest__Output as _skiff_shim_v1_StatsRequest__Output } from '../../../skiff/shim/v1/StatsRequest';
import type { StatsResponse as _skiff_shim_v1_StatsResponse, StatsResponse__Output as _skiff_shim_v1_StatsResponse__Output } from '../../../skiff/shim/v1/StatsResponse';
import type { UpdateTaskRequest as _skiff_shim_v1_UpdateTaskRequest, UpdateTaskRequest__Output as _skiff_shim_v1_UpdateTaskRequest__Output } from '../../../skiff/shim/v1/UpdateTaskRequest';
import type { UpdateTaskResponse as _skiff_shim_v1_UpdateTaskResponse, UpdateTaskResponse__Output as _skiff_shim_v1_UpdateTaskResponse__Output } from '../../../skiff/shim/v1/UpdateTaskResponse';
import type { WaitRequest as _skiff_shim_v1_WaitRequest, WaitRequest__Output as _skiff_shim_v1_WaitRequest__Output } from '../../../skiff/shim/v1/WaitRequest';
import type { WaitResponse as _skiff_shim_v1_WaitResponse, WaitResponse__Output as _skiff_shim_v1_WaitResponse__Output } from '../../../skiff/shim/v1/WaitResponse';

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
export interface TaskClient extends grpc.Client {
  /**
   * Close a process's stdin (end of input).
   */
  CloseIO(argument: _skiff_shim_v1_CloseIORequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_CloseIOResponse__Output>): grpc.ClientUnaryCall;
  CloseIO(argument: _skiff_shim_v1_CloseIORequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_CloseIOResponse__Output>): grpc.ClientUnaryCall;
  CloseIO(argument: _skiff_shim_v1_CloseIORequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_CloseIOResponse__Output>): grpc.ClientUnaryCall;
  CloseIO(argument: _skiff_shim_v1_CloseIORequest, callback: grpc.requestCallback<_skiff_shim_v1_CloseIOResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Close a process's stdin (end of input).
   */
  closeIo(argument: _skiff_shim_v1_CloseIORequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_CloseIOResponse__Output>): grpc.ClientUnaryCall;
  closeIo(argument: _skiff_shim_v1_CloseIORequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_CloseIOResponse__Output>): grpc.ClientUnaryCall;
  closeIo(argument: _skiff_shim_v1_CloseIORequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_CloseIOResponse__Output>): grpc.ClientUnaryCall;
  closeIo(argument: _skiff_shim_v1_CloseIORequest, callback: grpc.requestCallback<_skiff_shim_v1_CloseIOResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Check that the shim holds this task and learn the pids: what a supervisor calls first when it
   * (re)connects.
   */
  Connect(argument: _skiff_shim_v1_ConnectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_ConnectResponse__Output>): grpc.ClientUnaryCall;
  Connect(argument: _skiff_shim_v1_ConnectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_ConnectResponse__Output>): grpc.ClientUnaryCall;
  Connect(argument: _skiff_shim_v1_ConnectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_ConnectResponse__Output>): grpc.ClientUnaryCall;
  Connect(argument: _skiff_shim_v1_ConnectRequest, callback: grpc.requestCallback<_skiff_shim_v1_ConnectResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Check that the shim holds this task and learn the pids: what a supervisor calls first when it
   * (re)connects.
   */
  connect(argument: _skiff_shim_v1_ConnectRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_ConnectResponse__Output>): grpc.ClientUnaryCall;
  connect(argument: _skiff_shim_v1_ConnectRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_ConnectResponse__Output>): grpc.ClientUnaryCall;
  connect(argument: _skiff_shim_v1_ConnectRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_ConnectResponse__Output>): grpc.ClientUnaryCall;
  connect(argument: _skiff_shim_v1_ConnectRequest, callback: grpc.requestCallback<_skiff_shim_v1_ConnectResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Create the task with the runtime (runtime "create"): namespaces, mounts, cgroup, stdio. The
   * init process exists afterwards but has not execve'd the user's program. Emits TaskCreate.
   */
  Create(argument: _skiff_shim_v1_CreateTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_CreateTaskResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _skiff_shim_v1_CreateTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_CreateTaskResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _skiff_shim_v1_CreateTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_CreateTaskResponse__Output>): grpc.ClientUnaryCall;
  Create(argument: _skiff_shim_v1_CreateTaskRequest, callback: grpc.requestCallback<_skiff_shim_v1_CreateTaskResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Create the task with the runtime (runtime "create"): namespaces, mounts, cgroup, stdio. The
   * init process exists afterwards but has not execve'd the user's program. Emits TaskCreate.
   */
  create(argument: _skiff_shim_v1_CreateTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_CreateTaskResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _skiff_shim_v1_CreateTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_CreateTaskResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _skiff_shim_v1_CreateTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_CreateTaskResponse__Output>): grpc.ClientUnaryCall;
  create(argument: _skiff_shim_v1_CreateTaskRequest, callback: grpc.requestCallback<_skiff_shim_v1_CreateTaskResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Forget a stopped (or never started) process and return its exit; for the init process also
   * remove the task from the runtime and unmount its rootfs. Emits TaskDelete for the init
   * process. Until then the exit status is kept (State, Wait, and the replayed TaskExit).
   */
  Delete(argument: _skiff_shim_v1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _skiff_shim_v1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _skiff_shim_v1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _skiff_shim_v1_DeleteRequest, callback: grpc.requestCallback<_skiff_shim_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Forget a stopped (or never started) process and return its exit; for the init process also
   * remove the task from the runtime and unmount its rootfs. Emits TaskDelete for the init
   * process. Until then the exit status is kept (State, Wait, and the replayed TaskExit).
   */
  delete(argument: _skiff_shim_v1_DeleteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _skiff_shim_v1_DeleteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _skiff_shim_v1_DeleteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _skiff_shim_v1_DeleteRequest, callback: grpc.requestCallback<_skiff_shim_v1_DeleteResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The shim's events, for all the tasks it holds, in order: first those it kept with a sequence
   * number above after_sequence, then new ones as they happen. See docs/shim-api.md.
   */
  Events(argument: _skiff_shim_v1_EventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_events_v1_Envelope__Output>;
  Events(argument: _skiff_shim_v1_EventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_events_v1_Envelope__Output>;
  /**
   * The shim's events, for all the tasks it holds, in order: first those it kept with a sequence
   * number above after_sequence, then new ones as they happen. See docs/shim-api.md.
   */
  events(argument: _skiff_shim_v1_EventsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_events_v1_Envelope__Output>;
  events(argument: _skiff_shim_v1_EventsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_events_v1_Envelope__Output>;
  
  /**
   * Register another process in the task (not started: call Start with its exec_id). Emits
   * TaskExecAdded.
   */
  Exec(argument: _skiff_shim_v1_ExecProcessRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_ExecProcessResponse__Output>): grpc.ClientUnaryCall;
  Exec(argument: _skiff_shim_v1_ExecProcessRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_ExecProcessResponse__Output>): grpc.ClientUnaryCall;
  Exec(argument: _skiff_shim_v1_ExecProcessRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_ExecProcessResponse__Output>): grpc.ClientUnaryCall;
  Exec(argument: _skiff_shim_v1_ExecProcessRequest, callback: grpc.requestCallback<_skiff_shim_v1_ExecProcessResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Register another process in the task (not started: call Start with its exec_id). Emits
   * TaskExecAdded.
   */
  exec(argument: _skiff_shim_v1_ExecProcessRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_ExecProcessResponse__Output>): grpc.ClientUnaryCall;
  exec(argument: _skiff_shim_v1_ExecProcessRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_ExecProcessResponse__Output>): grpc.ClientUnaryCall;
  exec(argument: _skiff_shim_v1_ExecProcessRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_ExecProcessResponse__Output>): grpc.ClientUnaryCall;
  exec(argument: _skiff_shim_v1_ExecProcessRequest, callback: grpc.requestCallback<_skiff_shim_v1_ExecProcessResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Send a signal to a process, or to every process of the task.
   */
  Kill(argument: _skiff_shim_v1_KillRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_KillResponse__Output>): grpc.ClientUnaryCall;
  Kill(argument: _skiff_shim_v1_KillRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_KillResponse__Output>): grpc.ClientUnaryCall;
  Kill(argument: _skiff_shim_v1_KillRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_KillResponse__Output>): grpc.ClientUnaryCall;
  Kill(argument: _skiff_shim_v1_KillRequest, callback: grpc.requestCallback<_skiff_shim_v1_KillResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Send a signal to a process, or to every process of the task.
   */
  kill(argument: _skiff_shim_v1_KillRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_KillResponse__Output>): grpc.ClientUnaryCall;
  kill(argument: _skiff_shim_v1_KillRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_KillResponse__Output>): grpc.ClientUnaryCall;
  kill(argument: _skiff_shim_v1_KillRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_KillResponse__Output>): grpc.ClientUnaryCall;
  kill(argument: _skiff_shim_v1_KillRequest, callback: grpc.requestCallback<_skiff_shim_v1_KillResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Freeze the task. Emits TaskPaused.
   */
  Pause(argument: _skiff_shim_v1_PauseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_PauseResponse__Output>): grpc.ClientUnaryCall;
  Pause(argument: _skiff_shim_v1_PauseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_PauseResponse__Output>): grpc.ClientUnaryCall;
  Pause(argument: _skiff_shim_v1_PauseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_PauseResponse__Output>): grpc.ClientUnaryCall;
  Pause(argument: _skiff_shim_v1_PauseRequest, callback: grpc.requestCallback<_skiff_shim_v1_PauseResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Freeze the task. Emits TaskPaused.
   */
  pause(argument: _skiff_shim_v1_PauseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_PauseResponse__Output>): grpc.ClientUnaryCall;
  pause(argument: _skiff_shim_v1_PauseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_PauseResponse__Output>): grpc.ClientUnaryCall;
  pause(argument: _skiff_shim_v1_PauseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_PauseResponse__Output>): grpc.ClientUnaryCall;
  pause(argument: _skiff_shim_v1_PauseRequest, callback: grpc.requestCallback<_skiff_shim_v1_PauseResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The processes in the task's cgroup.
   */
  Pids(argument: _skiff_shim_v1_PidsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_PidsResponse__Output>): grpc.ClientUnaryCall;
  Pids(argument: _skiff_shim_v1_PidsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_PidsResponse__Output>): grpc.ClientUnaryCall;
  Pids(argument: _skiff_shim_v1_PidsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_PidsResponse__Output>): grpc.ClientUnaryCall;
  Pids(argument: _skiff_shim_v1_PidsRequest, callback: grpc.requestCallback<_skiff_shim_v1_PidsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The processes in the task's cgroup.
   */
  pids(argument: _skiff_shim_v1_PidsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_PidsResponse__Output>): grpc.ClientUnaryCall;
  pids(argument: _skiff_shim_v1_PidsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_PidsResponse__Output>): grpc.ClientUnaryCall;
  pids(argument: _skiff_shim_v1_PidsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_PidsResponse__Output>): grpc.ClientUnaryCall;
  pids(argument: _skiff_shim_v1_PidsRequest, callback: grpc.requestCallback<_skiff_shim_v1_PidsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Set the size of a process's terminal.
   */
  ResizePty(argument: _skiff_shim_v1_ResizePtyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_ResizePtyResponse__Output>): grpc.ClientUnaryCall;
  ResizePty(argument: _skiff_shim_v1_ResizePtyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_ResizePtyResponse__Output>): grpc.ClientUnaryCall;
  ResizePty(argument: _skiff_shim_v1_ResizePtyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_ResizePtyResponse__Output>): grpc.ClientUnaryCall;
  ResizePty(argument: _skiff_shim_v1_ResizePtyRequest, callback: grpc.requestCallback<_skiff_shim_v1_ResizePtyResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Set the size of a process's terminal.
   */
  resizePty(argument: _skiff_shim_v1_ResizePtyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_ResizePtyResponse__Output>): grpc.ClientUnaryCall;
  resizePty(argument: _skiff_shim_v1_ResizePtyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_ResizePtyResponse__Output>): grpc.ClientUnaryCall;
  resizePty(argument: _skiff_shim_v1_ResizePtyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_ResizePtyResponse__Output>): grpc.ClientUnaryCall;
  resizePty(argument: _skiff_shim_v1_ResizePtyRequest, callback: grpc.requestCallback<_skiff_shim_v1_ResizePtyResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Thaw the task. Emits TaskResumed.
   */
  Resume(argument: _skiff_shim_v1_ResumeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_ResumeResponse__Output>): grpc.ClientUnaryCall;
  Resume(argument: _skiff_shim_v1_ResumeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_ResumeResponse__Output>): grpc.ClientUnaryCall;
  Resume(argument: _skiff_shim_v1_ResumeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_ResumeResponse__Output>): grpc.ClientUnaryCall;
  Resume(argument: _skiff_shim_v1_ResumeRequest, callback: grpc.requestCallback<_skiff_shim_v1_ResumeResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Thaw the task. Emits TaskResumed.
   */
  resume(argument: _skiff_shim_v1_ResumeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_ResumeResponse__Output>): grpc.ClientUnaryCall;
  resume(argument: _skiff_shim_v1_ResumeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_ResumeResponse__Output>): grpc.ClientUnaryCall;
  resume(argument: _skiff_shim_v1_ResumeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_ResumeResponse__Output>): grpc.ClientUnaryCall;
  resume(argument: _skiff_shim_v1_ResumeRequest, callback: grpc.requestCallback<_skiff_shim_v1_ResumeResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Release the shim for this task: the shim exits once it holds no task any more.
   */
  Shutdown(argument: _skiff_shim_v1_ShutdownRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_ShutdownResponse__Output>): grpc.ClientUnaryCall;
  Shutdown(argument: _skiff_shim_v1_ShutdownRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_ShutdownResponse__Output>): grpc.ClientUnaryCall;
  Shutdown(argument: _skiff_shim_v1_ShutdownRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_ShutdownResponse__Output>): grpc.ClientUnaryCall;
  Shutdown(argument: _skiff_shim_v1_ShutdownRequest, callback: grpc.requestCallback<_skiff_shim_v1_ShutdownResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Release the shim for this task: the shim exits once it holds no task any more.
   */
  shutdown(argument: _skiff_shim_v1_ShutdownRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_ShutdownResponse__Output>): grpc.ClientUnaryCall;
  shutdown(argument: _skiff_shim_v1_ShutdownRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_ShutdownResponse__Output>): grpc.ClientUnaryCall;
  shutdown(argument: _skiff_shim_v1_ShutdownRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_ShutdownResponse__Output>): grpc.ClientUnaryCall;
  shutdown(argument: _skiff_shim_v1_ShutdownRequest, callback: grpc.requestCallback<_skiff_shim_v1_ShutdownResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Start the init process (exec_id "") or an exec'd one. Emits TaskStart or TaskExecStarted.
   */
  Start(argument: _skiff_shim_v1_StartRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_StartResponse__Output>): grpc.ClientUnaryCall;
  Start(argument: _skiff_shim_v1_StartRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_StartResponse__Output>): grpc.ClientUnaryCall;
  Start(argument: _skiff_shim_v1_StartRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_StartResponse__Output>): grpc.ClientUnaryCall;
  Start(argument: _skiff_shim_v1_StartRequest, callback: grpc.requestCallback<_skiff_shim_v1_StartResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Start the init process (exec_id "") or an exec'd one. Emits TaskStart or TaskExecStarted.
   */
  start(argument: _skiff_shim_v1_StartRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_StartResponse__Output>): grpc.ClientUnaryCall;
  start(argument: _skiff_shim_v1_StartRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_StartResponse__Output>): grpc.ClientUnaryCall;
  start(argument: _skiff_shim_v1_StartRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_StartResponse__Output>): grpc.ClientUnaryCall;
  start(argument: _skiff_shim_v1_StartRequest, callback: grpc.requestCallback<_skiff_shim_v1_StartResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The state of a process.
   */
  State(argument: _skiff_shim_v1_StateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_StateResponse__Output>): grpc.ClientUnaryCall;
  State(argument: _skiff_shim_v1_StateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_StateResponse__Output>): grpc.ClientUnaryCall;
  State(argument: _skiff_shim_v1_StateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_StateResponse__Output>): grpc.ClientUnaryCall;
  State(argument: _skiff_shim_v1_StateRequest, callback: grpc.requestCallback<_skiff_shim_v1_StateResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The state of a process.
   */
  state(argument: _skiff_shim_v1_StateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_StateResponse__Output>): grpc.ClientUnaryCall;
  state(argument: _skiff_shim_v1_StateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_StateResponse__Output>): grpc.ClientUnaryCall;
  state(argument: _skiff_shim_v1_StateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_StateResponse__Output>): grpc.ClientUnaryCall;
  state(argument: _skiff_shim_v1_StateRequest, callback: grpc.requestCallback<_skiff_shim_v1_StateResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * One resource-use sample of the task.
   */
  Stats(argument: _skiff_shim_v1_StatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_StatsResponse__Output>): grpc.ClientUnaryCall;
  Stats(argument: _skiff_shim_v1_StatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_StatsResponse__Output>): grpc.ClientUnaryCall;
  Stats(argument: _skiff_shim_v1_StatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_StatsResponse__Output>): grpc.ClientUnaryCall;
  Stats(argument: _skiff_shim_v1_StatsRequest, callback: grpc.requestCallback<_skiff_shim_v1_StatsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * One resource-use sample of the task.
   */
  stats(argument: _skiff_shim_v1_StatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_StatsResponse__Output>): grpc.ClientUnaryCall;
  stats(argument: _skiff_shim_v1_StatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_StatsResponse__Output>): grpc.ClientUnaryCall;
  stats(argument: _skiff_shim_v1_StatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_StatsResponse__Output>): grpc.ClientUnaryCall;
  stats(argument: _skiff_shim_v1_StatsRequest, callback: grpc.requestCallback<_skiff_shim_v1_StatsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Change the task's resources (cgroup limits) while it runs.
   */
  Update(argument: _skiff_shim_v1_UpdateTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_UpdateTaskResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _skiff_shim_v1_UpdateTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_UpdateTaskResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _skiff_shim_v1_UpdateTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_UpdateTaskResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _skiff_shim_v1_UpdateTaskRequest, callback: grpc.requestCallback<_skiff_shim_v1_UpdateTaskResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Change the task's resources (cgroup limits) while it runs.
   */
  update(argument: _skiff_shim_v1_UpdateTaskRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_UpdateTaskResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _skiff_shim_v1_UpdateTaskRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_UpdateTaskResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _skiff_shim_v1_UpdateTaskRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_UpdateTaskResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _skiff_shim_v1_UpdateTaskRequest, callback: grpc.requestCallback<_skiff_shim_v1_UpdateTaskResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Block until a process has exited (returns at once if it already has).
   */
  Wait(argument: _skiff_shim_v1_WaitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_WaitResponse__Output>): grpc.ClientUnaryCall;
  Wait(argument: _skiff_shim_v1_WaitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_WaitResponse__Output>): grpc.ClientUnaryCall;
  Wait(argument: _skiff_shim_v1_WaitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_WaitResponse__Output>): grpc.ClientUnaryCall;
  Wait(argument: _skiff_shim_v1_WaitRequest, callback: grpc.requestCallback<_skiff_shim_v1_WaitResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Block until a process has exited (returns at once if it already has).
   */
  wait(argument: _skiff_shim_v1_WaitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_WaitResponse__Output>): grpc.ClientUnaryCall;
  wait(argument: _skiff_shim_v1_WaitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_shim_v1_WaitResponse__Output>): grpc.ClientUnaryCall;
  wait(argument: _skiff_shim_v1_WaitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_shim_v1_WaitResponse__Output>): grpc.ClientUnaryCall;
  wait(argument: _skiff_shim_v1_WaitRequest, callback: grpc.requestCallback<_skiff_shim_v1_WaitResponse__Output>): grpc.ClientUnaryCall;
  
}

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
export interface TaskHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Close a process's stdin (end of input).
   */
  CloseIO: grpc.handleUnaryCall<_skiff_shim_v1_CloseIORequest__Output, _skiff_shim_v1_CloseIOResponse>;
  
  /**
   * Check that the shim holds this task and learn the pids: what a supervisor calls first when it
   * (re)connects.
   */
  Connect: grpc.handleUnaryCall<_skiff_shim_v1_ConnectRequest__Output, _skiff_shim_v1_ConnectResponse>;
  
  /**
   * Create the task with the runtime (runtime "create"): namespaces, mounts, cgroup, stdio. The
   * init process exists afterwards but has not execve'd the user's program. Emits TaskCreate.
   */
  Create: grpc.handleUnaryCall<_skiff_shim_v1_CreateTaskRequest__Output, _skiff_shim_v1_CreateTaskResponse>;
  
  /**
   * Forget a stopped (or never started) process and return its exit; for the init process also
   * remove the task from the runtime and unmount its rootfs. Emits TaskDelete for the init
   * process. Until then the exit status is kept (State, Wait, and the replayed TaskExit).
   */
  Delete: grpc.handleUnaryCall<_skiff_shim_v1_DeleteRequest__Output, _skiff_shim_v1_DeleteResponse>;
  
  /**
   * The shim's events, for all the tasks it holds, in order: first those it kept with a sequence
   * number above after_sequence, then new ones as they happen. See docs/shim-api.md.
   */
  Events: grpc.handleServerStreamingCall<_skiff_shim_v1_EventsRequest__Output, _skiff_events_v1_Envelope>;
  
  /**
   * Register another process in the task (not started: call Start with its exec_id). Emits
   * TaskExecAdded.
   */
  Exec: grpc.handleUnaryCall<_skiff_shim_v1_ExecProcessRequest__Output, _skiff_shim_v1_ExecProcessResponse>;
  
  /**
   * Send a signal to a process, or to every process of the task.
   */
  Kill: grpc.handleUnaryCall<_skiff_shim_v1_KillRequest__Output, _skiff_shim_v1_KillResponse>;
  
  /**
   * Freeze the task. Emits TaskPaused.
   */
  Pause: grpc.handleUnaryCall<_skiff_shim_v1_PauseRequest__Output, _skiff_shim_v1_PauseResponse>;
  
  /**
   * The processes in the task's cgroup.
   */
  Pids: grpc.handleUnaryCall<_skiff_shim_v1_PidsRequest__Output, _skiff_shim_v1_PidsResponse>;
  
  /**
   * Set the size of a process's terminal.
   */
  ResizePty: grpc.handleUnaryCall<_skiff_shim_v1_ResizePtyRequest__Output, _skiff_shim_v1_ResizePtyResponse>;
  
  /**
   * Thaw the task. Emits TaskResumed.
   */
  Resume: grpc.handleUnaryCall<_skiff_shim_v1_ResumeRequest__Output, _skiff_shim_v1_ResumeResponse>;
  
  /**
   * Release the shim for this task: the shim exits once it holds no task any more.
   */
  Shutdown: grpc.handleUnaryCall<_skiff_shim_v1_ShutdownRequest__Output, _skiff_shim_v1_ShutdownResponse>;
  
  /**
   * Start the init process (exec_id "") or an exec'd one. Emits TaskStart or TaskExecStarted.
   */
  Start: grpc.handleUnaryCall<_skiff_shim_v1_StartRequest__Output, _skiff_shim_v1_StartResponse>;
  
  /**
   * The state of a process.
   */
  State: grpc.handleUnaryCall<_skiff_shim_v1_StateRequest__Output, _skiff_shim_v1_StateResponse>;
  
  /**
   * One resource-use sample of the task.
   */
  Stats: grpc.handleUnaryCall<_skiff_shim_v1_StatsRequest__Output, _skiff_shim_v1_StatsResponse>;
  
  /**
   * Change the task's resources (cgroup limits) while it runs.
   */
  Update: grpc.handleUnaryCall<_skiff_shim_v1_UpdateTaskRequest__Output, _skiff_shim_v1_UpdateTaskResponse>;
  
  /**
   * Block until a process has exited (returns at once if it already has).
   */
  Wait: grpc.handleUnaryCall<_skiff_shim_v1_WaitRequest__Output, _skiff_shim_v1_WaitResponse>;
  
}

export interface TaskDefinition extends grpc.ServiceDefinition {
  CloseIO: MethodDefinition<_skiff_shim_v1_CloseIORequest, _skiff_shim_v1_CloseIOResponse, _skiff_shim_v1_CloseIORequest__Output, _skiff_shim_v1_CloseIOResponse__Output>
  Connect: MethodDefinition<_skiff_shim_v1_ConnectRequest, _skiff_shim_v1_ConnectResponse, _skiff_shim_v1_ConnectRequest__Output, _skiff_shim_v1_ConnectResponse__Output>
  Create: MethodDefinition<_skiff_shim_v1_CreateTaskRequest, _skiff_shim_v1_CreateTaskResponse, _skiff_shim_v1_CreateTaskRequest__Output, _skiff_shim_v1_CreateTaskResponse__Output>
  Delete: MethodDefinition<_skiff_shim_v1_DeleteRequest, _skiff_shim_v1_DeleteResponse, _skiff_shim_v1_DeleteRequest__Output, _skiff_shim_v1_DeleteResponse__Output>
  Events: MethodDefinition<_skiff_shim_v1_EventsRequest, _skiff_events_v1_Envelope, _skiff_shim_v1_EventsRequest__Output, _skiff_events_v1_Envelope__Output>
  Exec: MethodDefinition<_skiff_shim_v1_ExecProcessRequest, _skiff_shim_v1_ExecProcessResponse, _skiff_shim_v1_ExecProcessRequest__Output, _skiff_shim_v1_ExecProcessResponse__Output>
  Kill: MethodDefinition<_skiff_shim_v1_KillRequest, _skiff_shim_v1_KillResponse, _skiff_shim_v1_KillRequest__Output, _skiff_shim_v1_KillResponse__Output>
  Pause: MethodDefinition<_skiff_shim_v1_PauseRequest, _skiff_shim_v1_PauseResponse, _skiff_shim_v1_PauseRequest__Output, _skiff_shim_v1_PauseResponse__Output>
  Pids: MethodDefinition<_skiff_shim_v1_PidsRequest, _skiff_shim_v1_PidsResponse, _skiff_shim_v1_PidsRequest__Output, _skiff_shim_v1_PidsResponse__Output>
  ResizePty: MethodDefinition<_skiff_shim_v1_ResizePtyRequest, _skiff_shim_v1_ResizePtyResponse, _skiff_shim_v1_ResizePtyRequest__Output, _skiff_shim_v1_ResizePtyResponse__Output>
  Resume: MethodDefinition<_skiff_shim_v1_ResumeRequest, _skiff_shim_v1_ResumeResponse, _skiff_shim_v1_ResumeRequest__Output, _skiff_shim_v1_ResumeResponse__Output>
  Shutdown: MethodDefinition<_skiff_shim_v1_ShutdownRequest, _skiff_shim_v1_ShutdownResponse, _skiff_shim_v1_ShutdownRequest__Output, _skiff_shim_v1_ShutdownResponse__Output>
  Start: MethodDefinition<_skiff_shim_v1_StartRequest, _skiff_shim_v1_StartResponse, _skiff_shim_v1_StartRequest__Output, _skiff_shim_v1_StartResponse__Output>
  State: MethodDefinition<_skiff_shim_v1_StateRequest, _skiff_shim_v1_StateResponse, _skiff_shim_v1_StateRequest__Output, _skiff_shim_v1_StateResponse__Output>
  Stats: MethodDefinition<_skiff_shim_v1_StatsRequest, _skiff_shim_v1_StatsResponse, _skiff_shim_v1_StatsRequest__Output, _skiff_shim_v1_StatsResponse__Output>
  Update: MethodDefinition<_skiff_shim_v1_UpdateTaskRequest, _skiff_shim_v1_UpdateTaskResponse, _skiff_shim_v1_UpdateTaskRequest__Output, _skiff_shim_v1_UpdateTaskResponse__Output>
  Wait: MethodDefinition<_skiff_shim_v1_WaitRequest, _skiff_shim_v1_WaitResponse, _skiff_shim_v1_WaitRequest__Output, _skiff_shim_v1_WaitResponse__Output>
}
