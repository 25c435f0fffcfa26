// skiffd's command line: flags named as dockerd's, daemon.json, and the long-lived server until
// SIGTERM or SIGINT. Containers keep running when skiffd stops.
import { Command, Option } from 'commander';
import { warm } from '@skiff/boot';
import { asSkiffError, invalidArgument } from '@skiff/errors';
import { type Config, DEFAULT_CONFIG_FILE, LOG_LEVELS, parseAddressPool, readConfigFile, resolveConfig } from '../config';
import { parseAddRuntime } from '../core/runtimes';
import { createLogger } from '../log';
import { startDaemon } from '../server';
import { version } from '../version';

const collect = (value: string, previous: string[] = []) => [...previous, value];

function parseLogOpt(opt: string): [string, string] {
  const eq = opt.indexOf('=');
  if (eq <= 0) throw invalidArgument(`invalid log-opt: ${opt}: expected key=value`);
  return [opt.slice(0, eq), opt.slice(eq + 1)];
}

export async function main(argv: string[]): Promise<number | undefined> {
  const program = new Command('skiffd')
    .description('the Skiff engine: the Docker Engine API, backed by skiff-containerd')
    .version(`skiffd version ${version}`, '-v, --version')
    .option('-H, --host <address>', 'where to serve the API: unix:///path or tcp://host:port (repeatable)', collect)
    .option('--data-root <dir>', 'persistent state: container records and logs (default /var/lib/skiff/daemon)')
    .option('--exec-root <dir>', 'runtime state: FIFOs, the managed skiff-containerd (default /run/skiff/daemon)')
    .option('--containerd <socket>', 'use this running skiff-containerd instead of starting one')
    .option('--containerd-namespace <name>', 'skiff-containerd namespace for containers and images (default skiffd)')
    .option('-p, --pidfile <file>', 'pid file (default /run/skiff/skiffd.pid)')
    .option('--config-file <file>', `daemon configuration file (default ${DEFAULT_CONFIG_FILE})`)
    .option('-G, --group <name>', 'group owning the unix sockets (default skiff)')
    .option('--insecure-tcp', 'allow tcp:// hosts without TLS (anyone reaching them is root here)')
    .option('--tls', 'serve tcp:// hosts over TLS (implied by --tlsverify)')
    .option('--tlsverify', 'serve tcp:// hosts over TLS and admit only clients whose certificate --tlscacert signed')
    .option('--tlscacert <file>', 'CA certificate that signs the clients\' certificates')
    .option('--tlscert <file>', 'the server\'s TLS certificate')
    .option('--tlskey <file>', 'the server\'s TLS key')
    .option('-b, --bridge <device>', 'the default bridge network\'s Linux bridge (default skiff0)')
    .option('--bip <cidr>', 'the default bridge\'s address and subnet (default 172.30.0.1/16)')
    .option('--mtu <bytes>', 'MTU of the containers\' interfaces (default 1500)', (v) => Number(v))
    .option('--default-address-pool <base=cidr,size=n>', 'where user-defined networks\' subnets come from (repeatable)', collect)
    .option('--add-runtime <name=path>', 'an OCI runtime binary containers can name with --runtime (repeatable)', collect)
    .option('--default-runtime <name>', 'the runtime of containers that name none (default builtin: skiff-runc in the shim)')
    .option('--cgroup-parent <cgroup>', 'the cgroup under which containers that name none get theirs (default: the runtime\'s, a cgroup named after the container)')
    .option('--log-driver <driver>', 'containers\' logging driver when they name none: json-file or none (default json-file)')
    .option('--log-opt <key=value>', 'default options of that driver, e.g. max-size=10m (repeatable)', collect)
    .addOption(new Option('-l, --log-level <level>', 'log level').choices(LOG_LEVELS))
    .exitOverride();
  try {
    program.parse(argv);
  } catch (err) {
    return (err as { exitCode?: number }).exitCode ?? 2;
  }
  const flags = program.opts<{
    host?: string[];
    dataRoot?: string;
    execRoot?: string;
    containerd?: string;
    containerdNamespace?: string;
    pidfile?: string;
    configFile?: string;
    group?: string;
    insecureTcp?: boolean;
    tls?: boolean;
    tlsverify?: boolean;
    tlscacert?: string;
    tlscert?: string;
    tlskey?: string;
    bridge?: string;
    bip?: string;
    mtu?: number;
    defaultAddressPool?: string[];
    logDriver?: string;
    logOpt?: string[];
    addRuntime?: string[];
    defaultRuntime?: string;
    cgroupParent?: string;
    logLevel?: Config['logLevel'];
  }>();
  try {
    const file = readConfigFile(flags.configFile ?? DEFAULT_CONFIG_FILE, flags.configFile !== undefined);
    const config = resolveConfig(file, {
      hosts: flags.host,
      dataRoot: flags.dataRoot,
      execRoot: flags.execRoot,
      containerd: flags.containerd,
      containerdNamespace: flags.containerdNamespace,
      pidfile: flags.pidfile,
      group: flags.group,
      insecureTcp: flags.insecureTcp,
      tls: flags.tls,
      tlsVerify: flags.tlsverify,
      tlsCaCert: flags.tlscacert,
      tlsCert: flags.tlscert,
      tlsKey: flags.tlskey,
      bridge: flags.bridge,
      bip: flags.bip,
      mtu: flags.mtu,
      defaultAddressPools: flags.defaultAddressPool?.map(parseAddressPool),
      runtimes: flags.addRuntime ? Object.fromEntries(flags.addRuntime.map(parseAddRuntime)) : undefined,
      defaultRuntime: flags.defaultRuntime,
      cgroupParent: flags.cgroupParent,
      logDriver: flags.logDriver,
      logOpts: flags.logOpt ? Object.fromEntries(flags.logOpt.map(parseLogOpt)) : undefined,
      logLevel: flags.logLevel,
    });
    const log = createLogger(config.logLevel);
    const daemon = await startDaemon(config, { log });
    log.info({ version, hosts: daemon.hosts }, 'skiffd started');
    const stop = (signal: string) => {
      log.info({ signal }, 'stopping; containers keep running');
      void daemon.stop().then(
        () => process.exit(0),
        (err: Error) => {
          log.error({ err }, 'stop failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
    warm();
    return undefined;
  } catch (err) {
    process.stderr.write(`skiffd: ${asSkiffError(err).message}\n`);
    return 1;
  }
}
