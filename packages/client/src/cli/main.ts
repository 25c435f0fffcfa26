// skiff's command line: docker's verbs, flags and exit statuses over the SDK. Each verb lives in
// commands/; this file only declares the flags and turns outcomes into exit statuses.
import { Command } from 'commander';
import { EngineClient } from '../sdk/client';
import { resolveEndpoint, type HostFlags } from '../sdk/host';
import { version as clientVersion } from '../version';
import type { CliContext } from './context';
import { reportError } from './errors';
import { boolValue, filterFlag, FlagError } from './flags';
import { create } from './commands/create';
import { exec } from './commands/exec';
import { images } from './commands/images';
import { info } from './commands/info';
import { inspect } from './commands/inspect';
import { kill, pause, restart, rm, start, stop, unpause, wait } from './commands/lifecycle';
import { attach } from './commands/attach';
import { commit } from './commands/commit';
import { cp } from './commands/cp';
import { diff } from './commands/diff';
import { events } from './commands/events';
import { exportContainer } from './commands/export';
import { history } from './commands/history';
import { importImage } from './commands/import';
import { load } from './commands/load';
import { login, logout } from './commands/login';
import { networkConnect, networkCreate, networkDisconnect, networkInspect, networkLs, networkPrune, networkRm } from './commands/network';
import { port } from './commands/port';
import { push } from './commands/push';
import { rename } from './commands/rename';
import { rmi } from './commands/rmi';
import { save } from './commands/save';
import { stats } from './commands/stats';
import { systemDf, systemPrune } from './commands/system';
import { tag } from './commands/tag';
import { top } from './commands/top';
import { volumeCreate, volumeInspect, volumeLs, volumePrune, volumeRm } from './commands/volume';
import { configDir } from '../sdk/auth';
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

