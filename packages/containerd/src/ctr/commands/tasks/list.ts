import type { Command } from 'commander';
import type { WithConnection } from '../../types';
import { table } from '../../output';

export function registerTaskList(parent: Command, withConnection: WithConnection): void {
  parent
    .command('list')
    .alias('ls')
    .description('list tasks (filters such as status==RUNNING)')
    .argument('[filters...]')
    .action((filters: string[]) =>
      withConnection(async (conn) => {
        const { tasks } = await conn.call<{ tasks: Array<{ containerId: string; pid: number; status: string; exitStatus: number }> }>('tasks', 'List', { filters });
        const rows = tasks.map((t) => [t.containerId, String(t.pid), t.status === 'STOPPED' ? `STOPPED (${t.exitStatus})` : t.status]);
        process.stdout.write(table(['TASK', 'PID', 'STATUS'], rows));
      }),
    );
}
