// skiff-containerd's command line: flags named as containerd's, a JSON config file, and the
// long-lived server until SIGTERM or SIGINT.
import { Command, Option } from 'commander';
import { warm } from '@skiff/boot';
import { asSkiffError } from '@skiff/errors';
import { type ConfigFile, LOG_LEVELS, readConfigFile, resolveConfig } from '../config';
import { createLogger } from '../log';
import { startContainerd } from '../server';
import { version } from '../version';

export async function main(argv: string[]): Promise<number | undefined> {
  const program = new Command('skiff-containerd')
    .description('the Skiff container supervisor: containers, tasks (through skiff-shim) and events over gRPC')
    .version(`skiff-containerd ${version}`, '-v, --version')
    .option('--root <dir>', 'persistent state (container records)', undefined)
    .option('--state <dir>', 'runtime state: bundles, shim directories', undefined)
    .option('-a, --address <socket>', 'the unix socket to serve on', undefined)
    .addOption(new Option('-l, --log-level <level>', 'log level').choices(LOG_LEVELS))
    .option('-c, --config <file>', 'a JSON config file (flags win over it)')
    .exitOverride();
  try {
    program.parse(argv);
  } catch (err) {
    const code = (err as { exitCode?: number }).exitCode;
    return code ?? 2;
  }
  const flags = program.opts<{ root?: string; state?: string; address?: string; logLevel?: ConfigFile['logLevel']; config?: string }>();
  try {
    const config = resolveConfig(flags.config ? readConfigFile(flags.config) : {}, {
      root: flags.root,
      state: flags.state,
      address: flags.address,
      logLevel: flags.logLevel,
    });
    const log = createLogger(config.logLevel);
    const containerd = await startContainerd(config, { log });
    const stop = (signal: string) => {
      log.info({ signal }, 'stopping; shims and containers keep running');
      void containerd.stop().then(() => process.exit(0));
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    warm();
    return undefined;
  } catch (err) {
    process.stderr.write(`skiff-containerd: ${asSkiffError(err).message}\n`);
    return 1;
  }
}
