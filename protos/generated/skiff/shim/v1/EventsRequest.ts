// Original file: skiff/shim/v1/shim.proto

import type { Long } from '@grpc/proto-loader';

export interface EventsRequest {
  /**
   * Replay the kept events whose sequence is greater than this, then stream new ones. 0 replays
   * everything the shim kept (a supervisor that has seen nothing yet).
   */
  'afterSequence'?: (number | string | Long);
}

export interface EventsRequest__Output {
  /**
   * Replay the kept events whose sequence is greater than this, then stream new ones. 0 replays
   * everything the shim kept (a supervisor that has seen nothing yet).
   */
  'afterSequence': (string);
}
