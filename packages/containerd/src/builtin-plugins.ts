// The plugins a stock skiff-containerd is made of. Each is small: it builds one core from the
// configuration and the plugins it requires; the gRPC ones adapt a core to a service.
import * as path from 'node:path';
import { invalidArgument } from '@skiff/errors';
import { loadAllGrpcObject } from '@skiff/protos';
import type { ProtoGrpcType as ContainersProto } from '@skiff/protos/generated/containers';
import type { ProtoGrpcType as TasksProto } from '@skiff/protos/generated/tasks';
import type { ProtoGrpcType as EventsProto } from '@skiff/protos/generated/events';
import type { ProtoGrpcType as VersionProto } from '@skiff/protos/generated/version';
import { LeaseManager } from './content/leases';
import { ContentStore } from './content/store';
import { ContainerStore } from './core/container-store';
import { ContainersCore } from './core/containers';
import { EventBus } from './core/event-bus';
import { containersService } from './grpc/containers-service';
import { eventsService } from './grpc/events-service';
import { tasksService } from './grpc/tasks-service';
import { versionService } from './grpc/version-service';
import { contentGrpcPlugin } from './grpc/content-service';
import { imagesGrpcPlugin } from './grpc/images-service';
import { snapshotsGrpcPlugin } from './grpc/snapshots-service';
import { transferGrpcPlugin } from './grpc/transfer-plugin';
import type { GrpcServicePlugin, Plugin } from './plugins';
import { BinaryShimLauncher, findShimBinary } from './runtime/shim-launcher';
import { ImageStore } from './images/store';
import { TasksCore } from './runtime/tasks';
import { OverlaySnapshotter } from './snapshots/overlay';
import { WarmShimPool } from './runtime/warm-pool';

export const eventsPlugin: Plugin<EventBus> = { type: 'events', id: 'bus', init: () => new EventBus() };

export const containersPlugin: Plugin<ContainersCore> = {
  type: 'metadata',
  id: 'containers',
  requires: ['events/bus'],
  init: (ctx) => new ContainersCore(new ContainerStore(path.join(ctx.config.root, 'metadata', 'containers')), ctx.get('events', 'bus')),
};

/** The content store and the leases that protect what a transfer is still writing from GC. */
export interface LocalContent {
  store: ContentStore;
  leases: LeaseManager;
}

export const contentPlugin: Plugin<LocalContent> = {
  type: 'content',
  id: 'local',
  async init(ctx) {
    const store = new ContentStore(path.join(ctx.config.root, 'content'));
    const leases = new LeaseManager(path.join(ctx.config.root, 'leases'));
    await store.open();
    await leases.open();
    return { store, leases };
  },
};

export const overlaySnapshotterPlugin: Plugin<OverlaySnapshotter> = {
  type: 'snapshotter',
  id: 'overlayfs',
  async init(ctx) {
    const snapshotter = new OverlaySnapshotter(path.join(ctx.config.root, 'snapshots', 'overlayfs'));
    await snapshotter.open();
    return snapshotter;
  },
};

export const imagesPlugin: Plugin<ImageStore> = {
  type: 'metadata',
  id: 'images',
  requires: ['events/bus'],
  init: (ctx) => new ImageStore(path.join(ctx.config.root, 'metadata', 'images'), ctx.get('events', 'bus')),
};

export interface ShimRuntime {
  tasks: TasksCore;
  pool: WarmShimPool | undefined;
  /** Until the shims left for after serving are dialled. */
  recoveryTimer?: NodeJS.Timeout;
}

/**
 * How long after serving the shims left by recover() are dialled: clients that were waiting for
 * the socket (skiffd reconnects with Version, Events.Subscribe and Tasks.List) get the cores
 * first. A call that needs one of those shims dials it at once.
 */
const RECOVERY_DELAY_MS = 250;

