// Original file: skiff/containerd/services/snapshots/v1/snapshots.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CommitSnapshotRequest as _skiff_containerd_services_snapshots_v1_CommitSnapshotRequest, CommitSnapshotRequest__Output as _skiff_containerd_services_snapshots_v1_CommitSnapshotRequest__Output } from '../../../../../skiff/containerd/services/snapshots/v1/CommitSnapshotRequest';
import type { CommitSnapshotResponse as _skiff_containerd_services_snapshots_v1_CommitSnapshotResponse, CommitSnapshotResponse__Output as _skiff_containerd_services_snapshots_v1_CommitSnapshotResponse__Output } from '../../../../../skiff/containerd/services/snapshots/v1/CommitSnapshotResponse';
import type { ListSnapshotsRequest as _skiff_containerd_services_snapshots_v1_ListSnapshotsRequest, ListSnapshotsRequest__Output as _skiff_containerd_services_snapshots_v1_ListSnapshotsRequest__Output } from '../../../../../skiff/containerd/services/snapshots/v1/ListSnapshotsRequest';
import type { ListSnapshotsResponse as _skiff_containerd_services_snapshots_v1_ListSnapshotsResponse, ListSnapshotsResponse__Output as _skiff_containerd_services_snapshots_v1_ListSnapshotsResponse__Output } from '../../../../../skiff/containerd/services/snapshots/v1/ListSnapshotsResponse';
import type { MountsRequest as _skiff_containerd_services_snapshots_v1_MountsRequest, MountsRequest__Output as _skiff_containerd_services_snapshots_v1_MountsRequest__Output } from '../../../../../skiff/containerd/services/snapshots/v1/MountsRequest';
import type { MountsResponse as _skiff_containerd_services_snapshots_v1_MountsResponse, MountsResponse__Output as _skiff_containerd_services_snapshots_v1_MountsResponse__Output } from '../../../../../skiff/containerd/services/snapshots/v1/MountsResponse';
import type { PrepareSnapshotRequest as _skiff_containerd_services_snapshots_v1_PrepareSnapshotRequest, PrepareSnapshotRequest__Output as _skiff_containerd_services_snapshots_v1_PrepareSnapshotRequest__Output } from '../../../../../skiff/containerd/services/snapshots/v1/PrepareSnapshotRequest';
import type { PrepareSnapshotResponse as _skiff_containerd_services_snapshots_v1_PrepareSnapshotResponse, PrepareSnapshotResponse__Output as _skiff_containerd_services_snapshots_v1_PrepareSnapshotResponse__Output } from '../../../../../skiff/containerd/services/snapshots/v1/PrepareSnapshotResponse';
import type { RemoveSnapshotRequest as _skiff_containerd_services_snapshots_v1_RemoveSnapshotRequest, RemoveSnapshotRequest__Output as _skiff_containerd_services_snapshots_v1_RemoveSnapshotRequest__Output } from '../../../../../skiff/containerd/services/snapshots/v1/RemoveSnapshotRequest';
import type { RemoveSnapshotResponse as _skiff_containerd_services_snapshots_v1_RemoveSnapshotResponse, RemoveSnapshotResponse__Output as _skiff_containerd_services_snapshots_v1_RemoveSnapshotResponse__Output } from '../../../../../skiff/containerd/services/snapshots/v1/RemoveSnapshotResponse';
import type { StatSnapshotRequest as _skiff_containerd_services_snapshots_v1_StatSnapshotRequest, StatSnapshotRequest__Output as _skiff_containerd_services_snapshots_v1_StatSnapshotRequest__Output } from '../../../../../skiff/containerd/services/snapshots/v1/StatSnapshotRequest';
import type { StatSnapshotResponse as _skiff_containerd_services_snapshots_v1_StatSnapshotResponse, StatSnapshotResponse__Output as _skiff_containerd_services_snapshots_v1_StatSnapshotResponse__Output } from '../../../../../skiff/containerd/services/snapshots/v1/StatSnapshotResponse';
import type { UpdateSnapshotRequest as _skiff_containerd_services_snapshots_v1_UpdateSnapshotRequest, UpdateSnapshotRequest__Output as _skiff_containerd_services_snapshots_v1_UpdateSnapshotRequest__Output } from '../../../../../skiff/containerd/services/snapshots/v1/UpdateSnapshotRequest';
import type { UpdateSnapshotResponse as _skiff_containerd_services_snapshots_v1_UpdateSnapshotResponse, UpdateSnapshotResponse__Output as _skiff_containerd_services_snapshots_v1_UpdateSnapshotResponse__Output } from '../../../../../skiff/containerd/services/snapshots/v1/UpdateSnapshotResponse';
import type { UsageRequest as _skiff_containerd_services_snapshots_v1_UsageRequest, UsageRequest__Output as _skiff_containerd_services_snapshots_v1_UsageRequest__Output } from '../../../../../skiff/containerd/services/snapshots/v1/UsageRequest';
import type { UsageResponse as _skiff_containerd_services_snapshots_v1_UsageResponse, UsageResponse__Output as _skiff_containerd_services_snapshots_v1_UsageResponse__Output } from '../../../../../skiff/containerd/services/snapshots/v1/UsageResponse';
import type { ViewSnapshotRequest as _skiff_containerd_services_snapshots_v1_ViewSnapshotRequest, ViewSnapshotRequest__Output as _skiff_containerd_services_snapshots_v1_ViewSnapshotRequest__Output } from '../../../../../skiff/containerd/services/snapshots/v1/ViewSnapshotRequest';
import type { ViewSnapshotResponse as _skiff_containerd_services_snapshots_v1_ViewSnapshotResponse, ViewSnapshotResponse__Output as _skiff_containerd_services_snapshots_v1_ViewSnapshotResponse__Output } from '../../../../../skiff/containerd/services/snapshots/v1/ViewSnapshotResponse';

