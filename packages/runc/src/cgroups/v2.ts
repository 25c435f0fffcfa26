import * as fs from 'node:fs';
import * as path from 'node:path';
import { asSkiffError, deadlineExceeded, failedPrecondition } from '@skiff/errors';
import { checkPid, compact, hugetlbSizes, signalAll, waitUnpopulated } from './common';
import { applyDeviceRules } from './device-filter';
import {
  exists,
  kernfs,
  listProcs,
  makeDirs,
  pollUntil,
  readBigInt,
  readKeyed,
  readNumber,
  readText,
  readWords,
  removeCreated,
  removeTree,
  timing,
  writeSettling,
  writeValue,
} from './kernfs';
import {
  THROTTLES,
  big,
  blkioToIoWeight,
  limitText,
  setValue,
  sharesToWeight,
  validateResources,
} from './resources';
import type {
  BlkioEntry,
  CgroupLayout,
  CgroupManager,
  CgroupStats,
  FreezerState,
  LinuxBlockIO,
  LinuxCPU,
  LinuxMemory,
  LinuxResources,
  MemoryEntry,
  OomWatch,
} from './types';

/** Controllers delegated down to the container's cgroup, where the host offers them. */
const DELEGATED = ['cpuset', 'cpu', 'io', 'memory', 'hugetlb', 'pids'];

const IO_MAX_KEYS: Record<(typeof THROTTLES)[number], string> = {
  throttleReadBpsDevice: 'rbps',
  throttleWriteBpsDevice: 'wbps',
  throttleReadIOPSDevice: 'riops',
  throttleWriteIOPSDevice: 'wiops',
};

/** What the kernel's "max" is reported as, like runc (2^64-1; a JS number rounds it). */
const UNLIMITED = 2 ** 64 - 1;

const US_TO_NS = 1000;

/** cgroup v2: a single directory; limits need their controller enabled in every ancestor's cgroup.subtree_control. */
export class V2Manager implements CgroupManager {
  readonly version = 2 as const;
  readonly paths: Record<string, string>;

  constructor(
    private readonly layout: CgroupLayout,
    private readonly dir: string,
  ) {
    this.paths = Object.freeze({ '': dir });
  }

  private file(name: string): string {
    return path.join(this.dir, name);
  }

  create(resources?: LinuxResources): void {
    if (resources) validateResources(this.layout, resources);
    const created: string[] = [];
    try {
      this.makeWithControllers(created);
      if (resources) this.apply(resources);
    } catch (err) {
      removeCreated(created);
      throw asSkiffError(err);
    }
  }

