// skiff's command line: docker's verbs, flags and exit statuses over the SDK. Each verb lives in
// commands/; this file only declares the flags and turns outcomes into exit statuses.
import * as os from 'node:os';
import * as path from 'node:path';
import { Option } from 'commander';
import { EngineClient } from '../sdk/client';
import { resolveEndpoint, type HostFlags } from '../sdk/host';
import { version as clientVersion } from '../version';
import type { CliContext } from './context';
import { reportError } from './errors';
import { boolValue, filterFlag, FlagError, intValue } from './flags';
import { addContainerFlags, containerConfig, envFlag } from './container-flags';
import { aliasPaths, groupFactory, type VerbFactory } from './groups';
import { DockerCommand, helpTopic, TABLE_FORMAT_HELP, TEMPLATE_FORMAT_HELP, UsageError } from './help';
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
import { inspectEach, volumeCreate, volumeInspect, volumeLs, volumePrune, volumeRm } from './commands/volume';
import { containerPrune } from './commands/container-prune';
import { addUpdateFlags, update } from './commands/update';
import { imagePrune } from './commands/image-prune';
import { configDir } from '../sdk/auth';
import { logs } from './commands/logs';
import { ps } from './commands/ps';
import { pull } from './commands/pull';
import { run } from './commands/run';
import { version } from './commands/version';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Go's optional boolean flag value: `-H=false` reaches commander as "=false". */
const boolFlag = (value: string) => !/^=?(false|0)$/i.test(value);

/** Docker's status for a command line it cannot parse. */
const USAGE_STATUS = 125;

/** docker's default for a TLS file named in the help: in DOCKER_CERT_PATH, else ~/.docker, as resolveEndpoint looks. */
const certDefault = (file: string) => JSON.stringify(path.join(process.env.DOCKER_CERT_PATH ?? path.join(os.homedir(), '.docker'), file));

/**
 * Runs one command line; `makeContext` builds the engine from the global flags (tests hand in
 * a fake one) and the result is the process's exit status. Help pages and command-line errors
 * are docker 28's (./help.ts); descriptions and usage lines are docker's own.
 */
