import { Command } from 'commander';
import { waitForChildExit } from '../lib/exit-watch';
import { PR } from '../sys/constants';
import { realSyscalls } from '../sys/koffi';
import { exitStatusOf } from '../sys/syscalls';
import type { CliContext } from './context';
import { CreateFlags, addCreateOptions, createOptionsFrom } from './create';
import { forwardSignals } from './forward-signals';

export function register(program: Command, ctx: () => CliContext): void {
  addCreateOptions(
    program
      .command('run')
      .description('create and run a container')
      .argument('<container-id>')
      .option('-d, --detach', 'detach from the container\'s process')
      .option('--keep', 'do not delete the container after it exits'),
  ).action(async (id: string, flags: CreateFlags & { detach?: boolean; keep?: boolean }) => {
    const { runtime } = ctx();
    // Orphans of the container (double-forked daemons) come to us, not to the host's init.
    realSyscalls().prctl(PR.SET_CHILD_SUBREAPER, 1);
    const state = runtime.create(id, createOptionsFrom(flags));
    try {
      runtime.start(id);
    } catch (err) {
      runtime.delete(id, true);
      throw err;
    }
    if (flags.detach) return;
    const stop = forwardSignals(state.pid);
    const status = await waitForChildExit(state.pid);
    stop();
    if (!flags.keep) runtime.delete(id, true);
    ctx().exitCode = exitStatusOf(status);
  });
}
