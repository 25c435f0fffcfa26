// Original file: skiff/containerd/services/content/v1/content.proto

export const WriteAction = {
  /**
   * Report the ingest's progress without writing.
   */
  WRITE_ACTION_STAT: 'WRITE_ACTION_STAT',
  /**
   * Append data at offset.
   */
  WRITE_ACTION_WRITE: 'WRITE_ACTION_WRITE',
  /**
   * Write data (if any), then verify size and digest and move the blob into the store.
   */
  WRITE_ACTION_COMMIT: 'WRITE_ACTION_COMMIT',
} as const;

export type WriteAction =
  /**
   * Report the ingest's progress without writing.
   */
  | 'WRITE_ACTION_STAT'
  | 0
  /**
   * Append data at offset.
   */
  | 'WRITE_ACTION_WRITE'
  | 1
  /**
   * Write data (if any), then verify size and digest and move the blob into the store.
   */
  | 'WRITE_ACTION_COMMIT'
  | 2

export type WriteAction__Output = typeof WriteAction[keyof typeof WriteAction]
