import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Platform as _skiff_types_v1_Platform, Platform__Output as _skiff_types_v1_Platform__Output } from './skiff/types/v1/Platform';

export interface ProtoGrpcType {
  skiff: {
    types: {
      v1: {
        Platform: MessageTypeDefinition<_skiff_types_v1_Platform, _skiff_types_v1_Platform__Output>
      }
    }
  }
}

