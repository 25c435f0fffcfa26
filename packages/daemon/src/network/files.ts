// Name resolution with maintained files, as Docker does for the files themselves: each
// container's /etc/hosts, /etc/hostname and /etc/resolv.conf live in its directory under the
// data root and are bind-mounted into it. Containers on a user-defined network find each other
// through /etc/hosts, which is rewritten in place (same inode: the bind mount holds it) whenever
// a container on a shared network starts, stops, connects or disconnects. Unlike an embedded DNS
// server this needs nothing running while skiffd is down.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuntimeConfig } from '@skiff/oci-spec';
import type { ContainerRecord } from '../store/record';

const HOSTS_HEADER = ['127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback', 'fe00::0\tip6-localnet', 'ff00::0\tip6-mcastprefix', 'ff02::1\tip6-allnodes', 'ff02::2\tip6-allrouters'];

/**
 * /etc/hosts of `self`: loopback, ExtraHosts, its own addresses under its hostname, then every
 * other container with an address on one of its user-defined networks under its name, its aliases
 * on that network and its short id. On the default bridge containers do not see each other by
 * name (Docker's rule: links are legacy).
 */
export function renderHosts(self: ContainerRecord, records: ContainerRecord[], defaultBridgeId: string): string {
  const lines = [...HOSTS_HEADER];
  for (const h of self.HostConfig.ExtraHosts ?? []) {
    const at = h.indexOf(':');
    if (at > 0) lines.push(`${h.slice(at + 1)}\t${h.slice(0, at)}`);
  }
  const hostname = self.Config.Domainname ? `${self.Config.Hostname}.${self.Config.Domainname} ${self.Config.Hostname}` : self.Config.Hostname;
  for (const e of Object.values(self.Networks)) if (e.IPAddress) lines.push(`${e.IPAddress}\t${hostname}`);
  for (const mine of Object.values(self.Networks)) {
    if (mine.NetworkID === defaultBridgeId) continue;
    for (const other of records) {
      if (other.Id === self.Id) continue;
      const theirs = Object.values(other.Networks).find((e) => e.NetworkID === mine.NetworkID && e.IPAddress);
      if (!theirs) continue;
      const names = [other.Name, ...(theirs.Aliases ?? []).filter((a) => a !== other.Name), other.Id.slice(0, 12)];
      lines.push(`${theirs.IPAddress}\t${[...new Set(names)].join(' ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The host's resolv.conf without loopback nameservers (they do not answer inside another
 * namespace), Dns/DnsSearch/DnsOptions replacing their lines when given. No public fallback:
 * with no usable nameserver the container gets none.
 */
export function renderResolv(hostResolv: string, hc: { Dns?: string[] | null; DnsSearch?: string[] | null; DnsOptions?: string[] | null }): string {
  const lines = hostResolv.split('\n').map((l) => l.trim());
  const pick = (key: string) => lines.filter((l) => l.startsWith(`${key} `) || l.startsWith(`${key}\t`)).map((l) => l.slice(key.length).trim());
  const nameservers = hc.Dns?.length ? hc.Dns : pick('nameserver').filter((ns) => !/^(127\.|::1$|0\.0\.0\.0$)/.test(ns));
  const search = hc.DnsSearch?.length ? hc.DnsSearch : pick('search').flatMap((s) => s.split(/\s+/)).filter(Boolean);
  const options = hc.DnsOptions?.length ? hc.DnsOptions : pick('options').flatMap((s) => s.split(/\s+/)).filter(Boolean);
  const out = [...nameservers.map((ns) => `nameserver ${ns}`)];
  if (search.length > 0) out.push(`search ${search.join(' ')}`);
  if (options.length > 0) out.push(`options ${options.join(' ')}`);
  return `${out.join('\n')}\n`;
}

export interface NetworkFiles {
  hosts: string;
  hostname: string;
  resolv: string;
}

export function filesOf(containersDir: string, id: string): NetworkFiles {
  const dir = path.join(containersDir, id);
  return { hosts: path.join(dir, 'hosts'), hostname: path.join(dir, 'hostname'), resolv: path.join(dir, 'resolv.conf') };
}

/** Rewrites in place: truncating keeps the inode the container's bind mount refers to. */
export function writeInPlace(file: string, content: string): void {
  let current: string | undefined;
  try {
    current = fs.readFileSync(file, 'utf8');
  } catch {
    // First write.
  }
  if (current !== content) fs.writeFileSync(file, content);
}

/** The three files bind-mounted over the image's, unless the user mounts something there. */
export function withNetworkFiles(spec: RuntimeConfig, files: NetworkFiles): RuntimeConfig {
  const taken = new Set((spec.mounts ?? []).map((m) => m.destination));
  const add = [
    { destination: '/etc/resolv.conf', source: files.resolv },
    { destination: '/etc/hostname', source: files.hostname },
    { destination: '/etc/hosts', source: files.hosts },
  ].filter((m) => !taken.has(m.destination));
  spec.mounts = [...(spec.mounts ?? []), ...add.map((m) => ({ ...m, type: 'bind', options: ['rbind', 'rprivate'] }))];
  return spec;
}
