// What the archive transfers (save, load, import, export, commit) share: writing blobs under a
// lease, the garbage-collection labels that tie a manifest to its blobs, image names, progress.
//
// Every blob a transfer writes is added to the transfer's lease in the same step that commits it
// (LeaseManager.withResource), so a collection running meanwhile cannot take it before the image
// record that references it exists. The lease expires on its own, so a crash mid-transfer leaves
// nothing that outlives a day.
import { createHash, randomBytes } from 'node:crypto';
import { type Readable, Transform } from 'node:stream';
import { isSkiffError } from '@skiff/errors';
import { GC_REF_CONTENT } from '../content/gc';
import type { LeaseManager, LeaseResource } from '../content/leases';
import type { ContentStore } from '../content/store';
import type { ImageRecord, ImageStore } from '../images/store';
import type { Descriptor, ImageIndex, ImageManifest } from '../registry/manifest';
import { normalizeReference, referenceString } from '../registry/reference';

const LEASE_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** Label containerd puts on a compressed layer: its diff id, so an unpack need not recompute it. */
export const UNCOMPRESSED_LABEL = 'containerd.io/uncompressed';

/** One step of a transfer, in the shape of transfer.v1 Progress. */
export interface ArchiveProgress {
  id: string;
  status: string;
  current: number;
  total: number;
  image?: ImageRecord;
}

export type ProgressSink = (progress: ArchiveProgress) => void;

export interface BlobInfo {
  digest: string;
  size: number;
}

export class TransferLease {
  private constructor(
    readonly id: string,
    private readonly leases: LeaseManager,
  ) {}

  static async create(leases: LeaseManager, purpose: string): Promise<TransferLease> {
    const id = `transfer-${purpose}-${randomBytes(8).toString('hex')}`;
    await leases.createLease(id, new Date(Date.now() + LEASE_LIFETIME_MS), { 'skiff.transfer': purpose });
    return new TransferLease(id, leases);
  }

  /** Runs fn with the resources already held, with no collection in between. */
  hold<T>(resources: LeaseResource[], fn: () => Promise<T>): Promise<T> {
    return this.leases.withResource(this.id, resources, fn);
  }

  async release(): Promise<void> {
    try {
      await this.leases.deleteLease(this.id);
    } catch (err) {
      if (!isSkiffError(err, 'NotFound')) throw err;
    }
  }
}

/** Runs fn under a fresh lease and drops the lease afterwards, whatever fn did. */
export async function withLease<T>(leases: LeaseManager, purpose: string, fn: (lease: TransferLease) => Promise<T>): Promise<T> {
  const lease = await TransferLease.create(leases, purpose);
  try {
    return await fn(lease);
  } finally {
    await lease.release();
  }
}

export function sha256Of(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The 12 hex digits Docker shows for a digest. */
export function shortId(digest: string): string {
  return digest.slice(digest.indexOf(':') + 1, digest.indexOf(':') + 13);
}

/** Adds labels to a blob that is already stored (a commit that found it there). */
async function mergeLabels(content: ContentStore, digest: string, labels: Record<string, string>): Promise<void> {
  const keys = Object.keys(labels);
  if (keys.length > 0) await content.update(digest, labels, keys.map((k) => `labels.${k}`));
}

/**
 * Streams source into the store under a fresh ingest and commits it under the digest its bytes
 * have (or must have, when expected is given). A blob already stored is not an error: it just
 * gains the labels.
 */
export async function ingestStream(
  content: ContentStore,
  lease: TransferLease,
  source: AsyncIterable<unknown> | Iterable<Buffer>,
  options: { expected?: string; labels?: Record<string, string> } = {},
): Promise<BlobInfo> {
  const ref = `${lease.id}-${randomBytes(6).toString('hex')}`;
  const writer = await content.writer(ref);
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of source) {
      const buf = chunk as Buffer;
      hash.update(buf);
      size += buf.length;
      await writer.write(buf);
    }
  } catch (err) {
    await writer.close();
    await content.abort(ref).catch(() => undefined);
    throw err;
  }
  const digest = options.expected ?? `sha256:${hash.digest('hex')}`;
  const labels = options.labels ?? {};
  await lease.hold([{ type: 'content', id: digest }], async () => {
    try {
      await writer.commit(digest, size, labels);
    } catch (err) {
      if (!isSkiffError(err, 'AlreadyExists')) throw err;
      await mergeLabels(content, digest, labels);
    }
  });
  return { digest, size };
}

/** A small blob (a manifest, a config) from memory. */
export function writeBlob(content: ContentStore, lease: TransferLease, bytes: Buffer, labels: Record<string, string> = {}): Promise<BlobInfo> {
  return ingestStream(content, lease, [bytes], { expected: sha256Of(bytes), labels });
}

/** The references a manifest makes, as labels the collector follows (see content/gc.ts). */
export function manifestLabels(manifest: ImageManifest): Record<string, string> {
  const labels: Record<string, string> = { [`${GC_REF_CONTENT}.config`]: manifest.config.digest };
  manifest.layers.forEach((layer, i) => (labels[`${GC_REF_CONTENT}.l.${i}`] = layer.digest));
  return labels;
}

export function indexLabels(index: ImageIndex): Record<string, string> {
  const labels: Record<string, string> = {};
  index.manifests.forEach((m, i) => (labels[`${GC_REF_CONTENT}.m.${i}`] = m.digest));
  return labels;
}

export function labelBlob(content: ContentStore, lease: TransferLease, digest: string, labels: Record<string, string>): Promise<void> {
  return lease.hold([{ type: 'content', id: digest }], () => mergeLabels(content, digest, labels));
}

/** The blob stream of a stored blob, with a callback told of the bytes read so far. */
export async function readWithProgress(content: ContentStore, digest: string, onBytes: (read: number) => void): Promise<Readable> {
  const reader = await content.reader(digest);
  let read = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      read += chunk.length;
      onBytes(read);
      callback(null, chunk);
    },
  });
  reader.on('error', (err) => counter.destroy(err));
  // A consumer that gives up early must not leave the file open.
  counter.on('close', () => reader.destroy());
  return reader.pipe(counter);
}

/** "busybox" -> "docker.io/library/busybox:latest": the name an image record is stored under. */
export function normalizedImageName(reference: string): string {
  return referenceString(normalizeReference(reference));
}

/**
 * Names an image is stored under. Image records need a name to exist (and to keep their content
 * from collection), so an unnamed image is stored under its target's digest ("sha256:<hex>"),
 * the form the transfer.v1 protocol calls "referred to by its digest"; Docker shows such an
 * image as <none>.
 */
export function unnamedImageName(target: Descriptor): string {
  return target.digest;
}

export function isUnnamedImageName(name: string): boolean {
  return /^sha256:[a-f0-9]{64}$/.test(name);
}

export function storeImage(images: ImageStore, namespace: string, name: string, target: Descriptor): ImageRecord {
  return images.upsert(namespace, { name, labels: {}, target: { mediaType: target.mediaType, digest: target.digest, size: target.size } });
}

/** JSON the way registries and Docker store it: compact, so digests stay short to compute. */
export function jsonBytes(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}
