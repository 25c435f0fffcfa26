// Original file: skiff/types/v1/runtime.proto

import type { Long } from '@grpc/proto-loader';

/**
 * LogOptions are json-file's rotation settings (Docker's log-opt max-size and max-file).
 */
export interface LogOptions {
  /**
   * Rotate the log before it would grow past this many bytes. 0 never rotates.
   */
  'maxSizeBytes'?: (number | string | Long);
  /**
   * How many files to keep, the live one included (<log>, <log>.1, ... <log>.N-1). 0 counts as 1:
   * the live file is truncated on rotation.
   */
  'maxFiles'?: (number);
}

/**
 * LogOptions are json-file's rotation settings (Docker's log-opt max-size and max-file).
 */
export interface LogOptions__Output {
  /**
   * Rotate the log before it would grow past this many bytes. 0 never rotates.
   */
  'maxSizeBytes': (string);
  /**
   * How many files to keep, the live one included (<log>, <log>.1, ... <log>.N-1). 0 counts as 1:
   * the live file is truncated on rotation.
   */
  'maxFiles': (number);
}
