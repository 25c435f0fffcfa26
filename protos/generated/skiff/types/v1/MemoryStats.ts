// Original file: skiff/types/v1/metrics.proto

import type { Long } from '@grpc/proto-loader';

export interface MemoryStats {
  /**
   * Current usage in bytes (v2 memory.current, v1 memory.usage_in_bytes).
   */
  'usageBytes'?: (number | string | Long);
  /**
   * Highest usage seen (v2 memory.peak where available, v1 memory.max_usage_in_bytes).
   */
  'maxUsageBytes'?: (number | string | Long);
  /**
   * The limit in bytes; 0 when unlimited.
   */
  'limitBytes'?: (number | string | Long);
  'swapUsageBytes'?: (number | string | Long);
  'swapLimitBytes'?: (number | string | Long);
  /**
   * Page cache and anonymous memory ("file" and "anon" on v2, "cache" and "rss" on v1).
   */
  'cacheBytes'?: (number | string | Long);
  'rssBytes'?: (number | string | Long);
  /**
   * Inactive page cache; `docker stats` subtracts it from usage.
   */
  'inactiveFileBytes'?: (number | string | Long);
  /**
   * Times the limit was hit and OOM kills inside the cgroup.
   */
  'failcnt'?: (number | string | Long);
  'oomKills'?: (number | string | Long);
  /**
   * Every counter of memory.stat, verbatim, for clients that want more than the above.
   */
  'raw'?: ({[key: string]: number | string | Long});
}

export interface MemoryStats__Output {
  /**
   * Current usage in bytes (v2 memory.current, v1 memory.usage_in_bytes).
   */
  'usageBytes': (string);
  /**
   * Highest usage seen (v2 memory.peak where available, v1 memory.max_usage_in_bytes).
   */
  'maxUsageBytes': (string);
  /**
   * The limit in bytes; 0 when unlimited.
   */
  'limitBytes': (string);
  'swapUsageBytes': (string);
  'swapLimitBytes': (string);
  /**
   * Page cache and anonymous memory ("file" and "anon" on v2, "cache" and "rss" on v1).
   */
  'cacheBytes': (string);
  'rssBytes': (string);
  /**
   * Inactive page cache; `docker stats` subtracts it from usage.
   */
  'inactiveFileBytes': (string);
  /**
   * Times the limit was hit and OOM kills inside the cgroup.
   */
  'failcnt': (string);
  'oomKills': (string);
  /**
   * Every counter of memory.stat, verbatim, for clients that want more than the above.
   */
  'raw': ({[key: string]: string});
}
