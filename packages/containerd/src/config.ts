// skiff-containerd's configuration: defaults, then the --config file, then flags. One zod schema
// describes the file, so a typo in it is an error with its path rather than a silent default.
import * as fs from 'node:fs';
import { z } from 'zod';
import { invalidArgument } from '@skiff/errors';
import { RegistryOptionsSchema } from './registry/options';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

const WarmPoolSchema = z.strictObject({
  /** Shims kept started ahead of need in each of `namespaces`. 0 starts every shim on demand. */
  size: z.number().int().min(0).max(64).default(1),
  namespaces: z.array(z.string().min(1)).default(['default']),
  /** How long after a create took a warm shim, or after start-up, a refill starts (see runtime/warm-pool.ts). */
  refillDelayMs: z.number().int().min(0).max(60_000).default(500),
});

const ShimSchema = z.strictObject({
  /** The shim binary; default: skiff-shim found beside this package, then on PATH. */
  binary: z.string().min(1).optional(),
  /** Where shims put their sockets (`skiff-shim start --socket-dir`). */
  socketDir: z.string().min(1).default('/run/skiff/s'),
  /** Deadline of each call to a shim, so containerd never hangs on one. */
  callTimeoutMs: z.number().int().positive().default(30_000),
  debug: z.boolean().default(false),
  warm: WarmPoolSchema.prefault({}),
});

export const ConfigFileSchema = z.strictObject({
  root: z.string().min(1).optional(),
  state: z.string().min(1).optional(),
  address: z.string().min(1).optional(),
  logLevel: z.enum(LOG_LEVELS).optional(),
  shim: ShimSchema.partial().optional(),
  registry: RegistryOptionsSchema.optional(),
});

export const ConfigSchema = z.strictObject({
  /** Persistent data: container records, later content and snapshots. */
  root: z.string().min(1).default('/var/lib/skiff/containerd'),
  /** Runtime state that does not survive a reboot: bundles, shim working directories. */
  state: z.string().min(1).default('/run/skiff/containerd'),
  /** The unix socket the gRPC services listen on. */
  address: z.string().min(1).default('/run/skiff/containerd/containerd.sock'),
  logLevel: z.enum(LOG_LEVELS).default('info'),
  shim: ShimSchema.default(ShimSchema.parse({})),
  /** How pulls and pushes reach registries: insecure ones, mirrors, CAs, timeouts. */
  registry: RegistryOptionsSchema.prefault({}),
});

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigFile = z.input<typeof ConfigFileSchema>;

function describe(err: z.ZodError): string {
  return err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

/** Reads a --config file (JSON). */
export function readConfigFile(file: string): ConfigFile {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw invalidArgument(`config file ${file}: ${(err as Error).message}`);
  }
  const parsed = ConfigFileSchema.safeParse(json);
  if (!parsed.success) throw invalidArgument(`config file ${file}: ${describe(parsed.error)}`);
  return parsed.data;
}

/** Later sources win: defaults < file < flags. The shim section merges field by field. */
export function resolveConfig(...sources: ConfigFile[]): Config {
  const merged: Record<string, unknown> = {};
  let shim: Record<string, unknown> = {};
  for (const source of sources) {
    for (const [key, value] of Object.entries(source)) {
      if (value === undefined) continue;
      if (key === 'shim') shim = { ...shim, ...(value as object) };
      else merged[key] = value;
    }
  }
  const parsed = ConfigSchema.safeParse({ ...merged, shim });
  if (!parsed.success) throw invalidArgument(`configuration: ${describe(parsed.error)}`);
  return parsed.data;
}
