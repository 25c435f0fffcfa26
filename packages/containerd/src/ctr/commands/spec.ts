import * as path from 'node:path';
import type { Command } from 'commander';
import { defaultSpec } from '@skiff/oci-spec';
import { invalidArgument } from '@skiff/errors';

export interface RuntimeFlags {
  runtime: string;
  runtimeRoot?: string;
  log?: string;
  shimGroup?: string;
}

export interface ContainerFlags extends RuntimeFlags {
  rootfs: string;
  env: string[];
  tty?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** The flags that define a container, shared by `containers create` and `run`. */
export function withContainerFlags(command: Command): Command {
  return command
    .passThroughOptions()
    .argument('<id>')
    .argument('<cmd...>')
    .requiredOption('--rootfs <dir>', 'root filesystem directory')
    .option('--runtime <name>', '"builtin" or the path of an OCI runtime binary', 'builtin')
    .option('--runtime-root <dir>', "the runtime's state directory")
    .option('--log <file>', "json-file log of the container's output")
    .option('--shim-group <name>', 'share one shim with the containers of this group')
    .option('--env <KEY=VALUE>', 'environment variable (repeatable)', collect, [])
    .option('-t, --tty', 'allocate a terminal');
}

/** Containers.Create's container from those flags. */
export function containerFrom(id: string, cmd: string[], flags: ContainerFlags): object {
  return { id, spec: specFor(flags.rootfs, cmd, { terminal: flags.tty ?? false, env: flags.env }), runtime: runtimeFor(flags) };
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
