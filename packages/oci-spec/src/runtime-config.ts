import { z } from 'zod';

/*
 * Schemas for the OCI runtime-spec config.json (runtime-spec 1.0.0 through 1.3.x), Linux parts.
 *
 * Every object is loose: configs written by newer engines carry fields this package does not know
 * yet, and a runtime that rewrites config.json must hand them on untouched.
 *
 * Parsed objects list their keys in schema order, which follows the Go structs of runtime-spec, so
 * a config that passed through here serialises in the same order as one written by runc.
 *
 * Integers: the spec types many fields as int64/uint64, which a JS number cannot hold exactly above
 * 2^53. The number schemas below therefore check "is an integer within the type's range" rather
 * than zod's safe-integer check, so a real config with e.g. RLIM_INFINITY (2^64-1) or an int64
 * maximum is accepted — as the nearest double, 2^64 or 2^63, which is also what JSON.parse yields.
 * Such a value does not survive a round trip: written back it is one more than the type allows.
 * Only seccomp argument values, which are bit masks whose low bits matter, are kept exact, as
 * BigInt (see parseRuntimeConfig).
 */

export const namespaceTypes = ['pid', 'network', 'mount', 'ipc', 'uts', 'user', 'cgroup', 'time'] as const;

export const rlimitTypes = [
  'RLIMIT_AS',
  'RLIMIT_CORE',
  'RLIMIT_CPU',
  'RLIMIT_DATA',
  'RLIMIT_FSIZE',
  'RLIMIT_LOCKS',
  'RLIMIT_MEMLOCK',
  'RLIMIT_MSGQUEUE',
  'RLIMIT_NICE',
  'RLIMIT_NOFILE',
  'RLIMIT_NPROC',
  'RLIMIT_RSS',
  'RLIMIT_RTPRIO',
  'RLIMIT_RTTIME',
  'RLIMIT_SIGPENDING',
  'RLIMIT_STACK',
] as const;

/** The capabilities Linux defines, in the kernel's numbering order (CAP_CHOWN is 0). */
export const knownCapabilities = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_DAC_READ_SEARCH',
  'CAP_FOWNER',
  'CAP_FSETID',
  'CAP_KILL',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETPCAP',
  'CAP_LINUX_IMMUTABLE',
  'CAP_NET_BIND_SERVICE',
  'CAP_NET_BROADCAST',
  'CAP_NET_ADMIN',
  'CAP_NET_RAW',
  'CAP_IPC_LOCK',
  'CAP_IPC_OWNER',
  'CAP_SYS_MODULE',
  'CAP_SYS_RAWIO',
  'CAP_SYS_CHROOT',
  'CAP_SYS_PTRACE',
  'CAP_SYS_PACCT',
  'CAP_SYS_ADMIN',
  'CAP_SYS_BOOT',
  'CAP_SYS_NICE',
  'CAP_SYS_RESOURCE',
  'CAP_SYS_TIME',
  'CAP_SYS_TTY_CONFIG',
  'CAP_MKNOD',
  'CAP_LEASE',
  'CAP_AUDIT_WRITE',
  'CAP_AUDIT_CONTROL',
  'CAP_SETFCAP',
  'CAP_MAC_OVERRIDE',
  'CAP_MAC_ADMIN',
  'CAP_SYSLOG',
  'CAP_WAKE_ALARM',
  'CAP_BLOCK_SUSPEND',
  'CAP_AUDIT_READ',
  'CAP_PERFMON',
  'CAP_BPF',
  'CAP_CHECKPOINT_RESTORE',
] as const;

export const seccompActions = [
  'SCMP_ACT_KILL',
  'SCMP_ACT_KILL_PROCESS',
  'SCMP_ACT_KILL_THREAD',
  'SCMP_ACT_TRAP',
  'SCMP_ACT_ERRNO',
  'SCMP_ACT_TRACE',
  'SCMP_ACT_ALLOW',
  'SCMP_ACT_LOG',
  'SCMP_ACT_NOTIFY',
] as const;

