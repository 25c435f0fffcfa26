// Garbage collection of images' content and snapshots: the roots are every image's target (its
// manifest or index, whose reference labels lead to the rest), every container's snapshot, and
// what live leases hold (content/gc.ts adds those itself).
import type { LeaseManager } from '../content/leases';
import { type GcResult, gc } from '../content/gc';
import type { ContentStore } from '../content/store';
import type { OverlaySnapshotter } from '../snapshots/overlay';
import type { ImageStore } from './store';

export interface ImageGcDeps {
  images: ImageStore;
  content: ContentStore;
  leases: LeaseManager;
  snapshotter: OverlaySnapshotter;
  /** The snapshot key of every container, in every namespace. */
  containerSnapshotKeys: () => string[] | Promise<string[]>;
}

/** Removes content and snapshots no image, container or lease needs any more. */
export function collectGarbage(deps: ImageGcDeps): Promise<GcResult> {
  return gc({
    content: deps.content,
    snapshots: deps.snapshotter,
    leases: deps.leases,
    roots: async () => ({
      content: deps.images.all().map((image) => image.target.digest),
      snapshots: (await deps.containerSnapshotKeys()).filter((key) => key !== ''),
    }),
  });
}
