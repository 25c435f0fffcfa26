import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { waitForChildExit } from '../lib/exit-watch';
import { PR } from '../sys/constants';
import { realSyscalls } from '../sys/koffi';
import { exitStatusOf } from '../sys/syscalls';
import type { CliContext } from './context';
import { CreateFlags, addCreateOptions, createOptionsFrom } from './create';
import { forwardSignals } from './forward-signals';
import { ForegroundTerminal } from './terminal';

function terminalRequested(bundle: string): boolean {
  try {
    return JSON.parse(fs.readFileSync(path.join(bundle, 'config.json'), 'utf8'))?.process?.terminal === true;
  } catch {
    // create reports an unreadable config with the proper error.
    return false;
  }
}

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
    const options = createOptionsFrom(flags);
    const wantsTerminal = !flags.detach && !options.consoleSocket && terminalRequested(flags.bundle);
    const terminal = wantsTerminal ? new ForegroundTerminal() : undefined;
    const state = runtime.create(id, { ...options, ...(terminal ? { consoleFd: terminal.containerEnd } : {}) });
    try {
      terminal?.attach();
      runtime.start(id);
    } catch (err) {
      runtime.delete(id, true);
      throw err;
    }
    if (flags.detach) return;
    // With a terminal, window size changes reach the container through the pty, not as a signal.
    const stop = forwardSignals(state.pid, terminal ? ['SIGWINCH'] : []);
    const status = await waitForChildExit(state.pid);
    stop();
    await terminal?.detach();
    if (!flags.keep) runtime.delete(id, true);
    ctx().exitCode = exitStatusOf(status);
  });
}
