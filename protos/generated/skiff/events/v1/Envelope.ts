// Original file: skiff/events/v1/envelope.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';
import type { TaskCreate as _skiff_events_v1_TaskCreate, TaskCreate__Output as _skiff_events_v1_TaskCreate__Output } from '../../../skiff/events/v1/TaskCreate';
import type { TaskStart as _skiff_events_v1_TaskStart, TaskStart__Output as _skiff_events_v1_TaskStart__Output } from '../../../skiff/events/v1/TaskStart';
import type { TaskExit as _skiff_events_v1_TaskExit, TaskExit__Output as _skiff_events_v1_TaskExit__Output } from '../../../skiff/events/v1/TaskExit';
import type { TaskDelete as _skiff_events_v1_TaskDelete, TaskDelete__Output as _skiff_events_v1_TaskDelete__Output } from '../../../skiff/events/v1/TaskDelete';
import type { TaskOOM as _skiff_events_v1_TaskOOM, TaskOOM__Output as _skiff_events_v1_TaskOOM__Output } from '../../../skiff/events/v1/TaskOOM';
import type { TaskExecAdded as _skiff_events_v1_TaskExecAdded, TaskExecAdded__Output as _skiff_events_v1_TaskExecAdded__Output } from '../../../skiff/events/v1/TaskExecAdded';
import type { TaskExecStarted as _skiff_events_v1_TaskExecStarted, TaskExecStarted__Output as _skiff_events_v1_TaskExecStarted__Output } from '../../../skiff/events/v1/TaskExecStarted';
import type { TaskPaused as _skiff_events_v1_TaskPaused, TaskPaused__Output as _skiff_events_v1_TaskPaused__Output } from '../../../skiff/events/v1/TaskPaused';
import type { TaskResumed as _skiff_events_v1_TaskResumed, TaskResumed__Output as _skiff_events_v1_TaskResumed__Output } from '../../../skiff/events/v1/TaskResumed';
import type { ContainerCreate as _skiff_events_v1_ContainerCreate, ContainerCreate__Output as _skiff_events_v1_ContainerCreate__Output } from '../../../skiff/events/v1/ContainerCreate';
import type { ContainerUpdate as _skiff_events_v1_ContainerUpdate, ContainerUpdate__Output as _skiff_events_v1_ContainerUpdate__Output } from '../../../skiff/events/v1/ContainerUpdate';
import type { ContainerDelete as _skiff_events_v1_ContainerDelete, ContainerDelete__Output as _skiff_events_v1_ContainerDelete__Output } from '../../../skiff/events/v1/ContainerDelete';
import type { ImageCreate as _skiff_events_v1_ImageCreate, ImageCreate__Output as _skiff_events_v1_ImageCreate__Output } from '../../../skiff/events/v1/ImageCreate';
import type { ImageUpdate as _skiff_events_v1_ImageUpdate, ImageUpdate__Output as _skiff_events_v1_ImageUpdate__Output } from '../../../skiff/events/v1/ImageUpdate';
import type { ImageDelete as _skiff_events_v1_ImageDelete, ImageDelete__Output as _skiff_events_v1_ImageDelete__Output } from '../../../skiff/events/v1/ImageDelete';
import type { Any as _google_protobuf_Any, Any__Output as _google_protobuf_Any__Output } from '../../../google/protobuf/Any';
import type { Long } from '@grpc/proto-loader';

/**
 * Envelope carries one event, on the shim's Events stream (skiff.shim.v1.Task/Events) and on
 * skiff-containerd's (skiff.containerd.services.events.v1.Events/Subscribe).
 * 
 * The event is a typed oneof, so receivers switch on which field is set instead of decoding an
 * Any; `custom` leaves room for events of third-party plugins. Field numbers of the oneof are
 * grouped by emitter: 10-29 task events (the shim), 30-39 container events (skiff-containerd's
 * Containers service), 40-69 kept for the images, content and snapshots services, 100 custom.
 */
