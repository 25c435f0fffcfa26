// `docker stats`: Docker's stats JSON from a cgroup sample of the container's task. The CPU
// percentage clients print is the container's CPU time delta over the host's (system_cpu_usage,
// from /proc/stat) between this sample and the previous one (precpu_stats).
import * as fs from 'node:fs';
import * as os from 'node:os';
import type { TaskMetrics } from './ports';
import type { NetworkStats } from './stats-network';

/** USER_HZ: the unit of /proc/stat; 100 on every Linux that Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Host CPU time (all CPUs, all modes) in nanoseconds, as dockerd reads it. */
export function systemCpuUsageNs(procStat = '/proc/stat'): number {
  const line = fs.readFileSync(procStat, 'utf8').split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return 0;
  const ticks = line.trim().split(/\s+/).slice(1, 8).map(Number).reduce((a, b) => a + b, 0);
  return (ticks * 1e9) / CLOCK_TICKS_PER_SECOND;
}

export interface StatsSample {
  read: Date;
  metrics: TaskMetrics;
  systemCpuNs: number;
  /** Absent when Docker shows no `networks` (host networking, loopback only). */
  networks?: NetworkStats;
}

const ZERO_TIME = '0001-01-01T00:00:00Z';

function cpuStats(s: StatsSample | undefined, cpus: number): object {
  if (!s) return { cpu_usage: { total_usage: 0, usage_in_kernelmode: 0, usage_in_usermode: 0 }, throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 } };
  const c = s.metrics.cpu;
  return {
    cpu_usage: {
      total_usage: c.usageTotalNs,
      ...(c.perCpuNs.length > 0 ? { percpu_usage: c.perCpuNs } : {}),
      usage_in_kernelmode: c.usageSystemNs,
      usage_in_usermode: c.usageUserNs,
    },
    system_cpu_usage: s.systemCpuNs,
    online_cpus: cpus,
    throttling_data: { periods: c.periods, throttled_periods: c.throttledPeriods, throttled_time: c.throttledTimeNs },
  };
}

/** One stats document; previous is the sample before it (precpu_stats), if any. */
export function statsDocument(name: string, id: string, current: StatsSample, previous: StatsSample | undefined, hostMemory = os.totalmem()): object {
  const m = current.metrics.memory;
  const cpus = os.availableParallelism();
  const entries = (list: TaskMetrics['blkio']['ioServiceBytes']) => list.map((e) => ({ major: e.major, minor: e.minor, op: e.op, value: e.value }));
  return {
    name: `/${name}`,
    id,
    read: current.read.toISOString(),
    preread: previous ? previous.read.toISOString() : ZERO_TIME,
    pids_stats: { current: current.metrics.pids.current, ...(current.metrics.pids.limit > 0 ? { limit: current.metrics.pids.limit } : {}) },
    blkio_stats: {
      io_service_bytes_recursive: entries(current.metrics.blkio.ioServiceBytes),
      io_serviced_recursive: entries(current.metrics.blkio.ioServiced),
      io_queue_recursive: null,
      io_service_time_recursive: null,
      io_wait_time_recursive: null,
      io_merged_recursive: null,
      io_time_recursive: null,
      sectors_recursive: null,
    },
    num_procs: 0,
    storage_stats: {},
    cpu_stats: cpuStats(current, cpus),
    precpu_stats: cpuStats(previous, cpus),
    memory_stats: {
      usage: m.usageBytes,
      max_usage: m.maxUsageBytes,
      // An unlimited cgroup reports a huge limit; Docker shows what the host has instead.
      limit: m.limitBytes > 0 && m.limitBytes < hostMemory ? m.limitBytes : hostMemory,
      failcnt: m.failcnt,
      stats: { ...m.raw, cache: m.cacheBytes, rss: m.rssBytes, inactive_file: m.inactiveFileBytes, total_inactive_file: m.raw.total_inactive_file ?? m.inactiveFileBytes },
    },
    ...(current.networks ? { networks: current.networks } : {}),
  };
}
