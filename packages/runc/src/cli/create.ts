import { Command } from 'commander';
import type { CliContext } from './context';

export function addCreateOptions(cmd: Command): Command {
  return cmd
    .option('-b, --bundle <path>', 'path to the root of the bundle directory', '.')
    .option('--console-socket <path>', 'path to an AF_UNIX socket which will receive the pty master')
    .option('--pid-file <path>', 'file to write the process id to')
    .option('--no-pivot', 'do not use pivot_root to jail the process inside the rootfs')
    .option('--no-new-keyring', 'do not create a new session keyring for the container')
    .option('--preserve-fds <n>', 'number of additional fds to pass into the container', '0');
}

export interface CreateFlags {
  bundle: string;
  consoleSocket?: string;
  pidFile?: string;
  pivot: boolean;
  newKeyring: boolean;
  preserveFds: string;
}

export function createOptionsFrom(flags: CreateFlags) {
  return {
    bundle: flags.bundle,
    ...(flags.consoleSocket ? { consoleSocket: flags.consoleSocket } : {}),
    ...(flags.pidFile ? { pidFile: flags.pidFile } : {}),
    noPivot: !flags.pivot,
    noNewKeyring: !flags.newKeyring,
    preserveFds: Number(flags.preserveFds),
  };
}

export function register(program: Command, ctx: () => CliContext): void {
  addCreateOptions(program.command('create').description('create a container').argument('<container-id>')).action(
    (id: string, flags: CreateFlags) => {
      ctx().runtime.create(id, createOptionsFrom(flags));
    },
  );
}
