import type { Command } from 'commander';
import type { WithConnection } from '../../types';
import { table } from '../../output';

export function registerTaskPs(parent: Command, withConnection: WithConnection): void {
  parent
    .command('ps')
    .description('the processes of a task')
    .argument('<id>')
    .action((id: string) =>
      withConnection(async (conn) => {
        const { processes } = await conn.call<{ processes: Array<{ pid: number; execId: string }> }>('tasks', 'ListPids', { containerId: id });
        process.stdout.write(table(['PID', 'EXEC'], processes.map((p) => [String(p.pid), p.execId || '-'])));
      }),
    );
}
