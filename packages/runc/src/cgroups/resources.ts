import { failedPrecondition, invalidArgument } from '@skiff/errors';
import { reduceDeviceRules } from './device-filter/compile';
import type { CgroupLayout, Int, LinuxDeviceCgroup, LinuxResources } from './types';

/** An OCI integer as an exact bigint; a fractional or non-numeric value is an InvalidArgument. */
export function big(v: Int | undefined, field: string): bigint | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'bigint') return v;
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw invalidArgument(`linux.resources.${field} must be an integer, got ${String(v)}`);
  }
  return BigInt(v);
}

/**
 * The spec's Go heritage makes 0 mean "not set" for most knobs (runc ignores zero shares, quota,
 * limits...), so these read a value as undefined when it is absent or zero.
 */
export function setValue(v: Int | undefined, field: string): bigint | undefined {
  const b = big(v, field);
  return b === 0n ? undefined : b;
}

function inRange(v: Int | undefined, field: string, min: bigint, max?: bigint, hint?: string): bigint | undefined {
  const b = big(v, field);
  if (b !== undefined && (b < min || (max !== undefined && b > max))) {
    const range = max === undefined ? `at least ${min}` : `between ${min} and ${max}`;
    throw invalidArgument(`linux.resources.${field} must be ${range}${hint ? ` (${hint})` : ''}, got ${b}`);
  }
  return b;
}

/** inRange, but 0 (= not set) is always accepted. */
function zeroOrInRange(v: Int | undefined, field: string, min: bigint, max?: bigint, hint?: string): void {
  if (big(v, field) !== 0n) inRange(v, field, min, max, hint);
}

/** "-1" for unlimited in v1 files, "max" in v2 files. */
export function limitText(v: bigint, unlimited: '-1' | 'max'): string {
  return v === -1n ? unlimited : v.toString();
}

/** cpu.shares (2..262144, default 1024) onto cpu.weight (1..10000, default 100), as runc maps it. */
export function sharesToWeight(shares: bigint): bigint {
  return 1n + ((shares - 2n) * 9999n) / 262142n;
}

/** blkio.weight (10..1000) onto io.weight (1..10000). */
export function blkioToIoWeight(weight: bigint): bigint {
  return 1n + ((weight - 10n) * 9999n) / 990n;
}

export function deviceRuleText(rule: LinuxDeviceCgroup): string {
  const num = (v: Int | undefined): string => (v === undefined || BigInt(v) < 0n ? '*' : BigInt(v).toString());
  return `${rule.type ?? 'a'} ${num(rule.major)}:${num(rule.minor)} ${rule.access ?? 'rwm'}`;
}

const cpuListPattern = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;
const pageSizePattern = /^[1-9]\d*[KMG]B$/;

export const THROTTLES = ['throttleReadBpsDevice', 'throttleWriteBpsDevice', 'throttleReadIOPSDevice', 'throttleWriteIOPSDevice'] as const;

/** A file name for the `unified` map: a single entry in the cgroup dir, nothing that climbs out. */
function checkUnifiedKey(key: string): void {
  if (key === '' || key === '.' || key === '..' || /[/\0\s]/.test(key)) {
    throw invalidArgument(`linux.resources.unified key ${JSON.stringify(key)} is not a cgroup file name`);
  }
}

const nonzero = (v: Int | undefined): boolean => v !== undefined && BigInt(v) !== 0n;
const nonEmpty = (list: readonly unknown[] | undefined): boolean => (list ?? []).length > 0;

/**
 * The v1 controllers a resources object writes to (v1 names; v2 maps blkio to io and has no
 * net_cls/net_prio). Zero means "not set" as in runc, so a spec full of zeros needs nothing.
 */
export function wantedControllers(r: LinuxResources): Set<string> {
  const want = new Set<string>();
  const m = r.memory;
  if (m && ([m.limit, m.reservation, m.swap, m.kernelTCP].some(nonzero) || (m.swappiness !== undefined && BigInt(m.swappiness) !== -1n) || m.disableOOMKiller !== undefined)) {
    want.add('memory');
  }
  const c = r.cpu;
  if (c && ([c.shares, c.quota, c.period, c.burst, c.realtimeRuntime, c.realtimePeriod].some(nonzero) || c.idle !== undefined)) want.add('cpu');
  if (c && ((c.cpus ?? '') !== '' || (c.mems ?? '') !== '')) want.add('cpuset');
  if (r.pids?.limit !== undefined) want.add('pids');
  const b = r.blockIO;
  if (b && ([b.weight, b.leafWeight].some(nonzero) || [b.weightDevice, b.throttleReadBpsDevice, b.throttleWriteBpsDevice, b.throttleReadIOPSDevice, b.throttleWriteIOPSDevice].some(nonEmpty))) {
    want.add('blkio');
  }
  if (nonEmpty(r.hugepageLimits)) want.add('hugetlb');
  if (r.devices !== undefined) want.add('devices');
  if (r.network?.classID !== undefined) want.add('net_cls');
  if (nonEmpty(r.network?.priorities)) want.add('net_prio');
  return want;
}

/**
 * Rejects, before anything is created, what the kernel would refuse or this host cannot provide:
 * InvalidArgument for bad values, FailedPrecondition for a controller the host lacks.
 */
