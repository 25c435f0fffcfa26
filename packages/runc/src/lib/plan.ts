import * as fs from 'node:fs';
import * as path from 'node:path';
import { invalidArgument, notImplemented } from '@skiff/errors';
import type { Hook, LinuxDevice, Mount, Process, RuntimeConfig } from '@skiff/oci-spec';
import { CLONE, RLIMIT } from '../sys/constants';
import { CapabilitySets, capabilityNumbersIn, capabilitySets, lastCap } from './capabilities';
import { parseMountOptions, rootPropagationFlags } from './mount-options';

/** One mount as the init performs it; paths inside the container stay unresolved until then. */
export interface MountStep {
  kind: 'bind' | 'fs' | 'cgroup';
  source: string;
  destination: string;
  fstype: string;
  flags: number;
  clearedFlags: number;
  recursive: boolean;
  propagation: number[];
  data: string;
  /** A bind of a file (not a directory) needs a file to mount on. */
  sourceIsDir: boolean;
}

export interface DeviceStep {
  path: string;
  type: 'c' | 'b' | 'u' | 'p';
  major: number;
  minor: number;
  mode: number;
  uid: number;
  gid: number;
}

export interface ProcessPlan {
  args: string[];
  env: string[];
  cwd: string;
  uid: number;
  gid: number;
  additionalGids: number[];
  umask?: number;
  terminal: boolean;
  consoleSize?: { height: number; width: number };
  rlimits: Array<{ resource: number; soft: bigint; hard: bigint }>;
  caps: CapabilitySets;
  /** Capabilities to drop from the bounding set, computed up front so the child does no set algebra. */
  boundingDrops: number[];
  ambientRaises: number[];
  noNewPrivileges: boolean;
  oomScoreAdj?: number;
}

export interface NamespaceJoin {
  type: string;
  path: string;
  flag: number;
}

export interface InitPlan {
  id: string;
  bundle: string;
  rootfs: string;
  readonlyRoot: boolean;
  noPivot: boolean;
  rootPropagation: number;
  /** Flags for unshare() in stage 1, user namespace excluded (it is handled first). */
  unshareFlags: number;
  joins: NamespaceJoin[];
  newUserNamespace: boolean;
  uidMap: string;
  gidMap: string;
  timeOffsets: string;
  mounts: MountStep[];
  /** /dev comes from a tmpfs we populate, not from a bind of the host's /dev. */
  populateDev: boolean;
  devices: DeviceStep[];
  maskedPaths: string[];
  readonlyPaths: string[];
  sysctl: Array<[string, string]>;
  hostname?: string;
  domainname?: string;
  process: ProcessPlan;
  personality?: number;
  createContainerHooks: Hook[];
  startContainerHooks: Hook[];
}

export const namespaceFlags: Record<string, number> = {
  pid: CLONE.NEWPID,
  network: CLONE.NEWNET,
  mount: CLONE.NEWNS,
  ipc: CLONE.NEWIPC,
  uts: CLONE.NEWUTS,
  user: CLONE.NEWUSER,
  cgroup: CLONE.NEWCGROUP,
  time: CLONE.NEWTIME,
};

/** The /proc/<pid>/ns/<name> file for each OCI namespace type. */
export const namespaceProcNames: Record<string, string> = {
  pid: 'pid',
  network: 'net',
  mount: 'mnt',
  ipc: 'ipc',
  uts: 'uts',
  user: 'user',
  cgroup: 'cgroup',
  time: 'time',
};

// The devices every container gets, as in runc (and Docker relies on).
export const defaultDevices: readonly DeviceStep[] = [
  { path: '/dev/null', type: 'c', major: 1, minor: 3, mode: 0o666, uid: 0, gid: 0 },
  { path: '/dev/zero', type: 'c', major: 1, minor: 5, mode: 0o666, uid: 0, gid: 0 },
  { path: '/dev/full', type: 'c', major: 1, minor: 7, mode: 0o666, uid: 0, gid: 0 },
  { path: '/dev/random', type: 'c', major: 1, minor: 8, mode: 0o666, uid: 0, gid: 0 },
  { path: '/dev/urandom', type: 'c', major: 1, minor: 9, mode: 0o666, uid: 0, gid: 0 },
  { path: '/dev/tty', type: 'c', major: 5, minor: 0, mode: 0o666, uid: 0, gid: 0 },
];

