import type { Command } from 'commander';
import type { WithConnection } from '../../types';

export function registerContainerDelete(parent: Command, withConnection: WithConnection): void {
  parent
    .command('delete')
    .alias('rm')
    .description('delete container records (their tasks must be deleted first)')
    .argument('<ids...>')
    .action((ids: string[]) =>
      withConnection(async (conn) => {
        for (const id of ids) await conn.call('containers', 'Delete', { id });
      }),
    );
}
