// Original file: skiff/containerd/services/snapshots/v1/snapshots.proto

export const Kind = {
  KIND_UNKNOWN: 'KIND_UNKNOWN',
  KIND_VIEW: 'KIND_VIEW',
  KIND_ACTIVE: 'KIND_ACTIVE',
  KIND_COMMITTED: 'KIND_COMMITTED',
} as const;

export type Kind =
  | 'KIND_UNKNOWN'
  | 0
  | 'KIND_VIEW'
  | 1
  | 'KIND_ACTIVE'
  | 2
  | 'KIND_COMMITTED'
  | 3

export type Kind__Output = typeof Kind[keyof typeof Kind]
