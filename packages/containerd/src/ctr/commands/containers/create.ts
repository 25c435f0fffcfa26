import type { Command } from 'commander';
import type { WithConnection } from '../../types';
import { type ContainerFlags, containerFrom, withContainerFlags } from '../spec';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerContainerCreate(parent: Command, withConnection: WithConnection): void {
  withContainerFlags(parent.command('create').description('record a container that runs CMD in a root filesystem directory'))
    .option('--label <KEY=VALUE>', 'label (repeatable)', collect, [])
    .action((id: string, cmd: string[], o: ContainerFlags & { label: string[] }) =>
      withConnection(async (conn) => {
        const labels = Object.fromEntries(o.label.map((l) => [l.split('=', 1)[0]!, l.slice(l.indexOf('=') + 1)]));
        await conn.call('containers', 'Create', { container: { ...containerFrom(id, cmd, o), labels } });
        process.stdout.write(`${id}\n`);
      }),
    );
}
