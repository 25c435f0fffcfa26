import * as fs from 'node:fs';
import * as path from 'node:path';
import { asSkiffError, deadlineExceeded, failedPrecondition } from '@skiff/errors';
import { checkPid, compact, hugetlbSizes, parseBlkio, readNumberList, signalAll, waitUnpopulated } from './common';
import {
  exists,
  listProcs,
  makeDirs,
  pollUntil,
  readBigInt,
  readKeyed,
  readNumber,
  readText,
  removeCreated,
  removeTree,
  timing,
  writeSettling,
  writeValue,
} from './kernfs';
import {
  THROTTLES,
  big,
  deviceRuleText,
  limitText,
  setValue,
  validateResources,
  wantedControllers,
} from './resources';
import type {
  BlkioEntry,
  CgroupLayout,
  CgroupManager,
  CgroupStats,
  FreezerState,
  LinuxBlockIO,
  LinuxCPU,
  LinuxDeviceCgroup,
  LinuxMemory,
  LinuxNetwork,
  LinuxResources,
  MemoryEntry,
  OomWatch,
} from './types';

/**
 * Hierarchy whose cgroup.procs stands for "the container's processes". The freezer comes first so
 * that killAll signals exactly the set it froze.
 */
const PRIMARY_ORDER = ['freezer', 'devices', 'memory', 'pids', 'cpu', 'cpuacct', 'cpuset', 'blkio'];

const THROTTLE_FILES: Record<(typeof THROTTLES)[number], string> = {
  throttleReadBpsDevice: 'blkio.throttle.read_bps_device',
  throttleWriteBpsDevice: 'blkio.throttle.write_bps_device',
  throttleReadIOPSDevice: 'blkio.throttle.read_iops_device',
  throttleWriteIOPSDevice: 'blkio.throttle.write_iops_device',
};

/** runc's blkio stats keys → the stat file suffix, and whether blk-throttle keeps that stat too. */
const BLKIO_STATS: Array<[keyof CgroupStats['blkio'], string, boolean]> = [
  ['ioServiceBytesRecursive', 'io_service_bytes_recursive', true],
  ['ioServicedRecursive', 'io_serviced_recursive', true],
  ['ioQueueRecursive', 'io_queued_recursive', false],
  ['ioServiceTimeRecursive', 'io_service_time_recursive', false],
  ['ioWaitTimeRecursive', 'io_wait_time_recursive', false],
  ['ioMergedRecursive', 'io_merged_recursive', false],
  ['ioTimeRecursive', 'time_recursive', false],
  ['sectorsRecursive', 'sectors_recursive', false],
];

/** cpuacct.stat counts USER_HZ ticks, which is 100 per second in every Linux ABI. */
const NS_PER_TICK = 10_000_000;

/**
 * cgroup v1: one directory per mounted controller (co-mounted controllers share one), plus
 * name=systemd and, on a hybrid host, the cgroup2 directory under key "" which is only joined
 * (it has no controllers) and serves cgroup.kill and cgroup.events.
 */
export class V1Manager implements CgroupManager {
  readonly version = 1 as const;
  readonly paths: Record<string, string>;

  constructor(
    private readonly layout: CgroupLayout,
    paths: Record<string, string>,
  ) {
    this.paths = Object.freeze({ ...paths });
  }

  private dirs(): string[] {
    return [...new Set(Object.values(this.paths))];
  }

  private primary(): string {
    const key = PRIMARY_ORDER.find((k) => this.paths[k] !== undefined);
    return key !== undefined ? this.paths[key]! : this.dirs()[0]!;
  }

  create(resources?: LinuxResources): void {
    if (resources) validateResources(this.layout, resources);
    const created: string[] = [];
    try {
      for (const dir of this.dirs()) makeDirs(dir, created);
      if (this.paths.cpuset !== undefined) fillCpuset(this.paths.cpuset);
      if (resources) this.apply(resources);
    } catch (err) {
      removeCreated(created);
      throw asSkiffError(err);
    }
  }

  update(resources: LinuxResources): void {
    validateResources(this.layout, resources);
    this.apply(resources);
  }

