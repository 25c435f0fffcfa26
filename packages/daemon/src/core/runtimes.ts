// The OCI runtimes containers can run with, as dockerd's `runtimes` (daemon.json), --add-runtime
// and --default-runtime: "builtin" (skiff-runc inside the shim, no process per operation) and any
// binary that speaks runc's command line, e.g. Debian's runc. A container's HostConfig.Runtime
// picks one by name; the shim gets the binary's path, its arguments and a state root of its own.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { invalidArgument } from '@skiff/errors';

export const BUILTIN_RUNTIME = 'builtin';

export interface RuntimeConfig {
  path: string;
  runtimeArgs?: string[];
}

/** What the shim is told: "builtin" or an absolute binary path, its state root and arguments. */
export interface ShimRuntime {
  name: string;
  root: string;
  runtimeArgs: string[];
}

function onPath(binary: string): string | undefined {
  if (path.isAbsolute(binary)) return fs.existsSync(binary) ? binary : undefined;
  for (const dir of (process.env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(':')) {
    const candidate = path.join(dir, binary);
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

export class Runtimes {
  private readonly external = new Map<string, { path: string; runtimeArgs: string[] }>();
  readonly defaultName: string;

  /**
   * `configured`: name → binary (absolute or looked up on PATH now, so a typo stops start-up);
   * `execRoot`: each runtime keeps its containers' state under <execRoot>/runtime[-<name>].
   */
  constructor(
    private readonly execRoot: string,
    configured: Record<string, RuntimeConfig> = {},
    defaultName = BUILTIN_RUNTIME,
  ) {
    for (const [name, def] of Object.entries(configured)) {
      if (name === BUILTIN_RUNTIME) throw invalidArgument(`runtime name '${BUILTIN_RUNTIME}' is reserved`);
      if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name)) throw invalidArgument(`invalid runtime name: ${name}`);
      const found = onPath(def.path);
      if (!found) throw invalidArgument(`runtime ${name}: ${def.path} not found`);
      this.external.set(name, { path: found, runtimeArgs: def.runtimeArgs ?? [] });
    }
    if (defaultName !== BUILTIN_RUNTIME && !this.external.has(defaultName)) throw invalidArgument(`default runtime ${defaultName} is not configured`);
    this.defaultName = defaultName;
  }

  /** A container's runtime name: the default when it names none; dockerd's error for an unknown one. */
  resolve(name: string | null | undefined): string {
    if (!name) return this.defaultName;
    if (name !== BUILTIN_RUNTIME && !this.external.has(name)) throw invalidArgument(`unknown or invalid runtime name: ${name}`);
    return name;
  }

  /** The state root of a runtime: where `runc --root ROOT list` finds its containers. */
  root(name: string): string {
    return path.join(this.execRoot, name === BUILTIN_RUNTIME ? 'runtime' : `runtime-${name}`);
  }

  forShim(name: string): ShimRuntime {
    const def = this.external.get(name);
    if (name !== BUILTIN_RUNTIME && !def) throw invalidArgument(`unknown or invalid runtime name: ${name}`);
    return { name: def ? def.path : BUILTIN_RUNTIME, root: this.root(name), runtimeArgs: def?.runtimeArgs ?? [] };
  }

  /** /info's Runtimes. */
  list(): Record<string, { path: string; runtimeArgs?: string[] }> {
    const out: Record<string, { path: string; runtimeArgs?: string[] }> = { [BUILTIN_RUNTIME]: { path: 'skiff-runc (in the shim)' } };
    for (const [name, def] of this.external) out[name] = { path: def.path, ...(def.runtimeArgs.length > 0 ? { runtimeArgs: def.runtimeArgs } : {}) };
    return out;
  }
}

/** dockerd's --add-runtime value: "name=path". */
export function parseAddRuntime(value: string): [string, RuntimeConfig] {
  const eq = value.indexOf('=');
  if (eq <= 0 || eq === value.length - 1) throw invalidArgument(`invalid runtime ${value}: expected name=path`);
  return [value.slice(0, eq), { path: value.slice(eq + 1) }];
}
