// Original file: skiff/containerd/services/content/v1/content.proto

import type { WriteAction as _skiff_containerd_services_content_v1_WriteAction, WriteAction__Output as _skiff_containerd_services_content_v1_WriteAction__Output } from '../../../../../skiff/containerd/services/content/v1/WriteAction';
import type { Long } from '@grpc/proto-loader';

export interface WriteContentRequest {
  'action'?: (_skiff_containerd_services_content_v1_WriteAction);
  /**
   * Names the ingest; required on the first request of a stream. Writes under the same ref
   * are exclusive (a second writer gets UNAVAILABLE while the first holds it).
   */
  'ref'?: (string);
  /**
   * Expected total size; 0 when unknown.
   */
  'total'?: (number | string | Long);
  /**
   * Expected digest; required at COMMIT unless given earlier.
   */
  'expected'?: (string);
  /**
   * Where data goes; must equal the ingest's current offset.
   */
  'offset'?: (number | string | Long);
  'data'?: (Buffer | Uint8Array | string);
  /**
   * Labels given to the blob at COMMIT.
   */
  'labels'?: ({[key: string]: string});
}

export interface WriteContentRequest__Output {
  'action': (_skiff_containerd_services_content_v1_WriteAction__Output);
  /**
   * Names the ingest; required on the first request of a stream. Writes under the same ref
   * are exclusive (a second writer gets UNAVAILABLE while the first holds it).
   */
  'ref': (string);
  /**
   * Expected total size; 0 when unknown.
   */
  'total': (string);
  /**
   * Expected digest; required at COMMIT unless given earlier.
   */
  'expected': (string);
  /**
   * Where data goes; must equal the ingest's current offset.
   */
  'offset': (string);
  'data': (Buffer);
  /**
   * Labels given to the blob at COMMIT.
   */
  'labels': ({[key: string]: string});
}
