// docker's run/create flags beyond the basic ones (ports, volumes and mounts, networks, name
// resolution, labels and env files, restart policy, resources, security, healthcheck, logging,
// runtime): their declarations with docker 28's names, short forms, type words and help text, and
// their translation into the create body as the docker CLI builds it (cli/command/container/opts.go).
// A bad value is refused while parsing, as pflag does (usage error, 125); a bad combination after
// parsing, as docker's `docker: ...` line (125), both before any request.
import * as fs from 'node:fs';
import { Option } from 'commander';
import { z } from 'zod';
import type { ContainerCreateBody, HealthcheckBody, HostConfigCreateBody, MountRequestBody } from '@skiff/engine-api';
import { parseMacAddress } from '@skiff/engine-api';
import { FlagError } from './flags';
import type { CliContext } from './context';
import type { DockerCommand } from './help';
import {
  goFileError,
  keyValueMap,
  parseExpose,
  parseDevice,
  parseGoDuration,
  parseGoInt,
  parseGoUint16,
  parseAttachStream,
  parseMount,
  parseNanoCpus,
  parsePortSpec,
  standardPortNotation,
  parseRamSize,
  parseThrottleBps,
  parseThrottleIops,
  parseWeightDevice,
  type ThrottleDevice,
  type WeightDevice,
  parseRestartPolicy,
  parseSwapSize,
  parseUlimit,
  parseVolume,
  readKeyValueFile,
  type Ulimit,
  validateDeviceCgroupRule,
  validateDnsSearch,
  validateEnv,
  validateExtraHost,
  validateIpAddress,
  validateLabel,
  validateSysctl,
  ValueError,
} from './container-values';

/** A bad combination of flags, found after parsing: `skiff: <message>` and the --help pointer. */
export class ContainerFlagsError extends FlagError {
  constructor(
    message: string,
    private readonly verb: string,
  ) {
    super(message, verb);
  }

  override report(program: string): string {
    return `${program}: ${this.message}\n\nRun '${program} ${this.verb} --help' for more information\n`;
  }
}

/** A flag's value checked at the command-line boundary; the Go parser's error becomes the issue. */
const goValue = <T>(parse: (value: string) => T) =>
  z.string().transform((value, ctx): T => {
    try {
      return parse(value);
    } catch (err) {
      if (!(err instanceof ValueError)) throw err;
      ctx.addIssue({ code: 'custom', message: err.message });
      return z.NEVER;
    }
  });

const text = z.string();

/** `--network`: a name, or docker's csv form name=...,alias=...,ip=...,ip6=...,driver-opt=k=v. */
export interface NetworkAttachment {
  target: string;
  aliases: string[];
  ipv4?: string;
  ipv6?: string;
  macAddress?: string;
  driverOpts?: Record<string, string>;
}

function parseNetwork(value: string): NetworkAttachment {
  if (!value.includes('=')) return { target: value, aliases: [] };
  const attachment: NetworkAttachment = { target: '', aliases: [] };
  for (const field of value.split(',')) {
    const eq = field.indexOf('=');
    const key = field.slice(0, eq < 0 ? field.length : eq).toLowerCase();
    const val = eq < 0 ? '' : field.slice(eq + 1);
    if (eq < 0) throw new ValueError(`invalid field ${field}`);
    if (key === 'name') attachment.target = val;
    else if (key === 'alias') attachment.aliases.push(val);
    else if (key === 'ip') attachment.ipv4 = val;
    else if (key === 'ip6') attachment.ipv6 = val;
    else if (key === 'mac-address') attachment.macAddress = val;
    else if (key === 'driver-opt') attachment.driverOpts = { ...attachment.driverOpts, ...keyValueMap([val]) };
    else throw new ValueError(`invalid field key ${key}`);
  }
  return attachment;
}

