// Unpacking an image's layers into the overlayfs snapshotter: each layer is applied on top of the
// snapshot of the layers below it and committed under its chain id, so images sharing a base share
// its snapshots and a layer stack already unpacked is never unpacked again.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import { type Readable, Transform } from 'node:stream';
import * as zlib from 'node:zlib';
import { failedPrecondition, isSkiffError } from '@skiff/errors';
import { GC_REF_SNAPSHOT_OVERLAYFS } from '../content/gc';
import type { LeaseManager } from '../content/leases';
import type { ContentStore } from '../content/store';
import { applyLayerToMounts } from '../diff/apply';
import { compressionOfMagic } from '../diff/compression';
import { resolveImage } from '../images/resolve';
import type { ImageStore } from '../images/store';
import type { Descriptor, Platform } from '../registry/manifest';
import type { OverlaySnapshotter } from '../snapshots/overlay';
import { holdIfPresent, relabel } from './pull-content';

export interface UnpackDeps {
  content: ContentStore;
  leases: LeaseManager;
  snapshotter: OverlaySnapshotter;
  images: ImageStore;
}

export interface LayerToApply {
  descriptor: Descriptor;
  /** The uncompressed tar's digest, from the image config; the applied tar must match it. */
  diffId: string;
  /** The snapshot name of this layer and all below it. */
  chainId: string;
}

export interface ApplyHooks {
  /** Resolves once layer i's blob is in the content store (a pull may still be downloading it). */
  ready?: (i: number) => Promise<void>;
  /** Compressed bytes of layer i read into the unpacker so far. */
  onExtracting?: (i: number, current: number, total: number) => void;
  /** Layer i is in the snapshotter: unpacked now (true) or found there (false). */
  onApplied?: (i: number, unpacked: boolean) => void;
}

/**
 * Runs fn under a new lease that expires on its own after a day (a crash must not pin content
 * forever), deleted when fn is done whatever happened.
 */
export async function withLease<T>(leases: LeaseManager, purpose: string, fn: (leaseId: string) => Promise<T>): Promise<T> {
  const id = `${purpose}-${randomBytes(12).toString('hex')}`;
  await leases.createLease(id, new Date(Date.now() + 24 * 3600 * 1000), { 'skiff.transfer': purpose });
  try {
    return await fn(id);
  } finally {
    await leases.deleteLease(id);
  }
}

/** Whether chainId is a committed snapshot; if it is, the lease holds it from now on. */
export async function holdCommittedSnapshot(deps: Pick<UnpackDeps, 'leases' | 'snapshotter'>, leaseId: string, chainId: string): Promise<boolean> {
  return deps.leases.withResource(leaseId, [{ type: 'snapshot', id: chainId }], async () => {
    try {
      return (await deps.snapshotter.stat(chainId)).kind === 'committed';
    } catch (err) {
      if (isSkiffError(err, 'NotFound')) return false;
      throw err;
    }
  });
}

/** Applies the layers bottom up, skipping stacks already committed; returns the top chain id. */
export async function applyLayers(deps: UnpackDeps, leaseId: string, layers: readonly LayerToApply[], hooks: ApplyHooks = {}): Promise<string> {
  let parent = '';
  for (const [i, layer] of layers.entries()) {
    if (await holdCommittedSnapshot(deps, leaseId, layer.chainId)) {
      hooks.onApplied?.(i, false);
    } else {
      await hooks.ready?.(i);
      await applyOne(deps, leaseId, layer, parent, (current, total) => hooks.onExtracting?.(i, current, total));
      hooks.onApplied?.(i, true);
    }
    parent = layer.chainId;
  }
  return parent;
}