/**
 * Snapshots manages filesystem snapshots: committed (read-only) layers and the active
 * (writable) or view (read-only) snapshots made on top of them. The default snapshotter is
 * overlayfs: layers unpacked once and shared. Every request names its snapshotter ("" for the
 * default); keys are per namespace.
 * 
 * Reserved for the images issue: defined now so the contract is stable; skiff-containerd answers
 * UNIMPLEMENTED until that issue lands.
 */
export interface SnapshotsClient extends grpc.Client {
  /**
   * Turn an active snapshot into a committed one called name (the active key is gone afterwards).
   */
  Commit(argument: _skiff_containerd_services_snapshots_v1_CommitSnapshotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_CommitSnapshotResponse__Output>): grpc.ClientUnaryCall;
  Commit(argument: _skiff_containerd_services_snapshots_v1_CommitSnapshotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_CommitSnapshotResponse__Output>): grpc.ClientUnaryCall;
  Commit(argument: _skiff_containerd_services_snapshots_v1_CommitSnapshotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_CommitSnapshotResponse__Output>): grpc.ClientUnaryCall;
  Commit(argument: _skiff_containerd_services_snapshots_v1_CommitSnapshotRequest, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_CommitSnapshotResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Turn an active snapshot into a committed one called name (the active key is gone afterwards).
   */
  commit(argument: _skiff_containerd_services_snapshots_v1_CommitSnapshotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_CommitSnapshotResponse__Output>): grpc.ClientUnaryCall;
  commit(argument: _skiff_containerd_services_snapshots_v1_CommitSnapshotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_CommitSnapshotResponse__Output>): grpc.ClientUnaryCall;
  commit(argument: _skiff_containerd_services_snapshots_v1_CommitSnapshotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_CommitSnapshotResponse__Output>): grpc.ClientUnaryCall;
  commit(argument: _skiff_containerd_services_snapshots_v1_CommitSnapshotRequest, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_CommitSnapshotResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Snapshots matching the filters, streamed in batches.
   */
  List(argument: _skiff_containerd_services_snapshots_v1_ListSnapshotsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_snapshots_v1_ListSnapshotsResponse__Output>;
  List(argument: _skiff_containerd_services_snapshots_v1_ListSnapshotsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_snapshots_v1_ListSnapshotsResponse__Output>;
  /**
   * Snapshots matching the filters, streamed in batches.
   */
  list(argument: _skiff_containerd_services_snapshots_v1_ListSnapshotsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_snapshots_v1_ListSnapshotsResponse__Output>;
  list(argument: _skiff_containerd_services_snapshots_v1_ListSnapshotsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_snapshots_v1_ListSnapshotsResponse__Output>;
  
  /**
   * The mounts of an existing active snapshot or view.
   */
  Mounts(argument: _skiff_containerd_services_snapshots_v1_MountsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_MountsResponse__Output>): grpc.ClientUnaryCall;
  Mounts(argument: _skiff_containerd_services_snapshots_v1_MountsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_MountsResponse__Output>): grpc.ClientUnaryCall;
  Mounts(argument: _skiff_containerd_services_snapshots_v1_MountsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_MountsResponse__Output>): grpc.ClientUnaryCall;
  Mounts(argument: _skiff_containerd_services_snapshots_v1_MountsRequest, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_MountsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The mounts of an existing active snapshot or view.
   */
  mounts(argument: _skiff_containerd_services_snapshots_v1_MountsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_MountsResponse__Output>): grpc.ClientUnaryCall;
  mounts(argument: _skiff_containerd_services_snapshots_v1_MountsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_MountsResponse__Output>): grpc.ClientUnaryCall;
  mounts(argument: _skiff_containerd_services_snapshots_v1_MountsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_MountsResponse__Output>): grpc.ClientUnaryCall;
  mounts(argument: _skiff_containerd_services_snapshots_v1_MountsRequest, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_MountsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Make an active (writable) snapshot on top of parent ("" for an empty one) and return the
   * mounts that present it.
   */
  Prepare(argument: _skiff_containerd_services_snapshots_v1_PrepareSnapshotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_PrepareSnapshotResponse__Output>): grpc.ClientUnaryCall;
  Prepare(argument: _skiff_containerd_services_snapshots_v1_PrepareSnapshotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_PrepareSnapshotResponse__Output>): grpc.ClientUnaryCall;
  Prepare(argument: _skiff_containerd_services_snapshots_v1_PrepareSnapshotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_PrepareSnapshotResponse__Output>): grpc.ClientUnaryCall;
  Prepare(argument: _skiff_containerd_services_snapshots_v1_PrepareSnapshotRequest, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_PrepareSnapshotResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Make an active (writable) snapshot on top of parent ("" for an empty one) and return the
   * mounts that present it.
   */
  prepare(argument: _skiff_containerd_services_snapshots_v1_PrepareSnapshotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_PrepareSnapshotResponse__Output>): grpc.ClientUnaryCall;
  prepare(argument: _skiff_containerd_services_snapshots_v1_PrepareSnapshotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_PrepareSnapshotResponse__Output>): grpc.ClientUnaryCall;
  prepare(argument: _skiff_containerd_services_snapshots_v1_PrepareSnapshotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_PrepareSnapshotResponse__Output>): grpc.ClientUnaryCall;
  prepare(argument: _skiff_containerd_services_snapshots_v1_PrepareSnapshotRequest, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_PrepareSnapshotResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * FAILED_PRECONDITION while another snapshot has this one as parent.
   */
  Remove(argument: _skiff_containerd_services_snapshots_v1_RemoveSnapshotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_RemoveSnapshotResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _skiff_containerd_services_snapshots_v1_RemoveSnapshotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_RemoveSnapshotResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _skiff_containerd_services_snapshots_v1_RemoveSnapshotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_RemoveSnapshotResponse__Output>): grpc.ClientUnaryCall;
  Remove(argument: _skiff_containerd_services_snapshots_v1_RemoveSnapshotRequest, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_RemoveSnapshotResponse__Output>): grpc.ClientUnaryCall;
  /**
   * FAILED_PRECONDITION while another snapshot has this one as parent.
   */
  remove(argument: _skiff_containerd_services_snapshots_v1_RemoveSnapshotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_RemoveSnapshotResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _skiff_containerd_services_snapshots_v1_RemoveSnapshotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_RemoveSnapshotResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _skiff_containerd_services_snapshots_v1_RemoveSnapshotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_RemoveSnapshotResponse__Output>): grpc.ClientUnaryCall;
  remove(argument: _skiff_containerd_services_snapshots_v1_RemoveSnapshotRequest, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_RemoveSnapshotResponse__Output>): grpc.ClientUnaryCall;
  
  Stat(argument: _skiff_containerd_services_snapshots_v1_StatSnapshotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_StatSnapshotResponse__Output>): grpc.ClientUnaryCall;
  Stat(argument: _skiff_containerd_services_snapshots_v1_StatSnapshotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_StatSnapshotResponse__Output>): grpc.ClientUnaryCall;
  Stat(argument: _skiff_containerd_services_snapshots_v1_StatSnapshotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_StatSnapshotResponse__Output>): grpc.ClientUnaryCall;
  Stat(argument: _skiff_containerd_services_snapshots_v1_StatSnapshotRequest, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_StatSnapshotResponse__Output>): grpc.ClientUnaryCall;
  stat(argument: _skiff_containerd_services_snapshots_v1_StatSnapshotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_StatSnapshotResponse__Output>): grpc.ClientUnaryCall;
  stat(argument: _skiff_containerd_services_snapshots_v1_StatSnapshotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_StatSnapshotResponse__Output>): grpc.ClientUnaryCall;
  stat(argument: _skiff_containerd_services_snapshots_v1_StatSnapshotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_StatSnapshotResponse__Output>): grpc.ClientUnaryCall;
  stat(argument: _skiff_containerd_services_snapshots_v1_StatSnapshotRequest, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_StatSnapshotResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Change a snapshot's labels.
   */
  Update(argument: _skiff_containerd_services_snapshots_v1_UpdateSnapshotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_UpdateSnapshotResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _skiff_containerd_services_snapshots_v1_UpdateSnapshotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_UpdateSnapshotResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _skiff_containerd_services_snapshots_v1_UpdateSnapshotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_UpdateSnapshotResponse__Output>): grpc.ClientUnaryCall;
  Update(argument: _skiff_containerd_services_snapshots_v1_UpdateSnapshotRequest, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_UpdateSnapshotResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Change a snapshot's labels.
   */
  update(argument: _skiff_containerd_services_snapshots_v1_UpdateSnapshotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_UpdateSnapshotResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _skiff_containerd_services_snapshots_v1_UpdateSnapshotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_UpdateSnapshotResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _skiff_containerd_services_snapshots_v1_UpdateSnapshotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_UpdateSnapshotResponse__Output>): grpc.ClientUnaryCall;
  update(argument: _skiff_containerd_services_snapshots_v1_UpdateSnapshotRequest, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_UpdateSnapshotResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Disk space used by the snapshot itself (not its parents).
   */
  Usage(argument: _skiff_containerd_services_snapshots_v1_UsageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_UsageResponse__Output>): grpc.ClientUnaryCall;
  Usage(argument: _skiff_containerd_services_snapshots_v1_UsageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_UsageResponse__Output>): grpc.ClientUnaryCall;
  Usage(argument: _skiff_containerd_services_snapshots_v1_UsageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_UsageResponse__Output>): grpc.ClientUnaryCall;
  Usage(argument: _skiff_containerd_services_snapshots_v1_UsageRequest, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_UsageResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Disk space used by the snapshot itself (not its parents).
   */
  usage(argument: _skiff_containerd_services_snapshots_v1_UsageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_UsageResponse__Output>): grpc.ClientUnaryCall;
  usage(argument: _skiff_containerd_services_snapshots_v1_UsageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_UsageResponse__Output>): grpc.ClientUnaryCall;
  usage(argument: _skiff_containerd_services_snapshots_v1_UsageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_UsageResponse__Output>): grpc.ClientUnaryCall;
  usage(argument: _skiff_containerd_services_snapshots_v1_UsageRequest, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_UsageResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Like Prepare, but read-only; a view cannot be committed.
   */
  View(argument: _skiff_containerd_services_snapshots_v1_ViewSnapshotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_ViewSnapshotResponse__Output>): grpc.ClientUnaryCall;
  View(argument: _skiff_containerd_services_snapshots_v1_ViewSnapshotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_ViewSnapshotResponse__Output>): grpc.ClientUnaryCall;
  View(argument: _skiff_containerd_services_snapshots_v1_ViewSnapshotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_ViewSnapshotResponse__Output>): grpc.ClientUnaryCall;
  View(argument: _skiff_containerd_services_snapshots_v1_ViewSnapshotRequest, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_ViewSnapshotResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Like Prepare, but read-only; a view cannot be committed.
   */
  view(argument: _skiff_containerd_services_snapshots_v1_ViewSnapshotRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_ViewSnapshotResponse__Output>): grpc.ClientUnaryCall;
  view(argument: _skiff_containerd_services_snapshots_v1_ViewSnapshotRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_ViewSnapshotResponse__Output>): grpc.ClientUnaryCall;
  view(argument: _skiff_containerd_services_snapshots_v1_ViewSnapshotRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_ViewSnapshotResponse__Output>): grpc.ClientUnaryCall;
  view(argument: _skiff_containerd_services_snapshots_v1_ViewSnapshotRequest, callback: grpc.requestCallback<_skiff_containerd_services_snapshots_v1_ViewSnapshotResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Snapshots manages filesystem snapshots: committed (read-only) layers and the active
 * (writable) or view (read-only) snapshots made on top of them. The default snapshotter is
 * overlayfs: layers unpacked once and shared. Every request names its snapshotter ("" for the
 * default); keys are per namespace.
 * 
 * Reserved for the images issue: defined now so the contract is stable; skiff-containerd answers
 * UNIMPLEMENTED until that issue lands.
 */
export interface SnapshotsHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Turn an active snapshot into a committed one called name (the active key is gone afterwards).
   */
  Commit: grpc.handleUnaryCall<_skiff_containerd_services_snapshots_v1_CommitSnapshotRequest__Output, _skiff_containerd_services_snapshots_v1_CommitSnapshotResponse>;
  
  /**
   * Snapshots matching the filters, streamed in batches.
   */
  List: grpc.handleServerStreamingCall<_skiff_containerd_services_snapshots_v1_ListSnapshotsRequest__Output, _skiff_containerd_services_snapshots_v1_ListSnapshotsResponse>;
  
  /**
   * The mounts of an existing active snapshot or view.
   */
  Mounts: grpc.handleUnaryCall<_skiff_containerd_services_snapshots_v1_MountsRequest__Output, _skiff_containerd_services_snapshots_v1_MountsResponse>;
  
  /**
   * Make an active (writable) snapshot on top of parent ("" for an empty one) and return the
   * mounts that present it.
   */
  Prepare: grpc.handleUnaryCall<_skiff_containerd_services_snapshots_v1_PrepareSnapshotRequest__Output, _skiff_containerd_services_snapshots_v1_PrepareSnapshotResponse>;
  
  /**
   * FAILED_PRECONDITION while another snapshot has this one as parent.
   */
  Remove: grpc.handleUnaryCall<_skiff_containerd_services_snapshots_v1_RemoveSnapshotRequest__Output, _skiff_containerd_services_snapshots_v1_RemoveSnapshotResponse>;
  
  Stat: grpc.handleUnaryCall<_skiff_containerd_services_snapshots_v1_StatSnapshotRequest__Output, _skiff_containerd_services_snapshots_v1_StatSnapshotResponse>;
  
  /**
   * Change a snapshot's labels.
   */
  Update: grpc.handleUnaryCall<_skiff_containerd_services_snapshots_v1_UpdateSnapshotRequest__Output, _skiff_containerd_services_snapshots_v1_UpdateSnapshotResponse>;
  
  /**
   * Disk space used by the snapshot itself (not its parents).
   */
  Usage: grpc.handleUnaryCall<_skiff_containerd_services_snapshots_v1_UsageRequest__Output, _skiff_containerd_services_snapshots_v1_UsageResponse>;
  
  /**
   * Like Prepare, but read-only; a view cannot be committed.
   */
  View: grpc.handleUnaryCall<_skiff_containerd_services_snapshots_v1_ViewSnapshotRequest__Output, _skiff_containerd_services_snapshots_v1_ViewSnapshotResponse>;
  
}

export interface SnapshotsDefinition extends grpc.ServiceDefinition {
  Commit: MethodDefinition<_skiff_containerd_services_snapshots_v1_CommitSnapshotRequest, _skiff_containerd_services_snapshots_v1_CommitSnapshotResponse, _skiff_containerd_services_snapshots_v1_CommitSnapshotRequest__Output, _skiff_containerd_services_snapshots_v1_CommitSnapshotResponse__Output>
  List: MethodDefinition<_skiff_containerd_services_snapshots_v1_ListSnapshotsRequest, _skiff_containerd_services_snapshots_v1_ListSnapshotsResponse, _skiff_containerd_services_snapshots_v1_ListSnapshotsRequest__Output, _skiff_containerd_services_snapshots_v1_ListSnapshotsResponse__Output>
  Mounts: MethodDefinition<_skiff_containerd_services_snapshots_v1_MountsRequest, _skiff_containerd_services_snapshots_v1_MountsResponse, _skiff_containerd_services_snapshots_v1_MountsRequest__Output, _skiff_containerd_services_snapshots_v1_MountsResponse__Output>
  Prepare: MethodDefinition<_skiff_containerd_services_snapshots_v1_PrepareSnapshotRequest, _skiff_containerd_services_snapshots_v1_PrepareSnapshotResponse, _skiff_containerd_services_snapshots_v1_PrepareSnapshotRequest__Output, _skiff_containerd_services_snapshots_v1_PrepareSnapshotResponse__Output>
  Remove: MethodDefinition<_skiff_containerd_services_snapshots_v1_RemoveSnapshotRequest, _skiff_containerd_services_snapshots_v1_RemoveSnapshotResponse, _skiff_containerd_services_snapshots_v1_RemoveSnapshotRequest__Output, _skiff_containerd_services_snapshots_v1_RemoveSnapshotResponse__Output>
  Stat: MethodDefinition<_skiff_containerd_services_snapshots_v1_StatSnapshotRequest, _skiff_containerd_services_snapshots_v1_StatSnapshotResponse, _skiff_containerd_services_snapshots_v1_StatSnapshotRequest__Output, _skiff_containerd_services_snapshots_v1_StatSnapshotResponse__Output>
  Update: MethodDefinition<_skiff_containerd_services_snapshots_v1_UpdateSnapshotRequest, _skiff_containerd_services_snapshots_v1_UpdateSnapshotResponse, _skiff_containerd_services_snapshots_v1_UpdateSnapshotRequest__Output, _skiff_containerd_services_snapshots_v1_UpdateSnapshotResponse__Output>
  Usage: MethodDefinition<_skiff_containerd_services_snapshots_v1_UsageRequest, _skiff_containerd_services_snapshots_v1_UsageResponse, _skiff_containerd_services_snapshots_v1_UsageRequest__Output, _skiff_containerd_services_snapshots_v1_UsageResponse__Output>
  View: MethodDefinition<_skiff_containerd_services_snapshots_v1_ViewSnapshotRequest, _skiff_containerd_services_snapshots_v1_ViewSnapshotResponse, _skiff_containerd_services_snapshots_v1_ViewSnapshotRequest__Output, _skiff_containerd_services_snapshots_v1_ViewSnapshotResponse__Output>
}
