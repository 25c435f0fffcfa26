import type { Command } from 'commander';
import type { WithConnection } from '../../types';

export function registerTaskPause(parent: Command, withConnection: WithConnection): void {
  parent
    .command('pause')
    .description('pause tasks')
    .argument('<ids...>')
    .action((ids: string[]) =>
      withConnection(async (conn) => {
        for (const id of ids) await conn.call('tasks', 'Pause', { containerId: id });
      }),
    );
}
