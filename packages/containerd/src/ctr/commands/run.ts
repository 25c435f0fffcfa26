import type { Command } from 'commander';
import { Attachment, drain } from '../attach';
import type { WithConnection } from '../types';
import { runtimeFor, specFor } from './spec';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerRun(program: Command, withConnection: WithConnection): void {
  program
    .command('run')
    .passThroughOptions()
    .description('create a container and run its task: in the foreground (exits with its status), or -d')
    .argument('<id>')
    .argument('<cmd...>')
    .requiredOption('--rootfs <dir>', 'root filesystem directory')
    .option('--runtime <name>', '"builtin" or the path of an OCI runtime binary', 'builtin')
    .option('--runtime-root <dir>', 'the runtime\'s state directory')
    .option('--log <file>', 'json-file log of the container\'s output')
    .option('--shim-group <name>', 'share one shim with the containers of this group')
    .option('--env <KEY=VALUE>', 'environment variable (repeatable)', collect, [])
    .option('-d, --detach', 'leave it running; print the pid')
    .option('-i, --interactive', 'connect our stdin')
    .option('-t, --tty', 'allocate a terminal')
    .option('--rm', 'delete the task and the container after it exits (foreground only)')
    .action(
      (
        id: string,
        cmd: string[],
        o: { rootfs: string; runtime: string; runtimeRoot?: string; log?: string; shimGroup?: string; env: string[]; detach?: boolean; interactive?: boolean; tty?: boolean; rm?: boolean },
      ) =>
        withConnection(async (conn) => {
          const terminal = o.tty ?? false;
          await conn.call('containers', 'Create', { container: { id, spec: specFor(o.rootfs, cmd, { terminal, env: o.env }), runtime: runtimeFor(o) } });
          if (o.detach) {
            await conn.call('tasks', 'Create', { containerId: id });
            process.stdout.write(`${(await conn.call<{ pid: number }>('tasks', 'Start', { containerId: id })).pid}\n`);
            return 0;
          }
          const io = new Attachment({ stdin: o.interactive ?? false, terminal });
          try {
            await conn.call('tasks', 'Create', { containerId: id, terminal, ...io.paths });
            io.followResize(conn, id, '');
            const exit = conn.call<{ exitStatus: number }>('tasks', 'Wait', { containerId: id }, undefined);
            await conn.call('tasks', 'Start', { containerId: id });
            io.connectStdin(conn, id, '');
            const { exitStatus } = await exit;
            await drain();
            if (o.rm) {
              await conn.call('tasks', 'Delete', { containerId: id });
              await conn.call('containers', 'Delete', { id });
            }
            return exitStatus;
          } finally {
            io.close();
          }
        }),
    );
}
