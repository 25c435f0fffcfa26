import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { LogOptions as _skiff_types_v1_LogOptions, LogOptions__Output as _skiff_types_v1_LogOptions__Output } from './skiff/types/v1/LogOptions';
import type { RuntimeOptions as _skiff_types_v1_RuntimeOptions, RuntimeOptions__Output as _skiff_types_v1_RuntimeOptions__Output } from './skiff/types/v1/RuntimeOptions';

export interface ProtoGrpcType {
  skiff: {
    types: {
      v1: {
        LogOptions: MessageTypeDefinition<_skiff_types_v1_LogOptions, _skiff_types_v1_LogOptions__Output>
        RuntimeOptions: MessageTypeDefinition<_skiff_types_v1_RuntimeOptions, _skiff_types_v1_RuntimeOptions__Output>
      }
    }
  }
}

