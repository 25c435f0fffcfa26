// From the core's plain values to skiff.*.v1 messages, as the proto-loader options of
// @skiff/protos expect them (64-bit integers as decimal strings, oneofs by field name).
import type { Envelope } from '@skiff/protos/generated/skiff/events/v1/Envelope';
import type { Timestamp } from '@skiff/protos/generated/google/protobuf/Timestamp';
import type { BlkioEntry } from '@skiff/protos/generated/skiff/types/v1/BlkioEntry';
import type { Metrics } from '@skiff/protos/generated/skiff/types/v1/Metrics';
import { topics } from '@skiff/protos';
import type { RecordedEvent } from '../core/events';
import type { CgroupStats } from '../core/ports';

export function toTimestamp(date: Date | undefined): Timestamp | null {
  if (!date) return null;
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds: String(seconds), nanos: (ms - seconds * 1000) * 1_000_000 };
}

export function toEnvelope(recorded: RecordedEvent, namespace: string): Envelope {
  const { kind, ...fields } = recorded.event;
  const payload = 'exitedAt' in fields ? { ...fields, exitedAt: toTimestamp(fields.exitedAt) } : fields;
  return {
    timestamp: toTimestamp(recorded.timestamp),
    namespace,
    topic: topics[kind],
    sequence: String(recorded.sequence),
    [kind]: payload,
  };
}

/** A kernel counter as a uint64 string; absent or negative reads as 0 (the proto's "not provided"). */
function u64(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n) || n <= 0) return '0';
  return BigInt(Math.trunc(n)).toString();
}

// cgroup v1 says "unlimited" with PAGE_COUNTER_MAX pages (~2^63), v2 with "max" (read as 2^64-1):
// anything this large is no limit, which the proto spells 0.
const UNLIMITED_FROM = 2 ** 62;
function limit(n: number | undefined): string {
  return n !== undefined && n >= UNLIMITED_FROM ? '0' : u64(n);
}

function blkio(entries: CgroupStats['blkio']['ioServiceBytesRecursive']): BlkioEntry[] {
  // Docker's stats API names the operations in lower case ("read", "write", ... "total").
  return (entries ?? []).map((e) => ({ major: e.major, minor: e.minor, op: (e.op ?? 'total').toLowerCase(), value: u64(e.value) }));
}

/**
 * skiff-runc's stats (runc's `events --stats` shape, the same on cgroup v1 and v2) as the typed
 * Metrics message. Swap is memory+swap, as runc reports it on both versions.
 */
export function toMetrics(containerId: string, stats: CgroupStats, oomKills: number, now: Date): Metrics {
  const raw = stats.memory.raw ?? {};
  const usage = stats.cpu.usage ?? {};
  const throttling = stats.cpu.throttling ?? {};
  return {
    timestamp: toTimestamp(now),
    containerId,
    cpu: {
      usageTotalNs: u64(usage.total),
      usageUserNs: u64(usage.user),
      usageSystemNs: u64(usage.kernel),
      perCpuNs: (usage.percpu ?? []).map(u64),
      periods: u64(throttling.periods),
      throttledPeriods: u64(throttling.throttledPeriods),
      throttledTimeNs: u64(throttling.throttledTime),
    },
    memory: {
      usageBytes: u64(stats.memory.usage?.usage),
      maxUsageBytes: u64(stats.memory.usage?.max),
      limitBytes: limit(stats.memory.usage?.limit),
      swapUsageBytes: u64(stats.memory.swap?.usage),
      swapLimitBytes: limit(stats.memory.swap?.limit),
      cacheBytes: u64(stats.memory.cache),
      // v1 counts the whole subtree in total_*, v2 names the same figures anon and inactive_file.
      rssBytes: u64(raw.total_rss ?? raw.rss ?? raw.anon),
      inactiveFileBytes: u64(raw.total_inactive_file ?? raw.inactive_file),
      failcnt: u64(stats.memory.usage?.failcnt),
      oomKills: u64(oomKills),
      raw: Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, u64(v)])),
    },
    pids: { current: u64(stats.pids.current), limit: limit(stats.pids.limit) },
    blkio: { ioServiceBytes: blkio(stats.blkio.ioServiceBytesRecursive), ioServiced: blkio(stats.blkio.ioServicedRecursive) },
  };
}
