// The create-time HostConfig fields for resources and security (their schema is @skiff/engine-api's,
// kept as given in the record so inspect shows them and a restart keeps them): how each one
// changes the OCI spec, as dockerd's oci_linux.go does.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { hostConfigMountFields, hostConfigResourceFields } from '@skiff/engine-api';
import type { LinuxResources, Process, RuntimeConfig } from '@skiff/oci-spec';
import { invalidArgument } from '@skiff/errors';
import { customDevices, deviceCgroupRule, deviceNumbers, hostDevices } from './hostconfig-devices';
import { containerSeccomp } from './seccomp';

type MountFields = z.infer<z.ZodObject<typeof hostConfigMountFields>>;

const HostConfigResourcesSchema = z.object(hostConfigResourceFields);
export type HostConfigResources = z.infer<typeof HostConfigResourcesSchema>;

/** Docker's default capability set (moby's oci/caps defaults). */
export const DOCKER_CAPABILITIES = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_FSETID',
  'CAP_FOWNER',
  'CAP_MKNOD',
  'CAP_NET_RAW',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETFCAP',
  'CAP_SETPCAP',
  'CAP_NET_BIND_SERVICE',
  'CAP_SYS_CHROOT',
  'CAP_KILL',
  'CAP_AUDIT_WRITE',
];

/** Every capability of Linux 5.9+, in number order. */
export const ALL_CAPABILITIES = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL', 'CAP_SETGID', 'CAP_SETUID',
  'CAP_SETPCAP', 'CAP_LINUX_IMMUTABLE', 'CAP_NET_BIND_SERVICE', 'CAP_NET_BROADCAST', 'CAP_NET_ADMIN', 'CAP_NET_RAW', 'CAP_IPC_LOCK',
  'CAP_IPC_OWNER', 'CAP_SYS_MODULE', 'CAP_SYS_RAWIO', 'CAP_SYS_CHROOT', 'CAP_SYS_PTRACE', 'CAP_SYS_PACCT', 'CAP_SYS_ADMIN',
  'CAP_SYS_BOOT', 'CAP_SYS_NICE', 'CAP_SYS_RESOURCE', 'CAP_SYS_TIME', 'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD', 'CAP_LEASE',
  'CAP_AUDIT_WRITE', 'CAP_AUDIT_CONTROL', 'CAP_SETFCAP', 'CAP_MAC_OVERRIDE', 'CAP_MAC_ADMIN', 'CAP_SYSLOG', 'CAP_WAKE_ALARM',
  'CAP_BLOCK_SUSPEND', 'CAP_AUDIT_READ', 'CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE',
];

/** The CFS period Docker uses for --cpus. */
const NANO_CPUS_PERIOD = 100_000;
/** Docker's /dev/shm size when ShmSize is 0: 64 MiB. */
export const DEFAULT_SHM_SIZE = 64 * 1024 * 1024;

function normalizeCap(name: string, field: 'CapAdd' | 'CapDrop'): string {
  const upper = name.toUpperCase();
  if (upper === 'ALL') return 'ALL';
  const cap = upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
  if (!ALL_CAPABILITIES.includes(cap)) throw invalidArgument(`invalid ${field}: unknown capability: "${cap}"`);
  return cap;
}

let hostCaps: string[] | undefined;

/**
 * What "all capabilities" means here: those the kernel knows and skiffd's own bounding set holds
 * (a container cannot be given more; some VMs and nested setups withhold a few).
 */
export function hostCapabilities(): string[] {
  if (hostCaps) return hostCaps;
  let bounding = (1n << BigInt(ALL_CAPABILITIES.length)) - 1n;
  try {
    const m = /^CapBnd:\s*([0-9a-f]+)$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) bounding = BigInt(`0x${m[1]}`);
  } catch {
    // Not Linux: every capability of the list.
  }
  hostCaps = ALL_CAPABILITIES.filter((_c, i) => (bounding >> BigInt(i)) & 1n);
  return hostCaps;
}

