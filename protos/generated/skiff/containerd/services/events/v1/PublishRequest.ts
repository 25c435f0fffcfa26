// Original file: skiff/containerd/services/events/v1/events.proto

import type { Envelope as _skiff_events_v1_Envelope, Envelope__Output as _skiff_events_v1_Envelope__Output } from '../../../../../skiff/events/v1/Envelope';

export interface PublishRequest {
  /**
   * The topic and the event must be set; INVALID_ARGUMENT when a typed event comes with another
   * topic than its own.
   */
  'envelope'?: (_skiff_events_v1_Envelope | null);
}

export interface PublishRequest__Output {
  /**
   * The topic and the event must be set; INVALID_ARGUMENT when a typed event comes with another
   * topic than its own.
   */
  'envelope': (_skiff_events_v1_Envelope__Output | null);
}
