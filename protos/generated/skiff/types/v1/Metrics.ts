// Original file: skiff/types/v1/metrics.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../../google/protobuf/Timestamp';
import type { CpuStats as _skiff_types_v1_CpuStats, CpuStats__Output as _skiff_types_v1_CpuStats__Output } from '../../../skiff/types/v1/CpuStats';
import type { MemoryStats as _skiff_types_v1_MemoryStats, MemoryStats__Output as _skiff_types_v1_MemoryStats__Output } from '../../../skiff/types/v1/MemoryStats';
import type { PidsStats as _skiff_types_v1_PidsStats, PidsStats__Output as _skiff_types_v1_PidsStats__Output } from '../../../skiff/types/v1/PidsStats';
import type { BlkioStats as _skiff_types_v1_BlkioStats, BlkioStats__Output as _skiff_types_v1_BlkioStats__Output } from '../../../skiff/types/v1/BlkioStats';

/**
 * Metrics is one sample of a task's resource use, read from its cgroup (v1 or v2) by the shim.
 * Typed rather than an Any, so `docker stats` can be served without decoding cgroup files twice.
 * Counters are cumulative since the cgroup was created; a field the kernel does not provide is 0.
 */
export interface Metrics {
  /**
   * When the sample was taken.
   */
  'timestamp'?: (_google_protobuf_Timestamp | null);
  'containerId'?: (string);
  'cpu'?: (_skiff_types_v1_CpuStats | null);
  'memory'?: (_skiff_types_v1_MemoryStats | null);
  'pids'?: (_skiff_types_v1_PidsStats | null);
  'blkio'?: (_skiff_types_v1_BlkioStats | null);
}

/**
 * Metrics is one sample of a task's resource use, read from its cgroup (v1 or v2) by the shim.
 * Typed rather than an Any, so `docker stats` can be served without decoding cgroup files twice.
 * Counters are cumulative since the cgroup was created; a field the kernel does not provide is 0.
 */
export interface Metrics__Output {
  /**
   * When the sample was taken.
   */
  'timestamp': (_google_protobuf_Timestamp__Output | null);
  'containerId': (string);
  'cpu': (_skiff_types_v1_CpuStats__Output | null);
  'memory': (_skiff_types_v1_MemoryStats__Output | null);
  'pids': (_skiff_types_v1_PidsStats__Output | null);
  'blkio': (_skiff_types_v1_BlkioStats__Output | null);
}
