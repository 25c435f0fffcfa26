import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { Process as _skiff_types_v1_Process, Process__Output as _skiff_types_v1_Process__Output } from './skiff/types/v1/Process';
import type { ProcessInfo as _skiff_types_v1_ProcessInfo, ProcessInfo__Output as _skiff_types_v1_ProcessInfo__Output } from './skiff/types/v1/ProcessInfo';

export interface ProtoGrpcType {
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
  skiff: {
    types: {
      v1: {
        Process: MessageTypeDefinition<_skiff_types_v1_Process, _skiff_types_v1_Process__Output>
        ProcessInfo: MessageTypeDefinition<_skiff_types_v1_ProcessInfo, _skiff_types_v1_ProcessInfo__Output>
        Status: EnumTypeDefinition
      }
    }
  }
}

