// Original file: skiff/containerd/services/transfer/v1/transfer.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Chunk as _skiff_containerd_services_transfer_v1_Chunk, Chunk__Output as _skiff_containerd_services_transfer_v1_Chunk__Output } from '../../../../../skiff/containerd/services/transfer/v1/Chunk';
import type { CommitRequest as _skiff_containerd_services_transfer_v1_CommitRequest, CommitRequest__Output as _skiff_containerd_services_transfer_v1_CommitRequest__Output } from '../../../../../skiff/containerd/services/transfer/v1/CommitRequest';
import type { CommitResponse as _skiff_containerd_services_transfer_v1_CommitResponse, CommitResponse__Output as _skiff_containerd_services_transfer_v1_CommitResponse__Output } from '../../../../../skiff/containerd/services/transfer/v1/CommitResponse';
import type { ExportRequest as _skiff_containerd_services_transfer_v1_ExportRequest, ExportRequest__Output as _skiff_containerd_services_transfer_v1_ExportRequest__Output } from '../../../../../skiff/containerd/services/transfer/v1/ExportRequest';
import type { ExportRootfsRequest as _skiff_containerd_services_transfer_v1_ExportRootfsRequest, ExportRootfsRequest__Output as _skiff_containerd_services_transfer_v1_ExportRootfsRequest__Output } from '../../../../../skiff/containerd/services/transfer/v1/ExportRootfsRequest';
import type { ImportRequest as _skiff_containerd_services_transfer_v1_ImportRequest, ImportRequest__Output as _skiff_containerd_services_transfer_v1_ImportRequest__Output } from '../../../../../skiff/containerd/services/transfer/v1/ImportRequest';
import type { ImportRootfsRequest as _skiff_containerd_services_transfer_v1_ImportRootfsRequest, ImportRootfsRequest__Output as _skiff_containerd_services_transfer_v1_ImportRootfsRequest__Output } from '../../../../../skiff/containerd/services/transfer/v1/ImportRootfsRequest';
import type { ImportRootfsResponse as _skiff_containerd_services_transfer_v1_ImportRootfsResponse, ImportRootfsResponse__Output as _skiff_containerd_services_transfer_v1_ImportRootfsResponse__Output } from '../../../../../skiff/containerd/services/transfer/v1/ImportRootfsResponse';
import type { Progress as _skiff_containerd_services_transfer_v1_Progress, Progress__Output as _skiff_containerd_services_transfer_v1_Progress__Output } from '../../../../../skiff/containerd/services/transfer/v1/Progress';
import type { PullRequest as _skiff_containerd_services_transfer_v1_PullRequest, PullRequest__Output as _skiff_containerd_services_transfer_v1_PullRequest__Output } from '../../../../../skiff/containerd/services/transfer/v1/PullRequest';
import type { PushRequest as _skiff_containerd_services_transfer_v1_PushRequest, PushRequest__Output as _skiff_containerd_services_transfer_v1_PushRequest__Output } from '../../../../../skiff/containerd/services/transfer/v1/PushRequest';
import type { UnpackRequest as _skiff_containerd_services_transfer_v1_UnpackRequest, UnpackRequest__Output as _skiff_containerd_services_transfer_v1_UnpackRequest__Output } from '../../../../../skiff/containerd/services/transfer/v1/UnpackRequest';
import type { UnpackResponse as _skiff_containerd_services_transfer_v1_UnpackResponse, UnpackResponse__Output as _skiff_containerd_services_transfer_v1_UnpackResponse__Output } from '../../../../../skiff/containerd/services/transfer/v1/UnpackResponse';

/**
 * Transfer moves images in and out of skiff-containerd: from and to registries, from and to
 * archives, from a container's filesystem. These run inside containerd (next to the content
 * store and the snapshotter) so that a client such as skiffd streams bytes and progress over one
 * call instead of driving the content, images and snapshots services step by step. Every call
 * works in the namespace of the "skiff-namespace" metadata.
 */
