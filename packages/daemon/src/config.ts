// skiffd's configuration: defaults, then daemon.json (--config-file, keys named as dockerd's),
// then flags. One zod schema describes the file, so a typo is an error naming its key rather
// than a silently ignored setting.
import * as fs from 'node:fs';
import { z } from 'zod';
import { invalidArgument } from '@skiff/errors';
import { validateLogConfig } from './core/log-config';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
export const DEFAULT_CONFIG_FILE = '/etc/skiff/daemon.json';

export const ConfigFileSchema = z.strictObject({
  hosts: z.array(z.string().min(1)).optional(),
  'data-root': z.string().min(1).optional(),
  'exec-root': z.string().min(1).optional(),
  containerd: z.string().min(1).optional(),
  'containerd-namespace': z.string().min(1).optional(),
  pidfile: z.string().min(1).optional(),
  'log-level': z.enum(LOG_LEVELS).optional(),
  group: z.string().min(1).optional(),
  'insecure-tcp': z.boolean().optional(),
  'warm-shims': z.number().int().min(0).max(64).optional(),
  tls: z.boolean().optional(),
  tlsverify: z.boolean().optional(),
  tlscacert: z.string().min(1).optional(),
  tlscert: z.string().min(1).optional(),
  tlskey: z.string().min(1).optional(),
  bridge: z.string().min(1).max(15).optional(),
  bip: z.string().min(1).optional(),
  mtu: z.number().int().min(68).optional(),
  'default-address-pools': z.array(z.strictObject({ base: z.string().min(1), size: z.number().int() })).optional(),
  'log-driver': z.string().min(1).optional(),
  'log-opts': z.record(z.string(), z.string()).optional(),
  runtimes: z.record(z.string(), z.strictObject({ path: z.string().min(1), runtimeArgs: z.array(z.string()).optional() })).optional(),
  'default-runtime': z.string().min(1).optional(),
  'cgroup-parent': z.string().min(1).optional(),
});
export type ConfigFile = z.infer<typeof ConfigFileSchema>;

export const ConfigSchema = z.strictObject({
  /** Where the API listens: unix:///path or tcp://host:port. */
  hosts: z.array(z.string().min(1)).min(1).default(['unix:///run/skiff/skiff.sock']),
  /** Persistent state: container records and logs, and the managed containerd's root. */
  dataRoot: z.string().min(1).default('/var/lib/skiff/daemon'),
  /** Runtime state that does not survive a reboot: stdio FIFOs, the managed containerd's state and socket. */
  execRoot: z.string().min(1).default('/run/skiff/daemon'),
  /** A running skiff-containerd's socket; unset: skiffd starts and supervises its own. */
  containerd: z.string().min(1).optional(),
  containerdNamespace: z.string().min(1).default('skiffd'),
  pidfile: z.string().min(1).default('/run/skiff/skiffd.pid'),
  logLevel: z.enum(LOG_LEVELS).default('info'),
  /** Group owning unix sockets (mode 0660), when it exists. */
  group: z.string().min(1).default('skiff'),
  /** tcp:// hosts serve the API without authentication; refused unless this is set. */
  insecureTcp: z.boolean().default(false),
  /**
   * Shims the managed skiff-containerd keeps started ahead of need. Two, so that containers
   * started back to back (compose, scripts) do not wait for a shim's start-up while the pool
   * refills; each idle shim costs ~35 MB of private memory.
   */
  warmShims: z.number().int().min(0).max(64).default(2),
  /** Serve tcp:// hosts over TLS with tlsCert/tlsKey (dockerd's --tls). */
  tls: z.boolean().default(false),
  /** TLS, and only clients with a certificate signed by tlsCaCert get in (mutual TLS). */
  tlsVerify: z.boolean().default(false),
  tlsCaCert: z.string().min(1).optional(),
  tlsCert: z.string().min(1).optional(),
  tlsKey: z.string().min(1).optional(),
  /** The default bridge network's Linux bridge device (dockerd's --bridge). */
  bridge: z.string().min(1).max(15).default('skiff0'),
  /** Its gateway address and subnet (dockerd's --bip); not Docker's 172.17/16, so both engines can run side by side. */
  bip: z.string().regex(/^\d+\.\d+\.\d+\.\d+\/\d+$/).default('172.30.0.1/16'),
  mtu: z.number().int().min(68).default(1500),
  /** User-defined networks' subnets when none is given. */
  defaultAddressPools: z
    .array(z.strictObject({ base: z.string().min(1), size: z.number().int().min(1).max(30) }))
    .default([{ base: '172.31.0.0/16', size: 24 }]),
  /** Containers' logging when they name no driver (dockerd's --log-driver and --log-opt). */
  logDriver: z.string().min(1).default('json-file'),
  logOpts: z.record(z.string(), z.string()).default({}),
  /** OCI runtime binaries by name, besides the builtin one (dockerd's runtimes / --add-runtime). */
  runtimes: z.record(z.string(), z.object({ path: z.string().min(1), runtimeArgs: z.array(z.string()).optional() })).default({}),
  defaultRuntime: z.string().min(1).default('builtin'),
  /** The cgroup under which containers that name none get theirs (dockerd's --cgroup-parent); unset, the runtime's default. */
  cgroupParent: z.string().min(1).optional(),
});
export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;

