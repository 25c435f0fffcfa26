// The value syntaxes of docker's run/create flags, parsed as the docker CLI 28 parses them (go-units
// sizes, Go durations, big.Rat CPU counts, go-connections port specs, ulimits, --mount's csv,
// key=value files), each failing with the message docker prints for the same value.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { DEVICE_CGROUP_RULE, type MountRequestBody } from '@skiff/engine-api';

/** A value docker refuses; the message is the Go error's text. */
export class ValueError extends Error {}

const BINARY_UNITS: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** Go's strconv.ParseFloat on the number part of a size. */
function parseGoFloat(text: string): number {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) throw new ValueError(`strconv.ParseFloat: parsing ${JSON.stringify(text)}: invalid syntax`);
  return Number(text);
}

/** go-units' RAMInBytes: "512m", "1.5g", "64MiB", 1024-based; negative and unknown suffixes refused. */
export function parseRamSize(size: string): number {
  let sep = -1;
  for (let i = size.length - 1; i >= 0; i--) {
    if ('01234567890. '.includes(size[i]!)) {
      sep = i;
      break;
    }
  }
  if (sep === -1) throw new ValueError(`invalid size: '${size}'`);
  const num = size[sep] === ' ' ? size.slice(0, sep) : size.slice(0, sep + 1);
  let suffix = size.slice(sep + 1);
  let value = parseGoFloat(num);
  if (value < 0) throw new ValueError(`invalid size: '${size}'`);
  if (suffix === '') return Math.trunc(value);
  const bad = () => new ValueError(`invalid suffix: '${suffix}'`);
  if (suffix.length > 3) throw bad();
  suffix = suffix.toLowerCase();
  if (suffix[0] === 'b') {
    if (suffix.length > 1) throw bad();
    return Math.trunc(value);
  }
  const unit = BINARY_UNITS[suffix[0]!];
  if (unit === undefined) throw bad();
  value *= unit;
  if ((suffix.length === 2 && suffix[1] !== 'b') || (suffix.length === 3 && suffix.slice(1) !== 'ib')) throw bad();
  return Math.trunc(value);
}

/** A blkio throttle as the API takes it. */
export interface ThrottleDevice {
  Path: string;
  Rate: number;
}

/** `<device-path>:<value>`, cut at the first colon; the path must be under /dev, as docker checks. */
function throttleParts(value: string): [string, string] {
  const sep = value.indexOf(':');
  if (sep <= 0) throw new ValueError(`bad format: ${value}`);
  const devicePath = value.slice(0, sep);
  if (!devicePath.startsWith('/dev/')) throw new ValueError(`bad format for device path: ${value}`);
  return [devicePath, value.slice(sep + 1)];
}

/** --device-read-bps, --device-write-bps: a size per second, as go-units' RAMInBytes reads it. */
export function parseThrottleBps(value: string): ThrottleDevice {
  const [devicePath, rate] = throttleParts(value);
  try {
    return { Path: devicePath, Rate: parseRamSize(rate) };
  } catch {
    throw new ValueError(`invalid rate for device: ${value}. The correct format is <device-path>:<number>[<unit>]. Number must be a positive integer. Unit is optional and can be kb, mb, or gb`);
  }
}

/** --device-read-iops, --device-write-iops: a plain unsigned number of operations per second. */
export function parseThrottleIops(value: string): ThrottleDevice {
  const [devicePath, rate] = throttleParts(value);
  if (!/^[0-9]+$/.test(rate) || BigInt(rate) > 0xffffffffffffffffn) {
    throw new ValueError(`invalid rate for device: ${value}. The correct format is <device-path>:<number>. Number must be a positive integer`);
  }
  return { Path: devicePath, Rate: Number(rate) };
}

/** A device's proportional block I/O weight as the API takes it. */
export interface WeightDevice {
  Path: string;
  Weight: number;
}

