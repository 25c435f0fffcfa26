// skiff.containerd.services.snapshots.v1.Snapshots over the overlayfs snapshotter. Keys are the
// snapshotter's own: the runtime mounts a container's snapshot by the key in its record, so they
// are not rewritten per namespace here.
import type * as grpc from '@grpc/grpc-js';
import { z } from 'zod';
import { invalidArgument } from '@skiff/errors';
import { loadAllGrpcObject } from '@skiff/protos';
import type { ProtoGrpcType as SnapshotsProto } from '@skiff/protos/generated/snapshots';
import type { Info } from '@skiff/protos/generated/skiff/containerd/services/snapshots/v1/Info';
import type { SnapshotsHandlers } from '@skiff/protos/generated/skiff/containerd/services/snapshots/v1/Snapshots';
import { toTimestamp } from '../core/timestamps';
import type { GrpcServicePlugin, Plugin } from '../plugins';
import type { OverlaySnapshotter, SnapshotInfo, SnapshotKind } from '../snapshots/overlay';
import { toServiceError } from './status';
import { namespaceOf, unary } from './unary';

const LIST_BATCH = 100;

const KINDS: Record<SnapshotKind, Info['kind']> = { view: 'KIND_VIEW', active: 'KIND_ACTIVE', committed: 'KIND_COMMITTED' };

const snapshotter = z.string().refine((s) => s === '' || s === 'overlayfs', { message: 'unknown snapshotter: only "overlayfs" (or "") is served' });
const key = z.string().min(1, 'key is required');
const labels = z.record(z.string(), z.string());

const CreateSchema = z.object({ snapshotter, key, parent: z.string(), labels });
const KeySchema = z.object({ snapshotter, key });
const CommitSchema = z.object({ snapshotter, name: z.string().min(1, 'name is required'), key, labels });
const UpdateSchema = z.object({
  snapshotter,
  info: z.object({ name: z.string().min(1, 'info.name is required'), labels }).nullable(),
  updateMask: z.object({ paths: z.array(z.string()) }).nullable(),
});
const ListSchema = z.object({ snapshotter, filters: z.array(z.string()) });

function infoToMessage(info: SnapshotInfo): Info {
  return {
    name: info.name,
    parent: info.parent,
    kind: KINDS[info.kind],
    createdAt: toTimestamp(info.createdAt),
    updatedAt: toTimestamp(info.updatedAt),
    labels: info.labels,
  };
}

function send(call: grpc.ServerWritableStream<unknown, unknown>, message: unknown): Promise<void> {
  return new Promise((resolve) => {
    if (call.write(message)) resolve();
    else call.once('drain', resolve);
  });
}

export function snapshotsService(snapshots: OverlaySnapshotter): SnapshotsHandlers {
  return {
    Prepare: unary(CreateSchema, async (r) => ({ mounts: await snapshots.prepare(r.key, r.parent, r.labels) })),
    View: unary(CreateSchema, async (r) => ({ mounts: await snapshots.view(r.key, r.parent, r.labels) })),
    Mounts: unary(KeySchema, async (r) => ({ mounts: await snapshots.mounts(r.key) })),
    Commit: unary(CommitSchema, async (r) => {
      await snapshots.commit(r.name, r.key, r.labels);
      return {};
    }),
    Remove: unary(KeySchema, async (r) => {
      await snapshots.remove(r.key);
      return {};
    }),
    Stat: unary(KeySchema, async (r) => ({ info: infoToMessage(await snapshots.stat(r.key)) })),
    Update: unary(UpdateSchema, async (r) => {
      if (!r.info) throw invalidArgument('info is required');
      return { info: infoToMessage(await snapshots.update(r.info.name, r.info.labels, r.updateMask?.paths ?? [])) };
    }),
    List: (call: grpc.ServerWritableStream<unknown, unknown>) => {
      let request: z.output<typeof ListSchema>;
      try {
        namespaceOf(call);
        request = ListSchema.parse(call.request);
      } catch (err) {
        call.emit('error', toServiceError(err));
        return;
      }
      void (async () => {
        const infos = await snapshots.list(request.filters);
        for (let i = 0; i < infos.length && !call.cancelled; i += LIST_BATCH) {
          await send(call, { info: infos.slice(i, i + LIST_BATCH).map(infoToMessage) });
        }
        call.end();
      })().catch((err) => call.emit('error', toServiceError(err)));
    },
    Usage: unary(KeySchema, async (r) => {
      const usage = await snapshots.usage(r.key);
      return { size: String(usage.size), inodes: String(usage.inodes) };
    }),
  } as SnapshotsHandlers;
}

export const snapshotsGrpcPlugin: Plugin<GrpcServicePlugin> = {
  type: 'grpc',
  id: 'snapshots',
  requires: ['snapshotter/overlayfs'],
  init(ctx) {
    const snapshots = ctx.get<OverlaySnapshotter>('snapshotter', 'overlayfs');
    return {
      register(server) {
        const proto = loadAllGrpcObject<SnapshotsProto>();
        server.addService(proto.skiff.containerd.services.snapshots.v1.Snapshots.service, snapshotsService(snapshots));
      },
    };
  },
};