/** Docker's TweakCapabilities: defaults (or all), minus CapDrop, plus CapAdd; "ALL" on either side. */
export function capabilities(hc: HostConfigResources, all: string[] = hostCapabilities()): string[] {
  if (hc.Privileged) return [...all];
  const add = (hc.CapAdd ?? []).map((c) => normalizeCap(c, 'CapAdd'));
  const drop = (hc.CapDrop ?? []).map((c) => normalizeCap(c, 'CapDrop'));
  if (add.includes('ALL')) return all.filter((c) => !drop.includes(c));
  const base = drop.includes('ALL') ? [] : DOCKER_CAPABILITIES.filter((c) => !drop.includes(c));
  for (const c of add) if (!base.includes(c)) base.push(c);
  return base;
}

/** "no-new-privileges[:true|=true]"; seccomp is core/seccomp.ts's, the options skiffd has no use for (apparmor, label) pass. */
function noNewPrivileges(opts: string[]): boolean {
  let nnp = false;
  for (const opt of opts) {
    const m = /^no-new-privileges(?:[:=](true|false))?$/.exec(opt);
    if (m) {
      nnp = m[1] !== 'false';
      continue;
    }
    if (!/^(seccomp|apparmor|label|systempaths|writable-cgroups)[=:]/.test(opt) && opt !== 'label:disable' && opt !== 'label=disable') {
      throw invalidArgument(`invalid --security-opt 2: "${opt}"`);
    }
  }
  return nnp;
}

function rlimitType(name: string): string {
  const type = `RLIMIT_${name.toUpperCase()}`;
  const known = ['AS', 'CORE', 'CPU', 'DATA', 'FSIZE', 'LOCKS', 'MEMLOCK', 'MSGQUEUE', 'NICE', 'NOFILE', 'NPROC', 'RSS', 'RTPRIO', 'RTTIME', 'SIGPENDING', 'STACK'];
  if (!known.includes(name.toUpperCase())) throw invalidArgument(`invalid ulimit type: ${name}`);
  return type;
}

/**
 * PidMode, IpcMode and UTSMode as dockerd checks them. Another container's PID or IPC namespace
 * is joined at each start (ContainerService).
 */
function checkNamespaceModes(hc: HostConfigResources, hostname: string): void {
  const pid = hc.PidMode ?? '';
  const ipc = hc.IpcMode ?? '';
  const uts = hc.UTSMode ?? '';
  const joins = (mode: string) => mode.startsWith('container:') && mode.length > 'container:'.length;
  if (pid !== '' && pid !== 'host' && !joins(pid)) throw invalidArgument(`invalid PID mode: ${pid}`);
  if (!['', 'none', 'private', 'shareable', 'host'].includes(ipc) && !joins(ipc)) throw invalidArgument(`invalid IPC mode: ${ipc}`);
  if (uts !== '' && uts !== 'host') throw invalidArgument(`invalid UTS mode: ${uts}`);
  const userns = hc.UsernsMode ?? '';
  if (userns !== '' && userns !== 'host') throw invalidArgument(`invalid USER mode: ${userns}`);
  const cgroupns = hc.CgroupnsMode ?? '';
  if (!['', 'host', 'private'].includes(cgroupns)) throw invalidArgument(`invalid cgroup namespace mode: ${cgroupns}`);
  if (uts === 'host' && hostname !== '') throw invalidArgument('conflicting options: hostname and the UTS mode');
}

/** What the kernel can apply, asked only for the fields a container sets (a probe can cost a cgroup). */
export interface KernelSupport {
  blkio(): { weight: boolean; weightDevice: boolean };
  realtime(): boolean;
}

/**
 * Drops what the kernel cannot apply, with dockerd's warnings for the create response, as dockerd
 * does before its checks (so an out-of-range weight it drops is not refused).
 */
export function discardUnsupported(hc: HostConfigResources, support: KernelSupport): string[] {
  const warnings: string[] = [];
  let blkio: { weight: boolean; weightDevice: boolean } | undefined;
  const blkioSupport = () => (blkio ??= support.blkio());
  let realtime: boolean | undefined;
  const realtimeSupport = () => (realtime ??= support.realtime());
  if (hc.CpuRealtimePeriod && !realtimeSupport()) {
    warnings.push('Your kernel does not support cgroup cpu real-time period. Period discarded.');
    hc.CpuRealtimePeriod = 0;
  }
  if (hc.CpuRealtimeRuntime && !realtimeSupport()) {
    warnings.push('Your kernel does not support cgroup cpu real-time runtime. Runtime discarded.');
    hc.CpuRealtimeRuntime = 0;
  }
  if (hc.BlkioWeight && !blkioSupport().weight) {
    warnings.push('Your kernel does not support Block I/O weight or the cgroup is not mounted. Weight discarded.');
    hc.BlkioWeight = 0;
  }
  if (hc.BlkioWeightDevice?.length && !blkioSupport().weightDevice) {
    warnings.push('Your kernel does not support Block I/O weight_device or the cgroup is not mounted. Weight-device discarded.');
    hc.BlkioWeightDevice = [];
  }
  return warnings;
}