/** The parsed values of the flags this file declares (commander's attribute names). */
export interface ContainerOptionValues {
  pull?: string;
  env?: string[];
  envFile?: string[];
  label?: string[];
  labelFile?: string[];
  publish?: string[];
  publishAll?: boolean;
  expose?: string[];
  volume?: string[];
  mount?: MountRequestBody[];
  tmpfs?: string[];
  volumesFrom?: string[];
  network?: NetworkAttachment[];
  networkAlias?: string[];
  ip?: string;
  hostname?: string;
  domainname?: string;
  dns?: string[];
  dnsSearch?: string[];
  dnsOption?: string[];
  addHost?: string[];
  restart?: string;
  rm?: boolean;
  memory?: number;
  memorySwap?: number;
  memoryReservation?: number;
  cpus?: number;
  cpuShares?: number;
  cpuPeriod?: number;
  cpuQuota?: number;
  cpuRtPeriod?: number;
  cpuRtRuntime?: number;
  cpusetCpus?: string;
  cpusetMems?: string;
  pidsLimit?: number;
  ulimit?: Ulimit[];
  device?: string[];
  cgroupns?: string;
  cgroupParent?: string;
  blkioWeight?: number;
  macAddress?: string;
  blkioWeightDevice?: WeightDevice[];
  deviceReadBps?: ThrottleDevice[];
  deviceWriteBps?: ThrottleDevice[];
  deviceReadIops?: ThrottleDevice[];
  deviceWriteIops?: ThrottleDevice[];
  memorySwappiness?: number;
  oomKillDisable?: boolean;
  oomScoreAdj?: number;
  deviceCgroupRule?: string[];
  capAdd?: string[];
  capDrop?: string[];
  privileged?: boolean;
  readOnly?: boolean;
  securityOpt?: string[];
  sysctl?: string[];
  annotation?: string[];
  shmSize?: number;
  groupAdd?: string[];
  init?: boolean;
  stopSignal?: string;
  stopTimeout?: number;
  healthCmd?: string;
  healthInterval?: number;
  healthTimeout?: number;
  healthRetries?: number;
  healthStartPeriod?: number;
  healthStartInterval?: number;
  /** false with --no-healthcheck */
  healthcheck?: boolean;
  logDriver?: string;
  logOpt?: string[];
  runtime?: string;
  pid?: string;
  ipc?: string;
  uts?: string;
  userns?: string;
  storageOpt?: string[];
}

const DURATION_HELP = '(ms|s|m|h)';

/** --ipc, --pid, --uts, --userns as the docker CLI checks them (--ipc only by the daemon): its own, the host's, or (pid) another container's. */
function namespaceModes(o: ContainerOptionValues): Pick<HostConfigCreateBody, 'IpcMode' | 'PidMode' | 'UTSMode' | 'UsernsMode'> {
  const ipc = o.ipc ?? '';
  const pid = o.pid ?? '';
  const uts = o.uts ?? '';
  const userns = o.userns ?? '';
  if (userns !== '' && userns !== 'host') throw new ValueError('--userns: invalid USER mode');
  const joins = (mode: string) => mode.startsWith('container:') && mode.length > 'container:'.length;
  if (pid !== '' && pid !== 'host' && !joins(pid)) throw new ValueError('--pid: invalid PID mode');
  if (uts !== '' && uts !== 'host') throw new ValueError('--uts: invalid UTS mode');
  return { ...(ipc ? { IpcMode: ipc } : {}), ...(pid ? { PidMode: pid } : {}), ...(uts ? { UTSMode: uts } : {}), ...(userns ? { UsernsMode: userns } : {}) };
}

/**
 * Declares the flags on `command` (create or run). Each value goes through its zod schema; a
 * refused one is docker's `invalid argument "v" for "-m, --memory" flag: ...` with the verb's usage.
 */
