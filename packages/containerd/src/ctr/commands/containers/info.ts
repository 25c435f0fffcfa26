import type { Command } from 'commander';
import type { WithConnection } from '../../types';

export function registerContainerInfo(parent: Command, withConnection: WithConnection): void {
  parent
    .command('info')
    .description('print a container record as JSON (the spec decoded)')
    .argument('<id>')
    .action((id: string) =>
      withConnection(async (conn) => {
        const { container } = await conn.call<{ container: { spec: Buffer } & Record<string, unknown> }>('containers', 'Get', { id });
        const spec = container.spec.length ? JSON.parse(container.spec.toString('utf8')) : null;
        process.stdout.write(`${JSON.stringify({ ...container, spec }, null, 2)}\n`);
      }),
    );
}