export const seccompOperators = [
  'SCMP_CMP_NE',
  'SCMP_CMP_LT',
  'SCMP_CMP_LE',
  'SCMP_CMP_EQ',
  'SCMP_CMP_GE',
  'SCMP_CMP_GT',
  'SCMP_CMP_MASKED_EQ',
] as const;

export const seccompArchs = [
  'SCMP_ARCH_X86',
  'SCMP_ARCH_X86_64',
  'SCMP_ARCH_X32',
  'SCMP_ARCH_ARM',
  'SCMP_ARCH_AARCH64',
  'SCMP_ARCH_LOONGARCH64',
  'SCMP_ARCH_M68K',
  'SCMP_ARCH_MIPS',
  'SCMP_ARCH_MIPS64',
  'SCMP_ARCH_MIPS64N32',
  'SCMP_ARCH_MIPSEL',
  'SCMP_ARCH_MIPSEL64',
  'SCMP_ARCH_MIPSEL64N32',
  'SCMP_ARCH_PPC',
  'SCMP_ARCH_PPC64',
  'SCMP_ARCH_PPC64LE',
  'SCMP_ARCH_S390',
  'SCMP_ARCH_S390X',
  'SCMP_ARCH_SH',
  'SCMP_ARCH_SHEB',
  'SCMP_ARCH_PARISC',
  'SCMP_ARCH_PARISC64',
  'SCMP_ARCH_RISCV64',
] as const;

export const seccompFlags = [
  'SECCOMP_FILTER_FLAG_TSYNC',
  'SECCOMP_FILTER_FLAG_LOG',
  'SECCOMP_FILTER_FLAG_SPEC_ALLOW',
  'SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV',
] as const;

export const hookNames = [
  'prestart',
  'createRuntime',
  'createContainer',
  'startContainer',
  'poststart',
  'poststop',
] as const;

export const schedulerPolicies = [
  'SCHED_OTHER',
  'SCHED_FIFO',
  'SCHED_RR',
  'SCHED_BATCH',
  'SCHED_ISO',
  'SCHED_IDLE',
  'SCHED_DEADLINE',
] as const;

export const schedulerFlags = [
  'SCHED_FLAG_RESET_ON_FORK',
  'SCHED_FLAG_RECLAIM',
  'SCHED_FLAG_DL_OVERRUN',
  'SCHED_FLAG_KEEP_POLICY',
  'SCHED_FLAG_KEEP_PARAMS',
  'SCHED_FLAG_UTIL_CLAMP_MIN',
  'SCHED_FLAG_UTIL_CLAMP_MAX',
] as const;

export const ioPriorityClasses = ['IOPRIO_CLASS_RT', 'IOPRIO_CLASS_BE', 'IOPRIO_CLASS_IDLE'] as const;

// The spec lists the first four; runc (and configs written for it) also use the recursive forms.
export const rootfsPropagations = ['private', 'shared', 'slave', 'unbindable', 'rprivate', 'rshared', 'rslave', 'runbindable'] as const;

export const memoryPolicyModes = [
  'MPOL_DEFAULT',
  'MPOL_BIND',
  'MPOL_INTERLEAVE',
  'MPOL_WEIGHTED_INTERLEAVE',
  'MPOL_PREFERRED',
  'MPOL_PREFERRED_MANY',
  'MPOL_LOCAL',
] as const;

export const memoryPolicyFlags = ['MPOL_F_NUMA_BALANCING', 'MPOL_F_RELATIVE_NODES', 'MPOL_F_STATIC_NODES'] as const;

/** The runtime-spec releases this package reads: 1.0.0 up to the newest 1.3 patch release. */
export const ociVersionMin = '1.0.0';
export const ociVersionMax = '1.3.0';
const supportedOciVersion = /^1\.[0-3]\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

export function isSupportedOciVersion(version: string): boolean {
  return supportedOciVersion.test(version);
}

function rangeMessage(name: string, min: bigint, max: bigint): string {
  return `expected ${name} (an integer from ${min} to ${max})`;
}

// Bounds are exact BigInts for the message; the comparison uses them as doubles, which rounds the
// 64-bit maxima up exactly as JSON.parse rounds the same literals (see top).
function integer(name: string, min: bigint, max: bigint) {
  const low = Number(min);
  const high = Number(max);
  return z.number().refine((n) => Number.isInteger(n) && n >= low && n <= high, rangeMessage(name, min, max));
}

