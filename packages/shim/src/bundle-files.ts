// The files a shim leaves in a bundle (docs/shim-api.md, "Files in a bundle"): how containerd
// finds the shim again after a restart, and how `skiff-shim delete` cleans up when it is gone.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { invalidArgument } from '@skiff/errors';
import type { TaskRuntimeOptions } from './core/ports';

export const ADDRESS_FILE = 'shim.address';
export const PID_FILE = 'shim.pid';
export const RUNTIME_OPTIONS_FILE = 'runtime-options.json';

/** Write to a temporary name, then rename: a reader never sees half a file. */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** The proto3 JSON mapping of skiff.types.v1.RuntimeOptions (uint64 as a decimal string). */
export function runtimeOptionsJson(options: TaskRuntimeOptions): object {
  return {
    name: options.name,
    root: options.root,
    runtimeArgs: options.runtimeArgs,
    logPathJsonFile: options.logPathJsonFile,
    logOptions: { maxSizeBytes: String(options.logOptions.maxSizeBytes), maxFiles: options.logOptions.maxFiles },
  };
}

export function writeTaskFiles(bundle: string, options: TaskRuntimeOptions, address: string): void {
  writeFileAtomic(path.join(bundle, RUNTIME_OPTIONS_FILE), `${JSON.stringify(runtimeOptionsJson(options))}\n`);
  writeFileAtomic(path.join(bundle, ADDRESS_FILE), `${address}\n`);
}

/** Undoes writeTaskFiles for a task whose Create failed: no shim holds that bundle. */
export function removeTaskFiles(bundle: string): void {
  for (const name of [RUNTIME_OPTIONS_FILE, ADDRESS_FILE]) {
    const file = path.join(bundle, name);
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.${process.pid}.tmp`, { force: true });
  }
}

// proto3 JSON lets a writer omit defaults and spell 64-bit numbers as strings or numbers; another
// shim implementation may have written the file, so accept every legal form.
const uint64 = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(Number);
const RuntimeOptionsFileSchema = z.object({
  name: z.string().default(''),
  root: z.string().default(''),
  runtimeArgs: z.array(z.string()).default([]),
  logPathJsonFile: z.string().default(''),
  logOptions: z
    .object({ maxSizeBytes: uint64.default(0), maxFiles: z.number().int().nonnegative().default(0) })
    .default({ maxSizeBytes: 0, maxFiles: 0 }),
});

/** The options the task was created with, or undefined when the shim never wrote them. */
export function readRuntimeOptions(bundle: string): TaskRuntimeOptions | undefined {
  const file = path.join(bundle, RUNTIME_OPTIONS_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const parsed = RuntimeOptionsFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw invalidArgument(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface SpecFacts {
  /** process.terminal, which the runtime acts on; undefined when the config is unreadable or invalid there. */
  terminal: boolean | undefined;
  /**
   * The container gets a pid namespace of its own: when its init exits, the kernel has killed and
   * collected every other process of it. False when unknown.
   */
  ownPidNamespace: boolean;
}

/**
 * What the shim itself needs from the bundle's config.json; the runtime reports a config it cannot
 * read. Checked by hand rather than with a zod schema: a schema's first parse compiles it, a cost a
 * fresh shim's first Create would pay.
 */
export function readSpecFacts(bundle: string): SpecFacts {
  let config: unknown;
  try {
    config = JSON.parse(fs.readFileSync(path.join(bundle, 'config.json'), 'utf8'));
  } catch {
    return { terminal: undefined, ownPidNamespace: false };
  }
  if (!isRecord(config)) return { terminal: undefined, ownPidNamespace: false };
  const namespaces = isRecord(config.linux) && Array.isArray(config.linux.namespaces) ? config.linux.namespaces : [];
  const ownPidNamespace = namespaces.some((ns: unknown) => isRecord(ns) && ns.type === 'pid' && (ns.path === undefined || ns.path === ''));
  return { terminal: terminalOf(config.process), ownPidNamespace };
}

function terminalOf(process: unknown): boolean | undefined {
  if (process === undefined) return false;
  if (!isRecord(process)) return undefined;
  const { terminal } = process;
  if (terminal === undefined) return false;
  return typeof terminal === 'boolean' ? terminal : undefined;
}