export interface Envelope {
  /**
   * When the event happened, stamped by its emitter.
   */
  'timestamp'?: (_google_protobuf_Timestamp | null);
  /**
   * The namespace the event belongs to.
   */
  'namespace'?: (string);
  /**
   * "/tasks/exit", "/containers/create"... Always the topic of the oneof field that is set (see
   * the comment on each event message); for `custom`, chosen by the publisher.
   */
  'topic'?: (string);
  /**
   * Position in the emitter's stream: 1 for the first event a process emits, then +1 for each
   * event. A shim numbers its own events (a supervisor resumes with
   * EventsRequest.after_sequence); skiff-containerd renumbers what it forwards in its own stream.
   */
  'sequence'?: (number | string | Long);
  'taskCreate'?: (_skiff_events_v1_TaskCreate | null);
  'taskStart'?: (_skiff_events_v1_TaskStart | null);
  'taskExit'?: (_skiff_events_v1_TaskExit | null);
  'taskDelete'?: (_skiff_events_v1_TaskDelete | null);
  'taskOom'?: (_skiff_events_v1_TaskOOM | null);
  'taskExecAdded'?: (_skiff_events_v1_TaskExecAdded | null);
  'taskExecStarted'?: (_skiff_events_v1_TaskExecStarted | null);
  'taskPaused'?: (_skiff_events_v1_TaskPaused | null);
  'taskResumed'?: (_skiff_events_v1_TaskResumed | null);
  'containerCreate'?: (_skiff_events_v1_ContainerCreate | null);
  'containerUpdate'?: (_skiff_events_v1_ContainerUpdate | null);
  'containerDelete'?: (_skiff_events_v1_ContainerDelete | null);
  'imageCreate'?: (_skiff_events_v1_ImageCreate | null);
  'imageUpdate'?: (_skiff_events_v1_ImageUpdate | null);
  'imageDelete'?: (_skiff_events_v1_ImageDelete | null);
  /**
   * Anything else; the topic says what it is.
   */
  'custom'?: (_google_protobuf_Any | null);
  'event'?: "taskCreate"|"taskStart"|"taskExit"|"taskDelete"|"taskOom"|"taskExecAdded"|"taskExecStarted"|"taskPaused"|"taskResumed"|"containerCreate"|"containerUpdate"|"containerDelete"|"imageCreate"|"imageUpdate"|"imageDelete"|"custom";
}

/**
 * Envelope carries one event, on the shim's Events stream (skiff.shim.v1.Task/Events) and on
 * skiff-containerd's (skiff.containerd.services.events.v1.Events/Subscribe).
 * 
 * The event is a typed oneof, so receivers switch on which field is set instead of decoding an
 * Any; `custom` leaves room for events of third-party plugins. Field numbers of the oneof are
 * grouped by emitter: 10-29 task events (the shim), 30-39 container events (skiff-containerd's
 * Containers service), 40-69 kept for the images, content and snapshots services, 100 custom.
 */
export interface Envelope__Output {
  /**
   * When the event happened, stamped by its emitter.
   */
  'timestamp': (_google_protobuf_Timestamp__Output | null);
  /**
   * The namespace the event belongs to.
   */
  'namespace': (string);
  /**
   * "/tasks/exit", "/containers/create"... Always the topic of the oneof field that is set (see
   * the comment on each event message); for `custom`, chosen by the publisher.
   */
  'topic': (string);
  /**
   * Position in the emitter's stream: 1 for the first event a process emits, then +1 for each
   * event. A shim numbers its own events (a supervisor resumes with
   * EventsRequest.after_sequence); skiff-containerd renumbers what it forwards in its own stream.
   */
  'sequence': (string);
  'taskCreate'?: (_skiff_events_v1_TaskCreate__Output | null);
  'taskStart'?: (_skiff_events_v1_TaskStart__Output | null);
  'taskExit'?: (_skiff_events_v1_TaskExit__Output | null);
  'taskDelete'?: (_skiff_events_v1_TaskDelete__Output | null);
  'taskOom'?: (_skiff_events_v1_TaskOOM__Output | null);
  'taskExecAdded'?: (_skiff_events_v1_TaskExecAdded__Output | null);
  'taskExecStarted'?: (_skiff_events_v1_TaskExecStarted__Output | null);
  'taskPaused'?: (_skiff_events_v1_TaskPaused__Output | null);
  'taskResumed'?: (_skiff_events_v1_TaskResumed__Output | null);
  'containerCreate'?: (_skiff_events_v1_ContainerCreate__Output | null);
  'containerUpdate'?: (_skiff_events_v1_ContainerUpdate__Output | null);
  'containerDelete'?: (_skiff_events_v1_ContainerDelete__Output | null);
  'imageCreate'?: (_skiff_events_v1_ImageCreate__Output | null);
  'imageUpdate'?: (_skiff_events_v1_ImageUpdate__Output | null);
  'imageDelete'?: (_skiff_events_v1_ImageDelete__Output | null);
  /**
   * Anything else; the topic says what it is.
   */
  'custom'?: (_google_protobuf_Any__Output | null);
  'event'?: "taskCreate"|"taskStart"|"taskExit"|"taskDelete"|"taskOom"|"taskExecAdded"|"taskExecStarted"|"taskPaused"|"taskResumed"|"containerCreate"|"containerUpdate"|"containerDelete"|"imageCreate"|"imageUpdate"|"imageDelete"|"custom";
}