  private apply(r: LinuxResources): void {
    for (const controller of wantedControllers(r)) {
      if (this.paths[controller] === undefined) {
        throw failedPrecondition(`the resources need the ${controller} cgroup controller, which this container's cgroup lacks`);
      }
    }
    const p = this.paths;
    // Devices first: they are the security boundary, which a failure in another controller must
    // not leave unapplied.
    if (r.devices && p.devices) setDevices(p.devices, r.devices);
    if (r.memory && p.memory) setMemory(p.memory, r.memory);
    if (r.cpu && p.cpu) setCpu(p.cpu, r.cpu);
    if (r.cpu && p.cpuset) setCpuset(p.cpuset, r.cpu);
    if (r.pids?.limit !== undefined && p.pids) {
      const limit = big(r.pids.limit, 'pids.limit')!;
      writeValue(path.join(p.pids, 'pids.max'), limit <= 0n ? 'max' : limit.toString());
    }
    if (r.blockIO && p.blkio) setBlkio(p.blkio, r.blockIO);
    for (const h of r.hugepageLimits ?? []) {
      writeValue(path.join(p.hugetlb!, `hugetlb.${h.pageSize}.limit_in_bytes`), limitText(big(h.limit, 'hugepageLimits.limit')!, '-1'));
    }
    if (r.network) setNetwork(p, r.network);
  }

  procsFiles(): string[] {
    return this.dirs().map((d) => path.join(d, 'cgroup.procs'));
  }

  addProcess(pid: number): void {
    checkPid(pid);
    for (const file of this.procsFiles()) writeValue(file, String(pid));
  }

  private freezerFile(): string | undefined {
    return this.paths.freezer !== undefined ? path.join(this.paths.freezer, 'freezer.state') : undefined;
  }

  freeze(): void {
    const file = this.freezerFile();
    if (file === undefined) throw failedPrecondition('cannot freeze: the freezer cgroup controller is not mounted');
    // FREEZING means some tasks could not be stopped yet (e.g. in an uninterruptible sleep); each
    // write of FROZEN makes the kernel try those again, so the write is part of the poll.
    const frozen = pollUntil(() => {
      writeValue(file, 'FROZEN');
      return readText(file)?.trim() === 'FROZEN';
    }, timing.freezeTimeoutMs);
    if (!frozen) {
      writeValue(file, 'THAWED');
      throw deadlineExceeded(`cgroup ${this.paths.freezer} did not freeze within ${timing.freezeTimeoutMs} ms`);
    }
  }

  thaw(): void {
    const file = this.freezerFile();
    if (file === undefined) throw failedPrecondition('cannot thaw: the freezer cgroup controller is not mounted');
    writeValue(file, 'THAWED');
  }

  freezerState(): FreezerState {
    const file = this.freezerFile();
    const state = file !== undefined ? readText(file)?.trim() : undefined;
    switch (state) {
      case 'FROZEN':
        return 'frozen';
      case 'FREEZING':
        return 'freezing';
      case 'THAWED':
        return 'thawed';
      default:
        return 'unsupported';
    }
  }

  pids(): number[] {
    return listProcs(this.primary());
  }

  killAll(signal: number): void {
    const unified = this.paths[''];
    signalAll(this, signal, unified !== undefined ? path.join(unified, 'cgroup.kill') : undefined);
  }

