import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command } from 'commander';
import { alreadyExists } from '@skiff/errors';
import { ociSpec } from '../lib/oci-spec-lazy';
import type { CliContext } from './context';

export function register(program: Command, _ctx: () => CliContext): void {
  program
    .command('spec')
    .description('create a new specification file')
    .option('-b, --bundle <path>', 'path to the root of the bundle directory', '.')
    .option('--rootless', 'generate a configuration for a rootless container')
    .action((flags: { bundle: string; rootless?: boolean }) => {
      const file = path.join(flags.bundle, 'config.json');
      if (fs.existsSync(file)) throw alreadyExists('File config.json exists. Remove it first.');
      fs.writeFileSync(file, JSON.stringify(ociSpec().defaultSpec({ rootless: flags.rootless ?? false }), null, '\t') + '\n');
    });
}
