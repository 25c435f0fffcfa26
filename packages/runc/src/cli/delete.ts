import { Command } from 'commander';
import type { CliContext } from './context';

export function register(program: Command, ctx: () => CliContext): void {
  program
    .command('delete')
    .description('delete any resources held by the container often used with detached container')
    .argument('<container-id>')
    .option('-f, --force', 'forcibly deletes the container if it is still running (uses SIGKILL)')
    .action((id: string, flags: { force?: boolean }) => ctx().runtime.delete(id, flags.force ?? false));
}