const int32 = integer('int32', -(2n ** 31n), 2n ** 31n - 1n);
const uint16 = integer('uint16', 0n, 2n ** 16n - 1n);
const uint32 = integer('uint32', 0n, 2n ** 32n - 1n);
const int64 = integer('int64', -(2n ** 63n), 2n ** 63n - 1n);
const uint64 = integer('uint64', 0n, 2n ** 64n - 1n);

const uint64Message = rangeMessage('uint64', 0n, 2n ** 64n - 1n);
/** A seccomp argument operand: a number when it fits a double exactly, a BigInt when it does not. */
export const SeccompArgValueSchema = z.union(
  [uint64, z.bigint().min(0n, uint64Message).max(2n ** 64n - 1n, uint64Message)],
  { error: uint64Message },
);

const strings = z.array(z.string());
const stringMap = z.record(z.string().min(1), z.string());

export const OciVersionSchema = z
  .string()
  .refine(isSupportedOciVersion, {
    error: (iss) =>
      `unsupported version ${JSON.stringify(iss.input)} (this runtime reads ${ociVersionMin} through 1.3.x)`,
  });

export const AnnotationsSchema = stringMap;

export const IdMappingSchema = z.looseObject({
  containerID: uint32,
  hostID: uint32,
  size: uint32,
});

// Capability sets are not an enum: runc warns about and skips names it does not know rather than
// refusing the config, so a capability newer than this list must still pass (validateRuntimeConfig
// warns about it).
export const CapabilityNameSchema = z.string().regex(/^CAP_[A-Z_]+$/, 'expected a capability name like CAP_KILL');
const capabilitySet = z.array(CapabilityNameSchema);

export const LinuxCapabilitiesSchema = z.looseObject({
  bounding: capabilitySet.optional(),
  effective: capabilitySet.optional(),
  inheritable: capabilitySet.optional(),
  permitted: capabilitySet.optional(),
  ambient: capabilitySet.optional(),
});

export const UserSchema = z.looseObject({
  uid: uint32,
  gid: uint32,
  umask: uint32.optional(),
  additionalGids: z.array(uint32).optional(),
  username: z.string().optional(),
});

export const ConsoleSizeSchema = z.looseObject({ height: uint64, width: uint64 });

export const RlimitTypeSchema = z.enum(rlimitTypes);
export const RlimitSchema = z.looseObject({ type: RlimitTypeSchema, hard: uint64, soft: uint64 });

export const IoPrioritySchema = z.looseObject({
  class: z.enum(ioPriorityClasses),
  priority: int32.optional(),
});

export const SchedulerSchema = z.looseObject({
  policy: z.enum(schedulerPolicies),
  nice: int32.optional(),
  priority: int32.optional(),
  flags: z.array(z.enum(schedulerFlags)).optional(),
  runtime: uint64.optional(),
  deadline: uint64.optional(),
  period: uint64.optional(),
});

const cpuList = z.string().regex(/^[0-9, -]*$/, 'expected a CPU list like "0-3,7"');
export const ExecCpuAffinitySchema = z.looseObject({
  initial: cpuList.optional(),
  final: cpuList.optional(),
});

export const ProcessSchema = z.looseObject({
  terminal: z.boolean().optional(),
  consoleSize: ConsoleSizeSchema.optional(),
  user: UserSchema.optional(),
  args: strings.optional(),
  commandLine: z.string().optional(),
  env: strings.optional(),
  cwd: z.string(),
  capabilities: LinuxCapabilitiesSchema.optional(),
  rlimits: z.array(RlimitSchema).optional(),
  noNewPrivileges: z.boolean().optional(),
  apparmorProfile: z.string().optional(),
  oomScoreAdj: z.int().optional(),
  scheduler: SchedulerSchema.optional(),
  selinuxLabel: z.string().optional(),
  ioPriority: IoPrioritySchema.optional(),
  execCPUAffinity: ExecCpuAffinitySchema.optional(),
});

