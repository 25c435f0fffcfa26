import type { Command } from 'commander';
import type { WithConnection } from '../../types';
import { runtimeFor, specFor } from '../spec';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerContainerCreate(parent: Command, withConnection: WithConnection): void {
  parent
    .command('create')
    .passThroughOptions()
    .description('record a container that runs CMD in a root filesystem directory')
    .argument('<id>')
    .argument('<cmd...>')
    .requiredOption('--rootfs <dir>', 'root filesystem directory')
    .option('--runtime <name>', '"builtin" or the path of an OCI runtime binary', 'builtin')
    .option('--runtime-root <dir>', 'the runtime\'s state directory')
    .option('--log <file>', 'json-file log of the container\'s output')
    .option('--shim-group <name>', 'share one shim with the containers of this group')
    .option('-t, --tty', 'allocate a terminal')
    .option('--env <KEY=VALUE>', 'environment variable (repeatable)', collect, [])
    .option('--label <KEY=VALUE>', 'label (repeatable)', collect, [])
    .action((id: string, cmd: string[], o: { rootfs: string; runtime: string; runtimeRoot?: string; log?: string; shimGroup?: string; tty?: boolean; env: string[]; label: string[] }) =>
      withConnection(async (conn) => {
        const labels = Object.fromEntries(o.label.map((l) => [l.split('=', 1)[0]!, l.slice(l.indexOf('=') + 1)]));
        await conn.call('containers', 'Create', {
          container: { id, labels, spec: specFor(o.rootfs, cmd, { terminal: o.tty ?? false, env: o.env }), runtime: runtimeFor(o) },
        });
        process.stdout.write(`${id}\n`);
      }),
    );
}
