import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ImageCreate as _skiff_events_v1_ImageCreate, ImageCreate__Output as _skiff_events_v1_ImageCreate__Output } from './skiff/events/v1/ImageCreate';
import type { ImageDelete as _skiff_events_v1_ImageDelete, ImageDelete__Output as _skiff_events_v1_ImageDelete__Output } from './skiff/events/v1/ImageDelete';
import type { ImageUpdate as _skiff_events_v1_ImageUpdate, ImageUpdate__Output as _skiff_events_v1_ImageUpdate__Output } from './skiff/events/v1/ImageUpdate';

export interface ProtoGrpcType {
  skiff: {
    events: {
      v1: {
        ImageCreate: MessageTypeDefinition<_skiff_events_v1_ImageCreate, _skiff_events_v1_ImageCreate__Output>
        ImageDelete: MessageTypeDefinition<_skiff_events_v1_ImageDelete, _skiff_events_v1_ImageDelete__Output>
        ImageUpdate: MessageTypeDefinition<_skiff_events_v1_ImageUpdate, _skiff_events_v1_ImageUpdate__Output>
      }
    }
  }
}