export const RootSchema = z.looseObject({
  path: z.string().min(1, 'must not be empty'),
  readonly: z.boolean().optional(),
});

export const MountSchema = z.looseObject({
  destination: z.string().min(1, 'must not be empty'),
  type: z.string().optional(),
  source: z.string().optional(),
  options: strings.optional(),
  uidMappings: z.array(IdMappingSchema).optional(),
  gidMappings: z.array(IdMappingSchema).optional(),
});

export const HookSchema = z.looseObject({
  path: z.string(),
  args: strings.optional(),
  env: strings.optional(),
  timeout: z.int().min(1, 'must be at least 1 second').optional(),
});

const hookList = z.array(HookSchema).optional();
export const HooksSchema = z.looseObject({
  prestart: hookList,
  createRuntime: hookList,
  createContainer: hookList,
  startContainer: hookList,
  poststart: hookList,
  poststop: hookList,
});

export const LinuxNamespaceTypeSchema = z.enum(namespaceTypes);
export const LinuxNamespaceSchema = z.looseObject({
  type: LinuxNamespaceTypeSchema,
  path: z.string().optional(),
});

export const LinuxTimeOffsetSchema = z.looseObject({
  secs: int64.optional(),
  nanosecs: uint32.optional(),
});

export const LinuxDeviceSchema = z.looseObject({
  path: z.string(),
  type: z.string().regex(/^[cbup]$/, 'expected one of "c", "b", "u", "p"'),
  major: int64.optional(),
  minor: int64.optional(),
  fileMode: integer('file mode', 0n, 0o777n).optional(),
  uid: uint32.optional(),
  gid: uint32.optional(),
});

export const LinuxNetDeviceSchema = z.looseObject({ name: z.string().optional() });

export const LinuxDeviceCgroupSchema = z.looseObject({
  allow: z.boolean(),
  type: z.string().optional(),
  major: int64.optional(),
  minor: int64.optional(),
  access: z.string().optional(),
});

export const LinuxMemorySchema = z.looseObject({
  limit: int64.optional(),
  reservation: int64.optional(),
  swap: int64.optional(),
  kernel: int64.optional(),
  kernelTCP: int64.optional(),
  swappiness: uint64.optional(),
  disableOOMKiller: z.boolean().optional(),
  useHierarchy: z.boolean().optional(),
  checkBeforeUpdate: z.boolean().optional(),
});

export const LinuxCpuSchema = z.looseObject({
  shares: uint64.optional(),
  quota: int64.optional(),
  burst: uint64.optional(),
  period: uint64.optional(),
  realtimeRuntime: int64.optional(),
  realtimePeriod: uint64.optional(),
  cpus: z.string().optional(),
  mems: z.string().optional(),
  idle: int64.optional(),
});

export const LinuxWeightDeviceSchema = z.looseObject({
  major: int64,
  minor: int64,
  weight: uint16.optional(),
  leafWeight: uint16.optional(),
});

export const LinuxThrottleDeviceSchema = z.looseObject({
  major: int64,
  minor: int64,
  rate: uint64.optional(),
});

const throttleList = z.array(LinuxThrottleDeviceSchema).optional();
export const LinuxBlockIoSchema = z.looseObject({
  weight: uint16.optional(),
  leafWeight: uint16.optional(),
  weightDevice: z.array(LinuxWeightDeviceSchema).optional(),
  throttleReadBpsDevice: throttleList,
  throttleWriteBpsDevice: throttleList,
  throttleReadIOPSDevice: throttleList,
  throttleWriteIOPSDevice: throttleList,
});

export const LinuxHugepageLimitSchema = z.looseObject({
  pageSize: z.string().regex(/^[1-9][0-9]*[KMG]B$/, 'expected a page size like "2MB"'),
  limit: uint64,
});

export const LinuxInterfacePrioritySchema = z.looseObject({ name: z.string(), priority: uint32 });

export const LinuxNetworkSchema = z.looseObject({
  classID: uint32.optional(),
  priorities: z.array(LinuxInterfacePrioritySchema).optional(),
});

export const LinuxPidsSchema = z.looseObject({ limit: int64 });

