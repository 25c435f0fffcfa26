import { Command } from 'commander';
import type { CliContext } from './context';

export function register(program: Command, ctx: () => CliContext): void {
  program
    .command('start')
    .description('executes the user defined process in a created container')
    .argument('<container-id>')
    .action((id: string) => ctx().runtime.start(id));
}
