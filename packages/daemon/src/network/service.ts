// Networks and container attachments. Built-in: `host` (the host's namespace), `none` (loopback
// only) and `bridge` (the default bridge network, on the configured device and subnet);
// user-defined networks are bridges too. Every container not on `host` or joining another's
// namespace gets its own network namespace file under <exec-root>/netns at start, which the
// runtime joins by path; its endpoints are veth pairs into the networks' bridges.
import { createHash, randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { Logger } from 'pino';
import { parseMacAddress } from '@skiff/engine-api';
import { conflict, invalidArgument, notFound, permissionDenied } from '@skiff/errors';
import type { RuntimeConfig } from '@skiff/oci-spec';
import * as fs from 'node:fs';
import type { ContainerRecord } from '../store/record';
import { filesOf, type NetworkFiles, renderHosts, renderResolv, withNetworkFiles, writeInPlace } from './files';
import { type Endpoint, unaddressed } from './endpoint';
import { allocateIp, allocateSubnet, contains, firstHost, formatSubnet, ipToNumber, macFor, overlaps, parseCidr, type Subnet } from './ipam';
import { type BridgeSpec, LinuxNetwork } from './linux';
import { assignPorts, dnatRules, type PortMap, takenBy, wantedBindings } from './ports';
import type { CommandRunner } from './runner';
import { type NetworkDef, NetworkStore } from './store';

export interface NetworkOptions {
  dataRoot: string;
  execRoot: string;
  runner: CommandRunner;
  /** Makes a network namespace kept on a file; default: the kernel's (core/libc makeNetns). */
  makeNetns?: (file: string) => void;
  /** The default bridge's device (dockerd's --bridge) and address (--bip). */
  bridge: string;
  bip: string;
  mtu: number;
  /** Where user-defined networks' subnets come from when none is given (default-address-pools). */
  pools: Array<{ base: string; size: number }>;
  log: Logger;
  /** The host's resolver configuration, the base of the containers' (default /etc/resolv.conf). */
  resolvConf?: string;
  /** Host file of `host` containers' /etc/hosts (default /etc/hosts). */
  hostsFile?: string;
}

export interface CreateNetwork {
  Name: string;
  Driver?: string;
  Internal?: boolean;
  Attachable?: boolean;
  Labels?: Record<string, string>;
  Options?: Record<string, string>;
  Subnet?: string;
  Gateway?: string;
  IPRange?: string;
  AuxAddresses?: Record<string, string>;
}

/** What a container asks of one network: its aliases and, optionally, a static address. */
export interface EndpointRequest {
  Aliases?: string[] | null;
  IPAMConfig?: { IPv4Address?: string | null } | null;
  MacAddress?: string | null;
}

/** The built-in networks without set-up: stable ids, so they are the same objects across restarts. */
export const BUILTIN = [
  { Name: 'host', Driver: 'host' },
  { Name: 'none', Driver: 'null' },
] as const;
export const builtinId = (name: string) => createHash('sha256').update(`skiffd network ${name}`).digest('hex');

export type NetworkRef = { kind: 'builtin'; Name: 'host' | 'none'; Driver: string; Id: string } | { kind: 'bridge'; def: NetworkDef };

const PREDEFINED = ['bridge', 'host', 'none'];

export function builtinRefs(): NetworkRef[] {
  return BUILTIN.map((b) => ({ kind: 'builtin' as const, Name: b.Name, Driver: b.Driver, Id: builtinId(b.Name) }));
}

/** By full id, by name, then by unique id prefix (Docker's order). */
export function findNetwork(all: NetworkRef[], ref: string): NetworkRef {
  const id = (n: NetworkRef) => (n.kind === 'builtin' ? n.Id : n.def.Id);
  const name = (n: NetworkRef) => (n.kind === 'builtin' ? n.Name : n.def.Name);
  let found = all.find((n) => id(n) === ref) ?? all.find((n) => name(n) === ref);
  if (!found && ref !== '') {
    const matches = all.filter((n) => id(n).startsWith(ref));
    if (matches.length > 1) throw invalidArgument(`network ${ref} is ambiguous (${matches.length} matches found based on ID prefix)`);
    found = matches[0];
  }
  if (!found) throw notFound(`network ${ref} not found`);
  return found;
}

export class NetworkService {
  private readonly defs = new Map<string, NetworkDef>();
  private readonly store: NetworkStore;
  private readonly linux: LinuxNetwork;
  /** Addresses handed out but not yet saved in a record (starts in flight). */
  private readonly claimed = new Set<string>();
  /** Host ports being bound by starts in flight. */
  private publishing: Array<{ ip: string; port: number; proto: string }> = [];

  constructor(private readonly o: NetworkOptions) {
    this.store = new NetworkStore(path.join(o.dataRoot, 'networks'));
    this.linux = new LinuxNetwork(o.runner, o.makeNetns);
  }

  /** Loads the networks and makes sure the default bridge exists as configured. */
  async init(): Promise<void> {
    const { defs, problems } = this.store.loadAll();
    for (const p of problems) this.o.log.warn(p, 'network record not loaded');
    for (const d of defs) this.defs.set(d.Id, d);
    const wanted = { Subnet: formatSubnet(parseCidr(this.o.bip)), Gateway: this.o.bip.split('/')[0]!, Bridge: this.o.bridge };
    const current = this.byName('bridge');
    if (!current || current.Subnet !== wanted.Subnet || current.Gateway !== wanted.Gateway || current.Bridge !== wanted.Bridge) {
      const def: NetworkDef = {
        Name: 'bridge',
        Id: current?.Id ?? randomBytes(32).toString('hex'),
        Created: current?.Created ?? new Date().toISOString(),
        Driver: 'bridge',
        Internal: false,
        Attachable: false,
        Labels: {},
        Options: { 'com.docker.network.bridge.default_bridge': 'true', 'com.docker.network.bridge.name': this.o.bridge, 'com.docker.network.driver.mtu': String(this.o.mtu) },
        AuxAddresses: {},
        ConfiguredSubnet: false,
        ...wanted,
      };
      if (current && current.Bridge !== def.Bridge) await this.linux.removeBridge(this.bridgeSpec(current));
      this.save(def);
    }
    await this.linux.ensureBridge(this.bridgeSpec(this.byName('bridge')!));
  }

  private save(def: NetworkDef): void {
    this.store.save(def);
    this.defs.set(def.Id, def);
  }

  private byName(name: string): NetworkDef | undefined {
    return [...this.defs.values()].find((d) => d.Name === name);
  }

  private bridgeSpec(d: NetworkDef): BridgeSpec {
    return { device: d.Bridge, subnet: d.Subnet, gateway: d.Gateway, prefix: parseCidr(d.Subnet).prefix, mtu: this.o.mtu, internal: d.Internal };
  }

  /** Every network, built-ins first. */
  list(): NetworkRef[] {
    return [...builtinRefs(), ...[...this.defs.values()].map((def) => ({ kind: 'bridge' as const, def }))];
  }

  find(ref: string): NetworkRef {
    return findNetwork(this.list(), ref);
  }

  async create(req: CreateNetwork): Promise<NetworkDef> {
    const driver = req.Driver || 'bridge';
    if (driver !== 'bridge') throw notFound(`plugin "${driver}" not found`);
    if (this.list().some((n) => (n.kind === 'builtin' ? n.Name : n.def.Name) === req.Name)) {
      if (PREDEFINED.includes(req.Name)) throw permissionDenied(`${req.Name} is a pre-defined network and cannot be recreated`);
      throw conflict(`network with name ${req.Name} already exists`);
    }
    const used = [...this.defs.values()].map((d) => parseCidr(d.Subnet));
    let subnet: string;
    if (req.Subnet) {
      const wanted = parseCidr(req.Subnet);
      if (used.some((u) => overlaps(u, wanted))) throw permissionDenied('Pool overlaps with other one on this address space');
      subnet = formatSubnet(wanted);
    } else {
      subnet = this.poolSubnet(used);
    }
    if (!req.Subnet && (req.IPRange || req.Gateway)) throw invalidArgument('every ip-range or gateway must have a corresponding subnet');
    const parsed = parseCidr(subnet);
    const range = req.IPRange ? parseCidr(req.IPRange) : undefined;
    if (range && (range.prefix < parsed.prefix || !overlaps(parsed, range))) throw invalidArgument(`no matching subnet for range ${req.IPRange}`);
    const aux = req.AuxAddresses ?? {};
    for (const ip of Object.values(aux)) if (!contains(parsed, ip)) throw invalidArgument(`no matching subnet for aux-address ${ip}`);
    // As libnetwork: without a gateway given, the first free address of the range (or subnet).
    const gateway = req.Gateway || (range ? allocateIp(parsed, Object.values(aux), subnet, range) : firstHost(parsed));
    if (!contains(parsed, gateway)) throw invalidArgument(`no matching subnet for gateway ${gateway}`);
    const id = randomBytes(32).toString('hex');
    const def: NetworkDef = {
      Name: req.Name,
      Id: id,
      Created: new Date().toISOString(),
      Driver: 'bridge',
      Internal: req.Internal ?? false,
      Attachable: req.Attachable ?? false,
      Labels: req.Labels ?? {},
      Options: req.Options ?? {},
      Subnet: subnet,
      Gateway: gateway,
      ...(req.IPRange ? { IPRange: formatSubnet(range!) } : {}),
      AuxAddresses: aux,
      ConfiguredSubnet: req.Subnet !== undefined && req.Subnet !== '',
      Bridge: req.Options?.['com.docker.network.bridge.name'] || `br-${id.slice(0, 12)}`,
    };
    await this.linux.ensureBridge(this.bridgeSpec(def));
    this.save(def);
    return def;
  }

  private poolSubnet(used: Subnet[]): string {
    let last: Error | undefined;
    for (const pool of this.o.pools) {
      try {
        return allocateSubnet(pool.base, pool.size, used);
      } catch (err) {
        last = err as Error;
      }
    }
    throw last ?? invalidArgument('no address pools configured');
  }

  /** Docker's check: a network with running containers on it stays. */
  async remove(ref: string, records: ContainerRecord[]): Promise<NetworkDef> {
    const n = this.find(ref);
    const name = n.kind === 'builtin' ? n.Name : n.def.Name;
    if (n.kind === 'builtin' || name === 'bridge') throw permissionDenied(`${name} is a pre-defined network and cannot be removed`);
    const active = records.filter((r) => Object.values(r.Networks ?? {}).some((e) => e.NetworkID === n.def.Id && e.EndpointID !== ''));
    if (active.length > 0) throw permissionDenied(`error while removing network: network ${n.def.Name} id ${n.def.Id} has active endpoints`);
    await this.linux.removeBridge(this.bridgeSpec(n.def));
    this.store.remove(n.def.Id);
    this.defs.delete(n.def.Id);
    return n.def;
  }

  /**
   * The endpoints a new container gets from its NetworkMode and NetworkingConfig: none for
   * `host`, `none` and `container:`, else one on its network plus any other named in
   * EndpointsConfig.
   */
  plan(mode: string, endpointsConfig: Record<string, EndpointRequest | null> | undefined, lookupContainer: (ref: string) => ContainerRecord): Record<string, Endpoint> {
    if (mode === 'host' || mode === 'none') return {};
    if (mode.startsWith('container:')) {
      lookupContainer(mode.slice('container:'.length));
      return {};
    }
    const primary = mode === 'default' ? 'bridge' : mode;
    const names = [primary, ...Object.keys(endpointsConfig ?? {}).filter((k) => k !== primary && k !== mode)];
    const out: Record<string, Endpoint> = {};
    for (const ref of names) {
      const n = this.find(ref);
      if (n.kind === 'builtin') throw invalidArgument(`conflicting options: ${n.Name} networking and other networks`);
      // The docker CLI keys the primary network's entry by NetworkMode ("default" for the bridge).
      const req = endpointsConfig?.[ref] ?? endpointsConfig?.[n.def.Name] ?? (ref === primary ? endpointsConfig?.[mode] : undefined);
      out[n.def.Name] = newEndpoint(n.def, req ?? null);
    }
    return out;
  }

  /** The namespace file of a container with its own network namespace. */
  netnsPath(id: string): string {
    return path.join(this.o.execRoot, 'netns', id);
  }

  /**
   * The namespace the runtime joins, by path: the container's own file, or the one of the
   * container it shares (`container:<ref>`); undefined for `host` (no network namespace at all).
   */
  specNetns(record: ContainerRecord, lookupContainer: (ref: string) => ContainerRecord): string | undefined {
    if (record.HostConfig.NetworkMode === 'host') return undefined;
    return this.netnsPath(networkOwner(record, lookupContainer).Id);
  }

  private vethNames(containerId: string, networkId: string): { hostIf: string } {
    const h = createHash('sha256').update(`${containerId} ${networkId}`).digest('hex').slice(0, 7);
    return { hostIf: `veth${h}` };
  }

  private usedIps(def: NetworkDef, records: ContainerRecord[]): string[] {
    const ips = records.flatMap((r) => Object.values(r.Networks ?? {}).filter((e) => e.NetworkID === def.Id && e.IPAddress !== '').map((e) => e.IPAddress));
    return [def.Gateway, ...Object.values(def.AuxAddresses), ...ips, ...[...this.claimed].filter((c) => c.startsWith(`${def.Id} `)).map((c) => c.split(' ')[1]!)];
  }

  /** The static address asked for, checked at start as dockerd does, or the next free one. */
  private addressFor(def: NetworkDef, endpoint: Endpoint, records: ContainerRecord[]): string {
    const subnet = parseCidr(def.Subnet);
    const used = this.usedIps(def, records);
    const wanted = endpoint.IPAMConfig?.IPv4Address;
    if (!wanted) return allocateIp(subnet, used, def.Subnet, def.IPRange ? parseCidr(def.IPRange) : undefined);
    if (!contains(subnet, wanted)) throw invalidArgument(`Invalid address ${wanted}: It does not belong to any of this network's subnets`);
    if (used.includes(wanted)) throw permissionDenied('Address already in use');
    return wanted;
  }

  /** Sets up one endpoint in the container's namespace; returns it addressed. */
  async attach(record: ContainerRecord, name: string, endpoint: Endpoint, ifName: string, records: ContainerRecord[]): Promise<Endpoint> {
    const def = this.defs.get(endpoint.NetworkID);
    if (!def) throw notFound(`network ${name} not found`);
    const spec = this.bridgeSpec(def);
    const ip = this.addressFor(def, endpoint, records);
    const claim = `${def.Id} ${ip}`;
    this.claimed.add(claim);
    try {
      await this.linux.ensureBridge(spec);
      const mac = endpoint.ConfiguredMacAddress || macFor(ip);
      await this.linux.addVeth({
        netns: this.netnsPath(record.Id),
        bridge: def.Bridge,
        ...this.vethNames(record.Id, def.Id),
        ifName,
        ip,
        prefix: spec.prefix,
        gateway: def.Gateway,
        mac,
        mtu: this.o.mtu,
        defaultRoute: ifName === 'eth0' && !def.Internal,
      });
      return { ...endpoint, NetworkID: def.Id, EndpointID: randomBytes(32).toString('hex'), IPAddress: ip, IPPrefixLen: spec.prefix, Gateway: def.Internal ? '' : def.Gateway, MacAddress: mac, IfName: ifName };
    } finally {
      this.claimed.delete(claim);
    }
  }

  /** The namespace, every endpoint and the published ports, at start; on failure nothing is left behind. */
  async up(record: ContainerRecord, records: ContainerRecord[]): Promise<Pick<ContainerRecord, 'Networks' | 'Ports'>> {
    const mode = record.HostConfig.NetworkMode;
    if (mode === 'host' || mode.startsWith('container:')) return { Networks: record.Networks, Ports: {} };
    await this.linux.removeNetns(this.netnsPath(record.Id));
    await this.linux.createNetns(this.netnsPath(record.Id));
    const out: Record<string, Endpoint> = {};
    try {
      let i = 0;
      for (const [name, e] of Object.entries(record.Networks ?? {})) {
        out[name] = await this.attach(record, name, e, `eth${i++}`, [...records, { ...record, Networks: out }]);
      }
      const ports = await this.publish({ ...record, Networks: out }, records);
      return { Networks: out, Ports: ports };
    } catch (err) {
      await this.down({ ...record, Networks: out, Ports: {} });
      throw err;
    }
  }

  /** The container's port bindings made concrete and turned into DNAT rules to its first address. */
  private async publish(record: ContainerRecord, records: ContainerRecord[]): Promise<PortMap> {
    const hc = record.HostConfig;
    const wanted = wantedBindings(hc.PortBindings as PortMap | null | undefined, hc.PublishAllPorts ?? false, Object.keys(record.Config.ExposedPorts ?? {}));
    const taken = records.filter((r) => r.Id !== record.Id).flatMap((r) => takenBy(r.Ports));
    const ports = assignPorts(wanted, [...taken, ...this.publishing]);
    const ip = Object.values(record.Networks).find((e) => e.IPAddress !== '')?.IPAddress;
    if (!ip) return ports;
    const mine = takenBy(ports);
    this.publishing.push(...mine);
    try {
      await this.linux.addPortRules(dnatRules(ports, ip));
    } finally {
      this.publishing = this.publishing.filter((t) => !mine.includes(t));
    }
    return ports;
  }

  /** Releases the namespace and the endpoints (stop, exit, removal); idempotent. */
  async down(record: ContainerRecord): Promise<Pick<ContainerRecord, 'Networks' | 'Ports'>> {
    const mode = record.HostConfig.NetworkMode;
    if (mode === 'host' || mode.startsWith('container:')) return { Networks: record.Networks, Ports: {} };
    const ip = Object.values(record.Networks).find((e) => e.IPAddress !== '')?.IPAddress;
    if (ip) await this.linux.removePortRules(dnatRules(record.Ports, ip));
    for (const e of Object.values(record.Networks ?? {})) await this.linux.removeVeth(this.vethNames(record.Id, e.NetworkID).hostIf);
    await this.linux.removeNetns(this.netnsPath(record.Id));
    return { Networks: Object.fromEntries(Object.entries(record.Networks).map(([k, e]) => [k, unaddressed(e)])), Ports: {} };
  }

  /** `docker network connect` of a running container: a new interface in its namespace. */
  async connectRunning(record: ContainerRecord, name: string, endpoint: Endpoint, records: ContainerRecord[]): Promise<Endpoint> {
    const taken = new Set(Object.values(record.Networks ?? {}).map((e) => e.IfName));
    let i = 0;
    while (taken.has(`eth${i}`)) i++;
    return this.attach(record, name, endpoint, `eth${i}`, records);
  }

  async disconnectRunning(record: ContainerRecord, endpoint: Endpoint): Promise<void> {
    await this.linux.removeVeth(this.vethNames(record.Id, endpoint.NetworkID).hostIf);
  }

  private get containersDir(): string {
    return path.join(this.o.dataRoot, 'containers');
  }

  private readHost(file: string): string {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return '';
    }
  }

  /** (Re)writes a container's hosts, hostname and resolv.conf. */
  private writeFiles(r: ContainerRecord, records: ContainerRecord[]): void {
    const mode = r.HostConfig.NetworkMode;
    if (mode.startsWith('container:')) return;
    const files = filesOf(this.containersDir, r.Id);
    fs.mkdirSync(path.dirname(files.hosts), { recursive: true, mode: 0o710 });
    const hostResolv = this.readHost(this.o.resolvConf ?? '/etc/resolv.conf');
    if (mode === 'host') {
      const extra = (r.HostConfig.ExtraHosts ?? []).map((h) => `${h.slice(h.indexOf(':') + 1)}\t${h.slice(0, h.indexOf(':'))}\n`).join('');
      writeInPlace(files.hosts, this.readHost(this.o.hostsFile ?? '/etc/hosts') + extra);
      // The host's resolvers answer in the host's namespace, loopback ones too.
      writeInPlace(files.resolv, r.HostConfig.Dns?.length || r.HostConfig.DnsSearch?.length || r.HostConfig.DnsOptions?.length ? renderResolv(hostResolv, r.HostConfig) : hostResolv);
    } else {
      writeInPlace(files.hosts, renderHosts(r, records, this.byName('bridge')?.Id ?? ''));
      writeInPlace(files.resolv, renderResolv(hostResolv, r.HostConfig));
    }
    writeInPlace(files.hostname, `${r.Config.Hostname}\n`);
  }

  /** After `changed` got or lost addresses: the files of every container with an address, and its own. */
  syncFiles(records: ContainerRecord[], changed: ContainerRecord): void {
    for (const r of records) {
      if (r.Id !== changed.Id && !Object.values(r.Networks).some((e) => e.IPAddress !== '')) continue;
      try {
        this.writeFiles(r, records);
      } catch (err) {
        this.o.log.warn({ id: r.Id, err }, 'writing the name resolution files failed');
      }
    }
  }

  /**
   * The hosts, hostname and resolv.conf a container uses (the shared container's in container:
   * mode), once written; none before.
   */
  filesInUse(record: ContainerRecord, lookupContainer: (ref: string) => ContainerRecord): NetworkFiles | undefined {
    let owner: ContainerRecord;
    try {
      owner = networkOwner(record, lookupContainer);
    } catch {
      // The shared container is gone: nothing is in use.
      return undefined;
    }
    const files = filesOf(this.containersDir, owner.Id);
    return fs.existsSync(files.hostname) ? files : undefined;
  }

  /** The spec with the files mounted: its own (written now, so they exist), or the shared container's. */
  withFiles(spec: RuntimeConfig, record: ContainerRecord, lookupContainer: (ref: string) => ContainerRecord): RuntimeConfig {
    const owner = networkOwner(record, lookupContainer);
    if (owner === record) this.writeFiles(record, []);
    return withNetworkFiles(spec, filesOf(this.containersDir, owner.Id));
  }
}