  stats(): CgroupStats {
    const s: CgroupStats = { cpu: {}, memory: {}, pids: {}, blkio: {}, hugetlb: {} };
    const p = this.paths;
    const at = (dir: string, name: string): string => path.join(dir, name);

    if (p.cpuacct) {
      const d = p.cpuacct;
      const stat = readKeyed(at(d, 'cpuacct.stat'));
      const usage = compact({
        total: readNumber(at(d, 'cpuacct.usage')),
        percpu: readNumberList(at(d, 'cpuacct.usage_percpu')),
        percpu_kernel: readNumberList(at(d, 'cpuacct.usage_percpu_sys')),
        percpu_user: readNumberList(at(d, 'cpuacct.usage_percpu_user')),
        // The ns counters are exact; cpuacct.stat (ticks) is the fallback for kernels before 4.7.
        kernel: readNumber(at(d, 'cpuacct.usage_sys')) ?? ticksToNs(stat?.system),
        user: readNumber(at(d, 'cpuacct.usage_user')) ?? ticksToNs(stat?.user),
      });
      if (usage) s.cpu.usage = usage;
    }
    if (p.cpu) {
      const st = readKeyed(at(p.cpu, 'cpu.stat'));
      const throttling = st && compact({ periods: st.nr_periods, throttledPeriods: st.nr_throttled, throttledTime: st.throttled_time });
      if (throttling) s.cpu.throttling = throttling;
    }
    if (p.memory) {
      const d = p.memory;
      const entry = (prefix: string): MemoryEntry | undefined =>
        compact({
          limit: readNumber(at(d, `${prefix}.limit_in_bytes`)),
          usage: readNumber(at(d, `${prefix}.usage_in_bytes`)),
          max: readNumber(at(d, `${prefix}.max_usage_in_bytes`)),
          failcnt: readNumber(at(d, `${prefix}.failcnt`)),
        });
      const raw = readKeyed(at(d, 'memory.stat'));
      const memory = compact({
        cache: raw?.cache,
        usage: entry('memory'),
        swap: entry('memory.memsw'),
        kernel: entry('memory.kmem'),
        kernelTCP: entry('memory.kmem.tcp'),
        raw,
      });
      if (memory) s.memory = memory;
    }
    if (p.pids) {
      s.pids = compact({ current: readNumber(at(p.pids, 'pids.current')), limit: readNumber(at(p.pids, 'pids.max')) }) ?? {};
    }
    if (p.blkio) {
      const d = p.blkio;
      for (const [key, suffix, throttled] of BLKIO_STATS) {
        // CFQ keeps blkio.<stat>, BFQ blkio.bfq.<stat>; with neither scheduler in use only the
        // throttle layer counts, so the first file with data wins.
        const candidates = [`blkio.${suffix}`, `blkio.bfq.${suffix}`, ...(throttled ? [`blkio.throttle.${suffix}`] : [])];
        let entries: BlkioEntry[] = [];
        for (const name of candidates) {
          entries = parseBlkio(readText(at(d, name)));
          if (entries.length > 0) break;
        }
        if (entries.length > 0) s.blkio[key] = entries;
      }
    }
    if (p.hugetlb) {
      const d = p.hugetlb;
      for (const size of hugetlbSizes(d, 'limit_in_bytes')) {
        s.hugetlb[size] = {
          ...compact({
            usage: readNumber(at(d, `hugetlb.${size}.usage_in_bytes`)),
            max: readNumber(at(d, `hugetlb.${size}.max_usage_in_bytes`)),
            failcnt: readNumber(at(d, `hugetlb.${size}.failcnt`)),
          }),
        };
      }
    }
    return s;
  }

  oomKillCount(): number {
    const memory = this.paths.memory;
    return (memory !== undefined ? readKeyed(path.join(memory, 'memory.oom_control'))?.oom_kill : undefined) ?? 0;
  }

  oomWatch(): OomWatch | undefined {
    const memory = this.paths.memory;
    if (memory === undefined) return undefined;
    const eventControl = path.join(memory, 'cgroup.event_control');
    const oomControl = path.join(memory, 'memory.oom_control');
    return exists(eventControl) && exists(oomControl) ? { kind: 'eventfd', eventControl, oomControl } : undefined;
  }

  destroy(): void {
    if (this.paths[''] !== undefined) waitUnpopulated(this.paths['']);
    const failures: unknown[] = [];
    for (const dir of this.dirs()) {
      try {
        removeTree(dir);
      } catch (err) {
        failures.push(err);
      }
    }
    // Every hierarchy gets its attempt before the first failure is reported.
    if (failures.length > 0) throw asSkiffError(failures[0]);
  }

  exists(): boolean {
    return this.dirs().some((d) => fs.existsSync(d));
  }
}

function ticksToNs(ticks: number | undefined): number | undefined {
  return ticks === undefined ? undefined : ticks * NS_PER_TICK;
}

