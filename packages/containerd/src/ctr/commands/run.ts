import type { Command } from 'commander';
import type { WithConnection } from '../types';
import { runTask } from '../run-task';
import { type ContainerFlags, containerFrom, withContainerFlags } from './spec';

export function registerRun(program: Command, withConnection: WithConnection): void {
  withContainerFlags(program.command('run').description('create a container and run its task: in the foreground (exits with its status), or -d'))
    .option('-d, --detach', 'leave it running; print the pid')
    .option('-i, --interactive', 'connect our stdin')
    .option('--rm', 'delete the task and the container after it exits (foreground only)')
    .action((id: string, cmd: string[], o: ContainerFlags & { detach?: boolean; interactive?: boolean; rm?: boolean }) =>
      withConnection(async (conn) => {
        await conn.call('containers', 'Create', { container: containerFrom(id, cmd, o) });
        const exitStatus = await runTask(conn, id, o);
        if (!o.detach && o.rm) {
          await conn.call('tasks', 'Delete', { containerId: id });
          await conn.call('containers', 'Delete', { id });
        }
        return exitStatus;
      }),
    );
}