export async function runCli(argv: string[], makeContext: (flags: HostFlags) => CliContext): Promise<number> {
  let status = 0;
  let ctx: CliContext | undefined;
  const program = new DockerCommand('skiff')
    .usage('skiff [OPTIONS] COMMAND [ARG...]')
    .description('A self-sufficient runtime for containers')
    .version(`skiff version ${clientVersion}`, '-v, --version', 'Print version information and quit')
    .option('-H, --host <list>', 'Daemon socket to connect to')
    .option('--tls', 'Use TLS; implied by --tlsverify')
    .option('--tlsverify', 'Use TLS and verify the remote')
    .addOption(new Option('--tlscacert <string>', 'Trust certs signed only by this CA').default(undefined, certDefault('ca.pem')))
    .addOption(new Option('--tlscert <string>', 'Path to TLS certificate file').default(undefined, certDefault('cert.pem')))
    .addOption(new Option('--tlskey <string>', 'Path to TLS key file').default(undefined, certDefault('key.pem')))
    .enablePositionalOptions()
    .exitOverride();
  const context = () => (ctx ??= makeContext(program.opts<HostFlags>()));
  // docker wraps its help to the terminal, and to 80 columns without one.
  const helpWidth = () => (context().stdin.isTTY && context().stdout.columns) || 80;
  // Usage errors go where the verb's output goes, so tests and embedders see them too.
  program.configureOutput({
    writeOut: (text) => context().stdout.write(text),
    writeErr: (text) => context().stderr.write(text),
    getOutHelpWidth: helpWidth,
    getErrHelpWidth: helpWidth,
  });
  const sub = (parent: DockerCommand, name: string, usage: string, description: string) => {
    const command = parent.command(name).usage(usage).description(description).exitOverride();
    command.configureOutput(program.configureOutput());
    return command;
  };
  const topLevel: VerbFactory = (name, usage, description) => {
    const command = sub(program, name, usage, description);
    const paths = aliasPaths(name);
    return paths ? command.sameAs(...paths) : command;
  };
  const act = (fn: (ctx: CliContext) => Promise<number>) => async () => {
    status = await fn(context());
  };

  const eventFlags = (command: DockerCommand) =>
    command
      .sameAs('system events', 'events')
      .option('--since <string>', 'Show all events created since timestamp')
      .option('--until <string>', 'Stream events until this timestamp')
      .option('-f, --filter <filter>', 'Filter output based on conditions provided', collect)
      .option('--format <string>', TEMPLATE_FORMAT_HELP)
      .action((o) => act((c) => events(c, o))());
  // The verbs, declared once: registered at the top level, then again in docker's `container`
  // and `image` groups under the names docker gives them there (./groups.ts).
  const declareVerbs = (verb: VerbFactory) => {
    verb('version', 'version [OPTIONS]', 'Show the Docker version information')
      .option('-f, --format <string>', TEMPLATE_FORMAT_HELP)
      .action((o) => act((c) => version(c, o))());
    verb('info', 'info [OPTIONS]', 'Display system-wide information')
      .sameAs('system info', 'info')
      .option('-f, --format <string>', TEMPLATE_FORMAT_HELP)
      .action((o) => act((c) => info(c, o))());
    verb('ps', 'ps [OPTIONS]', 'List containers')
      .option('-a, --all', 'Show all containers (default shows just running)')
      .option('-q, --quiet', 'Only display container IDs')
      .option('--no-trunc', "Don't truncate output")
      .option('--format <string>', TABLE_FORMAT_HELP)
      .option('-f, --filter <filter>', 'Filter output based on conditions provided', filterFlag('-f, --filter', 'ps [OPTIONS]'))
      .action((o) => act((c) => ps(c, { all: o.all, quiet: o.quiet, noTrunc: o.trunc === false, format: o.format, filters: o.filter }))());
    verb('images', 'images [OPTIONS] [REPOSITORY[:TAG]]', 'List images')
      .argument('[repository]')
      .option('-a, --all', 'Show all images (default hides intermediate images)')
      .option('--digests', 'Show digests')
      .option('-q, --quiet', 'Only show image IDs')
      .option('--no-trunc', "Don't truncate output")
      .option('--format <string>', TABLE_FORMAT_HELP)
      .option('-f, --filter <filter>', 'Filter output based on conditions provided', filterFlag('-f, --filter', 'images [OPTIONS] [REPOSITORY[:TAG]]'))
      .action((repo, o) => act((c) => images(c, { all: o.all, digests: o.digests, quiet: o.quiet, noTrunc: o.trunc === false, format: o.format, filters: o.filter, reference: repo }))());
    verb('pull', 'pull [OPTIONS] NAME[:TAG|@DIGEST]', 'Download an image from a registry')
      .argument('<name>')
      .option('--platform <string>', 'Set platform if server is multi-platform capable')
      .action((name, o) => act((c) => pull(c, name, { platform: o.platform }))());

    // docker's run and create spell out --help, since their -h is --hostname.
    const containerFlags = (command: DockerCommand) =>
      addContainerFlags(command)
        .helpOption('--help', 'Print usage')
        .argument('<image>')
        .argument('[command...]')
        .option('--name <string>', 'Assign a name to the container')
      .option('--cidfile <string>', 'Write the container ID to the file')
      .option('--pull <string>', 'Pull image before running ("always", "missing", "never")', 'missing')
      .option('--platform <string>', 'Set platform if server is multi-platform capable')
      .option('-q, --quiet', 'Suppress the pull output')
        .option('-e, --env <list>', 'Set environment variables', envFlag(command))
        .option('-w, --workdir <string>', 'Working directory inside the container')
        .option('-u, --user <string>', 'Username or UID (format: <name|uid>[:<group|gid>])')
        .option('--entrypoint <string>', 'Overwrite the default ENTRYPOINT of the image')
        .option('-i, --interactive', 'Keep STDIN open even if not attached')
        .option('-t, --tty', 'Allocate a pseudo-TTY')
        .option('--rm', 'Automatically remove the container and its associated anonymous volumes when it exits')
          .passThroughOptions();
    containerFlags(verb('create', 'create [OPTIONS] IMAGE [COMMAND] [ARG...]', 'Create a new container')).action((image, command, o) => act((c) => create(c, image, command, { ...o, config: containerConfig(o, c, 'create') }))());
    containerFlags(verb('run', 'run [OPTIONS] IMAGE [COMMAND] [ARG...]', 'Create and run a new container from an image'))
      .option('-d, --detach', 'Run container in background and print container ID')
      .option('--detach-keys <string>', 'Override the key sequence for detaching a container')
      .option('--sig-proxy [bool]', 'Proxy received signals to the process', boolValue('--sig-proxy', 'run [OPTIONS] IMAGE [COMMAND] [ARG...]'), true)
      .action((image, command, o) => act((c) => run(c, image, command, { ...o, config: containerConfig(o, c, 'run') }))());

    verb('start', 'start [OPTIONS] CONTAINER [CONTAINER...]', 'Start one or more stopped containers')
      .argument('<container...>')
      .option('-a, --attach', 'Attach STDOUT/STDERR and forward signals')
      .option('--detach-keys <string>', 'Override the key sequence for detaching a container')
      .option('-i, --interactive', "Attach container's STDIN")
      .action((names, o) => act((c) => start(c, names, o))());
    // docker's -t is --timeout; --time is its hidden, deprecated spelling.
    const timeoutFlags = (command: DockerCommand, usage: string) =>
      command
        .option('-t, --timeout <int>', 'Seconds to wait before killing the container', intValue('-t, --timeout', usage))
        .addOption(new Option('--time <int>').argParser(intValue('--time', usage)).hideHelp());
    timeoutFlags(verb('stop', 'stop [OPTIONS] CONTAINER [CONTAINER...]', 'Stop one or more running containers'), 'stop [OPTIONS] CONTAINER [CONTAINER...]')
      .argument('<container...>')
      .action((names, o) => act((c) => stop(c, names, { time: o.timeout ?? o.time }))());
    verb('kill', 'kill [OPTIONS] CONTAINER [CONTAINER...]', 'Kill one or more running containers')
      .argument('<container...>')
      .option('-s, --signal <string>', 'Signal to send to the container')
      .action((names, o) => act((c) => kill(c, names, o))());
    verb('rm', 'rm [OPTIONS] CONTAINER [CONTAINER...]', 'Remove one or more containers')
      .argument('<container...>')
      .option('-f, --force', 'Force the removal of a running container (uses SIGKILL)')
      .option('-v, --volumes', 'Remove anonymous volumes associated with the container')
      .action((names, o) => act((c) => rm(c, names, o))());
    verb('wait', 'wait CONTAINER [CONTAINER...]', 'Block until one or more containers stop, then print their exit codes')
      .argument('<container...>')
      .action((names) => act((c) => wait(c, names))());
    verb('logs', 'logs [OPTIONS] CONTAINER', 'Fetch the logs of a container')
      .argument('<container>')
      .option('-f, --follow', 'Follow log output')
      .option('-t, --timestamps', 'Show timestamps')
      .option('-n, --tail <string>', 'Number of lines to show from the end of the logs', 'all')
      .action((name, o) => act((c) => logs(c, name, o))());
    verb('inspect', 'inspect [OPTIONS] NAME|ID [NAME|ID...]', 'Return low-level information on Docker objects')
      .argument('<name...>')
      .option('-f, --format <string>', TEMPLATE_FORMAT_HELP)
      .option('--type <string>', 'Only inspect objects of the given type')
      .action((names, o) => act((c) => inspect(c, names, o))());
    verb('exec', 'exec [OPTIONS] CONTAINER COMMAND [ARG...]', 'Execute a command in a running container')
      .argument('<container>')
      .argument('<command...>')
      .option('-i, --interactive', 'Keep STDIN open even if not attached')
      .option('-t, --tty', 'Allocate a pseudo-TTY')
      .option('-d, --detach', 'Detached mode: run command in the background')
      .option('-e, --env <list>', 'Set environment variables', collect)
      .option('-w, --workdir <string>', 'Working directory inside the container')
      .option('-u, --user <string>', 'Username or UID (format: "<name|uid>[:<group|gid>]")')
      .option('--detach-keys <string>', 'Override the key sequence for detaching a container')
      .passThroughOptions()
      .action((name, command, o) => act((c) => exec(c, name, command, o))());

    timeoutFlags(verb('restart', 'restart [OPTIONS] CONTAINER [CONTAINER...]', 'Restart one or more containers'), 'restart [OPTIONS] CONTAINER [CONTAINER...]')
      .argument('<container...>')
      .action((names, o) => act((c) => restart(c, names, { time: o.timeout ?? o.time }))());
    addUpdateFlags(verb('update', 'update [OPTIONS] CONTAINER [CONTAINER...]', 'Update configuration of one or more containers'))
      .argument('<container...>')
      .action((names, o) => act((c) => update(c, names, o))());
    verb('pause', 'pause CONTAINER [CONTAINER...]', 'Pause all processes within one or more containers')
      .argument('<container...>')
      .action((names) => act((c) => pause(c, names))());
    verb('unpause', 'unpause CONTAINER [CONTAINER...]', 'Unpause all processes within one or more containers')
      .argument('<container...>')
      .action((names) => act((c) => unpause(c, names))());
    verb('rename', 'rename CONTAINER NEW_NAME', 'Rename a container')
      .argument('<container>')
      .argument('<new-name>')
      .action((name, newName) => act((c) => rename(c, name, newName))());
    verb('top', 'top CONTAINER [ps OPTIONS]', 'Display the running processes of a container')
      .argument('<container>')
      .argument('[ps-options...]')
      .passThroughOptions()
      .action((name, psArgs) => act((c) => top(c, name, psArgs))());
    verb('port', 'port CONTAINER [PRIVATE_PORT[/PROTO]]', 'List port mappings or a specific mapping for the container')
      .argument('<container>')
      .argument('[private-port]')
      .action((name, privatePort) => act((c) => port(c, name, privatePort))());
    verb('diff', 'diff CONTAINER', "Inspect changes to files or directories on a container's filesystem")
      .argument('<container>')
      .action((name) => act((c) => diff(c, name))());
    verb('attach', 'attach [OPTIONS] CONTAINER', 'Attach local standard input, output, and error streams to a running container')
      .argument('<container>')
      .option('--detach-keys <string>', 'Override the key sequence for detaching a container')
      .option('--no-stdin', 'Do not attach STDIN')
      .option('--sig-proxy [bool]', 'Proxy all received signals to the process', boolFlag, true)
      .action((name, o) => act((c) => attach(c, name, { stdin: o.stdin !== false, detachKeys: o.detachKeys, sigProxy: o.sigProxy !== false }))());
    verb('tag', 'tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]', 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE')
      .argument('<source>')
      .argument('<target>')
      .action((source, target) => act((c) => tag(c, source, target))());
    verb('rmi', 'rmi [OPTIONS] IMAGE [IMAGE...]', 'Remove one or more images')
      .argument('<image...>')
      .option('-f, --force', 'Force removal of the image')
      .option('--no-prune', 'Do not delete untagged parents')
      .action((names, o) => act((c) => rmi(c, names, { force: o.force, noPrune: o.prune === false }))());
    verb('history', 'history [OPTIONS] IMAGE', 'Show the history of an image')
      .argument('<image>')
      .option('-H, --human [bool]', 'Print sizes and dates in human readable format', boolFlag, true)
      .option('--no-trunc', "Don't truncate output")
      .option('-q, --quiet', 'Only show image IDs')
      .option('--format <string>', TABLE_FORMAT_HELP)
      .action((name, o) => act((c) => history(c, name, { human: o.human !== false, noTrunc: o.trunc === false, quiet: o.quiet, format: o.format }))());
    verb('push', 'push [OPTIONS] NAME[:TAG]', 'Upload an image to a registry')
      .argument('<name>')
      .option('-a, --all-tags', 'Push all tags of an image to the repository')
      .option('-q, --quiet', 'Suppress verbose output')
      .action((name, o) => act((c) => push(c, name, o))());
    verb('save', 'save [OPTIONS] IMAGE [IMAGE...]', 'Save one or more images to a tar archive (streamed to STDOUT by default)')
      .argument('<image...>')
      .option('-o, --output <string>', 'Write to a file, instead of STDOUT')
      .action((names, o) => act((c) => save(c, names, o))());
    verb('load', 'load [OPTIONS]', 'Load an image from a tar archive or STDIN')
      .option('-i, --input <string>', 'Read from tar archive file, instead of STDIN')
      .option('-q, --quiet', 'Suppress the load output')
      .action((o) => act((c) => load(c, o))());
    verb('import', 'import [OPTIONS] file|URL|- [REPOSITORY[:TAG]]', 'Import the contents from a tarball to create a filesystem image')
      .argument('<file>')
      .argument('[repository]')
      .argumentCount(1, Infinity)
      .option('-c, --change <list>', 'Apply Dockerfile instruction to the created image', collect)
      .option('-m, --message <string>', 'Set commit message for imported image')
      .action((file, reference, o) => act((c) => importImage(c, file, reference, o))());
    verb('commit', 'commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]', "Create a new image from a container's changes")
      .argument('<container>')
      .argument('[repository]')
      .option('-a, --author <string>', 'Author (e.g., "John Hannibal Smith <hannibal@a-team.com>")')
      .option('-m, --message <string>', 'Commit message')
      .option('-c, --change <list>', 'Apply Dockerfile instruction to the created image', collect)
      .option('-p, --pause [bool]', 'Pause container during commit', boolFlag, true)
      .action((name, reference, o) => act((c) => commit(c, name, reference, { ...o, pause: o.pause !== false }))());
    verb('export', 'export [OPTIONS] CONTAINER', "Export a container's filesystem as a tar archive")
      .argument('<container>')
      .option('-o, --output <string>', 'Write to a file, instead of STDOUT')
      .action((name, o) => act((c) => exportContainer(c, name, o))());
    verb(
      'cp',
      'cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-\n\tskiff cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH',
      [
        'Copy files/folders between a container and the local filesystem',
        '',
        "Use '-' as the source to read a tar archive from stdin",
        'and extract it to a directory destination in a container.',
        "Use '-' as the destination to stream a tar archive of a",
        'container source to stdout.',
      ].join('\n'),
    )
      .summary('Copy files/folders between a container and the local filesystem')
      .argument('<source>')
      .argument('<destination>')
      .option('-a, --archive', 'Archive mode (copy all uid/gid information)')
      .option('-L, --follow-link', 'Always follow symbol link in SRC_PATH')
      .option('-q, --quiet', 'Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached')
      .action((from, to, o) => act((c) => cp(c, from, to, o))());
    verb('stats', 'stats [OPTIONS] [CONTAINER...]', 'Display a live stream of container(s) resource usage statistics')
      .argument('[container...]')
      .option('-a, --all', 'Show all containers (default shows just running)')
      .option('--no-stream', 'Disable streaming stats and only pull the first result')
      .option('--no-trunc', 'Do not truncate output')
      .option('--format <string>', TABLE_FORMAT_HELP)
      .action((names, o) => act((c) => stats(c, names, { all: o.all, noStream: o.stream === false, noTrunc: o.trunc === false, format: o.format }))());
    eventFlags(verb('events', 'events [OPTIONS]', 'Get real time events from the server'));
    verb('login', 'login [OPTIONS] [SERVER]', 'Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.')
      .summary('Authenticate to a registry')
      .argument('[server]')
      .option('-u, --username <string>', 'Username')
      .option('-p, --password <string>', 'Password or Personal Access Token (PAT)')
      .option('--password-stdin', 'Take the Password or Personal Access Token (PAT) from stdin')
      .action((server, o) => act((c) => login(c, server, o))());
    verb('logout', 'logout [SERVER]', 'Log out from a registry.\nIf no server is specified, the default is defined by the daemon.')
      .summary('Log out from a registry')
      .argument('[server]')
      .action((server) => act((c) => logout(c, server))());
  };
  declareVerbs(topLevel);
  const containerGroup = sub(program, 'container', 'container COMMAND', 'Manage containers');
  declareVerbs(groupFactory(containerGroup, 'container', sub));
  const imageGroup = sub(program, 'image', 'image COMMAND', 'Manage images');
  declareVerbs(groupFactory(imageGroup, 'image', sub));
  // The groups' own verbs: inspect of one kind of object, and prune.
  sub(containerGroup, 'inspect', 'inspect [OPTIONS] CONTAINER [CONTAINER...]', 'Display detailed information on one or more containers')
    .argument('<container...>')
    .option('-f, --format <string>', TEMPLATE_FORMAT_HELP)
    .action((names, o) => act((c) => inspectEach(c, names, o.format, (name) => c.engine.inspectContainer(name)))());
  sub(containerGroup, 'prune', 'prune [OPTIONS]', 'Remove all stopped containers')
    .option('--filter <filter>', 'Provide filter values (e.g. "until=<timestamp>")', filterFlag('--filter', 'container prune [OPTIONS]'))
    .option('-f, --force', 'Do not prompt for confirmation')
    .action((o) => act((c) => containerPrune(c, o))());
  sub(imageGroup, 'inspect', 'inspect [OPTIONS] IMAGE [IMAGE...]', 'Display detailed information on one or more images')
    .argument('<image...>')
    .option('-f, --format <string>', TEMPLATE_FORMAT_HELP)
    .action((names, o) => act((c) => inspectEach(c, names, o.format, (name) => c.engine.inspectImage(name)))());
  sub(imageGroup, 'prune', 'prune [OPTIONS]', 'Remove unused images')
    .option('-a, --all', 'Remove all unused images, not just dangling ones')
    .option('--filter <filter>', 'Provide filter values (e.g. "until=<timestamp>")', filterFlag('--filter', 'image prune [OPTIONS]'))
    .option('-f, --force', 'Do not prompt for confirmation')
    .action((o) => act((c) => imagePrune(c, o))());

  const volume = sub(program, 'volume', 'volume COMMAND', 'Manage volumes');
  sub(volume, 'create', 'create [OPTIONS] [VOLUME]', 'Create a volume')
    .argument('[name]')
    .option('-d, --driver <string>', 'Specify volume driver name', 'local')
    .option('-o, --opt <map>', 'Set driver specific options', collect)
    .option('--label <list>', 'Set metadata for a volume', collect)
    .action((name, o) => act((c) => volumeCreate(c, name, o))());
  sub(volume, 'ls', 'ls [OPTIONS]', 'List volumes')
    .alias('list')
    .option('-q, --quiet', 'Only display volume names')
    .option('--format <string>', TABLE_FORMAT_HELP)
    .option('-f, --filter <filter>', 'Provide filter values (e.g. "dangling=true")', filterFlag('-f, --filter', 'volume ls [OPTIONS]'))
    .action((o) => act((c) => volumeLs(c, o))());
  sub(volume, 'inspect', 'inspect [OPTIONS] VOLUME [VOLUME...]', 'Display detailed information on one or more volumes')
    .argument('<volume...>')
    .option('-f, --format <string>', TEMPLATE_FORMAT_HELP)
    .action((names, o) => act((c) => volumeInspect(c, names, o))());
  sub(volume, 'rm', 'rm [OPTIONS] VOLUME [VOLUME...]', 'Remove one or more volumes. You cannot remove a volume that is in use by a container.')
    .summary('Remove one or more volumes')
    .alias('remove')
    .argument('<volume...>')
    .option('-f, --force', 'Force the removal of one or more volumes')
    .action((names, o) => act((c) => volumeRm(c, names, o))());
  sub(volume, 'prune', 'prune [OPTIONS]', 'Remove unused local volumes')
    .option('-a, --all', 'Remove all unused volumes, not just anonymous ones')
    .option('-f, --force', 'Do not prompt for confirmation')
    .option('--filter <filter>', 'Provide filter values (e.g. "label=<label>")', filterFlag('--filter', 'volume prune [OPTIONS]'))
    .action((o) => act((c) => volumePrune(c, o))());

  const network = sub(program, 'network', 'network', 'Manage networks');
  sub(network, 'create', 'create [OPTIONS] NETWORK', 'Create a network')
    .argument('<network>')
    .option('-d, --driver <string>', 'Driver to manage the Network', 'bridge')
    .option('--internal', 'Restrict external access to the network')
    .option('--label <list>', 'Set metadata on a network', collect)
    .option('--subnet <strings>', 'Subnet in CIDR format that represents a network segment', collect)
    .option('--gateway <strings>', 'IPv4 or IPv6 Gateway for the master subnet', collect)
    .action((name, o) => act((c) => networkCreate(c, name, o))());
  sub(network, 'ls', 'ls [OPTIONS]', 'List networks')
    .alias('list')
    .option('-q, --quiet', 'Only display network IDs')
    .option('--no-trunc', 'Do not truncate the output')
    .option('--format <string>', TABLE_FORMAT_HELP)
    .option('-f, --filter <filter>', 'Provide filter values (e.g. "driver=bridge")', filterFlag('-f, --filter', 'network ls [OPTIONS]'))
    .action((o) => act((c) => networkLs(c, { quiet: o.quiet, noTrunc: o.trunc === false, format: o.format, filters: o.filter }))());
  sub(network, 'inspect', 'inspect [OPTIONS] NETWORK [NETWORK...]', 'Display detailed information on one or more networks')
    .argument('<network...>')
    .option('-f, --format <string>', TEMPLATE_FORMAT_HELP)
    .action((names, o) => act((c) => networkInspect(c, names, o))());
  sub(network, 'rm', 'rm NETWORK [NETWORK...]', 'Remove one or more networks')
    .alias('remove')
    .argument('<network...>')
    .action((names) => act((c) => networkRm(c, names))());
  sub(network, 'prune', 'prune [OPTIONS]', 'Remove all unused networks')
    .option('-f, --force', 'Do not prompt for confirmation')
    .option('--filter <filter>', 'Provide filter values (e.g. "until=<timestamp>")', filterFlag('--filter', 'network prune [OPTIONS]'))
    .action((o) => act((c) => networkPrune(c, o))());
  sub(network, 'connect', 'connect [OPTIONS] NETWORK CONTAINER', 'Connect a container to a network')
    .argument('<network>')
    .argument('<container>')
    .action((net, container) => act((c) => networkConnect(c, net, container))());
  sub(network, 'disconnect', 'disconnect [OPTIONS] NETWORK CONTAINER', 'Disconnect a container from a network')
    .argument('<network>')
    .argument('<container>')
    .option('-f, --force', 'Force the container to disconnect from a network')
    .action((net, container, o) => act((c) => networkDisconnect(c, net, container, o))());

  const system = sub(program, 'system', 'system', 'Manage Docker');
  sub(system, 'df', 'df [OPTIONS]', 'Show docker disk usage')
    .option('--format <string>', TABLE_FORMAT_HELP)
    .action((o) => act((c) => systemDf(c, o))());
  sub(system, 'prune', 'prune [OPTIONS]', 'Remove unused data')
    .option('-a, --all', 'Remove all unused images not just dangling ones')
    .option('-f, --force', 'Do not prompt for confirmation')
    .option('--volumes', 'Prune anonymous volumes')
    .action((o) => act((c) => systemPrune(c, o))());
  eventFlags(sub(system, 'events', 'events [OPTIONS]', 'Get real time events from the server'));
  sub(system, 'info', 'info [OPTIONS]', 'Display system-wide information')
    .sameAs('system info', 'info')
    .option('-f, --format <string>', TEMPLATE_FORMAT_HELP)
    .action((o) => act((c) => info(c, o))());

  program
    .command('help', { hidden: true })
    .usage('help [command]')
    .argument('[command...]')
    .action((topics: string[]) => act(async (c) => helpTopic(program, topics, c.stderr))());
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof FlagError) {
      context().stderr.write(err.report(program.name()));
      return USAGE_STATUS;
    }
    if (err instanceof UsageError) {
      context().stderr.write(err.report(argv));
      return err.status;
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
