import type { Command } from 'commander';
import type { WithConnection } from '../../types';
import { timestampText } from '../../output';

export function registerTaskWait(parent: Command, withConnection: WithConnection): void {
  parent
    .command('wait')
    .description('wait for a task (or an exec\'d process) to exit; exits with its status')
    .argument('<id>')
    .option('--exec-id <id>', 'wait for this exec\'d process', '')
    .action((id: string, o: { execId: string }) =>
      withConnection(async (conn) => {
        const r = await conn.call<{ exitStatus: number; exitedAt: { seconds: string; nanos: number } | null }>('tasks', 'Wait', { containerId: id, execId: o.execId }, undefined);
        process.stdout.write(`${r.exitStatus} ${timestampText(r.exitedAt)}\n`);
        return r.exitStatus;
      }),
    );
}
