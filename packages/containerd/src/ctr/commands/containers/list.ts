import type { Command } from 'commander';
import type { WithConnection } from '../../types';
import { table } from '../../output';

export function registerContainerList(parent: Command, withConnection: WithConnection): void {
  parent
    .command('list')
    .alias('ls')
    .description('list containers (filters as in protos/README.md, e.g. labels.app==web)')
    .argument('[filters...]')
    .action((filters: string[]) =>
      withConnection(async (conn) => {
        const { containers } = await conn.call<{ containers: Array<{ id: string; image: string; runtime: { name: string } | null }> }>('containers', 'List', { filters });
        process.stdout.write(table(['CONTAINER', 'IMAGE', 'RUNTIME'], containers.map((c) => [c.id, c.image || '-', c.runtime?.name || '-'])));
      }),
    );
}
