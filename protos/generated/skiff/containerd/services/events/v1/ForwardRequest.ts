// Original file: skiff/containerd/services/events/v1/events.proto

import type { Envelope as _skiff_events_v1_Envelope, Envelope__Output as _skiff_events_v1_Envelope__Output } from '../../../../../skiff/events/v1/Envelope';

export interface ForwardRequest {
  'envelope'?: (_skiff_events_v1_Envelope | null);
}

export interface ForwardRequest__Output {
  'envelope': (_skiff_events_v1_Envelope__Output | null);
}
