import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { BlkioEntry as _skiff_types_v1_BlkioEntry, BlkioEntry__Output as _skiff_types_v1_BlkioEntry__Output } from './skiff/types/v1/BlkioEntry';
import type { BlkioStats as _skiff_types_v1_BlkioStats, BlkioStats__Output as _skiff_types_v1_BlkioStats__Output } from './skiff/types/v1/BlkioStats';
import type { CpuStats as _skiff_types_v1_CpuStats, CpuStats__Output as _skiff_types_v1_CpuStats__Output } from './skiff/types/v1/CpuStats';
import type { MemoryStats as _skiff_types_v1_MemoryStats, MemoryStats__Output as _skiff_types_v1_MemoryStats__Output } from './skiff/types/v1/MemoryStats';
import type { Metrics as _skiff_types_v1_Metrics, Metrics__Output as _skiff_types_v1_Metrics__Output } from './skiff/types/v1/Metrics';
import type { PidsStats as _skiff_types_v1_PidsStats, PidsStats__Output as _skiff_types_v1_PidsStats__Output } from './skiff/types/v1/PidsStats';

export interface ProtoGrpcType {
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
  skiff: {
    types: {
      v1: {
        BlkioEntry: MessageTypeDefinition<_skiff_types_v1_BlkioEntry, _skiff_types_v1_BlkioEntry__Output>
        BlkioStats: MessageTypeDefinition<_skiff_types_v1_BlkioStats, _skiff_types_v1_BlkioStats__Output>
        CpuStats: MessageTypeDefinition<_skiff_types_v1_CpuStats, _skiff_types_v1_CpuStats__Output>
        MemoryStats: MessageTypeDefinition<_skiff_types_v1_MemoryStats, _skiff_types_v1_MemoryStats__Output>
        Metrics: MessageTypeDefinition<_skiff_types_v1_Metrics, _skiff_types_v1_Metrics__Output>
        PidsStats: MessageTypeDefinition<_skiff_types_v1_PidsStats, _skiff_types_v1_PidsStats__Output>
      }
    }
  }
}