export const shimRuntimePlugin: Plugin<ShimRuntime> = {
  type: 'runtime',
  id: 'shim',
  requires: ['events/bus', 'metadata/containers', 'snapshotter/overlayfs'],
  async init(ctx) {
    const { config } = ctx;
    const containers = ctx.get<ContainersCore>('metadata', 'containers');
    const log = (msg: string) => ctx.log.info(msg);
    const launcher = new BinaryShimLauncher({
      binary: config.shim.binary ?? findShimBinary(),
      socketDir: config.shim.socketDir,
      containerdAddress: config.address,
      callTimeoutMs: config.shim.callTimeoutMs,
      debug: config.shim.debug,
      log,
    });
    const { size, namespaces, refillDelayMs } = config.shim.warm;
    const pool = size > 0 ? new WarmShimPool(launcher, path.join(config.state, '_shims'), size, namespaces, log, refillDelayMs) : undefined;
    const tasks = new TasksCore({
      stateDir: config.state,
      launcher,
      pool,
      bus: ctx.get('events', 'bus'),
      container: (ns, id) => containers.get(ns, id),
      snapshotMounts: (snapshotter, key) => {
        if (snapshotter && snapshotter !== 'overlayfs') throw invalidArgument(`unknown snapshotter "${snapshotter}"`);
        return ctx.get<OverlaySnapshotter>('snapshotter', 'overlayfs').mounts(key);
      },
      log,
    });
    containers.setTaskLookup((ns, id) => tasks.hasTask(ns, id));
    await tasks.recover();
    return { tasks, pool };
  },
  // Not during start-up: a starting shim is a Node process that takes a core for a few hundred
  // ms, which would delay the socket's first answer and the client's first calls after it. Nor
  // before the idle shims of the previous run have rejoined the pool.
  serving(runtime) {
    runtime.recoveryTimer = setTimeout(() => void runtime.tasks.resumeRecovery().then(() => runtime.pool?.refillLater()), RECOVERY_DELAY_MS);
  },
  async close(runtime) {
    // Tasks first: a recovery still dialling the previous run's idle shims then adopts none into
    // a pool that is stopping.
    clearTimeout(runtime.recoveryTimer);
    runtime.tasks.close();
    await runtime.pool?.stop();
  },
};

function grpcPlugin(id: string, requires: string[], register: (ctx: Parameters<Plugin['init']>[0]) => GrpcServicePlugin['register']): Plugin<GrpcServicePlugin> {
  return { type: 'grpc', id, requires, init: (ctx) => ({ register: register(ctx) }) };
}

export const containersGrpcPlugin = grpcPlugin('containers', ['metadata/containers'], (ctx) => (server) => {
  const proto = loadAllGrpcObject<ContainersProto>();
  server.addService(proto.skiff.containerd.services.containers.v1.Containers.service, containersService(ctx.get('metadata', 'containers')));
});

export const tasksGrpcPlugin = grpcPlugin('tasks', ['runtime/shim'], (ctx) => (server) => {
  const proto = loadAllGrpcObject<TasksProto>();
  server.addService(proto.skiff.containerd.services.tasks.v1.Tasks.service, tasksService(ctx.get<ShimRuntime>('runtime', 'shim').tasks));
});

export const eventsGrpcPlugin = grpcPlugin('events', ['events/bus'], (ctx) => (server) => {
  const proto = loadAllGrpcObject<EventsProto>();
  server.addService(proto.skiff.containerd.services.events.v1.Events.service, eventsService(ctx.get('events', 'bus')));
});

export const versionGrpcPlugin = grpcPlugin('version', [], () => (server) => {
  const proto = loadAllGrpcObject<VersionProto>();
  server.addService(proto.skiff.containerd.services.version.v1.Version.service, versionService());
});

export function builtinPlugins(): Plugin<any>[] {
  return [
    eventsPlugin,
    containersPlugin,
    contentPlugin,
    overlaySnapshotterPlugin,
    imagesPlugin,
    shimRuntimePlugin,
    containersGrpcPlugin,
    tasksGrpcPlugin,
    eventsGrpcPlugin,
    versionGrpcPlugin,
    imagesGrpcPlugin,
    contentGrpcPlugin,
    snapshotsGrpcPlugin,
    transferGrpcPlugin,
  ];
}
