import { Command, CommanderError } from 'commander';
import { asSkiffError } from '@skiff/errors';
import { Runtime } from '../lib/runtime';
import type { CliContext } from './context';
import { LogFormat, LogLevel, Logger } from './logger';
import * as create from './create';
import * as del from './delete';
import * as events from './events';
import * as exec from './exec';
import * as features from './features';
import * as kill from './kill';
import * as list from './list';
import * as pause from './pause';
import * as ps from './ps';
import * as resume from './resume';
import * as run from './run';
import * as spec from './spec';
import * as start from './start';
import * as state from './state';
import * as update from './update';

export const VERSION = '0.1.0';
const SPEC_VERSION = '1.0.2-dev';

interface GlobalFlags {
  root: string;
  log?: string;
  logFormat: string;
  debug?: boolean;
  systemdCgroup?: boolean;
}

const verbs = [create, start, run, state, kill, del, exec, list, ps, pause, resume, events, update, features, spec];

export async function main(argv: string[]): Promise<number> {
  let logger = new Logger(undefined, 'text', 'info');
  let context: CliContext | undefined;
  const program = new Command('skiff-runc')
    .description('skiff-runc: an OCI runtime (runc-compatible command line) written in TypeScript')
    .version(
      `skiff-runc version ${VERSION}\nspec: ${SPEC_VERSION}\nnode: ${process.version}`,
      '-v, --version',
      'print the version',
    )
    .option('--root <dir>', 'root directory for storage of container state', '/run/skiff-runc')
    .option('--log <file>', 'set the log file to write skiff-runc logs to (default is stderr)')
    .option('--log-format <format>', 'set the log format (text or json)', 'text')
    .option('--debug', 'enable debug logging')
    .option('--systemd-cgroup', 'enable systemd cgroup support (not supported by skiff-runc)')
    .option('--rootless <value>', 'ignore cgroup permission errors (not supported: rootful only)')
    .option('--criu <path>', 'path to the criu binary (checkpoint/restore is not supported)')
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeErr: (text) => logger.error(text.replace(/^error: /, '').trim()) });

  const ctx = (): CliContext => {
    if (context) return context;
    const flags = program.opts<GlobalFlags>();
    if (flags.systemdCgroup) throw new Error('systemd cgroup driver is not supported by skiff-runc');
    context = { runtime: new Runtime({ root: flags.root, warn: (m) => logger.warn(m) }), logger, root: flags.root };
    return context;
  };
  program.hook('preAction', () => {
    const flags = program.opts<GlobalFlags>();
    const format: LogFormat = flags.logFormat === 'json' ? 'json' : 'text';
    const level: LogLevel = flags.debug ? 'debug' : 'info';
    logger = new Logger(flags.log, format, level);
  });
  for (const verb of verbs) verb.register(program, ctx);

  try {
    await program.parseAsync(argv);
    return context?.exitCode ?? 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end parsing with a "success" error; real usage errors were logged by writeErr.
      return err.exitCode === 0 ? 0 : 1;
    }
    const message = asSkiffError(err).message;
    logger.error(message);
    if (!logger.toStderr) process.stderr.write(`${message}\n`);
    return 1;
  }
}
