import { Command } from 'commander';
import type { CliContext } from './context';

export function register(program: Command, ctx: () => CliContext): void {
  program
    .command('state')
    .description('output the state of a container')
    .argument('<container-id>')
    .action((id: string) => {
      process.stdout.write(JSON.stringify(ctx().runtime.state(id), null, '  ') + '\n');
    });
}