function idMapText(maps: Array<{ containerID: number; hostID: number; size: number }> | undefined): string {
  return (maps ?? []).map((m) => `${m.containerID} ${m.hostID} ${m.size}\n`).join('');
}

const RLIM_INFINITY = 0xffffffffffffffffn;

function rlimitValue(v: number | bigint): bigint {
  const n = BigInt(v);
  // The spec's uint64 max means RLIM_INFINITY; parsed from JSON it arrives as the double 2^64, and
  // some tools write -1 for it.
  return n < 0n || n >= RLIM_INFINITY ? RLIM_INFINITY : n;
}

export function processPlan(proc: Process): ProcessPlan {
  if (!proc.args || proc.args.length === 0) throw invalidArgument('args must not be empty');
  const caps = capabilitySets(proc.capabilities ?? undefined);
  const last = lastCap();
  const boundingDrops: number[] = [];
  for (let n = 0; n <= last; n++) if (!(caps.bounding & (1n << BigInt(n)))) boundingDrops.push(n);
  // The kernel refuses to raise an ambient cap that is not also inheritable and permitted.
  const ambientRaises = capabilityNumbersIn(caps.ambient & caps.inheritable & caps.permitted, last);
  const rlimits = (proc.rlimits ?? []).map((r) => {
    const resource = RLIMIT[r.type];
    if (resource === undefined) throw invalidArgument(`rlimit ${JSON.stringify(r.type)} is not supported`);
    return { resource, soft: rlimitValue(r.soft), hard: rlimitValue(r.hard) };
  });
  return {
    args: proc.args,
    env: proc.env ?? [],
    cwd: proc.cwd || '/',
    uid: proc.user?.uid ?? 0,
    gid: proc.user?.gid ?? 0,
    additionalGids: proc.user?.additionalGids ?? [],
    ...(proc.user?.umask !== undefined && proc.user.umask !== null ? { umask: proc.user.umask } : {}),
    terminal: proc.terminal ?? false,
    ...(proc.consoleSize ? { consoleSize: proc.consoleSize } : {}),
    rlimits,
    caps,
    boundingDrops,
    ambientRaises,
    noNewPrivileges: proc.noNewPrivileges ?? false,
    ...(proc.oomScoreAdj !== undefined && proc.oomScoreAdj !== null ? { oomScoreAdj: proc.oomScoreAdj } : {}),
  };
}

function mountStep(bundle: string, m: Mount): MountStep {
  if ((m.options ?? []).some((o) => o === 'idmap' || o === 'ridmap') || m.uidMappings || m.gidMappings) {
    throw notImplemented(`mount ${m.destination}: idmapped mounts are not supported by skiff-runc`);
  }
  const type = m.type ?? (m.options?.some((o) => o === 'bind' || o === 'rbind') ? 'bind' : 'none');
  const parsed = parseMountOptions(m.options, type);
  const destination = m.destination.startsWith('/') ? m.destination : `/${m.destination}`;
  if (parsed.bind) {
    const source = path.resolve(bundle, m.source ?? '');
    let sourceIsDir = true;
    try {
      sourceIsDir = fs.statSync(source).isDirectory();
    } catch (err) {
      throw invalidArgument(`mount ${destination}: bind source ${source}: ${(err as Error).message}`);
    }
    return {
      kind: 'bind',
      source,
      destination,
      fstype: '',
      flags: parsed.flags,
      clearedFlags: parsed.clearedFlags,
      recursive: parsed.recursive,
      propagation: parsed.propagation,
      data: parsed.data.join(','),
      sourceIsDir,
    };
  }
  return {
    kind: type === 'cgroup' || type === 'cgroup2' ? 'cgroup' : 'fs',
    source: m.source ?? type,
    destination,
    fstype: type,
    flags: parsed.flags,
    clearedFlags: parsed.clearedFlags,
    recursive: false,
    propagation: parsed.propagation,
    data: parsed.data.join(','),
    sourceIsDir: true,
  };
}

