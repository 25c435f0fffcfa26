// The registry client's configuration, validated with zod where it enters (the daemon's
// `insecure-registries` and `registry-mirrors` end up here), and the host rules built on it:
// which scheme a registry is spoken to with, and which endpoints a pull tries in which order.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { z } from 'zod';
import { invalidArgument } from '@skiff/errors';
import { version } from '../version';
import { DEFAULT_DOMAIN } from './reference';

const MIB = 1024 * 1024;

export const RegistryOptionsSchema = z.strictObject({
  /**
   * Registries spoken to over plain http: "host", "host:port", or a CIDR ("10.0.0.0/8") matching
   * the registry's IP address. localhost, 127.0.0.1 and ::1 always are.
   */
  insecureRegistries: z.array(z.string().min(1)).default([]),
  /**
   * Pull-through mirrors per registry domain ("docker.io": ["https://mirror.example"]), tried in
   * order before the registry itself. A mirror URL may carry a path prefix put before /v2/.
   */
  mirrors: z.record(z.string().min(1), z.array(z.url({ protocol: /^https?$/ }))).default({}),
  /** Extra PEM certificates https trusts, besides Node's and the system's (/etc/ssl/certs). */
  caCertificates: z.array(z.string().min(1)).default([]),
  /** The system CA bundle added to Node's own roots, as Docker trusts the system's; "" skips it. */
  systemCaFile: z.string().default('/etc/ssl/certs/ca-certificates.crt'),
  timeouts: z
    .strictObject({
      connectMs: z.number().int().positive().default(30_000),
      idleMs: z.number().int().positive().default(120_000),
    })
    .default({ connectMs: 30_000, idleMs: 120_000 }),
  userAgent: z.string().min(1).default(`skiff-containerd/${version}`),
  /** Blobs larger than this are pushed in PATCH chunks; smaller ones in one PUT. */
  chunkedUploadThreshold: z.number().int().nonnegative().default(64 * MIB),
  chunkSize: z.number().int().positive().default(16 * MIB),
  maxRedirects: z.number().int().nonnegative().default(10),
  /** Largest manifest accepted (containerd's limit). */
  maxManifestBytes: z.number().int().positive().default(4 * MIB),
});

export type RegistryOptionsInput = z.input<typeof RegistryOptionsSchema>;
export type RegistryOptions = z.infer<typeof RegistryOptionsSchema>;

export function parseRegistryOptions(input: unknown): RegistryOptions {
  const parsed = RegistryOptionsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const why = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw invalidArgument(`invalid registry options: ${why}`);
  }
  return parsed.data;
}

/** Where requests for one registry go: its base URL (before /v2/) and whether it is a mirror. */
export interface Endpoint {
  base: URL;
  mirror: boolean;
}

/** The https trust: Node's roots, the system bundle when readable, and the configured extras. */
export function trustedCertificates(options: RegistryOptions): string[] | undefined {
  const extra: string[] = [...options.caCertificates];
  if (options.systemCaFile !== '') {
    try {
      extra.push(fs.readFileSync(options.systemCaFile, 'utf8'));
    } catch {
      // No system bundle (a minimal image): Node's own roots still apply.
    }
  }
  return extra.length === 0 ? undefined : [...tls.rootCertificates, ...extra];
}

/** Splits "host:port", "[::1]:5000", "host" into the host (no brackets) and the port. */
export function splitHostPort(domain: string): { host: string; port: string | undefined } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(domain);
  if (v6) return { host: v6[1] as string, port: v6[2] };
  const colon = domain.lastIndexOf(':');
  if (colon > 0 && domain.indexOf(':') === colon) return { host: domain.slice(0, colon), port: domain.slice(colon + 1) };
  return { host: domain, port: undefined };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1']);

export class HostRules {
  private readonly exact = new Set<string>();
  private readonly blocks = new net.BlockList();

  constructor(private readonly options: RegistryOptions) {
    for (const entry of options.insecureRegistries) {
      const cidr = /^(.+)\/(\d{1,3})$/.exec(entry);
      const family = cidr ? net.isIP(cidr[1] as string) : 0;
      if (cidr && family !== 0) {
        this.blocks.addSubnet(cidr[1] as string, Number(cidr[2]), family === 6 ? 'ipv6' : 'ipv4');
      } else {
        this.exact.add(entry.toLowerCase());
      }
    }
  }

  /** Whether `domain` (a reference's domain, "host[:port]") is spoken to over plain http. */
  isInsecure(domain: string): boolean {
    const { host } = splitHostPort(domain.toLowerCase());
    if (LOOPBACK.has(host)) return true;
    if (this.exact.has(domain.toLowerCase()) || this.exact.has(host)) return true;
    const family = net.isIP(host);
    return family !== 0 && this.blocks.check(host, family === 6 ? 'ipv6' : 'ipv4');
  }

  /** The registry itself: docker.io is served by registry-1.docker.io. */
  origin(domain: string): Endpoint {
    const host = domain === DEFAULT_DOMAIN ? 'registry-1.docker.io' : domain;
    const scheme = this.isInsecure(domain) ? 'http' : 'https';
    return { base: new URL(`${scheme}://${host}/`), mirror: false };
  }

  /** Endpoints for reading from `domain`: its mirrors in order, then the registry. */
  pullEndpoints(domain: string): Endpoint[] {
    const mirrors = (this.options.mirrors[domain] ?? []).map((m) => {
      const base = new URL(m);
      if (!base.pathname.endsWith('/')) base.pathname += '/';
      return { base, mirror: true };
    });
    return [...mirrors, this.origin(domain)];
  }
}
