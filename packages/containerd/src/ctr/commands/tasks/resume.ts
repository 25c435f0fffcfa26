import type { Command } from 'commander';
import type { WithConnection } from '../../types';

export function registerTaskResume(parent: Command, withConnection: WithConnection): void {
  parent
    .command('resume')
    .description('resume tasks')
    .argument('<ids...>')
    .action((ids: string[]) =>
      withConnection(async (conn) => {
        for (const id of ids) await conn.call('tasks', 'Resume', { containerId: id });
      }),
    );
}