/** Checks what can be wrong before anything is created (the create route's 400s). */
export function checkHostConfig(hc: HostConfigResources, hostname = ''): void {
  checkNamespaceModes(hc, hostname);
  // As dockerd's overlay2 on a backing filesystem without project quotas (ext4 here): skiffd's
  // overlayfs snapshots have no per-container size limit to give.
  if (hc.StorageOpt && Object.keys(hc.StorageOpt).length) throw invalidArgument("--storage-opt is supported only for overlay over xfs with 'pquota' mount option");
  containerSeccomp(hc, capabilities(hc));
  noNewPrivileges(hc.SecurityOpt ?? []);
  for (const u of hc.Ulimits ?? []) rlimitType(u.Name);
  if (hc.NanoCpus && (hc.CpuPeriod || hc.CpuQuota)) throw invalidArgument('Conflicting options: Nano CPUs and CPU Period cannot both be set');
  if (hc.Memory && hc.MemorySwap && hc.MemorySwap > 0 && hc.MemorySwap < hc.Memory) {
    throw invalidArgument('Minimum memoryswap limit should be larger than memory limit, see usage');
  }
  if (hc.Memory && hc.Memory < 6 * 1024 * 1024) throw invalidArgument('Minimum memory limit allowed is 6MB');
  if (hc.BlkioWeight && (hc.BlkioWeight < 10 || hc.BlkioWeight > 1000)) throw invalidArgument('Range of blkio weight is from 10 to 1000');
  if (hc.CpuRealtimePeriod && hc.CpuRealtimeRuntime && hc.CpuRealtimeRuntime > hc.CpuRealtimePeriod) {
    throw invalidArgument('cpu real-time runtime cannot be higher than cpu real-time period');
  }
  const swappiness = memorySwappiness(hc);
  if (swappiness !== undefined && (swappiness < 0 || swappiness > 100)) throw invalidArgument(`Invalid value: ${swappiness}, valid memory swappiness range is 0-100`);
  if (hc.OomScoreAdj !== undefined && (hc.OomScoreAdj < -1000 || hc.OomScoreAdj > 1000)) {
    throw invalidArgument(`Invalid value ${hc.OomScoreAdj}, range for oom score adj is [-1000, 1000]`);
  }
}

/** The swappiness asked for, if any: null and -1 (the docker CLI's default) leave the kernel's. */
export function memorySwappiness(hc: Pick<HostConfigResources, 'MemorySwappiness'>): number | undefined {
  return hc.MemorySwappiness == null || hc.MemorySwappiness === -1 ? undefined : hc.MemorySwappiness;
}

type CpuFields = Pick<HostConfigResources, 'NanoCpus' | 'CpuShares' | 'CpuPeriod' | 'CpuQuota' | 'CpuRealtimePeriod' | 'CpuRealtimeRuntime' | 'CpusetCpus' | 'CpusetMems'>;

/** The OCI cpu resources of Docker's CPU fields, for create and update alike (zero means unset). */
export function cpuResources(fields: { [K in keyof CpuFields]?: CpuFields[K] | null }): NonNullable<LinuxResources['cpu']> {
  const cpu: NonNullable<LinuxResources['cpu']> = {};
  if (fields.NanoCpus) {
    cpu.period = NANO_CPUS_PERIOD;
    cpu.quota = Math.round((fields.NanoCpus * NANO_CPUS_PERIOD) / 1e9);
  }
  if (fields.CpuShares) cpu.shares = fields.CpuShares;
  if (fields.CpuPeriod) cpu.period = fields.CpuPeriod;
  if (fields.CpuQuota) cpu.quota = fields.CpuQuota;
  if (fields.CpuRealtimePeriod) cpu.realtimePeriod = fields.CpuRealtimePeriod;
  if (fields.CpuRealtimeRuntime) cpu.realtimeRuntime = fields.CpuRealtimeRuntime;
  if (fields.CpusetCpus) cpu.cpus = fields.CpusetCpus;
  if (fields.CpusetMems) cpu.mems = fields.CpusetMems;
  return cpu;
}

