import type { Command } from 'commander';
import { Attachment, drain } from '../../attach';
import type { WithConnection } from '../../types';

export function registerTaskStart(parent: Command, withConnection: WithConnection): void {
  parent
    .command('start')
    .description('create and start the task of a container; in the foreground unless -d')
    .argument('<id>')
    .option('-d, --detach', 'do not wait; output goes only to the container\'s log')
    .option('-i, --interactive', 'connect our stdin to the task')
    .option('-t, --tty', 'the container\'s spec has a terminal')
    .action((id: string, o: { detach?: boolean; interactive?: boolean; tty?: boolean }) =>
      withConnection(async (conn) => {
        if (o.detach) {
          await conn.call('tasks', 'Create', { containerId: id });
          const { pid } = await conn.call<{ pid: number }>('tasks', 'Start', { containerId: id });
          process.stdout.write(`${pid}\n`);
          return 0;
        }
        const io = new Attachment({ stdin: o.interactive ?? false, terminal: o.tty ?? false });
        try {
          await conn.call('tasks', 'Create', { containerId: id, terminal: o.tty ?? false, ...io.paths });
          io.followResize(conn, id, '');
          const exit = conn.call<{ exitStatus: number }>('tasks', 'Wait', { containerId: id }, undefined);
          await conn.call('tasks', 'Start', { containerId: id });
          io.connectStdin(conn, id, '');
          const { exitStatus } = await exit;
          await drain();
          await conn.call('tasks', 'Delete', { containerId: id });
          return exitStatus;
        } finally {
          io.close();
        }
      }),
    );
}
