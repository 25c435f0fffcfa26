import * as path from 'node:path';
import { defaultSpec } from '@skiff/oci-spec';
import { invalidArgument } from '@skiff/errors';

export interface RuntimeFlags {
  runtime: string;
  runtimeRoot?: string;
  log?: string;
  shimGroup?: string;
}

/** A runtime spec running args in rootfs (runc's default spec, as `runc spec` writes it). */
export function specFor(rootfs: string, args: string[], opts: { terminal?: boolean; env?: string[]; cwd?: string }): Buffer {
  if (args.length === 0) throw invalidArgument('a command to run is required');
  const spec = defaultSpec();
  spec.root = { path: path.resolve(rootfs), readonly: false };
  spec.process!.args = args;
  spec.process!.terminal = opts.terminal ?? false;
  if (opts.env?.length) spec.process!.env = [...(spec.process!.env ?? []), ...opts.env];
  if (opts.cwd) spec.process!.cwd = opts.cwd;
  return Buffer.from(JSON.stringify(spec));
}

/** Container.runtime from the flags: builtin or a runtime binary's path, with its root and log. */
export function runtimeFor(flags: RuntimeFlags): object {
  const name = flags.runtime || 'builtin';
  if (name !== 'builtin' && !path.isAbsolute(name)) throw invalidArgument(`--runtime must be "builtin" or an absolute path, not "${name}"`);
  return {
    name,
    shimGroup: flags.shimGroup ?? '',
    options: {
      name,
      root: flags.runtimeRoot ?? '',
      runtimeArgs: [],
      logPathJsonFile: flags.log ? path.resolve(flags.log) : '',
      logOptions: { maxSizeBytes: '0', maxFiles: 0 },
    },
  };
}