/** The OCI resources of the fields (zero means unset, as in Docker). */
export function resourcesOf(hc: HostConfigResources): NonNullable<NonNullable<RuntimeConfig['linux']>['resources']> {
  const out: NonNullable<NonNullable<RuntimeConfig['linux']>['resources']> = {};
  const memory: Record<string, number | boolean> = {};
  if (hc.Memory) {
    memory.limit = hc.Memory;
    // Docker: swap unset means as much swap as memory (limit * 2 for memory+swap).
    memory.swap = hc.MemorySwap ? hc.MemorySwap : hc.Memory * 2;
  } else if (hc.MemorySwap) memory.swap = hc.MemorySwap;
  if (hc.MemoryReservation) memory.reservation = hc.MemoryReservation;
  if (hc.OomKillDisable) memory.disableOOMKiller = true;
  const swappiness = memorySwappiness(hc);
  if (swappiness !== undefined) memory.swappiness = swappiness;
  if (Object.keys(memory).length) out.memory = memory;
  const cpu = cpuResources(hc);
  if (Object.keys(cpu).length) out.cpu = cpu;
  if (hc.PidsLimit && hc.PidsLimit > 0) out.pids = { limit: hc.PidsLimit };
  const blockIO = blockIOOf(hc);
  if (blockIO) out.blockIO = blockIO;
  return out;
}

type BlockIO = NonNullable<NonNullable<NonNullable<RuntimeConfig['linux']>['resources']>['blockIO']>;

/** The weights and the per-device throttles, each device given by its path and resolved to its numbers. */
function blockIOOf(hc: HostConfigResources): BlockIO | undefined {
  const blockIO: BlockIO = {};
  if (hc.BlkioWeight) blockIO.weight = hc.BlkioWeight;
  if (hc.BlkioWeightDevice?.length) blockIO.weightDevice = hc.BlkioWeightDevice.map((d) => ({ ...deviceNumbers(d.Path), weight: d.Weight }));
  const throttles = {
    throttleReadBpsDevice: hc.BlkioDeviceReadBps,
    throttleWriteBpsDevice: hc.BlkioDeviceWriteBps,
    throttleReadIOPSDevice: hc.BlkioDeviceReadIOps,
    throttleWriteIOPSDevice: hc.BlkioDeviceWriteIOps,
  };
  for (const [key, list] of Object.entries(throttles) as Array<[keyof typeof throttles, typeof hc.BlkioDeviceReadBps]>) {
    if (list?.length) blockIO[key] = list.map((d) => ({ ...deviceNumbers(d.Path), rate: d.Rate }));
  }
  return Object.keys(blockIO).length ? blockIO : undefined;
}

/** Where dockerd's init (tini) appears in a container started with --init. */
const INIT_IN_CONTAINER = '/sbin/docker-init';

