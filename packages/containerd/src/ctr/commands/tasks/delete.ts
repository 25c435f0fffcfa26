import type { Command } from 'commander';
import type { WithConnection } from '../../types';

export function registerTaskDelete(parent: Command, withConnection: WithConnection): void {
  parent
    .command('delete')
    .alias('rm')
    .description('delete stopped tasks (or one exec\'d process); prints each exit status')
    .argument('<ids...>')
    .option('--exec-id <id>', 'delete this exec\'d process of the task', '')
    .option('-f, --force', 'kill the task first')
    .action((ids: string[], o: { execId: string; force?: boolean }) =>
      withConnection(async (conn) => {
        for (const id of ids) {
          if (o.execId) {
            await conn.call('tasks', 'DeleteProcess', { containerId: id, execId: o.execId });
            continue;
          }
          if (o.force) {
            await conn.call('tasks', 'Kill', { containerId: id, signal: 9, all: true }).catch(() => undefined);
            await conn.call('tasks', 'Wait', { containerId: id }, 10_000);
          }
          const r = await conn.call<{ exitStatus: number }>('tasks', 'Delete', { containerId: id });
          process.stdout.write(`${id} ${r.exitStatus}\n`);
        }
      }),
    );
}
