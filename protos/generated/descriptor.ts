import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Descriptor as _skiff_types_v1_Descriptor, Descriptor__Output as _skiff_types_v1_Descriptor__Output } from './skiff/types/v1/Descriptor';
import type { Platform as _skiff_types_v1_Platform, Platform__Output as _skiff_types_v1_Platform__Output } from './skiff/types/v1/Platform';

export interface ProtoGrpcType {
  skiff: {
    types: {
      v1: {
        Descriptor: MessageTypeDefinition<_skiff_types_v1_Descriptor, _skiff_types_v1_Descriptor__Output>
        Platform: MessageTypeDefinition<_skiff_types_v1_Platform, _skiff_types_v1_Platform__Output>
      }
    }
  }
}

