// The part of skiffd that needs skiff-containerd: the container core fed by its exit events, and
// the API app served on every -H address. Loaded by server.ts only after skiff-containerd was
// spawned, so the new process starts while these modules load.
import * as path from 'node:path';
import * as fs from 'node:fs';
import { type Config, tlsOptions } from './config';
import { GrpcImages } from './containerd/grpc-images';
import type { GrpcContainerd } from './containerd/grpc-port';
import type { ContainerdSupervisor } from './containerd/supervisor';
import { ContainerService } from './core/containers';
import type { Runtimes } from './core/runtimes';
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

export async function serveApi(
  config: Config,
  {
    log,
    port,
    supervisor,
    runtimes,
    containerdReady,
  }: { log: Logger; port: GrpcContainerd; supervisor: ContainerdSupervisor | undefined; runtimes: Runtimes; containerdReady: Promise<void> },
): Promise<RunningDaemon> {
  // Awaited once everything that does not need containerd is set up; a failure meanwhile is
  // reported there, not as an unhandled rejection.
  containerdReady.catch(() => undefined);
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
    ...(config.cgroupParent ? { cgroupParent: config.cgroupParent } : {}),
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
  // Probes are exec'd processes; one past its timeout is killed by its host pid.
  const killProbe = (pid: number) => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  const health = new HealthMonitor({ containers, events, runner: execProbeRunner(execs, killProbe) });

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

  // Plugins and routes are built now, while skiff-containerd starts, not after it answers.
  await app.ready();
  port.loadContracts();
  await containerdReady;
  // Served only once reconciled: a client must not see a container running that exited while
  // skiffd was down.
  await subscribe();
  health.begin();
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