export const LinuxRdmaSchema = z.looseObject({
  hcaHandles: uint32.optional(),
  hcaObjects: uint32.optional(),
});

export const LinuxResourcesSchema = z.looseObject({
  devices: z.array(LinuxDeviceCgroupSchema).optional(),
  memory: LinuxMemorySchema.optional(),
  cpu: LinuxCpuSchema.optional(),
  pids: LinuxPidsSchema.optional(),
  blockIO: LinuxBlockIoSchema.optional(),
  hugepageLimits: z.array(LinuxHugepageLimitSchema).optional(),
  network: LinuxNetworkSchema.optional(),
  rdma: z.record(z.string(), LinuxRdmaSchema).optional(),
  unified: stringMap.optional(),
});

export const LinuxIntelRdtSchema = z.looseObject({
  closID: z.string().optional(),
  schemata: strings.optional(),
  l3CacheSchema: z.string().optional(),
  memBwSchema: z.string().regex(/^MB:[^\n]*$/, 'expected a line starting with "MB:"').optional(),
  enableMonitoring: z.boolean().optional(),
});

export const SeccompActionSchema = z.enum(seccompActions);
export const SeccompOperatorSchema = z.enum(seccompOperators);
export const SeccompArchSchema = z.enum(seccompArchs);
export const SeccompFlagSchema = z.enum(seccompFlags);

export const LinuxSeccompArgSchema = z.looseObject({
  index: uint32,
  value: SeccompArgValueSchema,
  valueTwo: SeccompArgValueSchema.optional(),
  op: SeccompOperatorSchema,
});

export const LinuxSyscallSchema = z.looseObject({
  names: z.array(z.string()).min(1, 'must name at least one syscall'),
  action: SeccompActionSchema,
  errnoRet: uint32.optional(),
  args: z.array(LinuxSeccompArgSchema).optional(),
});

export const LinuxSeccompSchema = z.looseObject({
  defaultAction: SeccompActionSchema,
  defaultErrnoRet: uint32.optional(),
  architectures: z.array(SeccompArchSchema).optional(),
  flags: z.array(SeccompFlagSchema).optional(),
  listenerPath: z.string().optional(),
  listenerMetadata: z.string().optional(),
  syscalls: z.array(LinuxSyscallSchema).optional(),
});

// The spec text makes domain REQUIRED, though its JSON schema does not.
export const LinuxPersonalitySchema = z.looseObject({
  domain: z.enum(['LINUX', 'LINUX32']),
  flags: strings.optional(),
});

export const LinuxMemoryPolicySchema = z.looseObject({
  mode: z.enum(memoryPolicyModes).optional(),
  nodes: z.string().optional(),
  flags: z.array(z.enum(memoryPolicyFlags)).optional(),
});

export const LinuxSchema = z.looseObject({
  uidMappings: z.array(IdMappingSchema).optional(),
  gidMappings: z.array(IdMappingSchema).optional(),
  sysctl: stringMap.optional(),
  resources: LinuxResourcesSchema.optional(),
  cgroupsPath: z.string().optional(),
  namespaces: z.array(LinuxNamespaceSchema).optional(),
  devices: z.array(LinuxDeviceSchema).optional(),
  netDevices: z.record(z.string(), LinuxNetDeviceSchema).optional(),
  seccomp: LinuxSeccompSchema.optional(),
  rootfsPropagation: z.enum(rootfsPropagations).optional(),
  maskedPaths: strings.optional(),
  readonlyPaths: strings.optional(),
  mountLabel: z.string().optional(),
  intelRdt: LinuxIntelRdtSchema.optional(),
  memoryPolicy: LinuxMemoryPolicySchema.optional(),
  personality: LinuxPersonalitySchema.optional(),
  timeOffsets: z
    .looseObject({ boottime: LinuxTimeOffsetSchema.optional(), monotonic: LinuxTimeOffsetSchema.optional() })
    .optional(),
});

/**
 * The structure of config.json. Where the spec's prose is stricter than its JSON schema this
 * follows the prose: `root` is required (optional only on Windows), `process.user` needs uid and
 * gid (REQUIRED on POSIX platforms), a personality needs its domain. The checks runc makes beyond
 * structure live in validateRuntimeConfig.
 */
