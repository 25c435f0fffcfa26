// Published ports (-p, -P) as kernel NAT rules in skiffd's own nat chain, hooked from PREROUTING
// (traffic from outside the host) and OUTPUT (from the host itself, 127.0.0.1 included): no proxy
// process, so they keep working while skiffd is stopped or restarting.
import { internal, invalidArgument } from '@skiff/errors';

export const DNAT_CHAIN = 'SKIFF-DNAT';

export interface PortBinding {
  HostIp: string;
  HostPort: string;
}
/** "80/tcp" -> bindings, or null for an exposed port that is not published (Docker's shape). */
export type PortMap = Record<string, PortBinding[] | null>;

/** "80", "80/tcp", "53/udp" -> ["80", "tcp"]. */
export function parsePortKey(key: string): { port: number; proto: 'tcp' | 'udp' } {
  const m = /^(\d+)(?:\/(tcp|udp|sctp))?$/.exec(key);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 65535) throw invalidArgument(`invalid port specification: "${key}"`);
  if (m[2] === 'sctp') throw invalidArgument('sctp ports are not supported by skiffd');
  return { port: Number(m[1]), proto: (m[2] ?? 'tcp') as 'tcp' | 'udp' };
}

const normKey = (key: string) => {
  const { port, proto } = parsePortKey(key);
  return `${port}/${proto}`;
};

/**
 * What is to be published: PortBindings, plus with PublishAllPorts every exposed port on a
 * random host port; host port "" or "0" means random.
 */
export function wantedBindings(portBindings: PortMap | null | undefined, publishAll: boolean, exposed: string[]): PortMap {
  const out: PortMap = {};
  for (const key of exposed) out[normKey(key)] = null;
  for (const [key, list] of Object.entries(portBindings ?? {})) {
    if (list && list.length > 0) out[normKey(key)] = list.map((b) => ({ HostIp: b.HostIp ?? '', HostPort: b.HostPort ?? '' }));
    else out[normKey(key)] ??= null;
  }
  for (const key of Object.keys(out)) if (publishAll && out[key] === null) out[key] = [{ HostIp: '', HostPort: '' }];
  return out;
}

interface Taken {
  ip: string;
  port: number;
  proto: string;
}

const overlap = (a: string, b: string) => a === '0.0.0.0' || b === '0.0.0.0' || a === b;

/** Every binding given a concrete address and port; random ones from the ephemeral range. */
export function assignPorts(wanted: PortMap, taken: Taken[], random: () => number = () => 32768 + Math.floor(Math.random() * (60999 - 32768))): PortMap {
  const used = [...taken];
  const out: PortMap = {};
  for (const [key, list] of Object.entries(wanted)) {
    if (!list) {
      out[key] = null;
      continue;
    }
    const { proto } = parsePortKey(key);
    out[key] = list.map((b) => {
      const ip = b.HostIp === '' || b.HostIp === '::' ? '0.0.0.0' : b.HostIp;
      if (ip.includes(':')) throw invalidArgument('IPv6 host addresses are not supported by skiffd');
      let port: number;
      if (b.HostPort === '' || b.HostPort === '0') {
        let tries = 0;
        do {
          port = random();
          if (++tries > 1000) throw internal('no free port in the ephemeral range');
        } while (used.some((t) => t.proto === proto && t.port === port && overlap(t.ip, ip)));
      } else {
        const range = /^(\d+)(?:-(\d+))?$/.exec(b.HostPort);
        if (!range) throw invalidArgument(`invalid hostPort: ${b.HostPort}`);
        port = Number(range[1]);
        if (used.some((t) => t.proto === proto && t.port === port && overlap(t.ip, ip))) throw internal(`Bind for ${ip}:${port} failed: port is already allocated`);
      }
      used.push({ ip, port, proto });
      return { HostIp: ip, HostPort: String(port) };
    });
  }
  return out;
}

/** The concrete bindings of a port map, for conflict checks. */
export function takenBy(ports: PortMap): Taken[] {
  return Object.entries(ports).flatMap(([key, list]) => (list ?? []).map((b) => ({ ip: b.HostIp, port: Number(b.HostPort), proto: parsePortKey(key).proto })));
}

/** The DNAT rules (nat table, skiffd's chain) of a container's published ports. */
export function dnatRules(ports: PortMap, containerIp: string): string[][] {
  const rules: string[][] = [];
  for (const [key, list] of Object.entries(ports)) {
    const { port, proto } = parsePortKey(key);
    for (const b of list ?? []) {
      rules.push([...(b.HostIp === '0.0.0.0' ? [] : ['-d', `${b.HostIp}/32`]), '-p', proto, '-m', proto, '--dport', b.HostPort, '-j', 'DNAT', '--to-destination', `${containerIp}:${port}`]);
    }
  }
  return rules;
}

/** GET /containers/json's Ports. */
export function portSummary(ports: PortMap): Array<{ IP?: string; PrivatePort: number; PublicPort?: number; Type: string }> {
  return Object.entries(ports).flatMap(([key, list]) => {
    const { port, proto } = parsePortKey(key);
    if (!list || list.length === 0) return [{ PrivatePort: port, Type: proto }];
    return list.map((b) => ({ IP: b.HostIp, PrivatePort: port, PublicPort: Number(b.HostPort), Type: proto }));
  });
}

/** Config.ExposedPorts of a new container: the image's and the request's ("80/tcp": {}). */
export function exposedPortsField(imageConfig: object, body: object): { ExposedPorts?: Record<string, Record<string, never>> } {
  const keys = [imageConfig, body].flatMap((c) => Object.keys(((c as Record<string, unknown>).ExposedPorts as Record<string, unknown> | null | undefined) ?? {}));
  if (keys.length === 0) return {};
  return { ExposedPorts: Object.fromEntries([...new Set(keys.map(normKey))].map((k) => [k, {}])) };
}
