import type { Command } from 'commander';
import { runTask } from '../../run-task';
import type { WithConnection } from '../../types';

export function registerTaskStart(parent: Command, withConnection: WithConnection): void {
  parent
    .command('start')
    .description('create and start the task of a container; in the foreground unless -d')
    .argument('<id>')
    .option('-d, --detach', "do not wait; output goes only to the container's log")
    .option('-i, --interactive', 'connect our stdin to the task')
    .option('-t, --tty', "the container's spec has a terminal")
    .action((id: string, o: { detach?: boolean; interactive?: boolean; tty?: boolean }) =>
      withConnection(async (conn) => {
        const exitStatus = await runTask(conn, id, o);
        if (!o.detach) await conn.call('tasks', 'Delete', { containerId: id });
        return exitStatus;
      }),
    );
}