export function addContainerFlags(command: DockerCommand): DockerCommand {
  const refuse = (flags: string, value: string, error: z.ZodError) => {
    const flag = flags.replace(/ [<[].*$/, '');
    return new FlagError(`invalid argument "${value}" for "${flag}" flag: ${error.issues[0]?.message ?? 'invalid value'}`, command.usage());
  };
  const parse = <T>(flags: string, schema: z.ZodType<T, string>, value: string): T => {
    const result = schema.safeParse(value);
    if (!result.success) throw refuse(flags, value, result.error);
    return result.data;
  };
  const single = <T>(flags: string, description: string, schema: z.ZodType<T, string>) =>
    new Option(flags, description).argParser((value: string) => parse(flags, schema, value));
  const list = <T>(flags: string, description: string, schema: z.ZodType<T, string>) =>
    new Option(flags, description).argParser((value: string, previous: T[] | undefined) => [...(previous ?? []), parse(flags, schema, value)]);
  const duration = (flags: string, description: string) => single(flags, `${description} ${DURATION_HELP}`, goValue(parseGoDuration)).default(undefined, '0s');
  // --net is --network's hidden spelling: both fill one list, in command-line order.
  const networks: NetworkAttachment[] = [];
  const network = (flags: string) => (value: string) => {
    networks.push(parse(flags, goValue(parseNetwork), value));
    return networks;
  };
  const options = [
    list('-a, --attach <list>', 'Attach to STDIN, STDOUT or STDERR', goValue(parseAttachStream)),
    list('--add-host <list>', 'Add a custom host-to-IP mapping (host:ip)', goValue(validateExtraHost)),
    single('--blkio-weight <uint16>', 'Block IO (relative weight), between 10 and 1000, or 0 to disable', goValue(parseGoUint16)).default(undefined, '0'),
    list('--blkio-weight-device <list>', 'Block IO weight (relative device weight)', goValue(parseWeightDevice)).default(undefined, '[]'),
    list('--cap-add <list>', 'Add Linux capabilities', text),
    list('--cap-drop <list>', 'Drop Linux capabilities', text),
    single('--cgroup-parent <string>', 'Optional parent cgroup for the container', text),
    single('--cgroupns <string>', CGROUPNS_HELP, text),
    single('--cpu-period <int>', 'Limit CPU CFS (Completely Fair Scheduler) period', goValue(parseGoInt)),
    single('--cpu-quota <int>', 'Limit CPU CFS (Completely Fair Scheduler) quota', goValue(parseGoInt)),
    single('--cpu-rt-period <int>', 'Limit CPU real-time period in microseconds', goValue(parseGoInt)),
    single('--cpu-rt-runtime <int>', 'Limit CPU real-time runtime in microseconds', goValue(parseGoInt)),
    single('-c, --cpu-shares <int>', 'CPU shares (relative weight)', goValue(parseGoInt)),
    single('--cpus <decimal>', 'Number of CPUs', goValue(parseNanoCpus)),
    single('--cpuset-cpus <string>', 'CPUs in which to allow execution (0-3, 0,1)', text),
    single('--cpuset-mems <string>', 'MEMs in which to allow execution (0-3, 0,1)', text),
    list('--device <list>', 'Add a host device to the container', text),
    list('--device-read-bps <list>', 'Limit read rate (bytes per second) from a device', goValue(parseThrottleBps)).default(undefined, '[]'),
    list('--device-read-iops <list>', 'Limit read rate (IO per second) from a device', goValue(parseThrottleIops)).default(undefined, '[]'),
    list('--device-write-bps <list>', 'Limit write rate (bytes per second) to a device', goValue(parseThrottleBps)).default(undefined, '[]'),
    list('--device-write-iops <list>', 'Limit write rate (IO per second) to a device', goValue(parseThrottleIops)).default(undefined, '[]'),
    list('--device-cgroup-rule <list>', 'Add a rule to the cgroup allowed devices list', goValue(validateDeviceCgroupRule)),
    list('--dns <list>', 'Set custom DNS servers', goValue(validateIpAddress)),
    list('--dns-option <list>', 'Set DNS options', text),
    list('--dns-search <list>', 'Set custom DNS search domains', goValue(validateDnsSearch)),
    single('--domainname <string>', 'Container NIS domain name', text),
    list('--env-file <list>', 'Read in a file of environment variables', text),
    list('--expose <list>', 'Expose a port or a range of ports', text),
    list('--group-add <list>', 'Add additional groups to join', text),
    single('--health-cmd <string>', 'Command to run to check health', text),
    duration('--health-interval <duration>', 'Time between running the check'),
    single('--health-retries <int>', 'Consecutive failures needed to report unhealthy', goValue(parseGoInt)),
    duration('--health-start-interval <duration>', 'Time between running the check during the start period'),
    duration('--health-start-period <duration>', 'Start period for the container to initialize before starting health-retries countdown'),
    duration('--health-timeout <duration>', 'Maximum time to allow one check to run'),
    single('-h, --hostname <string>', 'Container host name', text),
    new Option('--init', 'Run an init inside the container that forwards signals and reaps processes'),
    single('--ip <string>', 'IPv4 address (e.g., 172.30.100.104)', text),
    single('--mac-address <string>', 'Container MAC address (e.g., 92:d0:c6:0a:29:33)', text),
    single('--ipc <string>', 'IPC mode to use', text),
    list('-l, --label <list>', 'Set meta data on a container', goValue(validateLabel)),
    list('--label-file <list>', 'Read in a line delimited file of labels', text),
    single('--log-driver <string>', 'Logging driver for the container', text),
    list('--log-opt <list>', 'Log driver options', text),
    single('-m, --memory <bytes>', 'Memory limit', goValue(parseRamSize)),
    single('--memory-reservation <bytes>', 'Memory soft limit', goValue(parseRamSize)),
    single('--memory-swap <bytes>', "Swap limit equal to memory plus swap: '-1' to enable unlimited swap", goValue(parseSwapSize)),
    single('--memory-swappiness <int>', 'Tune container memory swappiness (0 to 100)', goValue(parseGoInt)).default(-1),
    list('--mount <mount>', 'Attach a filesystem mount to the container', goValue((v) => parseMount(v, process.cwd()))),
    new Option('--network <network>', 'Connect a container to a network').argParser(network('--network')),
    new Option('--net <network>').argParser(network('--net')).hideHelp(),
    list('--network-alias <list>', 'Add network-scoped alias for the container', text),
    new Option('--no-healthcheck', 'Disable any container-specified HEALTHCHECK'),
    new Option('--oom-kill-disable', 'Disable OOM Killer'),
    single('--oom-score-adj <int>', "Tune host's OOM preferences (-1000 to 1000)", goValue(parseGoInt)),
    single('--pid <string>', 'PID namespace to use', text),
    single('--pids-limit <int>', 'Tune container pids limit (set -1 for unlimited)', goValue(parseGoInt)),
    new Option('--privileged', 'Give extended privileges to this container'),
    list('-p, --publish <list>', "Publish a container's port(s) to the host", text),
    new Option('-P, --publish-all', 'Publish all exposed ports to random ports'),
    new Option('--read-only', "Mount the container's root filesystem as read only"),
    single('--restart <string>', 'Restart policy to apply when a container exits', text).default('no'),
    single('--runtime <string>', 'Runtime to use for this container', text),
    list('--security-opt <list>', 'Security Options', text),
    single('--shm-size <bytes>', 'Size of /dev/shm', goValue(parseRamSize)),
    single('--stop-signal <string>', 'Signal to stop the container', text),
    single('--stop-timeout <int>', 'Timeout (in seconds) to stop a container', goValue(parseGoInt)),
    list('--sysctl <map>', 'Sysctl options', goValue(validateSysctl)),
    list('--annotation <map>', 'Add an annotation to the container (passed through to the OCI runtime)', text).default(undefined, 'map[]'),
    list('--tmpfs <list>', 'Mount a tmpfs directory', text),
    list('--ulimit <ulimit>', 'Ulimit options', goValue(parseUlimit)).default(undefined, '[]'),
    single('--uts <string>', 'UTS namespace to use', text),
    single('--userns <string>', 'User namespace to use', text),
    list('--storage-opt <list>', 'Storage driver options for the container', text),
    list('-v, --volume <list>', 'Bind mount a volume', text),
    list('--volumes-from <list>', 'Mount volumes from the specified container(s)', text),
  ];
  for (const option of options) command.addOption(option);
  return command;
}

/** The -e parser: docker checks the name while parsing and looks the value up later. */
export const envFlag = (command: DockerCommand) => (value: string, previous: string[] | undefined) => {
  const result = goValue(validateEnv).safeParse(value);
  if (!result.success) throw new FlagError(`invalid argument "${value}" for "-e, --env" flag: ${result.error.issues[0]!.message}`, command.usage());
  return [...(previous ?? []), result.data];
};

/** docker's NormalizeCapability: upper case, CAP_ prefixed, ALL kept. */
const capability = (name: string) => {
  const upper = name.trim().toUpperCase();
  return upper === 'ALL' || upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
};
const normalizeCaps = (caps: string[] | undefined) => [...new Set((caps ?? []).map(capability))].sort();

/** docker's parseSecurityOpts: a value is required but for no-new-privileges; a seccomp file is sent as its JSON. */
function securityOpts(items: string[]): string[] {
  return items.map((item) => {
    let sep = item.indexOf('=');
    if (sep < 0 && item !== 'no-new-privileges') sep = item.indexOf(':');
    const key = sep < 0 ? item : item.slice(0, sep);
    const value = sep < 0 ? '' : item.slice(sep + 1);
    if ((sep < 0 || value === '') && key !== 'no-new-privileges') throw new ValueError(`Invalid --security-opt: ${JSON.stringify(item)}`);
    if (key !== 'seccomp' || value === 'builtin' || value === 'unconfined') return item;
    let profile: string;
    try {
      profile = fs.readFileSync(value, 'utf8');
    } catch (err) {
      throw new ValueError(`opening seccomp profile (${value}) failed: ${goFileError(value, err)}`);
    }
    try {
      return `seccomp=${JSON.stringify(JSON.parse(profile))}`;
    } catch (err) {
      throw new ValueError(`compacting json for seccomp profile (${value}) failed: ${(err as Error).message}`);
    }
  });
}

const isUserDefined = (mode: string) => !['default', 'bridge', 'host', 'none'].includes(mode) && !mode.startsWith('container:');

type EndpointSettings = NonNullable<NonNullable<NonNullable<ContainerCreateBody['NetworkingConfig']>['EndpointsConfig']>[string]>;

/** NetworkMode and EndpointsConfig as docker's parseNetworkOpts sends them. */
function networking(o: ContainerOptionValues): { mode: string; endpoints: Record<string, EndpointSettings> } {
  const attachments = o.network?.length ? o.network.map((n) => ({ ...n, aliases: [...n.aliases] })) : [];
  const aliases = o.networkAlias ?? [];
  const mode = attachments[0]?.target || 'default';
  if (aliases.length && !isUserDefined(mode)) throw new ValueError('network-scoped aliases are only supported for user-defined networks');
  const settings = (n: NetworkAttachment): EndpointSettings => ({
    ...(n.aliases.length ? { Aliases: n.aliases } : {}),
    ...(n.ipv4 || n.ipv6 ? { IPAMConfig: { ...(n.ipv4 ? { IPv4Address: n.ipv4 } : {}), ...(n.ipv6 ? { IPv6Address: n.ipv6 } : {}) } } : {}),
    ...(n.macAddress ? { MacAddress: n.macAddress } : {}),
    ...(n.driverOpts ? { DriverOpts: n.driverOpts } : {}),
  });
  // The old single-network flags apply to the first network (or to the default one).
  const first = attachments[0] ?? { target: 'default', aliases: [] };
  if (first.aliases.length && aliases.length) throw new ValueError('conflicting options: cannot specify both --network-alias and per-network alias');
  if (first.ipv4 && o.ip) throw new ValueError('conflicting options: cannot specify both --ip and per-network IPv4 address');
  if (first.macAddress && o.macAddress) throw new ValueError('conflicting options: cannot specify both --mac-address and per-network MAC address');
  if (o.macAddress) first.macAddress = o.macAddress;
  if (aliases.length) first.aliases = [...aliases];
  if (o.ip) first.ipv4 = o.ip;
  if (!attachments.length) return { mode, endpoints: { default: settings(first) } };
  const endpoints: Record<string, EndpointSettings> = {};
  let userDefined = false;
  let builtin = false;
  for (const [i, n] of attachments.entries()) {
    if (isUserDefined(n.target)) userDefined = true;
    else builtin = true;
    if (n.target in endpoints) throw new ValueError(`network ${JSON.stringify(n.target)} is specified multiple times`);
    const ep = settings(n);
    // docker leaves out a lone network's empty settings (the daemon makes them).
    if (i === 0 && attachments.length === 1 && !Object.keys(ep).length) continue;
    endpoints[n.target] = ep;
  }
  if (userDefined && builtin) throw new ValueError('conflicting options: cannot attach both user-defined and non-user-defined network-modes');
  return { mode, endpoints };
}

function healthcheck(o: ContainerOptionValues): HealthcheckBody | undefined {
  const interval = o.healthInterval ?? 0;
  const timeout = o.healthTimeout ?? 0;
  const startPeriod = o.healthStartPeriod ?? 0;
  const startInterval = o.healthStartInterval ?? 0;
  const retries = o.healthRetries ?? 0;
  const any = !!o.healthCmd || interval !== 0 || timeout !== 0 || startPeriod !== 0 || retries !== 0 || startInterval !== 0;
  if (o.healthcheck === false) {
    if (any) throw new ValueError('--no-healthcheck conflicts with --health-* options');
    return { Test: ['NONE'] };
  }
  if (!any) return undefined;
  if (interval < 0) throw new ValueError('--health-interval cannot be negative');
  if (timeout < 0) throw new ValueError('--health-timeout cannot be negative');
  if (retries < 0) throw new ValueError('--health-retries cannot be negative');
  if (startPeriod < 0) throw new ValueError('--health-start-period cannot be negative');
  if (startInterval < 0) throw new ValueError('--health-start-interval cannot be negative');
  return {
    ...(o.healthCmd ? { Test: ['CMD-SHELL', o.healthCmd] } : {}),
    Interval: interval,
    Timeout: timeout,
    StartPeriod: startPeriod,
    StartInterval: startInterval,
    Retries: retries,
  };
}

const some = <T>(items: T[] | undefined) => (items?.length ? items : undefined);

/** docker's words for --cgroupns, line breaks and alignment included (pflag keeps them). */
const CGROUPNS_HELP = [
  'Cgroup namespace to use (host|private)',
  "'host':    Run the container in the Docker host's cgroup namespace",
  "'private': Run the container in its own private cgroup namespace",
  "'':        Use the cgroup namespace as configured by the",
  '           default-cgroupns-mode option on the daemon (default)',
].join('\n');

/** docker checks --cgroupns itself; "" leaves the mode to the daemon. */
function cgroupnsMode(value: string | undefined): string | undefined {
  if (value !== undefined && !['', 'host', 'private'].includes(value)) throw new ValueError('--cgroupns: invalid CGROUP mode');
  return value || undefined;
}

/** docker checks --memory-swappiness itself (and leaves --oom-score-adj's range to the daemon). */
function swappiness(value: number): number {
  if (value !== -1 && (value < 0 || value > 100)) throw new ValueError(`invalid value: ${value}. Valid memory swappiness range is 0-100`);
  return value;
}

/**
 * The create body's parts these flags set, as the docker CLI 28 builds them. Names without a
 * value (-e NAME, a NAME line of --env-file) are looked up in `ctx.env`; docker's warnings go to
 * `ctx.stderr`.
 */
export function containerConfig(o: ContainerOptionValues, ctx: Pick<CliContext, 'env' | 'stderr'>, verb: string): ContainerCreateBody {
  if (o.pull !== undefined && !['always', 'missing', 'never'].includes(o.pull)) {
    throw new ContainerFlagsError(`invalid pull option: '${o.pull}': must be one of "always", "missing" or "never"`, verb);
  }
  try {
    const loopback = o.dns?.find((ip) => /^127\./.test(ip) || ip === '::1');
    if (loopback) ctx.stderr.write(`WARNING: Localhost DNS (${loopback}) may fail in containers.\n`);
    return translate(o, ctx.env);
  } catch (err) {
    if (err instanceof ValueError) throw new ContainerFlagsError(err.message, verb);
    throw err;
  }
}

function translate(o: ContainerOptionValues, env: NodeJS.ProcessEnv): ContainerCreateBody {
  if (o.macAddress !== undefined && parseMacAddress(o.macAddress.trim()) === undefined) throw new ValueError(`${o.macAddress} is not a valid mac address`);
  if (o.storageOpt?.some((opt) => !opt.includes('='))) throw new ValueError('invalid storage option');
  const cwd = process.cwd();
  const lookup = (name: string) => env[name];
  const envList = [...(o.envFile ?? []).flatMap((file) => readKeyValueFile(file, lookup)), ...(o.env ?? []).map((item) => (item.includes('=') || env[item] === undefined ? item : `${item}=${env[item]}`))];
  const labels = keyValueMap([...(o.labelFile ?? []).flatMap((file) => readKeyValueFile(file, () => undefined)), ...(o.label ?? [])]);

  const exposed: Record<string, object> = {};
  const bindings: NonNullable<HostConfigCreateBody['PortBindings']> = {};
  for (const spec of o.publish ?? []) {
    for (const mapping of parsePortSpec(standardPortNotation(spec))) {
      exposed[mapping.port] = {};
      bindings[mapping.port] = [...(bindings[mapping.port] ?? []), { HostIp: mapping.hostIp, HostPort: mapping.hostPort }];
    }
  }
  for (const port of (o.expose ?? []).flatMap(parseExpose)) exposed[port] = {};

  const binds: string[] = [];
  const volumes: Record<string, object> = {};
  for (const spec of o.volume ?? []) {
    const parsed = parseVolume(spec, cwd);
    if ('bind' in parsed) binds.push(parsed.bind);
    else volumes[parsed.anonymous] = {};
  }
  const tmpfs = Object.fromEntries((o.tmpfs ?? []).map((t) => (t.includes(':') ? [t.slice(0, t.indexOf(':')), t.slice(t.indexOf(':') + 1)] : [t, ''])));

  const restart = parseRestartPolicy(o.restart ?? 'no');
  if (o.rm && restart.Name !== 'no' && restart.Name !== '') throw new ValueError('conflicting options: cannot specify both --restart and --rm');

  const logOpts = keyValueMap(o.logOpt ?? []);
  if (o.logDriver === 'none' && o.logOpt?.length) throw new ValueError('invalid logging opts for driver none');


  const ulimits = new Map((o.ulimit ?? []).map((u) => [u.Name, u]));
  const health = healthcheck(o);
  const { mode, endpoints } = networking(o);

  const hostConfig: HostConfigCreateBody = {
    ...(binds.length ? { Binds: binds } : {}),
    ...(o.mount?.length ? { Mounts: o.mount } : {}),
    ...(Object.keys(tmpfs).length ? { Tmpfs: tmpfs } : {}),
    ...(o.volumesFrom?.length ? { VolumesFrom: o.volumesFrom } : {}),
    NetworkMode: mode,
    ...(Object.keys(bindings).length ? { PortBindings: bindings } : {}),
    ...(o.publishAll ? { PublishAllPorts: true } : {}),
    Dns: some(o.dns),
    DnsSearch: some(o.dnsSearch),
    DnsOptions: some(o.dnsOption),
    ExtraHosts: some(o.addHost),
    RestartPolicy: restart,
    ...(o.memory !== undefined ? { Memory: o.memory } : {}),
    ...(o.memorySwap !== undefined ? { MemorySwap: o.memorySwap } : {}),
    ...(o.memoryReservation !== undefined ? { MemoryReservation: o.memoryReservation } : {}),
    // As docker: -1 when not given (the daemon reads it as unset).
    MemorySwappiness: swappiness(o.memorySwappiness ?? -1),
    ...(o.oomKillDisable ? { OomKillDisable: true } : {}),
    ...(o.oomScoreAdj !== undefined ? { OomScoreAdj: o.oomScoreAdj } : {}),
    CgroupnsMode: cgroupnsMode(o.cgroupns),
    ...(o.cgroupParent ? { CgroupParent: o.cgroupParent } : {}),
    ...(o.blkioWeight ? { BlkioWeight: o.blkioWeight } : {}),
    ...(o.blkioWeightDevice ? { BlkioWeightDevice: o.blkioWeightDevice } : {}),
    ...(o.deviceReadBps ? { BlkioDeviceReadBps: o.deviceReadBps } : {}),
    ...(o.deviceWriteBps ? { BlkioDeviceWriteBps: o.deviceWriteBps } : {}),
    ...(o.deviceReadIops ? { BlkioDeviceReadIOps: o.deviceReadIops } : {}),
    ...(o.deviceWriteIops ? { BlkioDeviceWriteIOps: o.deviceWriteIops } : {}),
    ...(o.cpus !== undefined ? { NanoCpus: o.cpus } : {}),
    ...(o.cpuShares !== undefined ? { CpuShares: o.cpuShares } : {}),
    ...(o.cpuPeriod !== undefined ? { CpuPeriod: o.cpuPeriod } : {}),
    ...(o.cpuQuota !== undefined ? { CpuQuota: o.cpuQuota } : {}),
    ...(o.cpuRtPeriod !== undefined ? { CpuRealtimePeriod: o.cpuRtPeriod } : {}),
    ...(o.cpuRtRuntime !== undefined ? { CpuRealtimeRuntime: o.cpuRtRuntime } : {}),
    ...(o.cpusetCpus !== undefined ? { CpusetCpus: o.cpusetCpus } : {}),
    ...(o.cpusetMems !== undefined ? { CpusetMems: o.cpusetMems } : {}),
    ...(o.pidsLimit !== undefined ? { PidsLimit: o.pidsLimit } : {}),
    ...(ulimits.size ? { Ulimits: [...ulimits.values()].sort((a, b) => (a.Name < b.Name ? -1 : 1)) } : {}),
    // Checked once the command line is read, as docker does (its message, not a flag error).
    Devices: some((o.device ?? []).map(parseDevice)),
    DeviceCgroupRules: some(o.deviceCgroupRule),
    CapAdd: some(normalizeCaps(o.capAdd)),
    CapDrop: some(normalizeCaps(o.capDrop)),
    ...(o.privileged ? { Privileged: true } : {}),
    ...(o.readOnly ? { ReadonlyRootfs: true } : {}),
    SecurityOpt: some(securityOpts(o.securityOpt ?? [])),
    ...(o.sysctl?.length ? { Sysctls: keyValueMap(o.sysctl) } : {}),
    ...(o.storageOpt?.length ? { StorageOpt: keyValueMap(o.storageOpt) } : {}),
    ...(o.annotation?.length ? { Annotations: keyValueMap(o.annotation) } : {}),
    ...(o.shmSize !== undefined ? { ShmSize: o.shmSize } : {}),
    GroupAdd: some(o.groupAdd),
    ...(o.init ? { Init: true } : {}),
    ...(o.logDriver || Object.keys(logOpts).length ? { LogConfig: { Type: o.logDriver ?? '', Config: logOpts } } : {}),
    ...(o.runtime ? { Runtime: o.runtime } : {}),
    ...namespaceModes(o),
  };
  return {
    ...(o.hostname ? { Hostname: o.hostname } : {}),
    ...(o.domainname ? { Domainname: o.domainname } : {}),
    Env: envList,
    ...(Object.keys(labels).length ? { Labels: labels } : {}),
    ...(Object.keys(exposed).length ? { ExposedPorts: exposed } : {}),
    ...(Object.keys(volumes).length ? { Volumes: volumes } : {}),
    ...(o.stopSignal ? { StopSignal: o.stopSignal } : {}),
    ...(o.stopTimeout !== undefined ? { StopTimeout: o.stopTimeout } : {}),
    ...(health ? { Healthcheck: health } : {}),
    HostConfig: Object.fromEntries(Object.entries(hostConfig).filter(([, v]) => v !== undefined)),
    NetworkingConfig: { EndpointsConfig: endpoints },
  };
}
