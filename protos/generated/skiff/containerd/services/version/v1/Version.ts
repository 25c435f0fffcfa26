// Original file: skiff/containerd/services/version/v1/version.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { VersionRequest as _skiff_containerd_services_version_v1_VersionRequest, VersionRequest__Output as _skiff_containerd_services_version_v1_VersionRequest__Output } from '../../../../../skiff/containerd/services/version/v1/VersionRequest';
import type { VersionResponse as _skiff_containerd_services_version_v1_VersionResponse, VersionResponse__Output as _skiff_containerd_services_version_v1_VersionResponse__Output } from '../../../../../skiff/containerd/services/version/v1/VersionResponse';

/**
 * Version tells which skiff-containerd answers: the first call a client makes, to check it has
 * reached the right socket.
 */
export interface VersionClient extends grpc.Client {
  Version(argument: _skiff_containerd_services_version_v1_VersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_version_v1_VersionResponse__Output>): grpc.ClientUnaryCall;
  Version(argument: _skiff_containerd_services_version_v1_VersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_version_v1_VersionResponse__Output>): grpc.ClientUnaryCall;
  Version(argument: _skiff_containerd_services_version_v1_VersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_version_v1_VersionResponse__Output>): grpc.ClientUnaryCall;
  Version(argument: _skiff_containerd_services_version_v1_VersionRequest, callback: grpc.requestCallback<_skiff_containerd_services_version_v1_VersionResponse__Output>): grpc.ClientUnaryCall;
  version(argument: _skiff_containerd_services_version_v1_VersionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_version_v1_VersionResponse__Output>): grpc.ClientUnaryCall;
  version(argument: _skiff_containerd_services_version_v1_VersionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_skiff_containerd_services_version_v1_VersionResponse__Output>): grpc.ClientUnaryCall;
  version(argument: _skiff_containerd_services_version_v1_VersionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_skiff_containerd_services_version_v1_VersionResponse__Output>): grpc.ClientUnaryCall;
  version(argument: _skiff_containerd_services_version_v1_VersionRequest, callback: grpc.requestCallback<_skiff_containerd_services_version_v1_VersionResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Version tells which skiff-containerd answers: the first call a client makes, to check it has
 * reached the right socket.
 */
export interface VersionHandlers extends grpc.UntypedServiceImplementation {
  Version: grpc.handleUnaryCall<_skiff_containerd_services_version_v1_VersionRequest__Output, _skiff_containerd_services_version_v1_VersionResponse>;
  
}

export interface VersionDefinition extends grpc.ServiceDefinition {
  Version: MethodDefinition<_skiff_containerd_services_version_v1_VersionRequest, _skiff_containerd_services_version_v1_VersionResponse, _skiff_containerd_services_version_v1_VersionRequest__Output, _skiff_containerd_services_version_v1_VersionResponse__Output>
}
