// Original file: skiff/shim/v1/shim.proto

import type { Status as _skiff_types_v1_Status, Status__Output as _skiff_types_v1_Status__Output } from '../../../skiff/types/v1/Status';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';

export interface StateResponse {
  'id'?: (string);
  'execId'?: (string);
  'bundle'?: (string);
  'pid'?: (number);
  'status'?: (_skiff_types_v1_Status);
  'stdin'?: (string);
  'stdout'?: (string);
  'stderr'?: (string);
  'terminal'?: (boolean);
  /**
   * Set once status is STOPPED (see skiff.types.v1.Process.exit_status).
   */
  'exitStatus'?: (number);
  'exitedAt'?: (_google_protobuf_Timestamp | null);
}

export interface StateResponse__Output {
  'id': (string);
  'execId': (string);
  'bundle': (string);
  'pid': (number);
  'status': (_skiff_types_v1_Status__Output);
  'stdin': (string);
  'stdout': (string);
  'stderr': (string);
  'terminal': (boolean);
  /**
   * Set once status is STOPPED (see skiff.types.v1.Process.exit_status).
   */
  'exitStatus': (number);
  'exitedAt': (_google_protobuf_Timestamp__Output | null);
}
