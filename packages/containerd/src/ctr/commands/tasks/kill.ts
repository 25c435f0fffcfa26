import { constants } from 'node:os';
import type { Command } from 'commander';
import { invalidArgument } from '@skiff/errors';
import type { WithConnection } from '../../types';

/** "KILL", "SIGKILL" or "9". */
export function signalNumber(name: string): number {
  if (/^\d+$/.test(name)) return Number(name);
  const upper = name.toUpperCase();
  const n = (constants.signals as Record<string, number>)[upper.startsWith('SIG') ? upper : `SIG${upper}`];
  if (n === undefined) throw invalidArgument(`unknown signal "${name}"`);
  return n;
}

export function registerTaskKill(parent: Command, withConnection: WithConnection): void {
  parent
    .command('kill')
    .description('signal a task (SIGTERM by default)')
    .argument('<id>')
    .option('-s, --signal <signal>', 'signal name or number', 'SIGTERM')
    .option('--exec-id <id>', 'signal an exec\'d process instead of the init', '')
    .option('-a, --all', 'signal every process of the task')
    .action((id: string, o: { signal: string; execId: string; all?: boolean }) =>
      withConnection(async (conn) => {
        await conn.call('tasks', 'Kill', { containerId: id, execId: o.execId, signal: signalNumber(o.signal), all: o.all ?? false });
      }),
    );
}
