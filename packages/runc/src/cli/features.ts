import { Command } from 'commander';
import { knownFlags, supportedActions, supportedArchitectures, supportedFlags, supportedOperators } from '../seccomp';
import { ociSpec } from '../lib/oci-spec-lazy';
import type { CliContext } from './context';

export function register(program: Command, _ctx: () => CliContext): void {
  program
    .command('features')
    .description('show the enabled features')
    .action(() => {
      const features = ociSpec().runtimeFeatures({
        seccomp: {
          actions: supportedActions,
          operators: supportedOperators,
          archs: supportedArchitectures,
          knownFlags,
          supportedFlags,
        },
      });
      process.stdout.write(JSON.stringify(features, null, '    ') + '\n');
    });
}