function describe(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

/** Reads daemon.json; a missing file is fine only when it is the default location. */
export function readConfigFile(file: string, explicit: boolean): ConfigFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (!explicit && (err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw invalidArgument(`config file ${file}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw invalidArgument(`config file ${file}: ${(err as Error).message}`);
  }
  const parsed = ConfigFileSchema.safeParse(json);
  if (!parsed.success) throw invalidArgument(`config file ${file}: ${describe(parsed.error)}`);
  return parsed.data;
}

/** Defaults < file < flags (flags that were not given are undefined). */
export function resolveConfig(file: ConfigFile, flags: Partial<ConfigInput>): Config {
  const fromFile: Partial<ConfigInput> = {
    hosts: file.hosts,
    dataRoot: file['data-root'],
    execRoot: file['exec-root'],
    containerd: file.containerd,
    containerdNamespace: file['containerd-namespace'],
    pidfile: file.pidfile,
    logLevel: file['log-level'],
    group: file.group,
    insecureTcp: file['insecure-tcp'],
    warmShims: file['warm-shims'],
    tls: file.tls,
    tlsVerify: file.tlsverify,
    tlsCaCert: file.tlscacert,
    tlsCert: file.tlscert,
    tlsKey: file.tlskey,
    bridge: file.bridge,
    bip: file.bip,
    mtu: file.mtu,
    defaultAddressPools: file['default-address-pools'],
    logDriver: file['log-driver'],
    logOpts: file['log-opts'],
    runtimes: file.runtimes,
    defaultRuntime: file['default-runtime'],
    cgroupParent: file['cgroup-parent'],
  };
  const merged: Record<string, unknown> = {};
  for (const source of [fromFile, flags]) {
    for (const [key, value] of Object.entries(source)) {
      if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
      // --log-opt and --add-runtime add to daemon.json's log-opts and runtimes.
      if (key === 'logOpts' || key === 'runtimes') {
        merged[key] = { ...(merged[key] as Record<string, string> | undefined), ...(value as Record<string, string>) };
        continue;
      }
      merged[key] = value;
    }
  }
  const parsed = ConfigSchema.safeParse(merged);
  if (!parsed.success) throw invalidArgument(`configuration: ${describe(parsed.error)}`);
  const config = parsed.data;
  // --tlsverify implies --tls, as in dockerd.
  if (config.tlsVerify) config.tls = true;
  if (config.tls && (!config.tlsCert || !config.tlsKey)) throw invalidArgument('--tls needs --tlscert and --tlskey');
  validateLogConfig({ Type: config.logDriver, Config: config.logOpts });
  if (config.tlsVerify && !config.tlsCaCert) throw invalidArgument('--tlsverify needs --tlscacert: the CA that signs the clients\' certificates');
  return config;
}

/** dockerd's --default-address-pool value: "base=10.10.0.0/16,size=24". */
export function parseAddressPool(value: string): { base: string; size: number } {
  const fields = Object.fromEntries(value.split(',').map((kv) => kv.split('=', 2) as [string, string]));
  if (!fields.base || !fields.size || !/^\d+$/.test(fields.size)) throw invalidArgument(`invalid default address pool ${value}: want base=<cidr>,size=<n>`);
  return { base: fields.base, size: Number(fields.size) };
}

/** The TLS material for tcp:// listeners, read once at start; undefined without --tls. */
export function tlsOptions(config: Config): { key: Buffer; cert: Buffer; ca?: Buffer; requestCert: boolean; rejectUnauthorized: boolean } | undefined {
  if (!config.tls) return undefined;
  const read = (file: string, what: string) => {
    try {
      return fs.readFileSync(file);
    } catch (err) {
      throw invalidArgument(`${what} ${file}: ${(err as Error).message}`);
    }
  };
  return {
    key: read(config.tlsKey!, '--tlskey'),
    cert: read(config.tlsCert!, '--tlscert'),
    ...(config.tlsCaCert ? { ca: read(config.tlsCaCert, '--tlscacert') } : {}),
    requestCert: config.tlsVerify,
    rejectUnauthorized: config.tlsVerify,
  };
}
