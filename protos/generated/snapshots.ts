import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { FieldMask as _google_protobuf_FieldMask, FieldMask__Output as _google_protobuf_FieldMask__Output } from './google/protobuf/FieldMask';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { CommitSnapshotRequest as _skiff_containerd_services_snapshots_v1_CommitSnapshotRequest, CommitSnapshotRequest__Output as _skiff_containerd_services_snapshots_v1_CommitSnapshotRequest__Output } from './skiff/containerd/services/snapshots/v1/CommitSnapshotRequest';
import type { CommitSnapshotResponse as _skiff_containerd_services_snapshots_v1_CommitSnapshotResponse, CommitSnapshotResponse__Output as _skiff_containerd_services_snapshots_v1_CommitSnapshotResponse__Output } from './skiff/containerd/services/snapshots/v1/CommitSnapshotResponse';
import type { Info as _skiff_containerd_services_snapshots_v1_Info, Info__Output as _skiff_containerd_services_snapshots_v1_Info__Output } from './skiff/containerd/services/snapshots/v1/Info';
import type { ListSnapshotsRequest as _skiff_containerd_services_snapshots_v1_ListSnapshotsRequest, ListSnapshotsRequest__Output as _skiff_containerd_services_snapshots_v1_ListSnapshotsRequest__Output } from './skiff/containerd/services/snapshots/v1/ListSnapshotsRequest';
import type { ListSnapshotsResponse as _skiff_containerd_services_snapshots_v1_ListSnapshotsResponse, ListSnapshotsResponse__Output as _skiff_containerd_services_snapshots_v1_ListSnapshotsResponse__Output } from './skiff/containerd/services/snapshots/v1/ListSnapshotsResponse';
import type { MountsRequest as _skiff_containerd_services_snapshots_v1_MountsRequest, MountsRequest__Output as _skiff_containerd_services_snapshots_v1_MountsRequest__Output } from './skiff/containerd/services/snapshots/v1/MountsRequest';
import type { MountsResponse as _skiff_containerd_services_snapshots_v1_MountsResponse, MountsResponse__Output as _skiff_containerd_services_snapshots_v1_MountsResponse__Output } from './skiff/containerd/services/snapshots/v1/MountsResponse';
import type { PrepareSnapshotRequest as _skiff_containerd_services_snapshots_v1_PrepareSnapshotRequest, PrepareSnapshotRequest__Output as _skiff_containerd_services_snapshots_v1_PrepareSnapshotRequest__Output } from './skiff/containerd/services/snapshots/v1/PrepareSnapshotRequest';
import type { PrepareSnapshotResponse as _skiff_containerd_services_snapshots_v1_PrepareSnapshotResponse, PrepareSnapshotResponse__Output as _skiff_containerd_services_snapshots_v1_PrepareSnapshotResponse__Output } from './skiff/containerd/services/snapshots/v1/PrepareSnapshotResponse';
import type { RemoveSnapshotRequest as _skiff_containerd_services_snapshots_v1_RemoveSnapshotRequest, RemoveSnapshotRequest__Output as _skiff_containerd_services_snapshots_v1_RemoveSnapshotRequest__Output } from './skiff/containerd/services/snapshots/v1/RemoveSnapshotRequest';
import type { RemoveSnapshotResponse as _skiff_containerd_services_snapshots_v1_RemoveSnapshotResponse, RemoveSnapshotResponse__Output as _skiff_containerd_services_snapshots_v1_RemoveSnapshotResponse__Output } from './skiff/containerd/services/snapshots/v1/RemoveSnapshotResponse';
import type { SnapshotsClient as _skiff_containerd_services_snapshots_v1_SnapshotsClient, SnapshotsDefinition as _skiff_containerd_services_snapshots_v1_SnapshotsDefinition } from './skiff/containerd/services/snapshots/v1/Snapshots';
import type { StatSnapshotRequest as _skiff_containerd_services_snapshots_v1_StatSnapshotRequest, StatSnapshotRequest__Output as _skiff_containerd_services_snapshots_v1_StatSnapshotRequest__Output } from './skiff/containerd/services/snapshots/v1/StatSnapshotRequest';
import type { StatSnapshotResponse as _skiff_containerd_services_snapshots_v1_StatSnapshotResponse, StatSnapshotResponse__Output as _skiff_containerd_services_snapshots_v1_StatSnapshotResponse__Output } from './skiff/containerd/services/snapshots/v1/StatSnapshotResponse';
import type { UpdateSnapshotRequest as _skiff_containerd_services_snapshots_v1_UpdateSnapshotRequest, UpdateSnapshotRequest__Output as _skiff_containerd_services_snapshots_v1_UpdateSnapshotRequest__Output } from './skiff/containerd/services/snapshots/v1/UpdateSnapshotRequest';
import type { UpdateSnapshotResponse as _skiff_containerd_services_snapshots_v1_UpdateSnapshotResponse, UpdateSnapshotResponse__Output as _skiff_containerd_services_snapshots_v1_UpdateSnapshotResponse__Output } from './skiff/containerd/services/snapshots/v1/UpdateSnapshotResponse';
import type { UsageRequest as _skiff_containerd_services_snapshots_v1_UsageRequest, UsageRequest__Output as _skiff_containerd_services_snapshots_v1_UsageRequest__Output } from './skiff/containerd/services/snapshots/v1/UsageRequest';
import type { UsageResponse as _skiff_containerd_services_snapshots_v1_UsageResponse, UsageResponse__Output as _skiff_containerd_services_snapshots_v1_UsageResponse__Output } from './skiff/containerd/services/snapshots/v1/UsageResponse';
import type { ViewSnapshotRequest as _skiff_containerd_services_snapshots_v1_ViewSnapshotRequest, ViewSnapshotRequest__Output as _skiff_containerd_services_snapshots_v1_ViewSnapshotRequest__Output } from './skiff/containerd/services/snapshots/v1/ViewSnapshotRequest';
import type { ViewSnapshotResponse as _skiff_containerd_services_snapshots_v1_ViewSnapshotResponse, ViewSnapshotResponse__Output as _skiff_containerd_services_snapshots_v1_ViewSnapshotResponse__Output } from './skiff/containerd/services/snapshots/v1/ViewSnapshotResponse';
import type { Mount as _skiff_types_v1_Mount, Mount__Output as _skiff_types_v1_Mount__Output } from './skiff/types/v1/Mount';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    protobuf: {
      FieldMask: MessageTypeDefinition<_google_protobuf_FieldMask, _google_protobuf_FieldMask__Output>
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
  skiff: {
    containerd: {
      services: {
        snapshots: {
          v1: {
            CommitSnapshotRequest: MessageTypeDefinition<_skiff_containerd_services_snapshots_v1_CommitSnapshotRequest, _skiff_containerd_services_snapshots_v1_CommitSnapshotRequest__Output>
            CommitSnapshotResponse: MessageTypeDefinition<_skiff_containerd_services_snapshots_v1_CommitSnapshotResponse, _skiff_containerd_services_snapshots_v1_CommitSnapshotResponse__Output>
            Info: MessageTypeDefinition<_skiff_containerd_services_snapshots_v1_Info, _skiff_containerd_services_snapshots_v1_Info__Output>
            Kind: EnumTypeDefinition
            ListSnapshotsRequest: MessageTypeDefinition<_skiff_containerd_services_snapshots_v1_ListSnapshotsRequest, _skiff_containerd_services_snapshots_v1_ListSnapshotsRequest__Output>
            ListSnapshotsResponse: MessageTypeDefinition<_skiff_containerd_services_snapshots_v1_ListSnapshotsResponse, _skiff_containerd_services_snapshots_v1_ListSnapshotsResponse__Output>
            MountsRequest: MessageTypeDefinition<_skiff_containerd_services_snapshots_v1_MountsRequest, _skiff_containerd_services_snapshots_v1_MountsRequest__Output>
            MountsResponse: MessageTypeDefinition<_skiff_containerd_services_snapshots_v1_MountsResponse, _skiff_containerd_services_snapshots_v1_MountsResponse__Output>
            PrepareSnapshotRequest: MessageTypeDefinition<_skiff_containerd_services_snapshots_v1_PrepareSnapshotRequest, _skiff_containerd_services_snapshots_v1_PrepareSnapshotRequest__Output>
            PrepareSnapshotResponse: MessageTypeDefinition<_skiff_containerd_services_snapshots_v1_PrepareSnapshotResponse, _skiff_containerd_services_snapshots_v1_PrepareSnapshotResponse__Output>
            RemoveSnapshotRequest: MessageTypeDefinition<_skiff_containerd_services_snapshots_v1_RemoveSnapshotRequest, _skiff_containerd_services_snapshots_v1_RemoveSnapshotRequest__Output>
            RemoveSnapshotResponse: MessageTypeDefinition<_skiff_containerd_services_snapshots_v1_RemoveSnapshotResponse, _skiff_containerd_services_snapshots_v1_RemoveSnapshotResponse__Output>
            /**
             * Snapshots manages filesystem snapshots: committed (read-only) layers and the active
             * (writable) or view (read-only) snapshots made on top of them. The default snapshotter is
             * overlayfs: layers unpacked once and shared. Every request names its snapshotter ("" for the
             * default); keys are per namespace.
             * 
             * Reserved for the images issue: defined now so the contract is stable; skiff-containerd answers
             * UNIMPLEMENTED until that issue lands.
             */
            Snapshots: SubtypeConstructor<typeof grpc.Client, _skiff_containerd_services_snapshots_v1_SnapshotsClient> & { service: _skiff_containerd_services_snapshots_v1_SnapshotsDefinition }
            StatSnapshotRequest: MessageTypeDefinition<_skiff_containerd_services_snapshots_v1_StatSnapshotRequest, _skiff_containerd_services_snapshots_v1_StatSnapshotRequest__Output>
            StatSnapshotResponse: MessageTypeDefinition<_skiff_containerd_services_snapshots_v1_StatSnapshotResponse, _skiff_containerd_services_snapshots_v1_StatSnapshotResponse__Output>
            UpdateSnapshotRequest: MessageTypeDefinition<_skiff_containerd_services_snapshots_v1_UpdateSnapshotRequest, _skiff_containerd_services_snapshots_v1_UpdateSnapshotRequest__Output>
            UpdateSnapshotResponse: MessageTypeDefinition<_skiff_containerd_services_snapshots_v1_UpdateSnapshotResponse, _skiff_containerd_services_snapshots_v1_UpdateSnapshotResponse__Output>
            UsageRequest: MessageTypeDefinition<_skiff_containerd_services_snapshots_v1_UsageRequest, _skiff_containerd_services_snapshots_v1_UsageRequest__Output>
            UsageResponse: MessageTypeDefinition<_skiff_containerd_services_snapshots_v1_UsageResponse, _skiff_containerd_services_snapshots_v1_UsageResponse__Output>
            ViewSnapshotRequest: MessageTypeDefinition<_skiff_containerd_services_snapshots_v1_ViewSnapshotRequest, _skiff_containerd_services_snapshots_v1_ViewSnapshotRequest__Output>
            ViewSnapshotResponse: MessageTypeDefinition<_skiff_containerd_services_snapshots_v1_ViewSnapshotResponse, _skiff_containerd_services_snapshots_v1_ViewSnapshotResponse__Output>
          }
        }
      }
    }
    types: {
      v1: {
        Mount: MessageTypeDefinition<_skiff_types_v1_Mount, _skiff_types_v1_Mount__Output>
      }
    }
  }
}

