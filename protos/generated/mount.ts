import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Mount as _skiff_types_v1_Mount, Mount__Output as _skiff_types_v1_Mount__Output } from './skiff/types/v1/Mount';

export interface ProtoGrpcType {
  skiff: {
    types: {
      v1: {
        Mount: MessageTypeDefinition<_skiff_types_v1_Mount, _skiff_types_v1_Mount__Output>
      }
    }
  }
}

