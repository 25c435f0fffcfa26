import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { Attachment, drain } from '../../attach';
import type { WithConnection } from '../../types';

export function registerTaskExec(parent: Command, withConnection: WithConnection): void {
  parent
    .command('exec')
    .passThroughOptions()
    .description('run another process in a running task, in the foreground')
    .argument('<id>')
    .argument('<cmd...>')
    .option('--exec-id <id>', 'the process\'s id (default: random)')
    .option('-i, --interactive', 'connect our stdin')
    .option('-t, --tty', 'allocate a terminal')
    .option('--cwd <dir>', 'working directory', '/')
    .action((id: string, cmd: string[], o: { execId?: string; interactive?: boolean; tty?: boolean; cwd: string }) =>
      withConnection(async (conn) => {
        const execId = o.execId ?? `exec-${randomBytes(4).toString('hex')}`;
        const terminal = o.tty ?? false;
        const spec = Buffer.from(JSON.stringify({ args: cmd, cwd: o.cwd, terminal, env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], user: { uid: 0, gid: 0 } }));
        const io = new Attachment({ stdin: o.interactive ?? false, terminal });
        try {
          await conn.call('tasks', 'Exec', { containerId: id, execId, terminal, spec, ...io.paths });
          const exit = conn.call<{ exitStatus: number }>('tasks', 'Wait', { containerId: id, execId }, undefined);
          await conn.call('tasks', 'Start', { containerId: id, execId });
          io.followResize(conn, id, execId);
          io.connectStdin(conn, id, execId);
          const { exitStatus } = await exit;
          await drain();
          await conn.call('tasks', 'DeleteProcess', { containerId: id, execId });
          return exitStatus;
        } finally {
          io.close();
        }
      }),
    );
}
