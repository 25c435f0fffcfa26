import type { Command } from 'commander';
import type { Envelope__Output } from '@skiff/protos/generated/skiff/events/v1/Envelope';
import type { WithConnection } from '../types';
import { timestampText } from '../output';

export function registerEvents(program: Command, withConnection: WithConnection): void {
  program
    .command('events')
    .description('print events as they happen, one line each (filters such as topic~=^/tasks/)')
    .argument('[filters...]')
    .action((filters: string[]) =>
      withConnection(
        (conn) =>
          new Promise<void>((resolve, reject) => {
            const stream = conn.stream<Envelope__Output>('events', 'Subscribe', { filters });
            stream.on('data', (e: Envelope__Output) => {
              const payload = e.event ? (e as unknown as Record<string, unknown>)[e.event] : null;
              process.stdout.write(`${timestampText(e.timestamp)} ${e.namespace} ${e.topic} ${JSON.stringify(payload)}\n`);
            });
            stream.on('error', (err: Error & { code?: number }) => (err.code === 1 ? resolve() : reject(err)));
            stream.on('end', resolve);
            process.once('SIGINT', () => stream.cancel());
          }),
      ),
    );
}
