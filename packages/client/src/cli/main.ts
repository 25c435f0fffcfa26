// skiff's command line: docker's verbs, flags and exit statuses over the SDK. Each verb lives in
// commands/; this file only declares the flags and turns outcomes into exit statuses.
import { Command } from 'commander';
import { EngineClient } from '../sdk/client';
import { resolveEndpoint, type HostFlags } from '../sdk/host';
import { version as clientVersion } from '../version';
import type { CliContext } from './context';
import { reportError } from './errors';
import { create } from './commands/create';
import { exec } from './commands/exec';
import { images } from './commands/images';
import { info } from './commands/info';
import { inspect } from './commands/inspect';
import { kill, rm, start, stop, wait } from './commands/lifecycle';
import { logs } from './commands/logs';
import { ps } from './commands/ps';
import { pull } from './commands/pull';
import { run } from './commands/run';
import { version } from './commands/version';

const collect = (value: string, previous: string[] = []) => [...previous, value];
const integer = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`invalid argument "${value}": strconv.Atoi: parsing "${value}": invalid syntax`);
  return n;
};

/** Docker's status for a command line it cannot parse. */
const USAGE_STATUS = 125;

/**
 * Runs one command line; `makeContext` builds the engine from the global flags (tests hand in
 * a fake one) and the result is the process's exit status.
 */
