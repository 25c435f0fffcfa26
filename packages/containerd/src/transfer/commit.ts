// `docker commit`: what a container changed in its snapshot (the overlay upper dir, deletions as
// whiteouts) becomes one gzip layer on top of its image. The new config is the image's, with the
// layer's diff id appended, a history entry (author, comment) and the given "config" fields laid
// over (skiffd passes the container's own Cmd, Env... there, as Docker commits the container's
// configuration). The manifest keeps the image's format: OCI over an OCI image, Docker schema 2
// otherwise.
//
// The caller may ask for the task to be frozen while the upper dir is read (Docker's default), so
// the layer is one consistent moment of the filesystem; the freeze is lifted as soon as the layer
// is written, whatever happened.
import { failedPrecondition, isSkiffError } from '@skiff/errors';
import type { LeaseManager } from '../content/leases';
import type { ContentStore } from '../content/store';
import type { ContainersCore } from '../core/containers';
import { diffMounts } from '../diff/diff';
import { resolveImage } from '../images/resolve';
import type { ImageRecord, ImageStore } from '../images/store';
import { type ImageManifest, MediaType } from '../registry/manifest';
import type { OverlaySnapshotter } from '../snapshots/overlay';
import { type BlobInfo, UNCOMPRESSED_LABEL, ingestStream, jsonBytes, manifestLabels, normalizedImageName, storeImage, unnamedImageName, withLease, writeBlob } from './archive-content';
import { applyConfigChanges, parseConfigChanges } from './rootfs-config';
import { containerSnapshot } from './rootfs-export';

/** Freezes a container's task; resolves to the function that thaws it. */
export type PauseTask = (namespace: string, containerId: string) => Promise<() => Promise<void>>;

export interface CommitDeps {
  content: ContentStore;
  leases: LeaseManager;
  images: ImageStore;
  snapshotter: OverlaySnapshotter;
  containers: ContainersCore;
  /** Wired to TasksCore pause/resume; without it, `pause` is not honoured. */
  pause?: PauseTask;
}

export interface CommitOptions {
  containerId: string;
  /** The new image's name; "" or undefined for an unnamed image (stored under its digest). */
  reference?: string;
  /** JSON fields replacing those of the config's "config" object. */
  config?: Buffer | string;
  author?: string;
  comment?: string;
  pause?: boolean;
}

async function freeze(deps: CommitDeps, namespace: string, containerId: string, wanted: boolean): Promise<() => Promise<void>> {
  const none = async () => undefined;
  if (!wanted || !deps.pause) return none;
  try {
    return await deps.pause(namespace, containerId);
  } catch (err) {
    // A container without a running task (created, stopped, already paused) has nothing to freeze.
    if (isSkiffError(err, 'NotFound') || isSkiffError(err, 'FailedPrecondition')) return none;
    throw err;
  }
}

export async function commitContainer(deps: CommitDeps, namespace: string, options: CommitOptions): Promise<ImageRecord> {
  const changes = parseConfigChanges(options.config);
  const name = options.reference ? normalizedImageName(options.reference) : undefined;
  const container = deps.containers.get(namespace, options.containerId);
  const key = containerSnapshot(deps.containers, namespace, options.containerId);
  const base = container.image === '' ? undefined : deps.images.find(namespace, container.image);
  if (!base) throw failedPrecondition(`container "${options.containerId}": its image "${container.image}" is gone; cannot commit on top of it`);
  const parent = await resolveImage(deps.content, base.target, undefined, base.name);
  const mounts = await deps.snapshotter.mounts(key);

  return withLease(deps.leases, 'commit', async (lease) => {
    let layer: BlobInfo & { diffId: string };
    const thaw = await freeze(deps, namespace, options.containerId, options.pause ?? false);
    try {
      const diff = diffMounts(mounts, { compression: 'gzip' });
      const stored = await ingestStream(deps.content, lease, diff.stream);
      const result = await diff.result;
      layer = { ...stored, diffId: result.diffId };
    } finally {
      await thaw();
    }
    await deps.content.update(layer.digest, { [UNCOMPRESSED_LABEL]: layer.diffId }, [`labels.${UNCOMPRESSED_LABEL}`]);

    const oci = parent.manifestDescriptor.mediaType === MediaType.OciManifest;
    const created = new Date().toISOString();
    const history = [...(parent.config.history ?? [])];
    history.push({ created, ...(options.author ? { author: options.author } : {}), ...(options.comment ? { comment: options.comment } : {}) });
    const config = {
      ...parent.config,
      created,
      ...(options.author ? { author: options.author } : {}),
      ...(options.comment ? { comment: options.comment } : {}),
      config: applyConfigChanges(parent.config.config, changes),
      rootfs: { type: 'layers', diff_ids: [...parent.diffIds, layer.diffId] },
      history,
    };
    const configBlob = await writeBlob(deps.content, lease, jsonBytes(config));
    const manifest: ImageManifest = {
      schemaVersion: 2,
      mediaType: oci ? MediaType.OciManifest : MediaType.DockerManifest,
      config: { mediaType: oci ? MediaType.OciConfig : MediaType.DockerConfig, digest: configBlob.digest, size: configBlob.size },
      layers: [...parent.manifest.layers, { mediaType: oci ? MediaType.OciLayerGzip : MediaType.DockerLayerGzip, digest: layer.digest, size: layer.size }],
    };
    const manifestBlob = await writeBlob(deps.content, lease, jsonBytes(manifest), manifestLabels(manifest));
    const target = { mediaType: manifest.mediaType!, digest: manifestBlob.digest, size: manifestBlob.size };
    return storeImage(deps.images, namespace, name ?? unnamedImageName(target), target);
  });
}
