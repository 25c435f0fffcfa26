// Logging drivers as dockerd configures them (HostConfig.LogConfig, daemon.json log-driver and
// log-opts): skiffd has json-file (written by the shim, rotated by size) and none. Other drivers
// and options get a clear error rather than being accepted and ignored.
import { z } from 'zod';
import { invalidArgument } from '@skiff/errors';

export const LogConfigSchema = z.object({ Type: z.enum(['json-file', 'none']), Config: z.record(z.string(), z.string()) });
export type LogConfig = z.infer<typeof LogConfigSchema>;

/** What a create body or the daemon's configuration asks for. */
export interface LogConfigRequest {
  Type?: string | null;
  Config?: Record<string, string> | null;
}

export const DEFAULT_LOG_CONFIG: LogConfig = { Type: 'json-file', Config: {} };

const JSON_FILE_OPTS = ['max-size', 'max-file'];
// dockerd's json-file options skiffd's shim does not implement.
const JSON_FILE_UNSUPPORTED = ['compress', 'labels', 'labels-regex', 'env', 'env-regex', 'tag'];
// dockerd's other built-in drivers: known names, but not here.
const OTHER_BUILTIN_DRIVERS = ['local', 'journald', 'syslog', 'gelf', 'fluentd', 'awslogs', 'splunk', 'etwlogs', 'gcplogs', 'logentries'];

/** Docker's RAMInBytes: "10m", "1.5g", "512k", "100" (binary multiples). */
export function parseLogSize(value: string): number {
  const m = /^(\d+(?:\.\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(value);
  if (!m) throw invalidArgument(`failed to initialize logging driver: invalid size: '${value}'`);
  const power = m[2] ? 'kmgtp'.indexOf(m[2].toLowerCase()) + 1 : 0;
  return Math.floor(Number(m[1]) * 1024 ** power);
}

function parseMaxFile(value: string): number {
  if (!/^[+-]?\d+$/.test(value)) throw invalidArgument(`failed to initialize logging driver: strconv.Atoi: parsing "${value}": invalid syntax`);
  const n = Number(value);
  if (n < 1) throw invalidArgument('failed to initialize logging driver: max-file cannot be less than 1');
  return n;
}

/**
 * The container's logging configuration: its own, with the daemon's default driver when it names
 * none and the daemon's options under its own when the drivers are the same (as dockerd).
 */
export function resolveLogConfig(requested: LogConfigRequest | null | undefined, daemonDefault: LogConfig = DEFAULT_LOG_CONFIG): LogConfig {
  const type = requested?.Type || daemonDefault.Type;
  const own = requested?.Config ?? {};
  const config = type === daemonDefault.Type ? { ...daemonDefault.Config, ...own } : { ...own };
  return validateLogConfig({ Type: type, Config: config });
}

export function validateLogConfig(c: { Type: string; Config: Record<string, string> }): LogConfig {
  if (c.Type !== 'json-file' && c.Type !== 'none') {
    if (OTHER_BUILTIN_DRIVERS.includes(c.Type)) throw invalidArgument(`logging driver "${c.Type}" is not supported by skiffd: use json-file or none`);
    // Not a 404: the docker CLI takes a 404 from create for a missing image and goes to pull it.
    throw invalidArgument(`error looking up logging plugin ${c.Type}: plugin "${c.Type}" not found`);
  }
  for (const key of Object.keys(c.Config)) {
    if (c.Type === 'json-file' && JSON_FILE_UNSUPPORTED.includes(key)) throw invalidArgument(`log opt '${key}' of the json-file log driver is not supported by skiffd`);
    if (c.Type === 'none' || !JSON_FILE_OPTS.includes(key)) throw invalidArgument(`unknown log opt '${key}' for ${c.Type} log driver`);
  }
  logRotation({ Type: c.Type, Config: c.Config });
  return { Type: c.Type, Config: c.Config };
}

/** The shim's rotation settings; max-file counts only with a max-size (as json-file). */
export function logRotation(c: LogConfig): { maxSizeBytes: number; maxFiles: number } {
  const size = c.Config['max-size'];
  const files = c.Config['max-file'];
  const maxFiles = files === undefined ? 1 : parseMaxFile(files);
  if (size === undefined) return { maxSizeBytes: 0, maxFiles: 0 };
  const maxSizeBytes = parseLogSize(size);
  if (maxSizeBytes <= 0) throw invalidArgument('failed to initialize logging driver: max-size must be a positive number');
  return { maxSizeBytes, maxFiles };
}