/** dockerd's default init-path: "docker-init" looked up in the daemon's PATH. */
function findInit(): string {
  for (const dir of (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':')) {
    const candidate = path.join(dir, 'docker-init');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw invalidArgument('exec: "docker-init": executable file not found in $PATH');
}

/**
 * The fields that shape the container's processes (its init's, and an exec'd one's base), applied
 * to a process built with Docker's defaults (args already set). Reads nothing on the host, so an
 * exec never depends on the devices, files or binaries that the container's create named.
 */
export function applyProcessHostConfig(proc: Process, hc: HostConfigResources): void {
  const caps = capabilities(hc);
  proc.capabilities = { bounding: [...caps], effective: [...caps], permitted: [...caps] };
  proc.noNewPrivileges = noNewPrivileges(hc.SecurityOpt ?? []);
  // As dockerd, always: a container does not inherit the score of the shim that starts it.
  proc.oomScoreAdj = hc.OomScoreAdj ?? 0;
  for (const u of hc.Ulimits ?? []) {
    const type = rlimitType(u.Name) as NonNullable<typeof proc.rlimits>[number]['type'];
    proc.rlimits = [...(proc.rlimits ?? []).filter((r) => r.type !== type), { type, soft: u.Soft, hard: u.Hard }];
  }
  if (hc.Init) proc.args = [INIT_IN_CONTAINER, '--', ...(proc.args ?? [])];
}

/**
 * Applies the fields to the rest of a spec built with Docker's defaults: its process is
 * applyProcessHostConfig's.
 */
export function applyHostConfig(spec: RuntimeConfig, hc: HostConfigResources): void {
  const linux = spec.linux!;
  if (hc.Init) {
    spec.mounts = [...(spec.mounts ?? []), { destination: INIT_IN_CONTAINER, type: 'bind', source: findInit(), options: ['bind', 'ro'] }];
  }
  linux.resources = { ...linux.resources, ...resourcesOf(hc) };
  if (hc.Sysctls && Object.keys(hc.Sysctls).length) linux.sysctl = { ...hc.Sysctls };
  if (hc.Annotations && Object.keys(hc.Annotations).length) spec.annotations = { ...spec.annotations, ...hc.Annotations };
  if (hc.ReadonlyRootfs) spec.root = { ...spec.root!, readonly: true };
  const shm = spec.mounts?.find((m) => m.destination === '/dev/shm');
  if (shm) shm.options = [...(shm.options ?? []).filter((o) => !o.startsWith('size=')), `size=${hc.ShmSize || DEFAULT_SHM_SIZE}`];
  applyNamespaceModes(spec, hc);
  if (hc.Privileged) {
    linux.maskedPaths = [];
    linux.readonlyPaths = [];
    linux.resources.devices = [{ allow: true, access: 'rwm' }];
    linux.devices = hostDevices();
    // dockerd mounts sysfs and the cgroup tree read-write for a privileged container.
    for (const m of spec.mounts ?? []) {
      if (m.destination === '/sys' || m.destination === '/sys/fs/cgroup') m.options = (m.options ?? []).filter((o) => o !== 'ro');
    }
  } else {
    // As dockerd: a privileged container has every host device already, so these add nothing to it.
    for (const mapping of hc.Devices ?? []) {
      const { devices, rules } = customDevices(mapping);
      const paths = new Set(devices.map((d) => d.path));
      linux.devices = [...(linux.devices ?? []).filter((d) => !paths.has(d.path)), ...devices];
      linux.resources.devices = [...(linux.resources.devices ?? []), ...rules];
    }
    const extra = (hc.DeviceCgroupRules ?? []).map(deviceCgroupRule);
    if (extra.length) linux.resources.devices = [...(linux.resources.devices ?? []), ...extra];
  }
}

/**
 * The host's PID, IPC or UTS namespace instead of the container's own (`--pid host`...): the
 * namespace is left out of the spec; with the host's IPC, the host's /dev/shm too, and with
 * `--ipc none`, no /dev/shm at all, as dockerd.
 */
function applyNamespaceModes(spec: RuntimeConfig, hc: HostConfigResources): void {
  const linux = spec.linux!;
  const without = (type: string) => {
    linux.namespaces = (linux.namespaces ?? []).filter((ns) => ns.type !== type);
  };
  if (hc.PidMode === 'host') without('pid');
  if (hc.CgroupnsMode === 'private' && !(linux.namespaces ?? []).some((ns) => ns.type === 'cgroup')) {
    linux.namespaces = [...(linux.namespaces ?? []), { type: 'cgroup' }];
  } else if (hc.CgroupnsMode === 'host') without('cgroup');
  if (hc.UTSMode === 'host') {
    without('uts');
    delete spec.hostname;
    delete spec.domainname;
  }
  if (hc.IpcMode === 'host') {
    without('ipc');
    spec.mounts = (spec.mounts ?? []).map((m) =>
      m.destination === '/dev/shm' ? { destination: '/dev/shm', type: 'bind', source: '/dev/shm', options: ['rbind', 'nosuid', 'noexec', 'nodev'] } : m,
    );
  } else if (hc.IpcMode === 'none') {
    spec.mounts = (spec.mounts ?? []).filter((m) => m.destination !== '/dev/shm');
  }
}

/** The HostConfig fields of a request that skiffd keeps, without the ones it ignores. */
export function keptHostConfig(hc: Record<string, unknown> | null | undefined): HostConfigResources & MountFields {
  const out: Record<string, unknown> = {};
  for (const key of [...Object.keys(hostConfigMountFields), ...Object.keys(hostConfigResourceFields)]) {
    if (hc?.[key] !== undefined) out[key] = hc[key];
  }
  return out as HostConfigResources & MountFields;
}