  /**
   * Walks down from the mount, enabling controllers in each ancestor before making the next level,
   * so the new cgroup comes with the controllers' files. A dir outside the mount (a state file from
   * another host layout) is only made.
   */
  private makeWithControllers(created: string[]): void {
    const rel = path.relative(this.layout.root, this.dir);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) {
      makeDirs(this.dir, created);
      return;
    }
    let parent = this.layout.root;
    for (const part of rel.split(path.sep)) {
      enableControllers(parent);
      parent = path.join(parent, part);
      makeDirs(parent, created);
    }
  }

  update(resources: LinuxResources): void {
    validateResources(this.layout, resources);
    this.apply(resources);
  }

  private apply(r: LinuxResources): void {
    // Devices first, as on v1: they are the security boundary, which a failure in another
    // controller must not leave unset.
    if (r.devices) applyDeviceRules(this.dir, r.devices);
    if (r.memory) this.setMemory(r.memory);
    if (r.cpu) this.setCpu(r.cpu);
    if (r.pids?.limit !== undefined) {
      const limit = big(r.pids.limit, 'pids.limit')!;
      writeValue(this.file('pids.max'), limit <= 0n ? 'max' : limit.toString());
    }
    if (r.blockIO) this.setIo(r.blockIO);
    for (const h of r.hugepageLimits ?? []) {
      writeValue(this.file(`hugetlb.${h.pageSize}.max`), limitText(big(h.limit, 'hugepageLimits.limit')!, 'max'));
    }
    // unified goes last so that its raw values win over what the structured fields wrote; its keys
    // were checked to be plain file names.
    for (const [key, value] of Object.entries(r.unified ?? {})) {
      const file = this.file(key);
      if (!exists(file)) {
        const controller = key.split('.')[0];
        throw failedPrecondition(
          `linux.resources.unified: ${key} does not exist in ${this.dir} (unknown file, or the ${controller} controller is not enabled)`,
        );
      }
      writeValue(file, value);
    }
  }

  private setMemory(m: LinuxMemory): void {
    const limit = setValue(m.limit, 'memory.limit');
    const swap = setValue(m.swap, 'memory.swap');
    if (m.checkBeforeUpdate && limit !== undefined && limit > 0n) {
      const usage = readBigInt(this.file('memory.current'));
      if (usage !== undefined && usage > limit) {
        throw failedPrecondition(`memory limit ${limit} is below the cgroup's current usage ${usage}`);
      }
    }
    if (limit !== undefined) writeValue(this.file('memory.max'), limitText(limit, 'max'));
    // OCI's swap is memory+swap (the v1 meaning); v2 limits swap alone. Unlimited memory with no
    // swap value means unlimited memory+swap, as on v1. Without swap accounting there is no file
    // and nothing to limit.
    const swapFile = this.file('memory.swap.max');
    if (exists(swapFile)) {
      if (swap === -1n || (swap === undefined && limit === -1n)) writeValue(swapFile, 'max');
      else if (swap !== undefined) writeValue(swapFile, (swap - limit!).toString());
    }
    const reservation = setValue(m.reservation, 'memory.reservation');
    if (reservation !== undefined) writeValue(this.file('memory.low'), limitText(reservation, 'max'));
  }

  private setCpu(c: LinuxCPU): void {
    const shares = setValue(c.shares, 'cpu.shares');
    if (shares !== undefined) writeValue(this.file('cpu.weight'), sharesToWeight(shares).toString());

    const writes: Array<[string, string]> = [];
    const quota = setValue(c.quota, 'cpu.quota');
    const period = setValue(c.period, 'cpu.period');
    if (quota !== undefined || period !== undefined) {
      // cpu.max is "quota period" in one file; a new period alone keeps the current quota.
      const q = quota !== undefined ? limitText(quota, 'max') : (readWords(this.file('cpu.max'))[0] ?? 'max');
      writes.push([this.file('cpu.max'), period !== undefined ? `${q} ${period}` : q]);
    }
    // Zero burst/idle are the kernel defaults, already true where the files do not exist.
    const burst = big(c.burst, 'cpu.burst');
    if (burst !== undefined && (burst !== 0n || exists(this.file('cpu.max.burst')))) writes.push([this.file('cpu.max.burst'), burst.toString()]);
    const idle = big(c.idle, 'cpu.idle');
    if (idle !== undefined && (idle !== 0n || exists(this.file('cpu.idle')))) writes.push([this.file('cpu.idle'), idle.toString()]);
    writeSettling(writes);

    if ((c.cpus ?? '') !== '') writeValue(this.file('cpuset.cpus'), c.cpus!);
    if ((c.mems ?? '') !== '') writeValue(this.file('cpuset.mems'), c.mems!);
  }

  private setIo(b: LinuxBlockIO): void {
    // io.bfq.weight takes blkio's 1..1000 scale as is; io.weight (1..10000) needs converting.
    const bfq = exists(this.file('io.bfq.weight'));
    const weightFile = this.file(bfq ? 'io.bfq.weight' : 'io.weight');
    const scaled = (w: bigint): bigint => (bfq ? w : blkioToIoWeight(w));
    const weight = setValue(b.weight, 'blockIO.weight');
    if (weight !== undefined) writeValue(weightFile, scaled(weight).toString());
    for (const d of b.weightDevice ?? []) {
      const w = setValue(d.weight, 'blockIO.weightDevice.weight');
      if (w !== undefined) {
        writeValue(weightFile, `${big(d.major, 'blockIO.weightDevice.major')}:${big(d.minor, 'blockIO.weightDevice.minor')} ${scaled(w)}`);
      }
    }
    for (const key of THROTTLES) {
      for (const d of b[key] ?? []) {
        const rate = big(d.rate, `blockIO.${key}.rate`) ?? 0n;
        // As on v1, rate 0 lifts the device's limit.
        writeValue(
          this.file('io.max'),
          `${big(d.major, `blockIO.${key}.major`)}:${big(d.minor, `blockIO.${key}.minor`)} ${IO_MAX_KEYS[key]}=${rate === 0n ? 'max' : rate}`,
        );
      }
    }
  }

  procsFiles(): string[] {
    return [this.file('cgroup.procs')];
  }

  addProcess(pid: number): void {
    checkPid(pid);
    writeValue(this.file('cgroup.procs'), String(pid));
  }

  freeze(): void {
    const file = this.file('cgroup.freeze');
    if (!exists(file)) throw failedPrecondition(`cannot freeze ${this.dir}: no cgroup.freeze (kernel older than 5.2?)`);
    writeValue(file, '1');
    // cgroup.freeze is the request; cgroup.events says when every task has actually stopped.
    if (!pollUntil(() => this.frozenNow(), timing.freezeTimeoutMs)) {
      writeValue(file, '0');
      throw deadlineExceeded(`cgroup ${this.dir} did not freeze within ${timing.freezeTimeoutMs} ms`);
    }
  }

  thaw(): void {
    writeValue(this.file('cgroup.freeze'), '0');
  }

  private frozenNow(): boolean {
    return readKeyed(this.file('cgroup.events'))?.frozen === 1;
  }

  /** The effective state: a cgroup frozen through an ancestor reports frozen although its own cgroup.freeze is 0. */
  freezerState(): FreezerState {
    const requested = readText(this.file('cgroup.freeze'))?.trim();
    if (requested === undefined) return 'unsupported';
    if (this.frozenNow()) return 'frozen';
    return requested === '1' ? 'freezing' : 'thawed';
  }

  pids(): number[] {
    return listProcs(this.dir);
  }

  killAll(signal: number): void {
    signalAll(this, signal, this.file('cgroup.kill'));
  }

  stats(): CgroupStats {
    const s: CgroupStats = { cpu: {}, memory: {}, pids: {}, blkio: {}, hugetlb: {} };
    const us = (v: number | undefined): number | undefined => (v === undefined ? undefined : v * US_TO_NS);
    const limit = (name: string): number | undefined => (readText(this.file(name))?.trim() === 'max' ? UNLIMITED : readNumber(this.file(name)));

    const cpu = readKeyed(this.file('cpu.stat'));
    if (cpu) {
      const usage = compact({ total: us(cpu.usage_usec), kernel: us(cpu.system_usec), user: us(cpu.user_usec) });
      if (usage) s.cpu.usage = usage;
      const throttling = compact({ periods: cpu.nr_periods, throttledPeriods: cpu.nr_throttled, throttledTime: us(cpu.throttled_usec) });
      if (throttling) s.cpu.throttling = throttling;
    }

    const raw = readKeyed(this.file('memory.stat'));
    const current = readNumber(this.file('memory.current'));
    const max = limit('memory.max');
    const usage: MemoryEntry | undefined = compact({
      limit: max,
      usage: current,
      max: readNumber(this.file('memory.peak')),
      // Closest to v1's failcnt: how often usage hit memory.max.
      failcnt: readKeyed(this.file('memory.events'))?.max,
    });
    // runc reports v2 swap as memory+swap so that consumers keep v1's meaning.
    const swapCurrent = readNumber(this.file('memory.swap.current'));
    const swapMax = limit('memory.swap.max');
    const swap: MemoryEntry | undefined =
      swapCurrent === undefined
        ? undefined
        : compact({
            usage: swapCurrent + (current ?? 0),
            limit: swapMax === undefined || max === undefined ? undefined : swapMax === UNLIMITED || max === UNLIMITED ? UNLIMITED : swapMax + max,
            failcnt: readKeyed(this.file('memory.swap.events'))?.max,
          });
    const memory = compact({ cache: raw?.file, usage, swap, raw });
    if (memory) s.memory = memory;

    s.pids = compact({ current: readNumber(this.file('pids.current')), limit: readNumber(this.file('pids.max')) }) ?? {};

    const io = readText(this.file('io.stat'));
    if (io !== undefined) {
      const bytes: BlkioEntry[] = [];
      const ios: BlkioEntry[] = [];
      for (const line of io.split('\n')) {
        const [dev, ...pairs] = line.trim().split(/\s+/);
        const m = /^(\d+):(\d+)$/.exec(dev ?? '');
        if (!m) continue;
        const kv = Object.fromEntries(pairs.map((p) => p.split('=') as [string, string]));
        const entry = (op: string, v: string | undefined): BlkioEntry[] =>
          v !== undefined && /^\d+$/.test(v) ? [{ major: Number(m[1]), minor: Number(m[2]), op, value: Number(v) }] : [];
        bytes.push(...entry('Read', kv.rbytes), ...entry('Write', kv.wbytes));
        ios.push(...entry('Read', kv.rios), ...entry('Write', kv.wios));
      }
      if (bytes.length > 0) s.blkio.ioServiceBytesRecursive = bytes;
      if (ios.length > 0) s.blkio.ioServicedRecursive = ios;
    }

    for (const size of hugetlbSizes(this.dir, 'current')) {
      s.hugetlb[size] = {
        ...compact({
          usage: readNumber(this.file(`hugetlb.${size}.current`)),
          failcnt: readKeyed(this.file(`hugetlb.${size}.events`))?.max,
        }),
      };
    }
    return s;
  }

  oomKillCount(): number {
    return readKeyed(this.file('memory.events'))?.oom_kill ?? 0;
  }

  oomWatch(): OomWatch | undefined {
    const file = this.file('memory.events');
    return exists(file) ? { kind: 'file', file } : undefined;
  }

  destroy(): void {
    waitUnpopulated(this.dir);
    removeTree(this.dir);
  }

  exists(): boolean {
    return fs.existsSync(this.dir);
  }
}

/**
 * Enables in dir's cgroup.subtree_control the delegated controllers dir itself has. One request for
 * all first; if the kernel refuses it, each controller alone, because one refusal (cpu while a
 * realtime task sits in dir, any domain controller while dir holds processes) should not cost the
 * others. A controller that stays off surfaces later as a clear error, only if a limit needs it.
 */
function enableControllers(dir: string): void {
  const available = new Set(readWords(path.join(dir, 'cgroup.controllers')));
  const enabled = new Set(readWords(path.join(dir, 'cgroup.subtree_control')));
  const missing = DELEGATED.filter((c) => available.has(c) && !enabled.has(c));
  if (missing.length === 0) return;
  const file = path.join(dir, 'cgroup.subtree_control');
  try {
    kernfs.write(file, missing.map((c) => `+${c}`).join(' '));
  } catch {
    for (const c of missing) {
      try {
        kernfs.write(file, `+${c}`);
      } catch {
        // Stays disabled; see above.
      }
    }
  }
}
