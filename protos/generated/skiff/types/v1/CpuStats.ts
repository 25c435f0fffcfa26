// Original file: skiff/types/v1/metrics.proto

import type { Long } from '@grpc/proto-loader';

export interface CpuStats {
  /**
   * CPU time consumed, in nanoseconds: total, and split by user and kernel mode.
   */
  'usageTotalNs'?: (number | string | Long);
  'usageUserNs'?: (number | string | Long);
  'usageSystemNs'?: (number | string | Long);
  /**
   * Per-CPU totals in nanoseconds, indexed by CPU number (cgroup v1 only; empty on v2).
   */
  'perCpuNs'?: (number | string | Long)[];
  /**
   * CFS bandwidth control: enforcement periods elapsed, periods throttled, time throttled.
   */
  'periods'?: (number | string | Long);
  'throttledPeriods'?: (number | string | Long);
  'throttledTimeNs'?: (number | string | Long);
}

export interface CpuStats__Output {
  /**
   * CPU time consumed, in nanoseconds: total, and split by user and kernel mode.
   */
  'usageTotalNs': (string);
  'usageUserNs': (string);
  'usageSystemNs': (string);
  /**
   * Per-CPU totals in nanoseconds, indexed by CPU number (cgroup v1 only; empty on v2).
   */
  'perCpuNs': (string)[];
  /**
   * CFS bandwidth control: enforcement periods elapsed, periods throttled, time throttled.
   */
  'periods': (string);
  'throttledPeriods': (string);
  'throttledTimeNs': (string);
}