/** --blkio-weight-device: a weight of 10 to 1000, or 0 (unset), as docker checks. */
export function parseWeightDevice(value: string): WeightDevice {
  const [devicePath, weight] = throttleParts(value);
  const n = /^[0-9]+$/.test(weight) ? Number(weight) : NaN;
  if (!(n >= 0 && n <= 65535) || (n > 0 && (n < 10 || n > 1000))) throw new ValueError(`invalid weight for device: ${value}`);
  return { Path: devicePath, Weight: n };
}

/** --memory-swap: a size, or -1 for unlimited swap. */
export const parseSwapSize = (value: string): number => (value === '-1' ? -1 : parseRamSize(value));

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's time.ParseDuration, in nanoseconds: "30s", "1m30s", "500ms", "-1.5h". */
export function parseGoDuration(text: string): number {
  const invalid = () => new ValueError(`time: invalid duration ${JSON.stringify(text)}`);
  let rest = text;
  let sign = 1;
  if (rest[0] === '-' || rest[0] === '+') {
    sign = rest[0] === '-' ? -1 : 1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') throw invalid();
  let total = 0;
  while (rest !== '') {
    const number = /^(\d*)(\.\d*)?/.exec(rest)!;
    if (number[0] === '' || number[0] === '.') throw invalid();
    rest = rest.slice(number[0].length);
    const unit = /^[^\d.]*/.exec(rest)![0];
    if (unit === '') throw new ValueError(`time: missing unit in duration ${JSON.stringify(text)}`);
    const scale = DURATION_UNITS[unit];
    if (scale === undefined) throw new ValueError(`time: unknown unit ${JSON.stringify(unit)} in duration ${JSON.stringify(text)}`);
    rest = rest.slice(unit.length);
    total += Math.round(Number(number[0].startsWith('.') ? `0${number[0]}` : number[0]) * scale);
  }
  return sign * total;
}

/** --cpus as docker's NanoCPUs: a big.Rat times 1e9, which must come out whole. */
export function parseNanoCpus(text: string): number {
  const fraction = /^([+-]?\d+)\/(\d+)$/.exec(text);
  const decimal = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  let numerator: bigint;
  let denominator: bigint;
  if (fraction && BigInt(fraction[2]!) !== 0n) {
    numerator = BigInt(fraction[1]!) * 1_000_000_000n;
    denominator = BigInt(fraction[2]!);
  } else if (decimal && (decimal[2] || decimal[3])) {
    const digits = `${decimal[2] ?? ''}${decimal[3] ?? ''}` || '0';
    const exponent = Number(decimal[4] ?? 0) - (decimal[3]?.length ?? 0) + 9;
    numerator = BigInt(`${decimal[1]}${digits}`) * (exponent > 0 ? 10n ** BigInt(exponent) : 1n);
    denominator = exponent < 0 ? 10n ** BigInt(-exponent) : 1n;
  } else {
    throw new ValueError(`failed to parse ${text} as a rational number`);
  }
  if (numerator % denominator !== 0n) throw new ValueError('value is too precise');
  return Number(numerator / denominator);
}

/** Go's strconv.ParseInt(text, 10, 64) for an int flag. */
export function parseGoInt(text: string): number {
  if (!/^[+-]?\d+$/.test(text)) throw new ValueError(`strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`);
  return Number(text);
}

/** -a/--attach: a stream name, in any case, as the docker CLI takes it. */
export function parseAttachStream(text: string): 'stdin' | 'stdout' | 'stderr' {
  const stream = text.toLowerCase();
  if (stream !== 'stdin' && stream !== 'stdout' && stream !== 'stderr') throw new ValueError('valid streams are STDIN, STDOUT and STDERR');
  return stream;
}

/** Go's strconv.ParseUint(text, 0, 16), as pflag reads a uint16 flag: decimal, 0x, 0o/0 or 0b. */
export function parseGoUint16(text: string): number {
  const m = /^(?:0[xX]([0-9a-fA-F]+)|0[oO]?([0-7]+)|0[bB]([01]+)|(\d+))$/.exec(text);
  if (!m) throw new ValueError(`strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`);
  const [, hex, octal, binary, decimal] = m;
  const value = hex !== undefined ? parseInt(hex, 16) : octal !== undefined ? parseInt(octal, 8) : binary !== undefined ? parseInt(binary, 2) : Number(decimal);
  if (value > 0xffff) throw new ValueError(`strconv.ParseUint: parsing ${JSON.stringify(text)}: value out of range`);
  return value;
}

/** Go's strconv.ParseUint(text, 10, 16), as port numbers are read. */
function parsePortNumber(text: string): number {
  if (!/^\d+$/.test(text)) throw new ValueError(`strconv.ParseUint: parsing ${JSON.stringify(text)}: invalid syntax`);
  const port = Number(text);
  if (port > 65535) throw new ValueError(`strconv.ParseUint: parsing ${JSON.stringify(text)}: value out of range`);
  return port;
}

/** go-connections' ParsePortRange: "80" or "8000-8010". */
function parsePortRange(ports: string): [number, number] {
  if (ports === '') throw new ValueError('empty string specified for ports');
  if (!ports.includes('-')) {
    const port = parsePortNumber(ports);
    return [port, port];
  }
  const [first, second] = ports.split('-');
  const start = parsePortNumber(first!);
  const end = parsePortNumber(second!);
  if (end < start) throw new ValueError(`invalid range specified for port: ${ports}`);
  return [start, end];
}

/** go-connections' SplitProtoPort: "80/udp" -> ["udp", "80"], tcp by default. */
function splitProtoPort(raw: string): [string, string] {
  const parts = raw.split('/');
  if (raw === '' || parts[0] === '') return ['', ''];
  if (parts.length === 1) return ['tcp', raw];
  if (parts[1] === '') return ['tcp', parts[0]!];
  return [parts[1]!, parts[0]!];
}

export interface PortMapping {
  /** "80/tcp" */
  port: string;
  hostIp: string;
  hostPort: string;
}

/**
 * docker's long form of -p ("target=80,published=8080,protocol=udp") in the short notation
 * ("8080:80/udp"), as the docker CLI rewrites it before parsing; other values pass unchanged.
 */
export function standardPortNotation(raw: string): string {
  if (!raw.includes('=')) return raw;
  const params: Record<string, string> = { protocol: 'tcp' };
  for (const param of raw.split(',')) {
    const eq = param.indexOf('=');
    if (eq <= 0) throw new ValueError(`invalid publish opts format (should be name=value but got '${param}')`);
    params[param.slice(0, eq)] = param.slice(eq + 1);
  }
  return `${params.published ?? ''}:${params.target ?? ''}/${params.protocol}`;
}

/** go-connections' ParsePortSpec: [ip:][hostPort:]containerPort[/proto], with ranges. */
export function parsePortSpec(raw: string): PortMapping[] {
  const parts = raw.split(':');
  const n = parts.length;
  let containerPort = parts[n - 1]!;
  let ip = n >= 3 ? parts.slice(0, n - 2).join(':') : '';
  let hostPort = n >= 2 ? parts[n - 2]! : '';
  let proto: string;
  [proto, containerPort] = splitProtoPort(containerPort);
  if (ip.startsWith('[')) {
    if (!ip.endsWith(']')) throw new ValueError(`invalid IP address ${ip}: address ${ip}: missing ']' in address`);
    ip = ip.slice(1, -1);
  }
  if (ip !== '' && net.isIP(ip) === 0) throw new ValueError(`invalid IP address: ${ip}`);
  if (containerPort === '') throw new ValueError(`no port specified: ${raw}<empty>`);
  let start: number;
  let end: number;
  try {
    [start, end] = parsePortRange(containerPort);
  } catch {
    throw new ValueError(`invalid containerPort: ${containerPort}`);
  }
  let hostStart = 0;
  let hostEnd = 0;
  if (hostPort !== '') {
    try {
      [hostStart, hostEnd] = parsePortRange(hostPort);
    } catch {
      throw new ValueError(`invalid hostPort: ${hostPort}`);
    }
  }
  // A host range with one container port is the range to pick the host port from.
  if (hostPort !== '' && end - start !== hostEnd - hostStart && end !== start) {
    throw new ValueError(`invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`);
  }
  if (!['tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) throw new ValueError(`invalid proto: ${proto}`);
  const mappings: PortMapping[] = [];
  for (let i = 0; i <= end - start; i++) {
    if (hostPort !== '') hostPort = String(hostStart + i);
    if (start === end && hostStart !== hostEnd) hostPort = `${hostPort}-${hostEnd}`;
    mappings.push({ port: `${start + i}/${proto.toLowerCase()}`, hostIp: ip, hostPort });
  }
  return mappings;
}

/** --expose: a port or range, with an optional protocol that docker does not check. */
export function parseExpose(value: string): string[] {
  if (value.includes(':')) throw new ValueError(`invalid port format for --expose: ${value}`);
  const [proto, port] = splitProtoPort(value);
  let range: [number, number];
  try {
    range = parsePortRange(port);
  } catch (err) {
    throw new ValueError(`invalid range format for --expose: ${value}, error: ${(err as Error).message}`);
  }
  const ports: string[] = [];
  for (let p = range[0]; p <= range[1]; p++) ports.push(`${p}/${proto}`);
  return ports;
}

/** The names docker's ParseUlimit knows. */
const ULIMIT_NAMES = new Set(['core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack']);

export interface Ulimit {
  Name: string;
  Soft: number;
  Hard: number;
}

/** go-units' ParseUlimit: name=soft[:hard]. */
export function parseUlimit(value: string): Ulimit {
  const eq = value.indexOf('=');
  if (eq < 0) throw new ValueError(`invalid ulimit argument: ${value}`);
  const name = value.slice(0, eq);
  if (!ULIMIT_NAMES.has(name)) throw new ValueError(`invalid ulimit type: ${name}`);
  const limits = value.slice(eq + 1).split(':');
  if (limits.length > 2) throw new ValueError(`too many limit value arguments - ${value.slice(eq + 1)}, can only have up to two, \`soft[:hard]\``);
  const hard = limits.length === 2 ? parseGoInt(limits[1]!) : undefined;
  const soft = parseGoInt(limits[0]!);
  const effectiveHard = hard ?? soft;
  if (effectiveHard !== -1 && soft > effectiveHard) throw new ValueError(`ulimit soft limit must be less than or equal to hard limit: ${soft} > ${effectiveHard}`);
  return { Name: name, Soft: soft, Hard: effectiveHard };
}

/** A device's cgroup permissions: some of r, w and m, each once. */
function isDeviceMode(mode: string): boolean {
  return mode !== '' && [...mode].every((c, i) => 'rwm'.includes(c) && mode.indexOf(c) === i);
}

export interface DeviceMapping {
  PathOnHost: string;
  PathInContainer: string;
  CgroupPermissions: string;
}

/**
 * docker's --device on a Linux daemon: host[:container][:permissions] (a second part that is a
 * mode is the mode). The path in the container must be absolute and the mode made of r, w, m;
 * the host path is the daemon's to check.
 */
export function parseDevice(value: string): DeviceMapping {
  const parts = value.split(':');
  if (parts.length > 3 || parts[0] === '') throw new ValueError(`bad format for path: ${value}`);
  const [host, second, third] = parts as [string, string?, string?];
  // As docker, the path that ends up in the container is cleaned (a/b/../c/ is a/c), except in
  // the three-part form, which is taken as it is.
  // The path docker checks for being absolute is the one given for the container, else the host's.
  const absolute = (p: string) => {
    if (!p.startsWith('/')) throw new ValueError(`${p} is not an absolute path`);
  };
  if (third !== undefined) {
    if (!isDeviceMode(third)) throw new ValueError(`bad mode specified: ${third}`);
    absolute(second!);
    return { PathOnHost: host, PathInContainer: second!, CgroupPermissions: third };
  }
  if (second !== undefined && !isDeviceMode(second)) {
    absolute(second);
    return { PathOnHost: host, PathInContainer: goClean(second), CgroupPermissions: 'rwm' };
  }
  absolute(host);
  const cleaned = goClean(host);
  return { PathOnHost: cleaned, PathInContainer: cleaned, CgroupPermissions: second ?? 'rwm' };
}

/** Go's path.Clean: no trailing slash, no "." or ".." left that can be resolved lexically. */
function goClean(p: string): string {
  if (p === '') return '.';
  const normalized = path.posix.normalize(p);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}

/** docker's --device-cgroup-rule: "type major:minor permissions", as the cgroup v1 devices files take it. */
export function validateDeviceCgroupRule(value: string): string {
  if (!DEVICE_CGROUP_RULE.test(value)) throw new ValueError(`invalid device cgroup format '${value}'`);
  return value;
}

/** docker's --restart: name[:max-retries]; the daemon checks the name. */
export function parseRestartPolicy(policy: string): { Name: string; MaximumRetryCount?: number } {
  if (policy === '') return { Name: '' };
  const colon = policy.indexOf(':');
  const name = colon < 0 ? policy : policy.slice(0, colon);
  const count = colon < 0 ? '' : policy.slice(colon + 1);
  if (colon >= 0 && name === '') throw new ValueError('invalid restart policy format: no policy provided before colon');
  if (count === '') return { Name: name };
  if (!/^[+-]?\d+$/.test(count)) throw new ValueError('invalid restart policy format: maximum retry count must be an integer');
  return { Name: name, MaximumRetryCount: Number(count) };
}

const SYSCTLS = new Set(['kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'kernel.shm_rmid_forced']);

/** docker's ValidateSysctl: the namespaced sysctls only. */
export function validateSysctl(value: string): string {
  const name = value.split('=')[0]!;
  if (value.includes('=') && (SYSCTLS.has(name) || name.startsWith('net.') || name.startsWith('fs.mqueue.'))) return value;
  throw new ValueError(`sysctl '${value}' is not allowed`);
}

/** docker's ValidateExtraHost: host:ip or host=ip, sent as host:ip. */
export function validateExtraHost(value: string): string {
  let sep = value.indexOf('=');
  if (sep < 0) sep = value.indexOf(':');
  const host = sep < 0 ? '' : value.slice(0, sep);
  let ip = sep < 0 ? '' : value.slice(sep + 1);
  if (sep < 0 || host === '' || host.includes(':')) throw new ValueError(`bad format for add-host: ${JSON.stringify(value)}`);
  if (ip !== 'host-gateway') {
    if (ip.length > 2 && ip.startsWith('[') && ip.endsWith(']')) ip = ip.slice(1, -1);
    if (net.isIP(ip.trim()) === 0) throw new ValueError(`invalid IP address in add-host: ${JSON.stringify(ip)}`);
  }
  return `${host}:${ip}`;
}

/** docker's ValidateIPAddress (--dns): the address in its canonical form, as Go prints it. */
export function validateIpAddress(value: string): string {
  const ip = value.trim();
  const family = net.isIP(ip);
  if (family === 0) throw new ValueError(`IP address is not correctly formatted: ${value}`);
  return family === 6 ? new URL(`http://[${ip}]`).hostname.slice(1, -1) : ip;
}

const DOMAIN = /^(:?(?:[a-zA-Z0-9]|(?:[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))(:?\.(?:[a-zA-Z0-9]|(?:[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])))*)\.?\s*$/;

/** docker's ValidateDNSSearch. */
export function validateDnsSearch(value: string): string {
  const domain = value.replace(/^ +| +$/g, '');
  if (domain === '.') return domain;
  const match = DOMAIN.exec(domain);
  if (!/[a-zA-Z]/.test(domain) || !match || match[1]!.length >= 255) throw new ValueError(`${domain} is not a valid domain`);
  return match[1]!;
}

/** docker's ValidateLabel: a key is required. */
export function validateLabel(value: string): string {
  if (value.split('=')[0]!.trim() === '') throw new ValueError(`invalid label '${value}': empty name`);
  return value;
}

/** docker's ValidateEnv at parse time: a name is required (the value is looked up later). */
export function validateEnv(value: string): string {
  if (value.split('=')[0] === '') throw new ValueError(`invalid environment variable: ${value}`);
  return value;
}

/** "k=v" items as a map; an item without "=" has an empty value (ConvertKVStringsToMap). */
export function keyValueMap(items: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    map[eq < 0 ? item : item.slice(0, eq)] = eq < 0 ? '' : item.slice(eq + 1);
  }
  return map;
}

/** A Go os error's text for a failed read of `file` ("open x: no such file or directory"). */
export function goFileError(file: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (err as Error).message;
  return `${code === 'EISDIR' ? 'read' : 'open'} ${file}: ${reason}`;
}

/**
 * docker's ParseKeyValueFile (--env-file, --label-file): comments and blank lines skipped, a
 * name without a value taken from `lookup` (dropped when it has none).
 */
export function readKeyValueFile(file: string, lookup: (name: string) => string | undefined): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ValueError(goFileError(file, err));
  }
  const lines: string[] = [];
  for (const raw of text.replace(/^\uFEFF/, '').split('\n')) {
    const line = raw.replace(/\r$/, '').replace(/^[ \t\n\v\f\r]+/, '');
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const name = eq < 0 ? line : line.slice(0, eq);
    if (name === '') throw new ValueError(`invalid env file (${file}): no variable name on line '${line}'`);
    if (/[ \t\n\v\f\r]/.test(name)) throw new ValueError(`invalid env file (${file}): variable '${name}' contains whitespaces`);
    if (eq >= 0) lines.push(line);
    else {
      const value = lookup(name);
      if (value !== undefined) lines.push(`${name}=${value}`);
    }
  }
  return lines;
}

/** Go's strconv.ParseBool-like values docker's --mount accepts for its boolean keys. */
function mountBool(key: string, value: string | undefined): boolean {
  if (value === undefined) return true;
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  throw new ValueError(`invalid value for ${key}: ${value}`);
}

/** A line of csv as Go's encoding/csv reads one record (quotes allowed around a field). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/** docker's MountOpt: type=,source=,target=,readonly, and the bind-/volume-/tmpfs- options. */
export function parseMount(value: string, cwd: string): MountRequestBody {
  const mount: Record<string, unknown> & { Type: string } = { Type: 'volume' };
  let bind: Record<string, unknown> | undefined;
  let volume: Record<string, unknown> | undefined;
  let tmpfs: Record<string, unknown> | undefined;
  const driver = () => ((volume ??= {}).DriverConfig ??= {}) as Record<string, unknown>;
  const setOnMap = (map: unknown, item: string) => {
    const record = (map ?? {}) as Record<string, string>;
    const eq = item.indexOf('=');
    const key = eq < 0 ? item : item.slice(0, eq);
    if (key !== '') record[key] = eq < 0 ? '' : item.slice(eq + 1);
    return record;
  };
  for (const field of csvFields(value)) {
    const eq = field.indexOf('=');
    let key = eq < 0 ? field : field.slice(0, eq);
    const val = eq < 0 ? undefined : field.slice(eq + 1);
    if (key.trim() !== key) throw new ValueError(`invalid option '${key.trim()}' in '${field}': option should not have whitespace`);
    if (val !== undefined) {
      if (val.trim() === '') throw new ValueError(`invalid value for '${key}': value is empty`);
      if (val.trim() !== val) throw new ValueError(`invalid value for '${key}' in '${field}': value should not have whitespace`);
    }
    key = key.toLowerCase();
    if (val === undefined && !['readonly', 'ro', 'volume-nocopy', 'bind-nonrecursive'].includes(key)) throw new ValueError(`invalid field '${field}' must be a key=value pair`);
    const text = val ?? '';
    switch (key) {
      case 'type':
        mount.Type = text.toLowerCase();
        break;
      case 'source':
      case 'src':
        mount.Source = !path.isAbsolute(text) && text.startsWith('.') ? path.resolve(cwd, text) : text;
        break;
      case 'target':
      case 'dst':
      case 'destination':
        mount.Target = text;
        break;
      case 'readonly':
      case 'ro':
        mount.ReadOnly = mountBool(key, val);
        break;
      case 'consistency':
        mount.Consistency = text.toLowerCase();
        break;
      case 'bind-propagation':
        (bind ??= {}).Propagation = text.toLowerCase();
        break;
      case 'bind-nonrecursive':
        throw new ValueError('bind-nonrecursive is deprecated, use bind-recursive=disabled instead');
      case 'volume-nocopy':
        (volume ??= {}).NoCopy = mountBool(key, val);
        break;
      case 'volume-label':
        (volume ??= {}).Labels = setOnMap(volume.Labels, text);
        break;
      case 'volume-driver':
        driver().Name = text;
        break;
      case 'volume-opt':
        driver().Options = setOnMap(driver().Options, text);
        break;
      case 'tmpfs-size':
        try {
          (tmpfs ??= {}).SizeBytes = parseRamSize(text);
        } catch {
          throw new ValueError(`invalid value for ${key}: ${text}`);
        }
        break;
      case 'tmpfs-mode':
        if (!/^[0-7]+$/.test(text) || parseInt(text, 8) > 0xffffffff) throw new ValueError(`invalid value for ${key}: ${text}`);
        (tmpfs ??= {}).Mode = parseInt(text, 8);
        break;
      default:
        throw new ValueError(`unexpected key '${key}' in '${field}'`);
    }
  }
  if (!mount.Target) throw new ValueError('target is required');
  if (volume && mount.Type !== 'volume') throw new ValueError(`cannot mix 'volume-*' options with mount type '${mount.Type}'`);
  if (bind && mount.Type !== 'bind') throw new ValueError(`cannot mix 'bind-*' options with mount type '${mount.Type}'`);
  if (tmpfs && mount.Type !== 'tmpfs') throw new ValueError(`cannot mix 'tmpfs-*' options with mount type '${mount.Type}'`);
  // The engine checks the type; docker passes an unknown one through for its error.
  return { ...mount, ...(bind ? { BindOptions: bind } : {}), ...(volume ? { VolumeOptions: volume } : {}), ...(tmpfs ? { TmpfsOptions: tmpfs } : {}) } as MountRequestBody;
}

/**
 * `-v`: compose's ParseVolume as docker uses it. A spec with a source is a bind or named volume
 * (a host path starting with "." made absolute); a lone path is an anonymous volume.
 */
export function parseVolume(spec: string, cwd: string): { bind: string } | { anonymous: string } {
  if (spec === '') throw new ValueError('invalid empty volume spec');
  if (spec.length <= 2) return { anonymous: spec };
  const sections = spec.split(':');
  if (sections.some((s) => s === '')) throw new ValueError(`invalid spec: ${spec}: empty section between colons`);
  if (sections.length === 1) return { anonymous: spec };
  const host = sections[0]!;
  return { bind: host.startsWith('.') ? `${path.resolve(cwd, host)}${spec.slice(host.length)}` : spec };
}