export async function runCli(argv: string[], makeContext: (flags: HostFlags) => CliContext): Promise<number> {
  let status = 0;
  let ctx: CliContext | undefined;
  const program = new Command('skiff')
    .description('a docker-compatible command line for skiffd or dockerd')
    .version(`skiff version ${clientVersion}`, '-v, --version')
    .option('-H, --host <address>', 'daemon socket to connect to (unix:///path, tcp://host:port)')
    .option('--tls', 'use TLS; implied by --tlsverify')
    .option('--tlsverify', 'use TLS and verify the remote')
    .option('--tlscacert <file>', 'trust certs signed only by this CA')
    .option('--tlscert <file>', 'path to TLS certificate file')
    .option('--tlskey <file>', 'path to TLS key file')
    .enablePositionalOptions()
    .exitOverride();
  const context = () => (ctx ??= makeContext(program.opts<HostFlags>()));
  // Usage errors go where the verb's output goes, so tests and embedders see them too.
  program.configureOutput({
    writeOut: (text) => context().stdout.write(text),
    writeErr: (text) => context().stderr.write(text),
  });
  const verb = (name: string, description: string) => {
    const command = program.command(name).description(description).exitOverride();
    command.configureOutput(program.configureOutput());
    return command;
  };
  const act = (fn: (ctx: CliContext) => Promise<number>) => async () => {
    status = await fn(context());
  };

  verb('version', 'show the skiff and daemon versions')
    .option('-f, --format <template>', 'format the output with a Go template')
    .action((o) => act((c) => version(c, o))());
  verb('info', 'display system-wide information')
    .option('-f, --format <template>', 'format the output with a Go template')
    .action((o) => act((c) => info(c, o))());
  verb('ps', 'list containers')
    .option('-a, --all', 'show all containers (default shows just running)')
    .option('-q, --quiet', 'only display container IDs')
    .option('--no-trunc', "don't truncate output")
    .option('--format <template>', 'format output using a Go template or "table ..."')
    .action((o) => act((c) => ps(c, { all: o.all, quiet: o.quiet, noTrunc: o.trunc === false, format: o.format }))());
  verb('images', 'list images')
    .argument('[repository]')
    .option('-a, --all', 'show all images')
    .option('-q, --quiet', 'only show image IDs')
    .option('--no-trunc', "don't truncate output")
    .option('--format <template>', 'format output using a Go template or "table ..."')
    .action((_repo, o) => act((c) => images(c, { all: o.all, quiet: o.quiet, noTrunc: o.trunc === false, format: o.format }))());
  verb('pull', 'download an image from a registry')
    .argument('<name>')
    .action((name) => act((c) => pull(c, name))());

  const containerFlags = (command: Command) =>
    command
      .argument('<image>')
      .argument('[command...]')
      .option('--name <name>', 'assign a name to the container')
      .option('-e, --env <var>', 'set environment variables', collect)
      .option('-w, --workdir <dir>', 'working directory inside the container')
      .option('-u, --user <user>', 'username or UID (format: <name|uid>[:<group|gid>])')
      .option('--entrypoint <command>', 'overwrite the default ENTRYPOINT of the image')
      .option('-i, --interactive', 'keep STDIN open even if not attached')
      .option('-t, --tty', 'allocate a pseudo-TTY')
      .option('--rm', 'automatically remove the container when it exits')
      .passThroughOptions();
  containerFlags(verb('create', 'create a new container')).action((image, command, o) => act((c) => create(c, image, command, o))());
  containerFlags(verb('run', 'create and run a new container from an image'))
    .option('-d, --detach', 'run container in background and print container ID')
    .action((image, command, o) => act((c) => run(c, image, command, o))());

  verb('start', 'start one or more stopped containers')
    .argument('<container...>')
    .option('-a, --attach', "attach STDOUT/STDERR and forward signals")
    .option('-i, --interactive', "attach container's STDIN")
    .action((names, o) => act((c) => start(c, names, o))());
  verb('stop', 'stop one or more running containers')
    .argument('<container...>')
    .option('-t, --time <seconds>', 'seconds to wait before killing the container', integer)
    .action((names, o) => act((c) => stop(c, names, o))());
  verb('kill', 'kill one or more running containers')
    .argument('<container...>')
    .option('-s, --signal <signal>', 'signal to send to the container')
    .action((names, o) => act((c) => kill(c, names, o))());
  verb('rm', 'remove one or more containers')
    .argument('<container...>')
    .option('-f, --force', 'force the removal of a running container (uses SIGKILL)')
    .option('-v, --volumes', 'remove anonymous volumes associated with the container')
    .action((names, o) => act((c) => rm(c, names, o))());
  verb('wait', 'block until one or more containers stop, then print their exit codes')
    .argument('<container...>')
    .action((names) => act((c) => wait(c, names))());
  verb('logs', 'fetch the logs of a container')
    .argument('<container>')
    .option('-f, --follow', 'follow log output')
    .option('-t, --timestamps', 'show timestamps')
    .option('-n, --tail <lines>', 'number of lines to show from the end of the logs', 'all')
    .action((name, o) => act((c) => logs(c, name, o))());
  verb('inspect', 'return low-level information on Docker objects')
    .argument('<name...>')
    .option('-f, --format <template>', 'format output using a Go template')
    .option('--type <type>', 'only inspect objects of the given type (container, image)')
    .action((names, o) => act((c) => inspect(c, names, o))());
  verb('exec', 'execute a command in a running container')
    .argument('<container>')
    .argument('<command...>')
    .option('-i, --interactive', 'keep STDIN open even if not attached')
    .option('-t, --tty', 'allocate a pseudo-TTY')
    .option('-d, --detach', 'detached mode: run command in the background')
    .option('-e, --env <var>', 'set environment variables', collect)
    .option('-w, --workdir <dir>', 'working directory inside the container')
    .option('-u, --user <user>', 'username or UID (format: <name|uid>[:<group|gid>])')
    .passThroughOptions()
    .action((name, command, o) => act((c) => exec(c, name, command, o))());

  try {
    await program.parseAsync(argv);
  } catch (err) {
    const exitCode = (err as { exitCode?: number; code?: string }).exitCode;
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('commander.')) return code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help' ? 0 : exitCode === 0 ? 0 : USAGE_STATUS;
    if (ctx) reportError(ctx, err);
    else process.stderr.write(`${(err as Error).message}\n`);
    return 1;
  }
  return status;
}

export function main(argv: string[]): Promise<number> {
  return runCli(argv, (flags) => ({
    engine: new EngineClient({ endpoint: resolveEndpoint(flags, process.env), apiVersion: process.env.DOCKER_API_VERSION || undefined }),
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    now: () => new Date(),
  }));
}
