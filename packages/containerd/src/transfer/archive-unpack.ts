// Unpacking a loaded image into the snapshotter, as a pull does: one committed snapshot per layer
// stack, named by its chain id, so images sharing layers share snapshots. A layer already there
// (from a pull, another load, a concurrent unpack) is skipped.
import { randomBytes } from 'node:crypto';
import { invalidArgument, isSkiffError } from '@skiff/errors';
import { GC_REF_SNAPSHOT_OVERLAYFS } from '../content/gc';
import type { ContentStore } from '../content/store';
import { applyLayerToMounts } from '../diff/apply';
import type { ResolvedImage } from '../images/resolve';
import type { OverlaySnapshotter } from '../snapshots/overlay';
import { type ProgressSink, type TransferLease, labelBlob, readWithProgress, shortId } from './archive-content';

export interface UnpackDeps {
  content: ContentStore;
  snapshotter: OverlaySnapshotter;
}

// Progress is reported at most this often per layer, besides its start and end.
const PROGRESS_STEP_BYTES = 1 << 20;

async function snapshotExists(snapshotter: OverlaySnapshotter, key: string): Promise<boolean> {
  try {
    await snapshotter.stat(key);
    return true;
  } catch (err) {
    if (isSkiffError(err, 'NotFound')) return false;
    throw err;
  }
}

/**
 * Applies each layer of the image not yet unpacked and returns the top chain id (the parent of a
 * container's snapshot). The config blob is labelled with it, so the snapshots live as long as
 * the image does. Reports "Loading layer" progress for each layer.
 */
export async function unpackImage(deps: UnpackDeps, lease: TransferLease, image: ResolvedImage, progress: ProgressSink = () => undefined): Promise<string> {
  const { content, snapshotter } = deps;
  let parent = '';
  for (const [i, layer] of image.manifest.layers.entries()) {
    const chainId = image.chainIds[i]!;
    const id = shortId(layer.digest);
    if (await snapshotExists(snapshotter, chainId)) {
      progress({ id, status: 'Loading layer', current: layer.size, total: layer.size });
      parent = chainId;
      continue;
    }
    const key = `extract-${randomBytes(6).toString('hex')}-${chainId}`;
    const mounts = await lease.hold([{ type: 'snapshot', id: key }], () => snapshotter.prepare(key, parent));
    try {
      let reported = 0;
      const stream = await readWithProgress(content, layer.digest, (read) => {
        if (read - reported >= PROGRESS_STEP_BYTES) {
          reported = read;
          progress({ id, status: 'Loading layer', current: read, total: layer.size });
        }
      });
      const { diffId } = await applyLayerToMounts(stream, mounts, { mediaType: layer.mediaType });
      if (diffId !== image.diffIds[i]) {
        throw invalidArgument(`layer ${layer.digest} unpacks to ${diffId}, but the image config says ${image.diffIds[i]}`);
      }
      await lease.hold([{ type: 'snapshot', id: chainId }], () => snapshotter.commit(chainId, key));
      progress({ id, status: 'Loading layer', current: layer.size, total: layer.size });
    } catch (err) {
      await snapshotter.remove(key).catch(() => undefined);
      // Another unpack of the same layers finished first: its snapshot is as good as ours.
      if (!(isSkiffError(err, 'AlreadyExists') && (await snapshotExists(snapshotter, chainId)))) throw err;
    }
    parent = chainId;
  }
  if (parent !== '') await labelBlob(content, lease, image.manifest.config.digest, { [GC_REF_SNAPSHOT_OVERLAYFS]: parent });
  return parent;
}
