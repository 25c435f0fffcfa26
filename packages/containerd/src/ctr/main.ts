// skiff-ctr: a small debug client of skiff-containerd, in the spirit of containerd's ctr. One
// file per verb under commands/; each adds its subcommand to the program.
import { Command } from 'commander';
import { asSkiffError } from '@skiff/errors';
import { version } from '../version';
import { Connection } from './connection';
import { registerContainers } from './commands/containers';
import { registerEvents } from './commands/events';
import { registerRun } from './commands/run';
import { registerTasks } from './commands/tasks';
import { registerVersion } from './commands/version';
import type { GlobalOptions, WithConnection } from './types';


export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('skiff-ctr')
    .description('debug client of skiff-containerd: containers, tasks and events')
    .version(`skiff-ctr ${version}`, '-v, --version')
    .option('-a, --address <socket>', 'skiff-containerd socket', process.env.SKIFF_CONTAINERD_ADDRESS ?? '/run/skiff/containerd/containerd.sock')
    .option('-n, --namespace <ns>', 'namespace', process.env.SKIFF_NAMESPACE ?? 'default')
    .enablePositionalOptions()
    .showHelpAfterError()
    .exitOverride();
  const withConnection: WithConnection = async (action) => {
    const { address, namespace } = program.opts<GlobalOptions>();
    const conn = new Connection(address, namespace);
    try {
      exitCode = (await action(conn)) ?? 0;
    } finally {
      conn.close();
    }
  };
  registerVersion(program, withConnection);
  registerContainers(program, withConnection);
  registerTasks(program, withConnection);
  registerEvents(program, withConnection);
  registerRun(program, withConnection);
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    const code = (err as { exitCode?: number; code?: string }).exitCode;
    if (code !== undefined && (err as { code?: string }).code?.startsWith('commander.')) return code;
    process.stderr.write(`skiff-ctr: ${asSkiffError(err).message}\n`);
    return 1;
  }
}
