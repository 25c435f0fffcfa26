/**
 * Structural mirror of the OCI runtime-spec `linux.resources` object. The zod schema lives in
 * @skiff/oci-spec; this layer only states the fields it reads so that any parsed spec (or a
 * hand-written object in a test) fits. Integers may come as number or bigint, and -1 means
 * "unlimited" where the spec allows it.
 */
export type Int = number | bigint;

export interface LinuxMemory {
  limit?: Int;
  reservation?: Int;
  swap?: Int;
  kernel?: Int;
  kernelTCP?: Int;
  swappiness?: Int;
  disableOOMKiller?: boolean;
  useHierarchy?: boolean;
  checkBeforeUpdate?: boolean;
}

export interface LinuxCPU {
  shares?: Int;
  quota?: Int;
  burst?: Int;
  period?: Int;
  realtimeRuntime?: Int;
  realtimePeriod?: Int;
  cpus?: string;
  mems?: string;
  idle?: Int;
}

export interface LinuxPids {
  limit?: Int;
}

export interface LinuxWeightDevice {
  major: Int;
  minor: Int;
  weight?: Int;
  leafWeight?: Int;
}

export interface LinuxThrottleDevice {
  major: Int;
  minor: Int;
  rate?: Int;
}

export interface LinuxBlockIO {
  weight?: Int;
  leafWeight?: Int;
  weightDevice?: LinuxWeightDevice[];
  throttleReadBpsDevice?: LinuxThrottleDevice[];
  throttleWriteBpsDevice?: LinuxThrottleDevice[];
  throttleReadIOPSDevice?: LinuxThrottleDevice[];
  throttleWriteIOPSDevice?: LinuxThrottleDevice[];
}

export interface LinuxHugepageLimit {
  pageSize: string;
  limit: Int;
}

export interface LinuxDeviceCgroup {
  allow: boolean;
  type?: string;
  major?: Int;
  minor?: Int;
  access?: string;
}

export interface LinuxInterfacePriority {
  name: string;
  priority: Int;
}

export interface LinuxNetwork {
  classID?: Int;
  priorities?: LinuxInterfacePriority[];
}

export interface LinuxResources {
  devices?: LinuxDeviceCgroup[];
  memory?: LinuxMemory;
  cpu?: LinuxCPU;
  pids?: LinuxPids;
  blockIO?: LinuxBlockIO;
  hugepageLimits?: LinuxHugepageLimit[];
  network?: LinuxNetwork;
  unified?: Record<string, string>;
}

/** Where the cgroup filesystems are mounted, as read from mountinfo. */
export interface CgroupLayout {
  version: 1 | 2;
  /** v2: the cgroup2 mount; v1: the directory holding the per-controller mounts. */
  root: string;
  /** v1 only: controller (or "name=X" for a named hierarchy) → mount directory. */
  v1Mounts?: Record<string, string>;
  /** v1 only (hybrid): the cgroup2 mount, if there is one. */
  unified?: string;
}

export interface BlkioEntry {
  major: number;
  minor: number;
  op?: string;
  value: number;
}

export interface MemoryEntry {
  limit?: number;
  usage?: number;
  max?: number;
  failcnt?: number;
}

/**
 * The "data" object of runc's `events --stats` (runc's types.Stats, same JSON names). Values come
 * from kernel files; a file that is missing leaves its field out. Numbers above 2^53 (the kernels'
 * "unlimited" sentinels) lose precision as JS numbers, which only matters for display.
 */
export interface CgroupStats {
  cpu: {
    usage?: {
      total?: number;
      percpu?: number[];
      percpu_kernel?: number[];
      percpu_user?: number[];
      kernel?: number;
      user?: number;
    };
    throttling?: { periods?: number; throttledPeriods?: number; throttledTime?: number };
  };
  memory: {
    cache?: number;
    usage?: MemoryEntry;
    swap?: MemoryEntry;
    kernel?: MemoryEntry;
    kernelTCP?: MemoryEntry;
    raw?: Record<string, number>;
  };
  pids: { current?: number; limit?: number };
  blkio: {
    ioServiceBytesRecursive?: BlkioEntry[];
    ioServicedRecursive?: BlkioEntry[];
    ioQueueRecursive?: BlkioEntry[];
    ioServiceTimeRecursive?: BlkioEntry[];
    ioWaitTimeRecursive?: BlkioEntry[];
    ioMergedRecursive?: BlkioEntry[];
    ioTimeRecursive?: BlkioEntry[];
    sectorsRecursive?: BlkioEntry[];
  };
  hugetlb: Record<string, { usage?: number; max?: number; failcnt?: number }>;
}

export type FreezerState = 'frozen' | 'thawed' | 'freezing' | 'unsupported';

export type OomWatch = { kind: 'eventfd'; eventControl: string; oomControl: string } | { kind: 'file'; file: string };

export interface CgroupManager {
  readonly version: 1 | 2;
  /**
   * Host paths of this container's cgroup per hierarchy (v1: controller name → dir, plus "" for
   * the cgroup2 dir in hybrid mode; v2: {'': dir}), persisted in the runtime's state.json so
   * another process can rebuild the manager with loadCgroupManager.
   */
  readonly paths: Record<string, string>;
  /** mkdir the cgroup(s) (parents too) and write the limits. Throws a SkiffError; on failure removes what it created. */
  create(resources?: LinuxResources): void;
  /** cgroup.procs files the container's first process writes "0" to (it joins itself, before unsharing its cgroup namespace). */
  procsFiles(): string[];
  /** Add a running process (by pid): exec'd processes, tests. */
  addProcess(pid: number): void;
  update(resources: LinuxResources): void;
  /** Returns once the kernel reports the cgroup frozen; throws DeadlineExceeded (and thaws) if it does not get there in time. */
  freeze(): void;
  thaw(): void;
  freezerState(): FreezerState;
  /** Every process in the container's cgroup, sub-cgroups included. */
  pids(): number[];
  killAll(signal: number): void;
  stats(): CgroupStats;
  oomKillCount(): number;
  /** What to watch for OOM events; undefined when the memory controller is not there. */
  oomWatch(): OomWatch | undefined;
  /** Removes the container's own dir(s) and any sub-cgroups in them; missing dirs are fine. */
  destroy(): void;
  exists(): boolean;
}
