// skiffd put together: its containerd (given or supervised), the container core fed by
// containerd's exit events, and the API app served on every -H address.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { failedPrecondition, invalidArgument } from '@skiff/errors';
import { type Config, tlsOptions } from './config';
import { GrpcImages } from './containerd/grpc-images';
import { GrpcContainerd } from './containerd/grpc-port';
import { ContainerdSupervisor, findContainerdBinary } from './containerd/supervisor';
import { ContainerService } from './core/containers';
import { Runtimes } from './core/runtimes';
import { validateLogConfig } from './core/log-config';
import { NetworkService } from './network/service';
import { execRunner } from './network/runner';
import { EventBus } from './core/events';
import { ExecService } from './core/exec';
import { execProbeRunner, HealthMonitor } from './core/health';
import { FifoDirs } from './core/fifos';
import { ImageService } from './core/image-service';
import type { EventSubscription } from './core/ports';
import { hostFacts } from './core/system';
import { buildApp } from './http/app';
import { listen } from './http/listen';
import type { Logger } from './log';
import { ContainerStore } from './store/container-store';

export interface RunningDaemon {
  /** The addresses listened on, as given to -H. */
  hosts: string[];
  stop(): Promise<void>;
}

function writePidfile(file: string): void {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    if (pid > 0 && pid !== process.pid) {
      process.kill(pid, 0);
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('skiffd')) {
        throw failedPrecondition(`pid file found, ensure skiffd is not running or delete ${file}`);
      }
    }
  } catch (err) {
    if ((err as { kind?: string }).kind === 'FailedPrecondition') throw err;
    // No file, or its process is gone: a stale file from a crash.
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${process.pid}\n`);
}

export async function startDaemon(config: Config, { log }: { log: Logger }): Promise<RunningDaemon> {
  for (const host of config.hosts) {
    if (host.startsWith('tcp://') && !config.tls && !config.insecureTcp) {
      throw invalidArgument(`${host}: tcp without TLS gives root on this host to anyone who can reach it; use --tlsverify with --tlscacert, --tlscert and --tlskey, or pass --insecure-tcp to allow it`);
    }
    if (!host.startsWith('unix://') && !host.startsWith('tcp://')) throw invalidArgument(`${host}: only unix:// and tcp:// hosts are supported`);
  }
  const runtimes = new Runtimes(config.execRoot, config.runtimes, config.defaultRuntime);
  fs.mkdirSync(config.dataRoot, { recursive: true, mode: 0o711 });
  fs.mkdirSync(config.execRoot, { recursive: true, mode: 0o700 });
  writePidfile(config.pidfile);

  const managed = config.containerd === undefined;
  const address = config.containerd ?? path.join(config.execRoot, 'containerd', 'containerd.sock');
  const port = new GrpcContainerd(address, config.containerdNamespace);
  let supervisor: ContainerdSupervisor | undefined;
  if (managed) {
    supervisor = new ContainerdSupervisor({
      binary: findContainerdBinary(),
      root: path.join(config.dataRoot, 'containerd'),
      state: path.join(config.execRoot, 'containerd'),
      address,
      shimSocketDir: path.join(config.execRoot, 'shims'),
      namespace: config.containerdNamespace,
      warmShims: config.warmShims,
      logLevel: config.logLevel === 'trace' ? 'debug' : config.logLevel,
      log: log.child({ component: 'containerd-supervisor' }),
      ping: (timeoutMs) => port.version(timeoutMs),
    });
    await supervisor.start();
  }

  const fifos = new FifoDirs(path.join(config.execRoot, 'containers'));
  const events = new EventBus();
  const network = new NetworkService({
    dataRoot: config.dataRoot,
    execRoot: config.execRoot,
    runner: execRunner,
    bridge: config.bridge,
    bip: config.bip,
    mtu: config.mtu,
    pools: config.defaultAddressPools,
    log: log.child({ component: 'network' }),
  });
  await network.init();
  const containers = new ContainerService({
    port,
    events,
    store: new ContainerStore(config.dataRoot),
    fifos,
    runtimeRoot: path.join(config.execRoot, 'runtime'),
    runtimes,
    log,
    network,
    logConfig: validateLogConfig({ Type: config.logDriver, Config: config.logOpts }),
  });
  containers.load();
  const execs = new ExecService({ port, containers, fifos, log });

  // Exits arrive as events; the bus keeps no backlog, so every (re)subscription is followed by
  // a resync from the task list, once at once and once a moment later (the subscription may
  // register on the server after our first list).
  let stopping = false;
  let subscription: EventSubscription | undefined;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const resync = () =>
    containers.resync().catch((err: Error) => log.warn({ err: err.message }, 'resync with skiff-containerd failed'));
  const subscribe = (): Promise<void> => {
    if (stopping) return Promise.resolve();
    subscription = port.subscribeExits(
      (exit) => {
        if (exit.execId) execs.handleExit(exit);
        else void containers.handleExit(exit).catch((err: Error) => log.error({ err, exit }, 'recording a task exit failed'));
      },
      (err) => {
        if (stopping) return;
        log.warn({ err: err.message }, 'event stream from skiff-containerd broke; resubscribing');
        later(1_000, () => void subscribe());
      },
    );
    later(1_000, () => void resync());
    return resync();
  };
  // Served only once reconciled: a client must not see a container running that exited while
  // skiffd was down.
  await subscribe();
  // Probes are exec'd processes; one past its timeout is killed by its host pid.
  const killProbe = (pid: number) => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const health = new HealthMonitor({ containers, events, runner: execProbeRunner(execs, killProbe) });
  health.begin();

  const facts = hostFacts(config.dataRoot);
  const app = buildApp(
    {
      containers,
      execs,
      events,
      images: new ImageService({ port: new GrpcImages(port), usedBy: (id) => containers.usersOfImage(id), events }),
      facts,
      dataRoot: config.dataRoot,
      countImages: async () => (await port.listImages()).length,
      containerdVersion: () => port.version(2_000).then((v) => v.version, () => ''),
    },
    log,
  );

  const listeners = await listen(app, config.hosts, { group: config.group, log, tls: tlsOptions(config) });

  return {
    hosts: config.hosts,
    stop: async () => {
      stopping = true;
      for (const t of timers) clearTimeout(t);
      subscription?.close();
      containers.shutdown();
      health.close();
      await listeners.close();
      await app.close();
      port.close();
      await supervisor?.stop();
      fs.rmSync(config.pidfile, { force: true });
    },
  };
}
