import type { ContainersHandlers } from '@skiff/protos/generated/skiff/containerd/services/containers/v1/Containers';
import type { Container } from '@skiff/protos/generated/skiff/containerd/services/containers/v1/Container';
import type { ContainerRecord } from '../core/container-store';
import type { ContainerInput, ContainersCore } from '../core/containers';
import { toTimestamp } from '../core/timestamps';
import { type ContainerMessage, CreateContainerSchema, FiltersSchema, IdSchema, UpdateContainerSchema } from './schemas';
import { unary } from './unary';

function fromMessage(c: ContainerMessage): ContainerInput {
  return {
    id: c.id,
    labels: c.labels,
    image: c.image,
    runtime: { name: c.runtime?.name ?? '', options: c.runtime?.options ?? null, shimGroup: c.runtime?.shimGroup ?? '' },
    spec: c.spec.toString('utf8'),
    snapshotter: c.snapshotter,
    snapshotKey: c.snapshotKey,
    extensions: Object.fromEntries(Object.entries(c.extensions).map(([k, v]) => [k, { typeUrl: v.type_url, value: v.value.toString('base64') }])),
  };
}

export function toMessage(r: ContainerRecord): Container {
  return {
    id: r.id,
    labels: r.labels,
    image: r.image,
    runtime: r.runtime,
    spec: Buffer.from(r.spec, 'utf8'),
    snapshotter: r.snapshotter,
    snapshotKey: r.snapshotKey,
    createdAt: toTimestamp(new Date(r.createdAt)),
    updatedAt: toTimestamp(new Date(r.updatedAt)),
    extensions: Object.fromEntries(Object.entries(r.extensions).map(([k, v]) => [k, { type_url: v.typeUrl, value: Buffer.from(v.value, 'base64') }])),
  };
}

/** skiff.containerd.services.containers.v1.Containers over ContainersCore. */
export function containersService(core: ContainersCore): ContainersHandlers {
  return {
    Get: unary(IdSchema, (r, ns) => ({ container: toMessage(core.get(ns, r.id)) })),
    List: unary(FiltersSchema, (r, ns) => ({ containers: core.list(ns, r.filters).map(toMessage) })),
    Create: unary(CreateContainerSchema, (r, ns) => ({ container: toMessage(core.create(ns, fromMessage(r.container))) })),
    Update: unary(UpdateContainerSchema, (r, ns) => ({
      container: toMessage(core.update(ns, fromMessage(r.container), r.updateMask?.paths ?? [])),
    })),
    Delete: unary(IdSchema, (r, ns) => {
      core.delete(ns, r.id);
      return {};
    }),
  } as ContainersHandlers;
}