/** The container whose network namespace and files `record` uses: itself, or the one `container:<ref>` names. */
function networkOwner(record: ContainerRecord, lookupContainer: (ref: string) => ContainerRecord): ContainerRecord {
  const mode = record.HostConfig.NetworkMode;
  return mode.startsWith('container:') ? lookupContainer(mode.slice('container:'.length)) : record;
}

/** A container's endpoint on a network, unaddressed until it starts; Docker's checks of the request. */
export function newEndpoint(def: NetworkDef, req: EndpointRequest | null): Endpoint {
  const aliases = req?.Aliases ?? null;
  if (def.Name === 'bridge' && aliases && aliases.length > 0) throw invalidArgument('network-scoped alias is supported only for containers in user defined networks');
  const ip = req?.IPAMConfig?.IPv4Address || undefined;
  if (ip) {
    if (def.Name === 'bridge') throw invalidArgument('user specified IP address is supported on user defined networks only');
    if (!def.ConfiguredSubnet) throw invalidArgument('user specified IP address is supported only when connecting to networks with user configured subnets');
    ipToNumber(ip);
  }
  const mac = req?.MacAddress ? parseMacAddress(req.MacAddress) : '';
  if (mac === undefined) throw invalidArgument(`invalid MAC address ${req!.MacAddress}`);
  return unaddressed({
    NetworkID: def.Id,
    EndpointID: '',
    IPAddress: '',
    IPPrefixLen: 0,
    Gateway: '',
    MacAddress: '',
    Aliases: aliases && aliases.length > 0 ? aliases : null,
    IfName: '',
    IPAMConfig: ip ? { IPv4Address: ip } : null,
    ConfiguredMacAddress: mac,
  });
}
