// Original file: skiff/containerd/services/content/v1/content.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../../../google/protobuf/Timestamp';
import type { Long } from '@grpc/proto-loader';

/**
 * Status is the progress of one ingest.
 */
export interface Status {
  'ref'?: (string);
  /**
   * Bytes received so far.
   */
  'offset'?: (number | string | Long);
  /**
   * Expected size, when the writer said.
   */
  'total'?: (number | string | Long);
  /**
   * Expected digest, when the writer said.
   */
  'expected'?: (string);
  'startedAt'?: (_google_protobuf_Timestamp | null);
  'updatedAt'?: (_google_protobuf_Timestamp | null);
}

/**
 * Status is the progress of one ingest.
 */
export interface Status__Output {
  'ref': (string);
  /**
   * Bytes received so far.
   */
  'offset': (string);
  /**
   * Expected size, when the writer said.
   */
  'total': (string);
  /**
   * Expected digest, when the writer said.
   */
  'expected': (string);
  'startedAt': (_google_protobuf_Timestamp__Output | null);
  'updatedAt': (_google_protobuf_Timestamp__Output | null);
}
