import type { Command } from 'commander';
import type { WithConnection } from '../../types';
import { table } from '../../output';

interface Sample {
  containerId: string;
  cpu: { usageTotalNs: string } | null;
  memory: { usageBytes: string; limitBytes: string } | null;
  pids: { current: string } | null;
}

export function registerTaskMetrics(parent: Command, withConnection: WithConnection): void {
  parent
    .command('metrics')
    .description('one resource-use sample of each running task (filters as for list)')
    .argument('[filters...]')
    .option('--json', 'print the samples as JSON')
    .action((filters: string[], o: { json?: boolean }) =>
      withConnection(async (conn) => {
        const { metrics } = await conn.call<{ metrics: Sample[] }>('tasks', 'Metrics', { filters });
        if (o.json) {
          process.stdout.write(`${JSON.stringify(metrics, null, 2)}\n`);
          return;
        }
        const rows = metrics.map((m) => [
          m.containerId,
          `${(Number(m.cpu?.usageTotalNs ?? 0) / 1e9).toFixed(3)}s`,
          `${(Number(m.memory?.usageBytes ?? 0) / 2 ** 20).toFixed(1)}MiB`,
          m.memory && m.memory.limitBytes !== '0' ? `${(Number(m.memory.limitBytes) / 2 ** 20).toFixed(1)}MiB` : '-',
          m.pids?.current ?? '0',
        ]);
        process.stdout.write(table(['TASK', 'CPU', 'MEMORY', 'LIMIT', 'PIDS'], rows));
      }),
    );
}
