// skiff.containerd.services.images.v1.Images over the image store, and the conversions between
// the OCI JSON descriptors the store keeps and skiff.types.v1.Descriptor messages.
import { z } from 'zod';
import { invalidArgument } from '@skiff/errors';
import { loadAllGrpcObject } from '@skiff/protos';
import type { ProtoGrpcType as ImagesProto } from '@skiff/protos/generated/images';
import type { Image } from '@skiff/protos/generated/skiff/containerd/services/images/v1/Image';
import type { ImagesHandlers } from '@skiff/protos/generated/skiff/containerd/services/images/v1/Images';
import type { Descriptor as DescriptorMessage } from '@skiff/protos/generated/skiff/types/v1/Descriptor';
import type { ContainersCore } from '../core/containers';
import { toTimestamp } from '../core/timestamps';
import { collectGarbage } from '../images/gc';
import type { ImageRecord, ImageStore } from '../images/store';
import type { LeaseManager } from '../content/leases';
import type { ContentStore } from '../content/store';
import type { GrpcServicePlugin, Plugin } from '../plugins';
import type { Descriptor, Platform } from '../registry/manifest';
import type { OverlaySnapshotter } from '../snapshots/overlay';
import { unary } from './unary';

const int64 = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a non-negative integer` });
    return z.NEVER;
  }
  return n;
});

export const PlatformMessageSchema = z.object({
  os: z.string(),
  architecture: z.string(),
  variant: z.string(),
  osVersion: z.string(),
  osFeatures: z.array(z.string()),
});

export const DescriptorMessageSchema = z.object({
  mediaType: z.string().min(1, 'descriptor media type is required'),
  digest: z.string().regex(/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/, 'invalid digest'),
  size: int64,
  annotations: z.record(z.string(), z.string()),
  urls: z.array(z.string()),
  platform: PlatformMessageSchema.nullable(),
  artifactType: z.string(),
});

/** A Platform message as the registry code's Platform; unset (null, or no os and architecture) is undefined. */
export function platformFromMessage(p: z.output<typeof PlatformMessageSchema> | null): Platform | undefined {
  if (!p || (p.os === '' && p.architecture === '')) return undefined;
  if (p.os === '' || p.architecture === '') throw invalidArgument('platform: os and architecture are both required');
  return {
    os: p.os,
    architecture: p.architecture,
    ...(p.variant !== '' ? { variant: p.variant } : {}),
    ...(p.osVersion !== '' ? { 'os.version': p.osVersion } : {}),
    ...(p.osFeatures.length > 0 ? { 'os.features': p.osFeatures } : {}),
  };
}

export function descriptorFromMessage(d: z.output<typeof DescriptorMessageSchema>): Descriptor {
  const platform = platformFromMessage(d.platform);
  return {
    mediaType: d.mediaType,
    digest: d.digest,
    size: d.size,
    ...(Object.keys(d.annotations).length > 0 ? { annotations: d.annotations } : {}),
    ...(d.urls.length > 0 ? { urls: d.urls } : {}),
    ...(platform ? { platform } : {}),
    ...(d.artifactType !== '' ? { artifactType: d.artifactType } : {}),
  };
}

export function descriptorToMessage(d: Descriptor): DescriptorMessage {
  return {
    mediaType: d.mediaType,
    digest: d.digest,
    size: String(d.size),
    annotations: d.annotations ?? {},
    urls: d.urls ?? [],
    platform: d.platform
      ? { os: d.platform.os, architecture: d.platform.architecture, variant: d.platform.variant ?? '', osVersion: d.platform['os.version'] ?? '', osFeatures: d.platform['os.features'] ?? [] }
      : null,
    artifactType: d.artifactType ?? '',
  };
}

export function imageToMessage(r: ImageRecord): Image {
  return {
    name: r.name,
    labels: r.labels,
    target: descriptorToMessage(r.target),
    createdAt: toTimestamp(new Date(r.createdAt)),
    updatedAt: toTimestamp(new Date(r.updatedAt)),
  };
}

const ImageMessageSchema = z.object({
  name: z.string().min(1, 'image name is required'),
  labels: z.record(z.string(), z.string()),
  target: DescriptorMessageSchema.nullable(),
});

function imageInput(image: z.output<typeof ImageMessageSchema>, targetRequired: boolean) {
  if (!image.target && targetRequired) throw invalidArgument(`image "${image.name}": a target descriptor is required`);
  return { name: image.name, labels: image.labels, target: image.target ? descriptorFromMessage(image.target) : undefined };
}

const NameSchema = z.object({ name: z.string().min(1, 'image name is required') });
const ListSchema = z.object({ filters: z.array(z.string()) });
const CreateSchema = z.object({ image: ImageMessageSchema });
const UpdateSchema = z.object({ image: ImageMessageSchema, updateMask: z.object({ paths: z.array(z.string()) }).nullable() });
const DeleteSchema = z.object({ name: z.string().min(1, 'image name is required'), sync: z.boolean() });

export interface ImagesServiceDeps {
  images: ImageStore;
  /** Garbage collection, run by a Delete with sync. */
  collect: () => Promise<unknown>;
}

export function imagesService(deps: ImagesServiceDeps): ImagesHandlers {
  const { images } = deps;
  return {
    Get: unary(NameSchema, (r, ns) => ({ image: imageToMessage(images.get(ns, r.name)) })),
    List: unary(ListSchema, (r, ns) => ({ images: images.list(ns, r.filters).map(imageToMessage) })),
    Create: unary(CreateSchema, (r, ns) => {
      const input = imageInput(r.image, true);
      return { image: imageToMessage(images.create(ns, { ...input, target: input.target! })) };
    }),
    Update: unary(UpdateSchema, (r, ns) => {
      const mask = r.updateMask?.paths ?? [];
      const current = images.get(ns, r.image.name);
      const input = imageInput(r.image, mask.length === 0 || mask.includes('target'));
      return { image: imageToMessage(images.update(ns, { ...input, target: input.target ?? current.target }, mask)) };
    }),
    Delete: unary(DeleteSchema, async (r, ns) => {
      images.delete(ns, r.name);
      if (r.sync) await deps.collect();
      return {};
    }),
  } as ImagesHandlers;
}

export const imagesGrpcPlugin: Plugin<GrpcServicePlugin> = {
  type: 'grpc',
  id: 'images',
  requires: ['metadata/images', 'content/local', 'snapshotter/overlayfs', 'metadata/containers'],
  init(ctx) {
    const images = ctx.get<ImageStore>('metadata', 'images');
    const { store, leases } = ctx.get<{ store: ContentStore; leases: LeaseManager }>('content', 'local');
    const snapshotter = ctx.get<OverlaySnapshotter>('snapshotter', 'overlayfs');
    const containers = ctx.get<ContainersCore>('metadata', 'containers');
    const collect = () => collectGarbage({ images, content: store, leases, snapshotter, containerSnapshotKeys: () => containers.snapshotKeys() });
    return {
      register(server) {
        const proto = loadAllGrpcObject<ImagesProto>();
        server.addService(proto.skiff.containerd.services.images.v1.Images.service, imagesService({ images, collect }));
      },
    };
  },
};
