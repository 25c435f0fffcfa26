import { Attachment, drain } from './attach';
import type { Connection } from './connection';

/**
 * Creates and starts a container's task. Detached: prints its pid and returns 0. In the
 * foreground: our stdio (and terminal size) are the task's until it exits; returns its status.
 */
export async function runTask(conn: Connection, id: string, o: { detach?: boolean; interactive?: boolean; tty?: boolean }): Promise<number> {
  if (o.detach) {
    await conn.call('tasks', 'Create', { containerId: id });
    const { pid } = await conn.call<{ pid: number }>('tasks', 'Start', { containerId: id });
    process.stdout.write(`${pid}\n`);
    return 0;
  }
  const terminal = o.tty ?? false;
  const io = new Attachment({ stdin: o.interactive ?? false, terminal });
  try {
    await conn.call('tasks', 'Create', { containerId: id, terminal, ...io.paths });
    io.followResize(conn, id, '');
    const exit = conn.call<{ exitStatus: number }>('tasks', 'Wait', { containerId: id }, undefined);
    await conn.call('tasks', 'Start', { containerId: id });
    io.connectStdin(conn, id, '');
    const { exitStatus } = await exit;
    await drain();
    return exitStatus;
  } finally {
    io.close();
  }
}
