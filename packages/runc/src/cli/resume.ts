import { Command } from 'commander';
import type { CliContext } from './context';

export function register(program: Command, ctx: () => CliContext): void {
  program
    .command('resume')
    .description('resumes all processes that have been previously paused')
    .argument('<container-id>')
    .action((id: string) => ctx().runtime.resume(id));
}
