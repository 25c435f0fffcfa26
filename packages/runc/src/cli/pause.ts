import { Command } from 'commander';
import type { CliContext } from './context';

export function register(program: Command, ctx: () => CliContext): void {
  program
    .command('pause')
    .description('pause suspends all processes inside the container')
    .argument('<container-id>')
    .action((id: string) => ctx().runtime.pause(id));
}
