import { invalidArgument } from '@skiff/errors';
import { type Issue, formatPath, issuesError, parseWith } from './issues';
import { type JsonPath, parseJsonKeepingBigInts, stringifyJson } from './json';
import { type RuntimeConfig, RuntimeConfigSchema, knownCapabilities } from './runtime-config';

export interface ValidateOptions {
  /** Names the document at the start of every message line; "config.json" unless given. */
  source?: string;
  /**
   * Receives what runc only warns about (relative mount destinations, unknown capabilities). Such
   * configs are accepted either way; without a listener the warnings are dropped.
   */
  onWarning?: (message: string) => void;
}

const known = new Set<string>(knownCapabilities);

/** The refusals runc makes on a structurally valid config before it touches the system. */
function runcChecks(config: RuntimeConfig): Issue[] {
  const issues: Issue[] = [];
  const { process, linux } = config;

  if (process) {
    if (!process.args || process.args.length === 0) issues.push({ path: ['process', 'args'], message: 'must not be empty' });
    if (process.cwd === '') issues.push({ path: ['process', 'cwd'], message: 'must not be empty' });
    else if (!process.cwd.startsWith('/')) issues.push({ path: ['process', 'cwd'], message: 'must be an absolute path' });
  }

  const namespaces = linux?.namespaces ?? [];
  const seen = new Set<string>();
  namespaces.forEach((ns, i) => {
    if (seen.has(ns.type)) issues.push({ path: ['linux', 'namespaces', i], message: `duplicate namespace "${ns.type}"` });
    seen.add(ns.type);
  });

  if (!seen.has('user')) {
    for (const key of ['uidMappings', 'gidMappings'] as const) {
      if (linux?.[key]?.length) issues.push({ path: ['linux', key], message: 'needs a user namespace in linux.namespaces' });
    }
  }
  if (!seen.has('uts')) {
    for (const key of ['hostname', 'domainname'] as const) {
      if (config[key]) issues.push({ path: [key], message: 'needs a private UTS namespace in linux.namespaces' });
    }
  }
  return issues;
}

/** Fixes what runc accepts with a warning, so consumers see one form. */
function normalise(config: RuntimeConfig, warn: (path: JsonPath, message: string) => void): void {
  config.mounts?.forEach((mount, i) => {
    if (mount.destination.startsWith('/')) return;
    const absolute = `/${mount.destination}`;
    warn(['mounts', i, 'destination'], `${JSON.stringify(mount.destination)} is not absolute; using ${JSON.stringify(absolute)}`);
    mount.destination = absolute;
  });

  const sets = config.process?.capabilities ?? {};
  for (const set of ['bounding', 'effective', 'inheritable', 'permitted', 'ambient'] as const) {
    for (const name of new Set(sets[set] ?? [])) {
      if (!known.has(name)) warn(['process', 'capabilities', set], `unknown capability ${JSON.stringify(name)} will be ignored`);
    }
  }
}

/**
 * A config.json value checked against the runtime spec and against the rules runc enforces, or an
 * InvalidArgument error listing every problem as "config.json: <field path>: <problem>".
 */
export function validateRuntimeConfig(value: unknown, options: ValidateOptions = {}): RuntimeConfig {
  const source = options.source ?? 'config.json';
  const parsed = parseWith(RuntimeConfigSchema, value);
  if (!parsed.ok) throw issuesError(source, parsed.issues);
  const config = parsed.value;
  const issues = runcChecks(config);
  if (issues.length > 0) throw issuesError(source, issues);
  normalise(config, (path, message) => options.onWarning?.(`${source}: ${formatPath(path)}: ${message}`));
  return config;
}

function isSeccompArgOperand(path: JsonPath): boolean {
  return (
    path.length === 7 &&
    path[0] === 'linux' &&
    path[1] === 'seccomp' &&
    path[2] === 'syscalls' &&
    path[4] === 'args' &&
    (path[6] === 'value' || path[6] === 'valueTwo')
  );
}

/**
 * config.json text to a validated config. Seccomp argument operands too large for a double come
 * back as BigInt; every other big integer is rounded as JSON.parse would round it.
 */
export function parseRuntimeConfig(text: string, options: ValidateOptions = {}): RuntimeConfig {
  let value: unknown;
  try {
    value = parseJsonKeepingBigInts(text, isSeccompArgOperand);
  } catch (err) {
    throw invalidArgument(`${options.source ?? 'config.json'}: invalid JSON: ${(err as Error).message}`, { cause: err });
  }
  return validateRuntimeConfig(value, options);
}

/** config.json text for a config, BigInt operands written as exact integer literals. */
export function stringifyRuntimeConfig(config: RuntimeConfig, space?: string | number): string {
  return stringifyJson(config, space);
}