function deviceStep(d: LinuxDevice): DeviceStep {
  const type = d.type as DeviceStep['type'];
  if (!['c', 'b', 'u', 'p'].includes(type)) throw invalidArgument(`device ${d.path}: invalid type ${JSON.stringify(d.type)}`);
  if (!d.path.startsWith('/dev/')) throw invalidArgument(`device ${d.path}: path must be under /dev`);
  return {
    path: d.path,
    type,
    major: Number(d.major ?? 0),
    minor: Number(d.minor ?? 0),
    mode: d.fileMode ?? 0o666,
    uid: d.uid ?? 0,
    gid: d.gid ?? 0,
  };
}

export interface PlanOptions {
  bundle: string;
  id: string;
  noPivot?: boolean;
}

/** Everything the container's init will do, decided before any fork: the children only execute it. */
export function planInit(config: RuntimeConfig, opts: PlanOptions): InitPlan {
  if (!config.process) throw invalidArgument('config.json: process is required to create a container');
  const linux = config.linux ?? {};
  const namespaces = linux.namespaces ?? [];
  let unshareFlags = 0;
  const joins: NamespaceJoin[] = [];
  let newUserNamespace = false;
  const hasMountNs = namespaces.some((n) => n.type === 'mount');
  if (!hasMountNs) throw invalidArgument('config.json: linux.namespaces must include a mount namespace');
  for (const ns of namespaces) {
    const flag = namespaceFlags[ns.type];
    if (flag === undefined) throw invalidArgument(`config.json: unknown namespace type ${JSON.stringify(ns.type)}`);
    if (ns.path) joins.push({ type: ns.type, path: ns.path, flag });
    else if (ns.type === 'user') newUserNamespace = true;
    else unshareFlags |= flag;
  }
  const userNamespace = namespaces.some((n) => n.type === 'user');
  if (!userNamespace && (linux.uidMappings?.length || linux.gidMappings?.length)) {
    throw invalidArgument('config.json: uidMappings/gidMappings require a user namespace');
  }
  if (newUserNamespace && !(linux.uidMappings?.length && linux.gidMappings?.length)) {
    throw invalidArgument('config.json: a new user namespace needs uidMappings and gidMappings');
  }
  const rootfs = path.resolve(opts.bundle, config.root?.path ?? 'rootfs');
  if (!fs.existsSync(rootfs)) throw invalidArgument(`rootfs (${rootfs}) does not exist`);
  const mounts = (config.mounts ?? []).map((m) => mountStep(opts.bundle, m));
  const devMount = mounts.find((m) => m.destination === '/dev');
  const populateDev = !devMount || devMount.kind !== 'bind';
  const specDevices = (linux.devices ?? []).map(deviceStep);
  const devices = populateDev
    ? [...defaultDevices.filter((d) => !specDevices.some((s) => s.path === d.path)), ...specDevices]
    : specDevices;
  const timeOffsets = (['boottime', 'monotonic'] as const)
    .filter((clock) => linux.timeOffsets?.[clock])
    .map((clock) => `${clock} ${linux.timeOffsets![clock]!.secs ?? 0} ${linux.timeOffsets![clock]!.nanosecs ?? 0}\n`)
    .join('');
  return {
    id: opts.id,
    bundle: opts.bundle,
    rootfs,
    readonlyRoot: config.root?.readonly ?? false,
    noPivot: opts.noPivot ?? false,
    rootPropagation: rootPropagationFlags(linux.rootfsPropagation ?? undefined),
    unshareFlags,
    joins,
    newUserNamespace,
    uidMap: idMapText(linux.uidMappings ?? undefined),
    gidMap: idMapText(linux.gidMappings ?? undefined),
    timeOffsets,
    mounts,
    populateDev,
    devices,
    maskedPaths: linux.maskedPaths ?? [],
    readonlyPaths: linux.readonlyPaths ?? [],
    sysctl: Object.entries(linux.sysctl ?? {}),
    ...(config.hostname ? { hostname: config.hostname } : {}),
    ...(config.domainname ? { domainname: config.domainname } : {}),
    process: processPlan(config.process),
    ...(linux.personality ? { personality: personalityValue(linux.personality.domain) } : {}),
    createContainerHooks: config.hooks?.createContainer ?? [],
    startContainerHooks: config.hooks?.startContainer ?? [],
  };
}

function personalityValue(domain: string): number {
  if (domain === 'LINUX') return 0;
  if (domain === 'LINUX32') return 8;
  throw invalidArgument(`personality domain ${JSON.stringify(domain)} is not supported`);
}

