import type { Command } from 'commander';
import { version } from '../../version';
import type { WithConnection } from '../types';

export function registerVersion(program: Command, withConnection: WithConnection): void {
  program
    .command('version')
    .description('print the client and server versions')
    .action(() =>
      withConnection(async (conn) => {
        const server = await conn.call<{ version: string; revision: string }>('version', 'Version', {});
        process.stdout.write(`Client:\n  Version: ${version}\n\nServer:\n  Version: ${server.version}\n  Revision: ${server.revision || '-'}\n`);
      }),
    );
}