export const RuntimeConfigSchema = z.looseObject({
  ociVersion: OciVersionSchema,
  process: ProcessSchema.optional(),
  root: RootSchema,
  hostname: z.string().optional(),
  domainname: z.string().optional(),
  mounts: z.array(MountSchema).optional(),
  hooks: HooksSchema.optional(),
  annotations: AnnotationsSchema.optional(),
  linux: LinuxSchema.optional(),
});

export type RuntimeConfig = z.infer<typeof RuntimeConfigSchema>;
export type Process = z.infer<typeof ProcessSchema>;
export type User = z.infer<typeof UserSchema>;
export type ConsoleSize = z.infer<typeof ConsoleSizeSchema>;
export type LinuxCapabilities = z.infer<typeof LinuxCapabilitiesSchema>;
export type KnownCapability = (typeof knownCapabilities)[number];
export type Rlimit = z.infer<typeof RlimitSchema>;
export type RlimitType = z.infer<typeof RlimitTypeSchema>;
export type IoPriority = z.infer<typeof IoPrioritySchema>;
export type Scheduler = z.infer<typeof SchedulerSchema>;
export type ExecCpuAffinity = z.infer<typeof ExecCpuAffinitySchema>;
export type Root = z.infer<typeof RootSchema>;
export type Mount = z.infer<typeof MountSchema>;
export type IdMapping = z.infer<typeof IdMappingSchema>;
export type Hook = z.infer<typeof HookSchema>;
export type Hooks = z.infer<typeof HooksSchema>;
export type HookName = (typeof hookNames)[number];
export type Linux = z.infer<typeof LinuxSchema>;
export type LinuxNamespace = z.infer<typeof LinuxNamespaceSchema>;
export type LinuxNamespaceType = z.infer<typeof LinuxNamespaceTypeSchema>;
export type LinuxTimeOffset = z.infer<typeof LinuxTimeOffsetSchema>;
export type LinuxDevice = z.infer<typeof LinuxDeviceSchema>;
export type LinuxNetDevice = z.infer<typeof LinuxNetDeviceSchema>;
export type LinuxResources = z.infer<typeof LinuxResourcesSchema>;
export type LinuxDeviceCgroup = z.infer<typeof LinuxDeviceCgroupSchema>;
export type LinuxMemory = z.infer<typeof LinuxMemorySchema>;
export type LinuxCpu = z.infer<typeof LinuxCpuSchema>;
export type LinuxBlockIo = z.infer<typeof LinuxBlockIoSchema>;
export type LinuxWeightDevice = z.infer<typeof LinuxWeightDeviceSchema>;
export type LinuxThrottleDevice = z.infer<typeof LinuxThrottleDeviceSchema>;
export type LinuxHugepageLimit = z.infer<typeof LinuxHugepageLimitSchema>;
export type LinuxNetwork = z.infer<typeof LinuxNetworkSchema>;
export type LinuxInterfacePriority = z.infer<typeof LinuxInterfacePrioritySchema>;
export type LinuxPids = z.infer<typeof LinuxPidsSchema>;
export type LinuxRdma = z.infer<typeof LinuxRdmaSchema>;
export type LinuxIntelRdt = z.infer<typeof LinuxIntelRdtSchema>;
export type LinuxSeccomp = z.infer<typeof LinuxSeccompSchema>;
export type LinuxSyscall = z.infer<typeof LinuxSyscallSchema>;
export type LinuxSeccompArg = z.infer<typeof LinuxSeccompArgSchema>;
export type SeccompAction = z.infer<typeof SeccompActionSchema>;
export type SeccompOperator = z.infer<typeof SeccompOperatorSchema>;
export type SeccompArch = z.infer<typeof SeccompArchSchema>;
export type SeccompFlag = z.infer<typeof SeccompFlagSchema>;
export type LinuxPersonality = z.infer<typeof LinuxPersonalitySchema>;
export type LinuxMemoryPolicy = z.infer<typeof LinuxMemoryPolicySchema>;