/** Go's optional boolean flag value: `-H=false` reaches commander as "=false". */
const boolFlag = (value: string) => !/^=?(false|0)$/i.test(value);

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
    .option('-f, --filter <filter>', 'filter output based on conditions provided', filterFlag('-f, --filter', 'ps [OPTIONS]'))
    .action((o) => act((c) => ps(c, { all: o.all, quiet: o.quiet, noTrunc: o.trunc === false, format: o.format, filters: o.filter }))());
  verb('images', 'list images')
    .argument('[repository]')
    .option('-a, --all', 'show all images')
    .option('-q, --quiet', 'only show image IDs')
    .option('--no-trunc', "don't truncate output")
    .option('--format <template>', 'format output using a Go template or "table ..."')
    .option('-f, --filter <filter>', 'filter output based on conditions provided', filterFlag('-f, --filter', 'images [OPTIONS] [REPOSITORY[:TAG]]'))
    .action((repo, o) => act((c) => images(c, { all: o.all, quiet: o.quiet, noTrunc: o.trunc === false, format: o.format, filters: o.filter, reference: repo }))());
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
      .option('--detach-keys <keys>', 'override the key sequence for detaching a container')
      .passThroughOptions();
  containerFlags(verb('create', 'create a new container')).action((image, command, o) => act((c) => create(c, image, command, o))());
  containerFlags(verb('run', 'create and run a new container from an image'))
    .option('-d, --detach', 'run container in background and print container ID')
    .option('--sig-proxy [bool]', 'proxy received signals to the process', boolValue('--sig-proxy', 'run [OPTIONS] IMAGE [COMMAND] [ARG...]'), true)
    .action((image, command, o) => act((c) => run(c, image, command, o))());

  verb('start', 'start one or more stopped containers')
    .argument('<container...>')
    .option('-a, --attach', "attach STDOUT/STDERR and forward signals")
    .option('-i, --interactive', "attach container's STDIN")
    .option('--sig-proxy [bool]', 'proxy received signals to the process while attached', boolValue('--sig-proxy', 'start [OPTIONS] CONTAINER [CONTAINER...]'), true)
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
    .option('--detach-keys <keys>', 'override the key sequence for detaching a container')
    .passThroughOptions()
    .action((name, command, o) => act((c) => exec(c, name, command, o))());

  verb('restart', 'restart one or more containers')
    .argument('<container...>')
    .option('-t, --time <seconds>', 'seconds to wait before killing the container', integer)
    .action((names, o) => act((c) => restart(c, names, o))());
  verb('pause', 'pause all processes within one or more containers')
    .argument('<container...>')
    .action((names) => act((c) => pause(c, names))());
  verb('unpause', 'unpause all processes within one or more containers')
    .argument('<container...>')
    .action((names) => act((c) => unpause(c, names))());
  verb('rename', 'rename a container')
    .argument('<container>')
    .argument('<new-name>')
    .action((name, newName) => act((c) => rename(c, name, newName))());
  verb('top', 'display the running processes of a container')
    .argument('<container>')
    .argument('[ps-options...]')
    .passThroughOptions()
    .action((name, psArgs) => act((c) => top(c, name, psArgs))());
  verb('port', 'list port mappings or a specific mapping for the container')
    .argument('<container>')
    .argument('[private-port]')
    .action((name, privatePort) => act((c) => port(c, name, privatePort))());
  verb('diff', "inspect changes to files or directories on a container's filesystem")
    .argument('<container>')
    .action((name) => act((c) => diff(c, name))());
  verb('attach', "attach local standard input, output, and error streams to a running container")
    .argument('<container>')
    .option('--detach-keys <keys>', 'override the key sequence for detaching a container')
    .option('--no-stdin', 'do not attach STDIN')
    .option('--sig-proxy [bool]', 'proxy all received signals to the process', boolFlag, true)
    .action((name, o) => act((c) => attach(c, name, { stdin: o.stdin !== false, detachKeys: o.detachKeys, sigProxy: o.sigProxy !== false }))());
  verb('tag', 'create a tag TARGET_IMAGE that refers to SOURCE_IMAGE')
    .argument('<source>')
    .argument('<target>')
    .action((source, target) => act((c) => tag(c, source, target))());
  verb('rmi', 'remove one or more images')
    .argument('<image...>')
    .option('-f, --force', 'force removal of the image')
    .option('--no-prune', 'do not delete untagged parents')
    .action((names, o) => act((c) => rmi(c, names, { force: o.force, noPrune: o.prune === false }))());
  verb('history', 'show the history of an image')
    .argument('<image>')
    .option('-H, --human [bool]', 'print sizes and dates in human readable format', boolFlag, true)
    .option('--no-trunc', "don't truncate output")
    .option('-q, --quiet', 'only show image IDs')
    .option('--format <template>', 'format output using a Go template or "table ..."')
    .action((name, o) => act((c) => history(c, name, { human: o.human !== false, noTrunc: o.trunc === false, quiet: o.quiet, format: o.format }))());
  verb('push', 'upload an image to a registry')
    .argument('<name>')
    .option('-a, --all-tags', 'push all tags of an image to the repository')
    .option('-q, --quiet', 'suppress verbose output')
    .action((name, o) => act((c) => push(c, name, o))());
  verb('save', 'save one or more images to a tar archive (streamed to STDOUT by default)')
    .argument('<image...>')
    .option('-o, --output <file>', 'write to a file, instead of STDOUT')
    .action((names, o) => act((c) => save(c, names, o))());
  verb('load', 'load an image from a tar archive or STDIN')
    .option('-i, --input <file>', 'read from tar archive file, instead of STDIN')
    .option('-q, --quiet', 'suppress the load output')
    .action((o) => act((c) => load(c, o))());
  verb('import', 'import the contents from a tarball to create a filesystem image')
    .argument('<file>')
    .argument('[repository]')
    .option('-c, --change <instruction>', 'apply Dockerfile instruction to the created image', collect)
    .option('-m, --message <message>', 'set commit message for imported image')
    .action((file, reference, o) => act((c) => importImage(c, file, reference, o))());
  verb('commit', "create a new image from a container's changes")
    .argument('<container>')
    .argument('[repository]')
    .option('-a, --author <author>', 'author (e.g., "John Hannibal Smith <hannibal@a-team.com>")')
    .option('-m, --message <message>', 'commit message')
    .option('-c, --change <instruction>', 'apply Dockerfile instruction to the created image', collect)
    .option('-p, --pause [bool]', 'pause container during commit', boolFlag, true)
    .action((name, reference, o) => act((c) => commit(c, name, reference, { ...o, pause: o.pause !== false }))());
  verb('export', "export a container's filesystem as a tar archive")
    .argument('<container>')
    .option('-o, --output <file>', 'write to a file, instead of STDOUT')
    .action((name, o) => act((c) => exportContainer(c, name, o))());
  verb('cp', 'copy files/folders between a container and the local filesystem')
    .argument('<source>')
    .argument('<destination>')
    .option('-a, --archive', 'archive mode (copy all uid/gid information)')
    .option('-L, --follow-link', 'always follow symbol link in SRC_PATH')
    .option('-q, --quiet', 'suppress progress output during copy')
    .action((from, to, o) => act((c) => cp(c, from, to, o))());
  verb('stats', 'display a live stream of container(s) resource usage statistics')
    .argument('[container...]')
    .option('-a, --all', 'show all containers (default shows just running)')
    .option('--no-stream', 'disable streaming stats and only pull the first result')
    .option('--no-trunc', 'do not truncate output')
    .option('--format <template>', 'format output using a Go template or "table ..."')
    .action((names, o) => act((c) => stats(c, names, { all: o.all, noStream: o.stream === false, noTrunc: o.trunc === false, format: o.format }))());
  const eventFlags = (command: Command) =>
    command
      .option('--since <time>', 'show all events created since timestamp')
      .option('--until <time>', 'stream events until this timestamp')
      .option('-f, --filter <filter>', 'filter output based on conditions provided', collect)
      .option('--format <template>', 'format output using a Go template')
      .action((o) => act((c) => events(c, o))());
  eventFlags(verb('events', 'get real time events from the server'));
  verb('login', 'authenticate to a registry')
    .argument('[server]')
    .option('-u, --username <username>', 'username')
    .option('-p, --password <password>', 'password or personal access token')
    .option('--password-stdin', 'take the password or access token from stdin')
    .action((server, o) => act((c) => login(c, server, o))());
  verb('logout', 'log out from a registry')
    .argument('[server]')
    .action((server) => act((c) => logout(c, server))());

  const volume = verb('volume', 'manage volumes');
  const sub = (parent: Command, name: string, description: string) => {
    const command = parent.command(name).description(description).exitOverride();
    command.configureOutput(program.configureOutput());
    return command;
  };
  sub(volume, 'create', 'create a volume')
    .argument('[name]')
    .option('-d, --driver <driver>', 'specify volume driver name', 'local')
    .option('-o, --opt <option>', 'set driver specific options', collect)
    .option('--label <label>', 'set metadata for a volume', collect)
    .action((name, o) => act((c) => volumeCreate(c, name, o))());
  sub(volume, 'ls', 'list volumes')
    .alias('list')
    .option('-q, --quiet', 'only display volume names')
    .option('--format <template>', 'format output using a Go template or "table ..."')
    .option('-f, --filter <filter>', 'provide filter values (e.g. "dangling=true")', filterFlag('-f, --filter', 'volume ls [OPTIONS]'))
    .action((o) => act((c) => volumeLs(c, o))());
  sub(volume, 'inspect', 'display detailed information on one or more volumes')
    .argument('<volume...>')
    .option('-f, --format <template>', 'format output using a Go template')
    .action((names, o) => act((c) => volumeInspect(c, names, o))());
  sub(volume, 'rm', 'remove one or more volumes')
    .alias('remove')
    .argument('<volume...>')
    .option('-f, --force', 'force the removal of one or more volumes')
    .action((names, o) => act((c) => volumeRm(c, names, o))());
  sub(volume, 'prune', 'remove unused local volumes')
    .option('-a, --all', 'remove all unused volumes, not just anonymous ones')
    .option('-f, --force', 'do not prompt for confirmation')
    .option('--filter <filter>', 'provide filter values (e.g. "label=<label>")', filterFlag('--filter', 'volume prune [OPTIONS]'))
    .action((o) => act((c) => volumePrune(c, o))());

  const network = verb('network', 'manage networks');
  sub(network, 'create', 'create a network')
    .argument('<network>')
    .option('-d, --driver <driver>', 'driver to manage the network', 'bridge')
    .option('--internal', 'restrict external access to the network')
    .option('--label <label>', 'set metadata on a network', collect)
    .option('--subnet <subnet>', 'subnet in CIDR format that represents a network segment', collect)
    .option('--gateway <ip>', 'IPv4 or IPv6 gateway for the master subnet', collect)
    .action((name, o) => act((c) => networkCreate(c, name, o))());
  sub(network, 'ls', 'list networks')
    .alias('list')
    .option('-q, --quiet', 'only display network IDs')
    .option('--no-trunc', 'do not truncate the output')
    .option('--format <template>', 'format output using a Go template or "table ..."')
    .option('-f, --filter <filter>', 'provide filter values (e.g. "driver=bridge")', filterFlag('-f, --filter', 'network ls [OPTIONS]'))
    .action((o) => act((c) => networkLs(c, { quiet: o.quiet, noTrunc: o.trunc === false, format: o.format, filters: o.filter }))());
  sub(network, 'inspect', 'display detailed information on one or more networks')
    .argument('<network...>')
    .option('-f, --format <template>', 'format output using a Go template')
    .action((names, o) => act((c) => networkInspect(c, names, o))());
  sub(network, 'rm', 'remove one or more networks')
    .alias('remove')
    .argument('<network...>')
    .action((names) => act((c) => networkRm(c, names))());
  sub(network, 'prune', 'remove all unused networks')
    .option('-f, --force', 'do not prompt for confirmation')
    .option('--filter <filter>', 'provide filter values (e.g. "until=<timestamp>")', filterFlag('--filter', 'network prune [OPTIONS]'))
    .action((o) => act((c) => networkPrune(c, o))());
  sub(network, 'connect', 'connect a container to a network')
    .argument('<network>')
    .argument('<container>')
    .action((net, container) => act((c) => networkConnect(c, net, container))());
  sub(network, 'disconnect', 'disconnect a container from a network')
    .argument('<network>')
    .argument('<container>')
    .option('-f, --force', 'force the container to disconnect from a network')
    .action((net, container, o) => act((c) => networkDisconnect(c, net, container, o))());

  const system = verb('system', 'manage Docker');
  sub(system, 'df', 'show docker disk usage')
    .option('--format <template>', 'format output using a Go template or "table ..."')
    .action((o) => act((c) => systemDf(c, o))());
  sub(system, 'prune', 'remove unused data')
    .option('-a, --all', 'remove all unused images not just dangling ones')
    .option('-f, --force', 'do not prompt for confirmation')
    .option('--volumes', 'prune anonymous volumes')
    .action((o) => act((c) => systemPrune(c, o))());
  eventFlags(sub(system, 'events', 'get real time events from the server'));
  sub(system, 'info', 'display system-wide information')
    .option('-f, --format <template>', 'format the output with a Go template')
    .action((o) => act((c) => info(c, o))());

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof FlagError) {
      context().stderr.write(err.report(program.name()));
      return USAGE_STATUS;
    }
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
    engine: new EngineClient({ endpoint: resolveEndpoint(flags, process.env), apiVersion: process.env.DOCKER_API_VERSION || undefined, configDir: configDir(process.env) }),
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    now: () => new Date(),
  }));
}
