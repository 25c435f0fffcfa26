import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { VersionClient as _skiff_containerd_services_version_v1_VersionClient, VersionDefinition as _skiff_containerd_services_version_v1_VersionDefinition } from './skiff/containerd/services/version/v1/Version';
import type { VersionRequest as _skiff_containerd_services_version_v1_VersionRequest, VersionRequest__Output as _skiff_containerd_services_version_v1_VersionRequest__Output } from './skiff/containerd/services/version/v1/VersionRequest';
import type { VersionResponse as _skiff_containerd_services_version_v1_VersionResponse, VersionResponse__Output as _skiff_containerd_services_version_v1_VersionResponse__Output } from './skiff/containerd/services/version/v1/VersionResponse';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  skiff: {
    containerd: {
      services: {
        version: {
          v1: {
            /**
             * Version tells which skiff-containerd answers: the first call a client makes, to check it has
             * reached the right socket.
             */
            Version: SubtypeConstructor<typeof grpc.Client, _skiff_containerd_services_version_v1_VersionClient> & { service: _skiff_containerd_services_version_v1_VersionDefinition }
            VersionRequest: MessageTypeDefinition<_skiff_containerd_services_version_v1_VersionRequest, _skiff_containerd_services_version_v1_VersionRequest__Output>
            VersionResponse: MessageTypeDefinition<_skiff_containerd_services_version_v1_VersionResponse, _skiff_containerd_services_version_v1_VersionResponse__Output>
          }
        }
      }
    }
  }
}

