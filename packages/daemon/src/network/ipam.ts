// IPv4 address management: subnets as CIDR strings, addresses handed out from the lowest free
// one. What is allocated is derived from the container records (their endpoints), so the
// allocations persist with them and need no separate book-keeping.
import { invalidArgument } from '@skiff/errors';

export interface Subnet {
  /** The network address as a number. */
  base: number;
  prefix: number;
}

export function ipToNumber(ip: string): number {
  const parts = ip.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) throw invalidArgument(`invalid IPv4 address: ${ip}`);
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

export function numberToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

const mask = (prefix: number) => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);

/** "10.1.2.0/24"; an address with host bits ("172.30.0.1/16") gives its network. */
export function parseCidr(cidr: string): Subnet {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(cidr);
  if (!m || Number(m[2]) > 32) throw invalidArgument(`invalid CIDR address: ${cidr}`);
  const prefix = Number(m[2]);
  return { base: (ipToNumber(m[1]!) & mask(prefix)) >>> 0, prefix };
}

export function formatSubnet(s: Subnet): string {
  return `${numberToIp(s.base)}/${s.prefix}`;
}

export function contains(s: Subnet, ip: string): boolean {
  return ((ipToNumber(ip) & mask(s.prefix)) >>> 0) === s.base;
}

export function overlaps(a: Subnet, b: Subnet): boolean {
  const prefix = Math.min(a.prefix, b.prefix);
  return ((a.base & mask(prefix)) >>> 0) === ((b.base & mask(prefix)) >>> 0);
}

/** The first host address, Docker's default gateway. */
export function firstHost(s: Subnet): string {
  return numberToIp(s.base + 1);
}

/**
 * The lowest host address not in `used` (network and broadcast addresses of the subnet excluded),
 * within `range` (a sub-range of the subnet, IPAM's IPRange) when one is given.
 */
export function allocateIp(s: Subnet, used: Iterable<string>, subnetText = formatSubnet(s), range?: Subnet): string {
  const taken = new Set(used);
  const from = range ?? s;
  const size = 2 ** (32 - from.prefix);
  const last = s.base + 2 ** (32 - s.prefix) - 1;
  for (let i = 0; i < size; i++) {
    const n = from.base + i;
    if (n === s.base || n === last) continue;
    const ip = numberToIp(n);
    if (!taken.has(ip)) return ip;
  }
  throw invalidArgument(`no available IPv4 addresses on this network's address pools: ${subnetText}`);
}

/** The pool's first subnet of the given size that overlaps none of `used` (dockerd's default-address-pools). */
export function allocateSubnet(pool: string, size: number, used: Subnet[]): string {
  const p = parseCidr(pool);
  if (size < p.prefix || size > 30) throw invalidArgument(`invalid address pool ${pool} with size ${size}`);
  const step = 2 ** (32 - size);
  const count = 2 ** (size - p.prefix);
  for (let i = 0; i < count; i++) {
    const candidate = { base: (p.base + i * step) >>> 0, prefix: size };
    if (!used.some((u) => overlaps(u, candidate))) return formatSubnet(candidate);
  }
  throw invalidArgument('could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network');
}

/** A locally administered MAC derived from the IPv4 address, as Docker makes them (02:42:…). */
export function macFor(ip: string): string {
  const n = ipToNumber(ip);
  return ['02', '42', ...[n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].map((b) => b.toString(16).padStart(2, '0'))].join(':');
}
