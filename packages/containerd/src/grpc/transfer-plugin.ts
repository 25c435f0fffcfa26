// skiff.containerd.services.transfer.v1.Transfer as one plugin: the registry half (Pull, Push,
// Unpack) and the archive half (Export, Import, ImportRootfs, ExportRootfs, Commit) over the
// same content store, snapshotter and image store. Commit with pause freezes the task through
// the shim runtime.
import { loadAllGrpcObject } from '@skiff/protos';
import type { ProtoGrpcType as TransferProto } from '@skiff/protos/generated/transfer';
import type { TransferHandlers } from '@skiff/protos/generated/skiff/containerd/services/transfer/v1/Transfer';
import type { LeaseManager } from '../content/leases';
import type { ContentStore } from '../content/store';
import type { ContainersCore } from '../core/containers';
import type { ImageStore } from '../images/store';
import type { TasksCore } from '../runtime/tasks';
import type { GrpcServicePlugin, Plugin } from '../plugins';
import { RegistryClient } from '../registry/client';
import type { OverlaySnapshotter } from '../snapshots/overlay';
import { archiveHandlers } from './transfer-archive';
import { transferRegistryHandlers } from './transfer-registry';

interface TransferInstance extends GrpcServicePlugin {
  registry: RegistryClient;
}

export const transferGrpcPlugin: Plugin<TransferInstance> = {
  type: 'grpc',
  id: 'transfer',
  requires: ['content/local', 'snapshotter/overlayfs', 'metadata/images', 'metadata/containers', 'runtime/shim'],
  init(ctx) {
    const { store: content, leases } = ctx.get<{ store: ContentStore; leases: LeaseManager }>('content', 'local');
    const snapshotter = ctx.get<OverlaySnapshotter>('snapshotter', 'overlayfs');
    const images = ctx.get<ImageStore>('metadata', 'images');
    const { tasks } = ctx.get<{ tasks: TasksCore }>('runtime', 'shim');
    const registry = new RegistryClient(ctx.config.registry);
    const handlers = {
      ...transferRegistryHandlers({ content, leases, snapshotter, images, registry }),
      ...archiveHandlers({
        content,
        leases,
        snapshotter,
        images,
        containers: ctx.get<ContainersCore>('metadata', 'containers'),
        pause: async (namespace, id) => {
          await tasks.pause(namespace, id);
          return () => tasks.resume(namespace, id);
        },
        tempDir: ctx.config.state,
      }),
    } as TransferHandlers;
    return {
      registry,
      register(server) {
        const proto = loadAllGrpcObject<TransferProto>();
        server.addService(proto.skiff.containerd.services.transfer.v1.Transfer.service, handlers);
      },
    };
  },
  close(instance) {
    instance.registry.close();
  },
};