export function validateResources(layout: CgroupLayout, r: LinuxResources): void {
  const v1 = layout.version === 1;

  const m = r.memory;
  if (m) {
    const limit = inRange(m.limit, 'memory.limit', -1n);
    inRange(m.reservation, 'memory.reservation', -1n);
    const swap = inRange(m.swap, 'memory.swap', -1n);
    inRange(m.kernel, 'memory.kernel', -1n);
    inRange(m.kernelTCP, 'memory.kernelTCP', -1n);
    // -1 is Docker's old "unset"; kernels since 5.8 accept up to 200.
    inRange(m.swappiness, 'memory.swappiness', -1n, 200n);
    if (swap !== undefined && swap > 0n && limit !== undefined && limit > 0n && swap < limit) {
      throw invalidArgument(`linux.resources.memory.swap (memory+swap, ${swap}) must not be below memory.limit (${limit})`);
    }
    if (!v1 && swap !== undefined && swap > 0n && !(limit !== undefined && limit > 0n)) {
      // v2 limits swap on its own (memory.swap.max = swap - limit), so it needs the memory limit.
      throw invalidArgument('linux.resources.memory.swap needs memory.limit on cgroup v2');
    }
  }

  const c = r.cpu;
  if (c) {
    zeroOrInRange(c.shares, 'cpu.shares', 2n, 262144n);
    const quota = big(c.quota, 'cpu.quota');
    if (quota !== undefined && quota !== 0n && quota !== -1n) inRange(quota, 'cpu.quota', 1000n, undefined, 'microseconds, or -1');
    zeroOrInRange(c.period, 'cpu.period', 1000n, 1000000n, 'microseconds');
    const burst = inRange(c.burst, 'cpu.burst', 0n);
    if (burst !== undefined && quota !== undefined && quota > 0n && burst > quota) {
      throw invalidArgument(`linux.resources.cpu.burst (${burst}) must not exceed cpu.quota (${quota})`);
    }
    inRange(c.realtimeRuntime, 'cpu.realtimeRuntime', -1n);
    inRange(c.realtimePeriod, 'cpu.realtimePeriod', 0n);
    inRange(c.idle, 'cpu.idle', 0n, 1n);
    for (const [field, list] of [['cpus', c.cpus], ['mems', c.mems]] as const) {
      if (list !== undefined && list !== '' && !cpuListPattern.test(list.replace(/\s/g, ''))) {
        throw invalidArgument(`linux.resources.cpu.${field} ${JSON.stringify(list)} is not a list like "0-3,6"`);
      }
    }
    if (!v1 && (nonzero(c.realtimeRuntime) || nonzero(c.realtimePeriod))) {
      throw failedPrecondition('cgroup v2 has no realtime CPU bandwidth (cpu.realtimeRuntime/realtimePeriod)');
    }
  }

  if (r.pids) inRange(r.pids.limit, 'pids.limit', -1n);

  const b = r.blockIO;
  if (b) {
    zeroOrInRange(b.weight, 'blockIO.weight', 10n, 1000n);
    zeroOrInRange(b.leafWeight, 'blockIO.leafWeight', 10n, 1000n);
    for (const d of b.weightDevice ?? []) {
      inRange(d.major, 'blockIO.weightDevice.major', 0n);
      inRange(d.minor, 'blockIO.weightDevice.minor', 0n);
      zeroOrInRange(d.weight, 'blockIO.weightDevice.weight', 10n, 1000n);
      zeroOrInRange(d.leafWeight, 'blockIO.weightDevice.leafWeight', 10n, 1000n);
    }
    for (const key of THROTTLES) {
      for (const d of b[key] ?? []) {
        inRange(d.major, `blockIO.${key}.major`, 0n);
        inRange(d.minor, `blockIO.${key}.minor`, 0n);
        inRange(d.rate, `blockIO.${key}.rate`, 0n);
      }
    }
  }

  for (const h of r.hugepageLimits ?? []) {
    if (!pageSizePattern.test(h.pageSize)) {
      throw invalidArgument(`linux.resources.hugepageLimits pageSize ${JSON.stringify(h.pageSize)} is not like "2MB"`);
    }
    inRange(h.limit, 'hugepageLimits.limit', -1n);
  }

  for (const d of r.devices ?? []) {
    if (d.type !== undefined && !['a', 'b', 'c'].includes(d.type)) {
      throw invalidArgument(`linux.resources.devices type ${JSON.stringify(d.type)} must be "a", "b" or "c"`);
    }
    if (d.access !== undefined && !/^[rwm]{1,3}$/.test(d.access)) {
      throw invalidArgument(`linux.resources.devices access ${JSON.stringify(d.access)} must be made of r, w and m`);
    }
    inRange(d.major, 'devices.major', -1n);
    inRange(d.minor, 'devices.minor', -1n);
  }
  // On v2 the rules become an eBPF program; the rule lists it cannot express fail here, not half-applied.
  if (!v1 && r.devices) reduceDeviceRules(r.devices);

  const n = r.network;
  if (n) {
    inRange(n.classID, 'network.classID', 0n, 0xffffffffn);
    for (const p of n.priorities ?? []) {
      if (p.name === '' || /\s/.test(p.name)) {
        throw invalidArgument(`linux.resources.network priority interface ${JSON.stringify(p.name)} is not an interface name`);
      }
      inRange(p.priority, 'network.priorities.priority', 0n, 0xffffffffn);
    }
  }

  if (r.unified) {
    if (v1) throw invalidArgument('linux.resources.unified needs cgroup v2; this host uses cgroup v1');
    for (const [key, value] of Object.entries(r.unified)) {
      checkUnifiedKey(key);
      if (typeof value !== 'string') throw invalidArgument(`linux.resources.unified[${JSON.stringify(key)}] must be a string`);
    }
  }

  const want = wantedControllers(r);
  if (v1) {
    const mounts = layout.v1Mounts ?? {};
    for (const controller of want) {
      if (mounts[controller] === undefined) {
        throw failedPrecondition(`the resources need the ${controller} cgroup controller, which is not mounted on this host`);
      }
    }
  } else if (want.has('net_cls') || want.has('net_prio')) {
    throw failedPrecondition('linux.resources.network needs net_cls/net_prio, which do not exist on cgroup v2');
  }
}
