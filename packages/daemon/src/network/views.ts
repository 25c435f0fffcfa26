// Networks in the shapes of the Docker API (GET /networks, /networks/{id}) and a container's
// NetworkSettings.
import { invalidArgument } from '@skiff/errors';
import type { ContainerRecord } from '../store/record';
import type { Endpoint } from './endpoint';
import type { NetworkRef } from './service';
import type { NetworkDef } from './store';

const EPOCH = new Date(0).toISOString();

/** A timestamp as Go's time.Time marshals it (RFC 3339, no trailing zeros in the fraction). */
function goTime(iso: string): string {
  return iso.replace(/\.(\d*?)0+Z$/, (_m, digits: string) => (digits ? `.${digits}Z` : 'Z'));
}

/** Docker's network Inspect struct in its order (Peers and Services are `omitempty`: never sent). */
export function networkView(n: NetworkRef, records: ContainerRecord[], builtinCreated = EPOCH): Record<string, unknown> {
  if (n.kind === 'builtin') {
    return {
      Name: n.Name,
      Id: n.Id,
      Created: goTime(builtinCreated),
      Scope: 'local',
      Driver: n.Driver,
      EnableIPv4: true,
      EnableIPv6: false,
      IPAM: { Driver: 'default', Options: null, Config: [] },
      Internal: false,
      Attachable: false,
      Ingress: false,
      ConfigFrom: { Network: '' },
      ConfigOnly: false,
      Containers: {},
      Options: {},
      Labels: {},
    };
  }
  const d = n.def;
  const containers: Record<string, object> = {};
  for (const r of records) {
    for (const e of Object.values(r.Networks)) {
      if (e.NetworkID !== d.Id || e.EndpointID === '') continue;
      containers[r.Id] = { Name: r.Name, EndpointID: e.EndpointID, MacAddress: e.MacAddress, IPv4Address: `${e.IPAddress}/${e.IPPrefixLen}`, IPv6Address: '' };
    }
  }
  return {
    Name: d.Name,
    Id: d.Id,
    Created: goTime(d.Created),
    Scope: 'local',
    Driver: d.Driver,
    EnableIPv4: true,
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: d.Name === 'bridge' ? null : {}, Config: [ipamConfigView(d)] },
    Internal: d.Internal,
    Attachable: d.Attachable,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: containers,
    Options: d.Options,
    Labels: d.Labels,
  };
}

function ipamConfigView(d: NetworkDef): Record<string, unknown> {
  const aux = Object.keys(d.AuxAddresses).length > 0 ? { AuxiliaryAddresses: d.AuxAddresses } : {};
  return { Subnet: d.Subnet, ...(d.IPRange ? { IPRange: d.IPRange } : {}), Gateway: d.Gateway, ...aux };
}

function labelMatches(labels: Record<string, string>, filter: string): boolean {
  const sep = filter.indexOf('=');
  const key = sep < 0 ? filter : filter.slice(0, sep);
  if (!(key in labels)) return false;
  return sep < 0 || labels[key] === filter.slice(sep + 1);
}

/** GET /networks and POST /networks/prune filters: name (substring), id (prefix), label, driver, type. */
export function networkMatches(view: Record<string, unknown>, filters: Map<string, string[]>): boolean {
  const name = view.Name as string;
  const id = view.Id as string;
  const names = filters.get('name');
  if (names && !names.some((n) => name.includes(n))) return false;
  const ids = filters.get('id');
  if (ids && !ids.some((i) => id.startsWith(i))) return false;
  const drivers = filters.get('driver');
  if (drivers && !drivers.includes(view.Driver as string)) return false;
  for (const l of filters.get('label') ?? []) if (!labelMatches(view.Labels as Record<string, string>, l)) return false;
  const types = filters.get('type');
  if (types) {
    for (const t of types) if (t !== 'custom' && t !== 'builtin') throw invalidArgument(`invalid filter: 'type'='${t}'`);
    const builtin = ['bridge', 'host', 'none'].includes(name);
    if (!types.includes(builtin ? 'builtin' : 'custom')) return false;
  }
  return true;
}

/**
 * The names other containers on a user-defined network find this one by (its embedded DNS): its
 * name, its aliases there, its short id and its hostname, once each, as dockerd lists them.
 * None on the built-in networks, and none when the container uses another's network.
 */
function dnsNames(r: ContainerRecord, network: string, e: Endpoint): string[] | null {
  if (['bridge', 'host', 'none'].includes(network) || r.HostConfig.NetworkMode.startsWith('container:')) return null;
  return [...new Set([r.Name, ...(e.Aliases ?? []), r.Id.slice(0, 12), ...(r.Config.Hostname ? [r.Config.Hostname] : [])])];
}

/** Docker's EndpointSettings struct in its order. */
function endpointView(r: ContainerRecord, network: string, e: Endpoint): object {
  return {
    IPAMConfig: e.IPAMConfig,
    Links: null,
    Aliases: e.Aliases,
    MacAddress: e.MacAddress,
    DriverOpts: null,
    GwPriority: 0,
    NetworkID: e.NetworkID,
    EndpointID: e.EndpointID,
    Gateway: e.Gateway,
    IPAddress: e.IPAddress,
    IPPrefixLen: e.IPPrefixLen,
    IPv6Gateway: '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    DNSNames: dnsNames(r, network, e),
  };
}

/**
 * NetworkSettings in the order of Docker's struct, its deprecated fields with the values dockerd
 * gives them; the top-level addresses are the default bridge's, as in Docker.
 * `sandboxKey`: the path of the running container's network namespace (tools enter it by that).
 */
export function networkSettingsView(r: ContainerRecord, sandboxKey = ''): Record<string, unknown> {
  const bridge = r.Networks['bridge'];
  return {
    Bridge: '',
    SandboxID: '',
    SandboxKey: sandboxKey,
    Ports: r.Ports,
    HairpinMode: false,
    LinkLocalIPv6Address: '',
    LinkLocalIPv6PrefixLen: 0,
    SecondaryIPAddresses: null,
    SecondaryIPv6Addresses: null,
    EndpointID: bridge?.EndpointID ?? '',
    Gateway: bridge?.Gateway ?? '',
    GlobalIPv6Address: '',
    GlobalIPv6PrefixLen: 0,
    IPAddress: bridge?.IPAddress ?? '',
    IPPrefixLen: bridge?.IPPrefixLen ?? 0,
    IPv6Gateway: '',
    MacAddress: bridge?.MacAddress ?? '',
    Networks: Object.fromEntries(Object.entries(r.Networks).map(([k, e]) => [k, endpointView(r, k, e)])),
  };
}
