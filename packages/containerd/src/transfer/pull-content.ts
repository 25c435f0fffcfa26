// Getting blobs into the content store for a transfer, under its lease: each ingest and each
// committed or reused blob is a lease resource before it exists (or before a collection could look
// at it), so a concurrent gc() never removes what a pull is still working with.
import { isSkiffError, unavailable } from '@skiff/errors';
import type { LeaseManager } from '../content/leases';
import type { ContentStore, ContentWriter } from '../content/store';
import type { Descriptor } from '../registry/manifest';
import type { Reference } from '../registry/reference';

/** containerd's label recording which repositories of a registry hold a blob (cross-repo mounts). */
export const DISTRIBUTION_SOURCE_PREFIX = 'containerd.io/distribution.source.';

export interface LeasedContent {
  content: ContentStore;
  leases: LeaseManager;
  leaseId: string;
  signal?: AbortSignal;
}

/** The label that adds `ref`'s repository to the blob's sources on `ref`'s registry. */
export function sourceLabel(current: Record<string, string>, ref: Pick<Reference, 'domain' | 'path'>): [string, string] {
  const key = DISTRIBUTION_SOURCE_PREFIX + ref.domain;
  const repos = (current[key] ?? '').split(',').filter((r) => r !== '');
  if (!repos.includes(ref.path)) repos.push(ref.path);
  return [key, repos.join(',')];
}

/** Repositories of `domain` known to hold a blob, from its labels. */
export function sourcesOn(labels: Record<string, string>, domain: string): string[] {
  return (labels[DISTRIBUTION_SOURCE_PREFIX + domain] ?? '').split(',').filter((r) => r !== '');
}

/** Whether the store has the blob; a blob it has is held by the lease from now on. */
export async function holdIfPresent(ctx: LeasedContent, digest: string): Promise<Record<string, string> | undefined> {
  return ctx.leases.withResource(ctx.leaseId, [{ type: 'content', id: digest }], async () => {
    try {
      return (await ctx.content.info(digest)).labels;
    } catch (err) {
      if (isSkiffError(err, 'NotFound')) return undefined;
      throw err;
    }
  });
}

/** The labels a blob should get, given the ones it has (a source list grows, it is not replaced). */
export type LabelsFor = (current: Record<string, string>) => Record<string, string>;

/** Sets the labels a blob should get, leaving its others alone. */
export async function relabel(content: ContentStore, digest: string, labels: LabelsFor): Promise<void> {
  const wanted = labels((await content.info(digest)).labels);
  const keys = Object.keys(wanted);
  if (keys.length > 0) await content.update(digest, wanted, keys.map((k) => `labels.${k}`));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A fresh writer for the blob's ingest (ref "pull-<digest>", shared by every transfer of that blob
 * so two pulls never write it twice), or undefined when the blob turned up in the store while
 * another transfer held the ingest. Data left by an interrupted transfer is dropped: the registry
 * client verifies as it streams and needs the hash of every byte, which a reopened ingest cannot
 * give back.
 */
export async function openIngest(ctx: LeasedContent, descriptor: Descriptor): Promise<ContentWriter | undefined> {
  const ref = `pull-${descriptor.digest}`;
  for (;;) {
    if (ctx.signal?.aborted) throw unavailable(`transfer of ${descriptor.digest} canceled`);
    let writer: ContentWriter;
    try {
      writer = await ctx.leases.withResource(ctx.leaseId, [{ type: 'ingest', id: ref }], () =>
        ctx.content.writer(ref, { total: descriptor.size, expected: descriptor.digest }),
      );
    } catch (err) {
      if (!isSkiffError(err, 'Unavailable')) throw err;
      if ((await holdIfPresent(ctx, descriptor.digest)) !== undefined) return undefined;
      await sleep(100);
      continue;
    }
    if (writer.offset === 0) return writer;
    await writer.close();
    await ctx.content.abort(ref);
  }
}

/** Drops an ingest after a failure; its data is incomplete or known bad. */
export async function discardIngest(ctx: LeasedContent, writer: ContentWriter): Promise<void> {
  await writer.close();
  try {
    await ctx.content.abort(writer.ref);
  } catch (err) {
    if (!isSkiffError(err, 'NotFound')) throw err;
  }
}

/**
 * Verifies and commits what the writer holds, labelled, as a resource of the lease; a blob that
 * another transfer committed meanwhile only gets the labels.
 */
export async function commitIngest(ctx: LeasedContent, writer: ContentWriter, descriptor: Descriptor, labels: LabelsFor): Promise<void> {
  try {
    await ctx.leases.withResource(ctx.leaseId, [{ type: 'content', id: descriptor.digest }], () => writer.commit(descriptor.digest, descriptor.size, labels({})));
  } catch (err) {
    if (!isSkiffError(err, 'AlreadyExists')) throw err;
    await relabel(ctx.content, descriptor.digest, labels);
  }
}

/** Stores a small blob held in memory (a manifest, a config), or labels it if present. */
export async function storeBytes(ctx: LeasedContent, descriptor: Descriptor, bytes: Buffer, labels: LabelsFor): Promise<void> {
  const writer = (await holdIfPresent(ctx, descriptor.digest)) === undefined ? await openIngest(ctx, descriptor) : undefined;
  if (!writer) {
    await relabel(ctx.content, descriptor.digest, labels);
    return;
  }
  try {
    await writer.write(bytes);
  } catch (err) {
    await discardIngest(ctx, writer);
    throw err;
  }
  await commitIngest(ctx, writer, descriptor, labels);
}
