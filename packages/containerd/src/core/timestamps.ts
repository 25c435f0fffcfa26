import type { Timestamp } from '@skiff/protos/generated/google/protobuf/Timestamp';

/** A google.protobuf.Timestamp as proto-loader sends it (seconds as a decimal string). */
export function toTimestamp(date: Date): Timestamp {
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds: String(seconds), nanos: (ms - seconds * 1000) * 1_000_000 };
}

/** Milliseconds since the epoch of a received Timestamp (null or absent: 0). */
export function timestampMs(ts: { seconds?: unknown; nanos?: number } | null | undefined): number {
  if (!ts) return 0;
  return Number(ts.seconds ?? 0) * 1000 + Math.floor((ts.nanos ?? 0) / 1_000_000);
}

export function fromTimestamp(ts: { seconds?: unknown; nanos?: number } | null | undefined): Date | undefined {
  return ts ? new Date(timestampMs(ts)) : undefined;
}
