// Garbage collection of content and snapshots: mark from the roots the caller names (image
// targets, container snapshot keys), from resources of live leases and from anything labelled
// containerd.io/gc.root; follow containerd's reference labels; sweep the rest.
//
// References are labels, so the collector walks manifest -> config/layers -> snapshots without
// parsing an image: whoever writes a manifest labels it
//   containerd.io/gc.ref.content.<anything> = <digest>      (a blob it needs)
//   containerd.io/gc.ref.snapshot.overlayfs = <snapshot key> (e.g. a config -> its unpacked chain)
// and a snapshot keeps its parents.
//
// Safety against an in-flight pull: the whole mark and sweep runs under the lease manager's
// gcLock held exclusively. A pull creates a lease first and adds each resource before or in the
// same shared section as creating it (LeaseManager.withResource), so every object it has made is
// a root by the time any collection can look.
import { isSkiffError } from '@skiff/errors';
import type { LeaseManager } from './leases';

/** What the collector needs of a content store (ContentStore satisfies it). */
export interface GcContentStore {
  list(): Promise<Array<{ digest: string; labels: Record<string, string> }>>;
  delete(digest: string): Promise<void>;
  listStatuses(): Promise<Array<{ ref: string; updatedAt: Date }>>;
  isWriting(ref: string): boolean;
  abort(ref: string): Promise<void>;
  removeOrphanMetadata(): Promise<void>;
}

/** What the collector needs of a snapshotter (OverlaySnapshotter satisfies it). */
export interface GcSnapshotter {
  list(): Promise<Array<{ name: string; parent: string; labels: Record<string, string> }>>;
  remove(key: string): Promise<void>;
}

export interface GcRoots {
  /** Digests in use, e.g. every image's target. */
  content?: Iterable<string>;
  /** Snapshot keys in use, e.g. every container's rootfs snapshot. */
  snapshots?: Iterable<string>;
}

export interface GcOptions {
  content: GcContentStore;
  snapshots?: GcSnapshotter;
  leases: LeaseManager;
  /** Called with collection locked out of lease changes; must not itself wait on a lease. */
  roots: () => GcRoots | Promise<GcRoots>;
  /**
   * An ingest that no lease holds and no writer has touched for this long is dropped; a shorter
   * pause keeps it resumable. Default one hour.
   */
  ingestExpiryMs?: number;
  clock?: () => Date;
}

export interface GcResult {
  removedContent: string[];
  removedSnapshots: string[];
  removedIngests: string[];
}

export const GC_ROOT_LABEL = 'containerd.io/gc.root';
export const GC_REF_CONTENT = 'containerd.io/gc.ref.content';
export const GC_REF_SNAPSHOT_OVERLAYFS = 'containerd.io/gc.ref.snapshot.overlayfs';

/** Outgoing references of one object, from its labels. */
function references(labels: Record<string, string>): { content: string[]; snapshots: string[] } {
  const content: string[] = [];
  const snapshots: string[] = [];
  for (const [key, value] of Object.entries(labels)) {
    if (key === GC_REF_CONTENT || key.startsWith(`${GC_REF_CONTENT}.`)) content.push(value);
    else if (key === GC_REF_SNAPSHOT_OVERLAYFS) snapshots.push(value);
  }
  return { content, snapshots };
}

export function gc(options: GcOptions): Promise<GcResult> {
  return options.leases.gcLock.exclusive(() => collect(options));
}

async function collect(options: GcOptions): Promise<GcResult> {
  const { content, snapshots, leases } = options;
  const leased = await leases.liveResources();
  const roots = await options.roots();
  const blobs = new Map((await content.list()).map((b) => [b.digest, b.labels]));
  const snaps = new Map((snapshots ? await snapshots.list() : []).map((s) => [s.name, s]));

  const liveContent = new Set<string>();
  const liveSnapshots = new Set<string>();
  const contentQueue: string[] = [...(roots.content ?? []), ...leased.content];
  const snapshotQueue: string[] = [...(roots.snapshots ?? []), ...leased.snapshots];
  for (const [digest, labels] of blobs) if (labels[GC_ROOT_LABEL] !== undefined) contentQueue.push(digest);
  for (const [name, s] of snaps) if (s.labels[GC_ROOT_LABEL] !== undefined) snapshotQueue.push(name);

  const follow = (labels: Record<string, string>) => {
    const refs = references(labels);
    contentQueue.push(...refs.content);
    snapshotQueue.push(...refs.snapshots);
  };
  while (contentQueue.length > 0 || snapshotQueue.length > 0) {
    const digest = contentQueue.pop();
    if (digest !== undefined && !liveContent.has(digest)) {
      liveContent.add(digest);
      const labels = blobs.get(digest);
      if (labels) follow(labels);
    }
    const key = snapshotQueue.pop();
    if (key !== undefined && !liveSnapshots.has(key)) {
      liveSnapshots.add(key);
      const s = snaps.get(key);
      if (s) {
        follow(s.labels);
        if (s.parent !== '') snapshotQueue.push(s.parent);
      }
    }
  }

  const result: GcResult = { removedContent: [], removedSnapshots: [], removedIngests: [] };
  if (snapshots) {
    // Children before parents: a live snapshot's parents are all live, so the dead ones form
    // whole subtrees, removable deepest first.
    const depth = (name: string): number => {
      let d = 0;
      for (let p = snaps.get(name)?.parent ?? ''; p !== ''; p = snaps.get(p)?.parent ?? '') d++;
      return d;
    };
    const dead = [...snaps.keys()].filter((k) => !liveSnapshots.has(k)).sort((a, b) => depth(b) - depth(a));
    for (const key of dead) {
      if (await tolerate(() => snapshots.remove(key))) result.removedSnapshots.push(key);
    }
  }
  for (const digest of blobs.keys()) {
    if (liveContent.has(digest)) continue;
    if (await tolerate(() => content.delete(digest))) result.removedContent.push(digest);
  }
  const expiry = options.ingestExpiryMs ?? 60 * 60 * 1000;
  const now = (options.clock ?? (() => new Date()))().getTime();
  for (const status of await content.listStatuses()) {
    if (leased.ingests.has(status.ref) || content.isWriting(status.ref)) continue;
    if (now - status.updatedAt.getTime() < expiry) continue;
    if (await tolerate(() => content.abort(status.ref))) result.removedIngests.push(status.ref);
  }
  await content.removeOrphanMetadata();
  return result;
}

// Something that went away meanwhile, or gained a child or a writer that is not under a lease,
// is left for the next collection rather than failing this one.
async function tolerate(fn: () => Promise<void>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (err) {
    if (isSkiffError(err, 'NotFound') || isSkiffError(err, 'FailedPrecondition') || isSkiffError(err, 'Unavailable')) return false;
    throw err;
  }
}