async function applyOne(deps: UnpackDeps, leaseId: string, layer: LayerToApply, parent: string, onProgress: (current: number, total: number) => void): Promise<void> {
  const { snapshotter, leases, content } = deps;
  // containerd's naming: unique per attempt, and says which chain it is building.
  const key = `extract-${randomBytes(8).toString('hex')} ${layer.chainId}`;
  const mounts = await leases.withResource(leaseId, [{ type: 'snapshot', id: key }], () => snapshotter.prepare(key, parent));
  let committed = false;
  let source: fs.ReadStream | undefined;
  try {
    const total = layer.descriptor.size;
    let current = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        current += chunk.length;
        onProgress(current, total);
        callback(null, chunk);
      },
    });
    await content.info(layer.descriptor.digest);
    const blob = content.blobPath(layer.descriptor.digest);
    source = fs.createReadStream(blob, { highWaterMark: CHUNK });
    source.once('error', (err) => counter.destroy(err));
    const counted = source.pipe(counter);
    // Decompressed here in large chunks: the unpacker then writes each file in a few large writes
    // instead of zlib's default 16 KiB pieces (measured: a 70 MB layer unpacks twice as fast).
    // applyLayer still checks the media type against what it is given (a plain tar is accepted
    // under a compressed type).
    let input: Readable = counted;
    if (compressionOfMagic(await readHead(blob)) === 'gzip') {
      const gunzip = zlib.createGunzip({ chunkSize: CHUNK });
      counted.once('error', (err) => gunzip.destroy(err));
      input = counted.pipe(gunzip);
    }
    const result = await applyLayerToMounts(input, mounts, { mediaType: layer.descriptor.mediaType });
    if (result.diffId !== layer.diffId) {
      throw failedPrecondition(`layer ${layer.descriptor.digest} unpacks to ${result.diffId}, but the image config says ${layer.diffId}`);
    }
    try {
      await leases.withResource(leaseId, [{ type: 'snapshot', id: layer.chainId }], () => snapshotter.commit(layer.chainId, key));
      committed = true;
    } catch (err) {
      // Another unpack of the same stack got there first: its snapshot is as good as ours.
      if (!isSkiffError(err, 'AlreadyExists')) throw err;
    }
  } finally {
    // The unpacker stops reading on a bad layer; the file must not stay open.
    source?.destroy();
    if (!committed) await removeQuietly(snapshotter, key);
  }
}

const CHUNK = 1024 * 1024;

async function readHead(file: string): Promise<Buffer> {
  const handle = await fsp.open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function removeQuietly(snapshotter: OverlaySnapshotter, key: string): Promise<void> {
  try {
    await snapshotter.remove(key);
  } catch (err) {
    if (!isSkiffError(err, 'NotFound')) throw err;
  }
}

/** Labels the config blob with the unpacked stack, so collection keeps it as long as the image. */
export async function labelUnpacked(content: ContentStore, config: Descriptor, chainId: string): Promise<void> {
  if (chainId !== '') await relabel(content, config.digest, () => ({ [GC_REF_SNAPSHOT_OVERLAYFS]: chainId }));
}

export interface UnpackOptions {
  namespace: string;
  name: string;
  /** Which manifest of an index; default linux/amd64. */
  platform?: Platform;
}

/**
 * Unpacks an already pulled image for a platform (idempotent) and returns the chain id of its
 * whole stack: the parent for a container's snapshot.
 */
export async function unpack(deps: UnpackDeps, options: UnpackOptions): Promise<string> {
  const image = deps.images.get(options.namespace, options.name);
  const resolved = await resolveImage(deps.content, image.target, options.platform, options.name);
  const layers = resolved.manifest.layers.map((descriptor, i) => ({ descriptor, diffId: resolved.diffIds[i]!, chainId: resolved.chainIds[i]! }));
  return withLease(deps.leases, 'unpack', async (leaseId) => {
    const top = await applyLayers(deps, leaseId, layers, {
      ready: async (i) => {
        const { digest } = layers[i]!.descriptor;
        if ((await holdIfPresent({ ...deps, leaseId }, digest)) === undefined) {
          throw failedPrecondition(`layer ${digest} of ${options.name} is missing from the content store: pull the image again`);
        }
      },
    });
    await labelUnpacked(deps.content, resolved.manifest.config, top);
    return top;
  });
}