/**
 * A new v1 cpuset cgroup starts with empty cpuset.cpus and cpuset.mems, and the kernel refuses to
 * let a task join it (ENOSPC). Every empty level, top-down, gets its parent's sets.
 */
function fillCpuset(dir: string): void {
  const empty: string[] = [];
  for (let d = dir; path.dirname(d) !== d; d = path.dirname(d)) {
    const cpus = readText(path.join(d, 'cpuset.cpus'));
    const mems = readText(path.join(d, 'cpuset.mems'));
    if (cpus === undefined || mems === undefined) break;
    if (cpus.trim() !== '' && mems.trim() !== '') break;
    empty.unshift(d);
  }
  for (const d of empty) {
    for (const name of ['cpuset.cpus', 'cpuset.mems']) {
      const file = path.join(d, name);
      if (readText(file)?.trim() === '') writeValue(file, (readText(path.join(path.dirname(d), name)) ?? '').trim());
    }
  }
}

function setDevices(dir: string, rules: LinuxDeviceCgroup[]): void {
  // Rules apply on top of "nothing allowed", as in runc: deny everything, then replay the list.
  writeValue(path.join(dir, 'devices.deny'), 'a');
  for (const rule of rules) {
    writeValue(path.join(dir, rule.allow ? 'devices.allow' : 'devices.deny'), deviceRuleText(rule));
  }
}

function setMemory(dir: string, m: LinuxMemory): void {
  const file = (name: string): string => path.join(dir, name);
  const limit = setValue(m.limit, 'memory.limit');
  let swap = setValue(m.swap, 'memory.swap');
  const memswFile = file('memory.memsw.limit_in_bytes');
  if (!exists(memswFile)) {
    // Without swap accounting (swapaccount=0, no CONFIG_MEMCG_SWAP) swap cannot be limited at all.
    swap = undefined;
  } else if (limit === -1n && swap === undefined) {
    // The kernel keeps memory <= memory+swap, so lifting the memory limit lifts memory+swap too.
    swap = -1n;
  }

  if (m.checkBeforeUpdate && limit !== undefined && limit > 0n) {
    const usage = readBigInt(file('memory.usage_in_bytes'));
    if (usage !== undefined && usage > limit) {
      throw failedPrecondition(`memory limit ${limit} is below the cgroup's current usage ${usage}`);
    }
  }

  const memoryWrite = (): void => writeValue(file('memory.limit_in_bytes'), limitText(limit!, '-1'));
  const swapWrite = (): void => writeValue(memswFile, limitText(swap!, '-1'));
  if (limit !== undefined && swap !== undefined) {
    // memory <= memory+swap must hold after each single write: a memory limit that fits under
    // the current memory+swap limit goes first, otherwise memory+swap has to grow first.
    const currentMemsw = readBigInt(memswFile);
    const memoryFits = limit !== -1n && currentMemsw !== undefined && limit <= currentMemsw;
    if (memoryFits) {
      memoryWrite();
      swapWrite();
    } else {
      swapWrite();
      memoryWrite();
    }
  } else if (limit !== undefined) {
    memoryWrite();
  } else if (swap !== undefined) {
    swapWrite();
  }

  const reservation = setValue(m.reservation, 'memory.reservation');
  if (reservation !== undefined) writeValue(file('memory.soft_limit_in_bytes'), limitText(reservation, '-1'));
  const kernelTCP = setValue(m.kernelTCP, 'memory.kernelTCP');
  if (kernelTCP !== undefined) writeValue(file('memory.kmem.tcp.limit_in_bytes'), limitText(kernelTCP, '-1'));
  const swappiness = big(m.swappiness, 'memory.swappiness');
  if (swappiness !== undefined && swappiness !== -1n) writeValue(file('memory.swappiness'), swappiness.toString());
  if (m.disableOOMKiller !== undefined) writeValue(file('memory.oom_control'), m.disableOOMKiller ? '1' : '0');
}

