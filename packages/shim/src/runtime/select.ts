import * as fs from 'node:fs';
import * as path from 'node:path';
import { invalidArgument } from '@skiff/errors';
import type { TaskRuntime, TaskRuntimeOptions } from '../core/ports';
import { builtinRuntimes, isBuiltin } from './builtin';
import { ExternalRuntime } from './external';

/** An external runtime is named by the absolute path of an executable (RuntimeOptions.name). */
export function checkRuntimeBinary(name: string): void {
  if (!path.isAbsolute(name)) throw invalidArgument(`runtime ${name}: must be "builtin" or the absolute path of an OCI runtime binary`);
  let executable = false;
  try {
    // A directory passes the X_OK test too.
    executable = fs.statSync(name).isFile();
    fs.accessSync(name, fs.constants.X_OK);
  } catch {
    executable = false;
  }
  if (!executable) throw invalidArgument(`runtime ${name}: not an executable file`);
}

/**
 * The runtime a task's options name: the in-process library for "builtin" (or ""), else the
 * binary at that path with its root and runtime_args.
 */
export function runtimeSelector(onCommand?: (delta: 1 | -1) => void): (options: TaskRuntimeOptions) => TaskRuntime {
  const builtin = builtinRuntimes();
  return (options) => {
    if (isBuiltin(options.name)) return builtin(options);
    checkRuntimeBinary(options.name);
    return new ExternalRuntime({ binary: options.name, root: options.root, args: options.runtimeArgs, ...(onCommand ? { onCommand } : {}) });
  };
}
