import { Command } from 'commander';
import type { CliContext } from './context';
import { parseSignal } from './signals';

export function register(program: Command, ctx: () => CliContext): void {
  program
    .command('kill')
    .description('kill sends the specified signal (default: SIGTERM) to the container\'s init process')
    .argument('<container-id>')
    .argument('[signal]', 'signal name or number', 'SIGTERM')
    .option('-a, --all', 'send the specified signal to all processes inside the container')
    .action((id: string, signal: string, flags: { all?: boolean }) => {
      ctx().runtime.kill(id, parseSignal(signal), flags.all ?? false);
    });
}