export interface TransferClient extends grpc.Client {
  /**
   * The changes in a container's snapshot become a new layer on top of its image (`docker commit`).
   */
  Commit(argument: _skiff_containerd_services_transfer_v1_CommitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_CommitResponse__Output>): grpc.ClientUnaryCall;
  Commit(argument: _skiff_containerd_services_transfer_v1_CommitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_CommitResponse__Output>): grpc.ClientUnaryCall;
  Commit(argument: _skiff_containerd_services_transfer_v1_CommitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_CommitResponse__Output>): grpc.ClientUnaryCall;
  Commit(argument: _skiff_containerd_services_transfer_v1_CommitRequest, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_CommitResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The changes in a container's snapshot become a new layer on top of its image (`docker commit`).
   */
  commit(argument: _skiff_containerd_services_transfer_v1_CommitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_CommitResponse__Output>): grpc.ClientUnaryCall;
  commit(argument: _skiff_containerd_services_transfer_v1_CommitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_CommitResponse__Output>): grpc.ClientUnaryCall;
  commit(argument: _skiff_containerd_services_transfer_v1_CommitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_CommitResponse__Output>): grpc.ClientUnaryCall;
  commit(argument: _skiff_containerd_services_transfer_v1_CommitRequest, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_CommitResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Write images as one tar archive, streamed in chunks: "docker-archive" (what `docker save`
   * writes) or "oci" (an OCI image layout).
   */
  Export(argument: _skiff_containerd_services_transfer_v1_ExportRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_transfer_v1_Chunk__Output>;
  Export(argument: _skiff_containerd_services_transfer_v1_ExportRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_transfer_v1_Chunk__Output>;
  /**
   * Write images as one tar archive, streamed in chunks: "docker-archive" (what `docker save`
   * writes) or "oci" (an OCI image layout).
   */
  export(argument: _skiff_containerd_services_transfer_v1_ExportRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_transfer_v1_Chunk__Output>;
  export(argument: _skiff_containerd_services_transfer_v1_ExportRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_transfer_v1_Chunk__Output>;
  
  /**
   * A container's whole filesystem, as a tar stream (`docker export`).
   */
  ExportRootfs(argument: _skiff_containerd_services_transfer_v1_ExportRootfsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_transfer_v1_Chunk__Output>;
  ExportRootfs(argument: _skiff_containerd_services_transfer_v1_ExportRootfsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_transfer_v1_Chunk__Output>;
  /**
   * A container's whole filesystem, as a tar stream (`docker export`).
   */
  exportRootfs(argument: _skiff_containerd_services_transfer_v1_ExportRootfsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_transfer_v1_Chunk__Output>;
  exportRootfs(argument: _skiff_containerd_services_transfer_v1_ExportRootfsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_transfer_v1_Chunk__Output>;
  
  /**
   * Read an archive ("docker-archive" or "oci", recognised by its content) streamed by the
   * client: the first message carries the options, the following ones the bytes. Creates the
   * images it holds; streams progress, then one message per image loaded.
   */
  Import(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_skiff_containerd_services_transfer_v1_ImportRequest, _skiff_containerd_services_transfer_v1_Progress__Output>;
  Import(options?: grpc.CallOptions): grpc.ClientDuplexStream<_skiff_containerd_services_transfer_v1_ImportRequest, _skiff_containerd_services_transfer_v1_Progress__Output>;
  /**
   * Read an archive ("docker-archive" or "oci", recognised by its content) streamed by the
   * client: the first message carries the options, the following ones the bytes. Creates the
   * images it holds; streams progress, then one message per image loaded.
   */
  import(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_skiff_containerd_services_transfer_v1_ImportRequest, _skiff_containerd_services_transfer_v1_Progress__Output>;
  import(options?: grpc.CallOptions): grpc.ClientDuplexStream<_skiff_containerd_services_transfer_v1_ImportRequest, _skiff_containerd_services_transfer_v1_Progress__Output>;
  
  /**
   * A root filesystem tarball (plain or compressed) streamed by the client becomes a one-layer
   * image (`docker import`), with the configuration given in the first message.
   */
  ImportRootfs(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_ImportRootfsResponse__Output>): grpc.ClientWritableStream<_skiff_containerd_services_transfer_v1_ImportRootfsRequest>;
  ImportRootfs(metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_ImportRootfsResponse__Output>): grpc.ClientWritableStream<_skiff_containerd_services_transfer_v1_ImportRootfsRequest>;
  ImportRootfs(options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_ImportRootfsResponse__Output>): grpc.ClientWritableStream<_skiff_containerd_services_transfer_v1_ImportRootfsRequest>;
  ImportRootfs(callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_ImportRootfsResponse__Output>): grpc.ClientWritableStream<_skiff_containerd_services_transfer_v1_ImportRootfsRequest>;
  /**
   * A root filesystem tarball (plain or compressed) streamed by the client becomes a one-layer
   * image (`docker import`), with the configuration given in the first message.
   */
  importRootfs(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_ImportRootfsResponse__Output>): grpc.ClientWritableStream<_skiff_containerd_services_transfer_v1_ImportRootfsRequest>;
  importRootfs(metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_ImportRootfsResponse__Output>): grpc.ClientWritableStream<_skiff_containerd_services_transfer_v1_ImportRootfsRequest>;
  importRootfs(options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_ImportRootfsResponse__Output>): grpc.ClientWritableStream<_skiff_containerd_services_transfer_v1_ImportRootfsRequest>;
  importRootfs(callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_ImportRootfsResponse__Output>): grpc.ClientWritableStream<_skiff_containerd_services_transfer_v1_ImportRootfsRequest>;
  
  /**
   * Pull an image from a registry: resolve the reference, pick the platform's manifest, download
   * the layers in parallel into the content store (digest-verified), unpack them into the
   * snapshotter when `unpack`, then create or update the image record. Streams progress; the last
   * message carries the image. Errors end the stream with a status (NOT_FOUND for an unknown
   * image or tag, UNAUTHENTICATED, UNAVAILABLE for registry or network failures...).
   */
  Pull(argument: _skiff_containerd_services_transfer_v1_PullRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_transfer_v1_Progress__Output>;
  Pull(argument: _skiff_containerd_services_transfer_v1_PullRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_transfer_v1_Progress__Output>;
  /**
   * Pull an image from a registry: resolve the reference, pick the platform's manifest, download
   * the layers in parallel into the content store (digest-verified), unpack them into the
   * snapshotter when `unpack`, then create or update the image record. Streams progress; the last
   * message carries the image. Errors end the stream with a status (NOT_FOUND for an unknown
   * image or tag, UNAUTHENTICATED, UNAVAILABLE for registry or network failures...).
   */
  pull(argument: _skiff_containerd_services_transfer_v1_PullRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_transfer_v1_Progress__Output>;
  pull(argument: _skiff_containerd_services_transfer_v1_PullRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_transfer_v1_Progress__Output>;
  
  /**
   * Push an image (its manifest or index and every blob it references) to a registry.
   */
  Push(argument: _skiff_containerd_services_transfer_v1_PushRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_transfer_v1_Progress__Output>;
  Push(argument: _skiff_containerd_services_transfer_v1_PushRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_transfer_v1_Progress__Output>;
  /**
   * Push an image (its manifest or index and every blob it references) to a registry.
   */
  push(argument: _skiff_containerd_services_transfer_v1_PushRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_transfer_v1_Progress__Output>;
  push(argument: _skiff_containerd_services_transfer_v1_PushRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_skiff_containerd_services_transfer_v1_Progress__Output>;
  
  /**
   * Unpack an image's layers for a platform into the snapshotter (if not already there) and
   * return the name of the committed snapshot that holds them all: the parent of a container's
   * snapshot (Snapshots.Prepare { parent: chain_id }).
   */
  Unpack(argument: _skiff_containerd_services_transfer_v1_UnpackRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_UnpackResponse__Output>): grpc.ClientUnaryCall;
  Unpack(argument: _skiff_containerd_services_transfer_v1_UnpackRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_UnpackResponse__Output>): grpc.ClientUnaryCall;
  Unpack(argument: _skiff_containerd_services_transfer_v1_UnpackRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_UnpackResponse__Output>): grpc.ClientUnaryCall;
  Unpack(argument: _skiff_containerd_services_transfer_v1_UnpackRequest, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_UnpackResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Unpack an image's layers for a platform into the snapshotter (if not already there) and
   * return the name of the committed snapshot that holds them all: the parent of a container's
   * snapshot (Snapshots.Prepare { parent: chain_id }).
   */
  unpack(argument: _skiff_containerd_services_transfer_v1_UnpackRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_UnpackResponse__Output>): grpc.ClientUnaryCall;
  unpack(argument: _skiff_containerd_services_transfer_v1_UnpackRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_UnpackResponse__Output>): grpc.ClientUnaryCall;
  unpack(argument: _skiff_containerd_services_transfer_v1_UnpackRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_UnpackResponse__Output>): grpc.ClientUnaryCall;
  unpack(argument: _skiff_containerd_services_transfer_v1_UnpackRequest, callback: grpc.requestCallback<_skiff_containerd_services_transfer_v1_UnpackResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Transfer moves images in and out of skiff-containerd: from and to registries, from and to
 * archives, from a container's filesystem. These run inside containerd (next to the content
 * store and the snapshotter) so that a client such as skiffd streams bytes and progress over one
 * call instead of driving the content, images and snapshots services step by step. Every call
 * works in the namespace of the "skiff-namespace" metadata.
 */
export interface TransferHandlers extends grpc.UntypedServiceImplementation {
  /**
   * The changes in a container's snapshot become a new layer on top of its image (`docker commit`).
   */
  Commit: grpc.handleUnaryCall<_skiff_containerd_services_transfer_v1_CommitRequest__Output, _skiff_containerd_services_transfer_v1_CommitResponse>;
  
  /**
   * Write images as one tar archive, streamed in chunks: "docker-archive" (what `docker save`
   * writes) or "oci" (an OCI image layout).
   */
  Export: grpc.handleServerStreamingCall<_skiff_containerd_services_transfer_v1_ExportRequest__Output, _skiff_containerd_services_transfer_v1_Chunk>;
  
  /**
   * A container's whole filesystem, as a tar stream (`docker export`).
   */
  ExportRootfs: grpc.handleServerStreamingCall<_skiff_containerd_services_transfer_v1_ExportRootfsRequest__Output, _skiff_containerd_services_transfer_v1_Chunk>;
  
  /**
   * Read an archive ("docker-archive" or "oci", recognised by its content) streamed by the
   * client: the first message carries the options, the following ones the bytes. Creates the
   * images it holds; streams progress, then one message per image loaded.
   */
  Import: grpc.handleBidiStreamingCall<_skiff_containerd_services_transfer_v1_ImportRequest__Output, _skiff_containerd_services_transfer_v1_Progress>;
  
  /**
   * A root filesystem tarball (plain or compressed) streamed by the client becomes a one-layer
   * image (`docker import`), with the configuration given in the first message.
   */
  ImportRootfs: grpc.handleClientStreamingCall<_skiff_containerd_services_transfer_v1_ImportRootfsRequest__Output, _skiff_containerd_services_transfer_v1_ImportRootfsResponse>;
  
  /**
   * Pull an image from a registry: resolve the reference, pick the platform's manifest, download
   * the layers in parallel into the content store (digest-verified), unpack them into the
   * snapshotter when `unpack`, then create or update the image record. Streams progress; the last
   * message carries the image. Errors end the stream with a status (NOT_FOUND for an unknown
   * image or tag, UNAUTHENTICATED, UNAVAILABLE for registry or network failures...).
   */
  Pull: grpc.handleServerStreamingCall<_skiff_containerd_services_transfer_v1_PullRequest__Output, _skiff_containerd_services_transfer_v1_Progress>;
  
  /**
   * Push an image (its manifest or index and every blob it references) to a registry.
   */
  Push: grpc.handleServerStreamingCall<_skiff_containerd_services_transfer_v1_PushRequest__Output, _skiff_containerd_services_transfer_v1_Progress>;
  
  /**
   * Unpack an image's layers for a platform into the snapshotter (if not already there) and
   * return the name of the committed snapshot that holds them all: the parent of a container's
   * snapshot (Snapshots.Prepare { parent: chain_id }).
   */
  Unpack: grpc.handleUnaryCall<_skiff_containerd_services_transfer_v1_UnpackRequest__Output, _skiff_containerd_services_transfer_v1_UnpackResponse>;
  
}

export interface TransferDefinition extends grpc.ServiceDefinition {
  Commit: MethodDefinition<_skiff_containerd_services_transfer_v1_CommitRequest, _skiff_containerd_services_transfer_v1_CommitResponse, _skiff_containerd_services_transfer_v1_CommitRequest__Output, _skiff_containerd_services_transfer_v1_CommitResponse__Output>
  Export: MethodDefinition<_skiff_containerd_services_transfer_v1_ExportRequest, _skiff_containerd_services_transfer_v1_Chunk, _skiff_containerd_services_transfer_v1_ExportRequest__Output, _skiff_containerd_services_transfer_v1_Chunk__Output>
  ExportRootfs: MethodDefinition<_skiff_containerd_services_transfer_v1_ExportRootfsRequest, _skiff_containerd_services_transfer_v1_Chunk, _skiff_containerd_services_transfer_v1_ExportRootfsRequest__Output, _skiff_containerd_services_transfer_v1_Chunk__Output>
  Import: MethodDefinition<_skiff_containerd_services_transfer_v1_ImportRequest, _skiff_containerd_services_transfer_v1_Progress, _skiff_containerd_services_transfer_v1_ImportRequest__Output, _skiff_containerd_services_transfer_v1_Progress__Output>
  ImportRootfs: MethodDefinition<_skiff_containerd_services_transfer_v1_ImportRootfsRequest, _skiff_containerd_services_transfer_v1_ImportRootfsResponse, _skiff_containerd_services_transfer_v1_ImportRootfsRequest__Output, _skiff_containerd_services_transfer_v1_ImportRootfsResponse__Output>
  Pull: MethodDefinition<_skiff_containerd_services_transfer_v1_PullRequest, _skiff_containerd_services_transfer_v1_Progress, _skiff_containerd_services_transfer_v1_PullRequest__Output, _skiff_containerd_services_transfer_v1_Progress__Output>
  Push: MethodDefinition<_skiff_containerd_services_transfer_v1_PushRequest, _skiff_containerd_services_transfer_v1_Progress, _skiff_containerd_services_transfer_v1_PushRequest__Output, _skiff_containerd_services_transfer_v1_Progress__Output>
  Unpack: MethodDefinition<_skiff_containerd_services_transfer_v1_UnpackRequest, _skiff_containerd_services_transfer_v1_UnpackResponse, _skiff_containerd_services_transfer_v1_UnpackRequest__Output, _skiff_containerd_services_transfer_v1_UnpackResponse__Output>
}