function setCpu(dir: string, c: LinuxCPU): void {
  const file = (name: string): string => path.join(dir, name);
  const writes: Array<[string, string]> = [];
  const shares = setValue(c.shares, 'cpu.shares');
  if (shares !== undefined) writes.push([file('cpu.shares'), shares.toString()]);
  const period = setValue(c.period, 'cpu.period');
  if (period !== undefined) writes.push([file('cpu.cfs_period_us'), period.toString()]);
  const quota = setValue(c.quota, 'cpu.quota');
  if (quota !== undefined) writes.push([file('cpu.cfs_quota_us'), quota.toString()]);
  // Zero burst/idle are the kernel defaults: asking for them where the file does not exist
  // (kernels before 5.14 / 5.15) is already satisfied.
  const burst = big(c.burst, 'cpu.burst');
  if (burst !== undefined && (burst !== 0n || exists(file('cpu.cfs_burst_us')))) writes.push([file('cpu.cfs_burst_us'), burst.toString()]);
  const rtPeriod = setValue(c.realtimePeriod, 'cpu.realtimePeriod');
  if (rtPeriod !== undefined) writes.push([file('cpu.rt_period_us'), rtPeriod.toString()]);
  const rtRuntime = setValue(c.realtimeRuntime, 'cpu.realtimeRuntime');
  if (rtRuntime !== undefined) writes.push([file('cpu.rt_runtime_us'), rtRuntime.toString()]);
  const idle = big(c.idle, 'cpu.idle');
  if (idle !== undefined && (idle !== 0n || exists(file('cpu.idle')))) writes.push([file('cpu.idle'), idle.toString()]);
  writeSettling(writes);
}

function setCpuset(dir: string, c: LinuxCPU): void {
  if ((c.cpus ?? '') !== '') writeValue(path.join(dir, 'cpuset.cpus'), c.cpus!);
  if ((c.mems ?? '') !== '') writeValue(path.join(dir, 'cpuset.mems'), c.mems!);
}

function setBlkio(dir: string, b: LinuxBlockIO): void {
  const file = (name: string): string => path.join(dir, name);
  // CFQ had blkio.weight; with BFQ (the only proportional scheduler since 5.0) it is blkio.bfq.weight.
  const weightFile = exists(file('blkio.weight')) ? 'blkio.weight' : 'blkio.bfq.weight';
  const weight = setValue(b.weight, 'blockIO.weight');
  if (weight !== undefined) writeValue(file(weightFile), weight.toString());
  // Leaf weights only ever existed in CFQ; on newer kernels there is nothing they could set.
  const leafWeight = setValue(b.leafWeight, 'blockIO.leafWeight');
  if (leafWeight !== undefined && exists(file('blkio.leaf_weight'))) writeValue(file('blkio.leaf_weight'), leafWeight.toString());
  for (const d of b.weightDevice ?? []) {
    const dev = `${big(d.major, 'blockIO.weightDevice.major')}:${big(d.minor, 'blockIO.weightDevice.minor')}`;
    const w = setValue(d.weight, 'blockIO.weightDevice.weight');
    if (w !== undefined) writeValue(file(`${weightFile}_device`), `${dev} ${w}`);
    const lw = setValue(d.leafWeight, 'blockIO.weightDevice.leafWeight');
    if (lw !== undefined && exists(file('blkio.leaf_weight_device'))) writeValue(file('blkio.leaf_weight_device'), `${dev} ${lw}`);
  }
  for (const key of THROTTLES) {
    for (const d of b[key] ?? []) {
      // Rate 0 removes the device's limit.
      writeValue(file(THROTTLE_FILES[key]), `${big(d.major, `blockIO.${key}.major`)}:${big(d.minor, `blockIO.${key}.minor`)} ${big(d.rate, `blockIO.${key}.rate`) ?? 0n}`);
    }
  }
}

function setNetwork(paths: Record<string, string>, n: LinuxNetwork): void {
  const classID = big(n.classID, 'network.classID');
  if (classID !== undefined && paths.net_cls) writeValue(path.join(paths.net_cls, 'net_cls.classid'), classID.toString());
  for (const p of n.priorities ?? []) {
    // The kernel takes one "interface priority" pair per write.
    writeValue(path.join(paths.net_prio!, 'net_prio.ifpriomap'), `${p.name} ${big(p.priority, 'network.priorities.priority')}`);
  }
}
