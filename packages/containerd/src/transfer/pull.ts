// Pulling an image from a registry into the content store (and the snapshotter), as `docker pull`
// does: resolve the reference, store the index and the platform's manifest with containerd's GC
// reference labels, fetch the config, download the layers in parallel (a bounded number at once),
// each into the content store and the unpacker at once, commit each unpacked layer onto the one
// below once its blob is verified, then point the image record at the root. Everything is written
// under a lease until the image record holds it.
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { canceled, invalidArgument } from '@skiff/errors';
import { GC_REF_CONTENT } from '../content/gc';
import { ImageConfigSchema, chainIds } from '../images/resolve';
import type { ImageRecord } from '../images/store';
import type { Credentials } from '../registry/auth';
import type { RegistryClient } from '../registry/client';
import { type Descriptor, type ImageManifest, type Platform, isIndexMediaType } from '../registry/manifest';
import { DEFAULT_PLATFORM, selectPlatform } from '../registry/platform';
import { type Reference, familiarString, normalizeReference, referenceString } from '../registry/reference';
import { type LabelsFor, type LeasedContent, commitIngest, discardIngest, holdIfPresent, openIngest, relabel, sourceLabel, storeBytes } from './pull-content';
import { withTransferHeap } from './heap';
import { Limiter, type ProgressSink, ThrottledProgress, shortId } from './progress';
import { type LayerToApply, type UnpackDeps, applyLayers, holdCommittedSnapshot, labelUnpacked, withLease } from './unpack';

export interface PullDeps extends UnpackDeps {
  registry: RegistryClient;
  /** Blobs downloaded at once; Docker's default is 3. */
  concurrency?: number;
}

export interface PullOptions {
  namespace: string;
  /** As `docker pull` takes it: "busybox", "host:5000/a/b:tag", "x@sha256:...". */
  reference: string;
  /** Which manifest of an index; default linux/amd64. */
  platform?: Platform;
  /** Used for this pull only, never stored. */
  auth?: Credentials;
  /** Unpack the layers into the snapshotter too. */
  unpack: boolean;
  signal?: AbortSignal;
}

export interface PullResult {
  image: ImageRecord;
  /** The snapshot holding every layer, when unpacked. */
  chainId?: string;
}

// A config is a JSON document of a few KB; a registry claiming more is not sent to memory.
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;
const WRITE_CHUNK = 1024 * 1024;

interface Layer extends LayerToApply {
  id: string;
  /** Blob and (when unpacking) snapshot are both there already: Docker's "Already exists". */
  exists: boolean;
}

export async function pull(deps: PullDeps, options: PullOptions, onProgress: ProgressSink = () => undefined): Promise<PullResult> {
  const ref = normalizeReference(options.reference);
  const controller = new AbortController();
  const cancel = () => controller.abort();
  options.signal?.addEventListener('abort', cancel, { once: true });
  try {
    return await withTransferHeap(() =>
      withLease(deps.leases, 'pull', (leaseId) => pullLeased(deps, options, ref, { content: deps.content, leases: deps.leases, leaseId, signal: controller.signal }, controller, onProgress)),
    );
  } finally {
    options.signal?.removeEventListener('abort', cancel);
  }
}

async function pullLeased(deps: PullDeps, options: PullOptions, ref: Reference, ctx: LeasedContent, controller: AbortController, onProgress: ProgressSink): Promise<PullResult> {
  const call = { ...(options.auth ? { credentials: options.auth } : {}), signal: controller.signal };
  const source: LabelsFor = (current) => Object.fromEntries([sourceLabel(current, ref)]);
  const withSource = (refs: Record<string, string>): LabelsFor => (current) => ({ ...refs, ...source(current) });

  const resolved = await deps.registry.resolve(ref, call);
  const root = await deps.registry.fetchManifest(ref, resolved.descriptor, call);
  onProgress({ id: ref.digest ?? ref.tag ?? '', status: `Pulling from ${ref.path}` });

  let fetched = root;
  if (root.parsed.kind === 'index') {
    const { manifests } = root.parsed.index;
    await storeBytes(ctx, root.descriptor, root.bytes, withSource(Object.fromEntries(manifests.map((m, i) => [`${GC_REF_CONTENT}.m.${i}`, m.digest]))));
    const entry = selectPlatform(root.parsed.index, options.platform ?? DEFAULT_PLATFORM);
    if (isIndexMediaType(entry.mediaType)) throw invalidArgument(`${familiarString(ref)}: nested image indexes are not supported`);
    fetched = await deps.registry.fetchManifest(ref, entry, call);
  }
  if (fetched.parsed.kind !== 'manifest') throw invalidArgument(`${familiarString(ref)}: ${fetched.descriptor.digest} is not an image manifest`);
  const manifest = fetched.parsed.manifest;
  await storeBytes(ctx, fetched.descriptor, fetched.bytes, withSource(manifestRefs(manifest)));

  const configBytes = await fetchConfig(deps, ctx, ref, manifest.config, call, source);
  let configJson: unknown;
  try {
    configJson = JSON.parse(configBytes.toString('utf8'));
  } catch (err) {
    throw invalidArgument(`${familiarString(ref)}: image config ${manifest.config.digest} is not JSON: ${(err as Error).message}`);
  }
  const config = ImageConfigSchema.safeParse(configJson);
  if (!config.success) throw invalidArgument(`${familiarString(ref)}: invalid image config ${manifest.config.digest}: ${config.error.message}`);
  const diffIds = config.data.rootfs.diff_ids;
  if (diffIds.length !== manifest.layers.length) {
    throw invalidArgument(`${familiarString(ref)}: the manifest has ${manifest.layers.length} layers but the config ${diffIds.length} diff ids`);
  }
  const chains = chainIds(diffIds);

  const layers: Layer[] = [];
  const present = new Set<string>();
  for (const [i, descriptor] of manifest.layers.entries()) {
    if ((await holdIfPresent(ctx, descriptor.digest)) !== undefined) present.add(descriptor.digest);
    const unpacked = !options.unpack || (await holdCommittedSnapshot(deps, ctx.leaseId, chains[i]!));
    const layer = { descriptor, diffId: diffIds[i]!, chainId: chains[i]!, id: shortId(descriptor.digest), exists: present.has(descriptor.digest) && unpacked };
    layers.push(layer);
    onProgress({ id: layer.id, status: layer.exists ? 'Already exists' : 'Pulling fs layer' });
  }

  const feeds = options.unpack ? layers.map(() => new LayerFeed()) : undefined;
  const downloads = downloadLayers(deps, ctx, ref, layers, present, call, feeds, onProgress);
  let chainId: string | undefined;
  try {
    if (options.unpack) {
      const extracting = layers.map((l, i) => new ExtractingProgress(onProgress, l.id, downloads[i]!));
      chainId = await applyLayers(deps, ctx.leaseId, layers, {
        ready: (i) => downloads[i]!,
        stream: (i) => feeds![i]!.stream,
        onExtracting: (i, current, total) => extracting[i]!.update(current, total),
        onApplied: (i) => {
          extracting[i]!.flush();
          if (!layers[i]!.exists) onProgress({ id: layers[i]!.id, status: 'Pull complete' });
        },
      });
      await labelUnpacked(deps.content, manifest.config, chainId);
    }
    await Promise.all(downloads);
  } catch (err) {
    // Stop the other downloads and wait for them to clean up their ingests before the lease goes.
    controller.abort();
    await Promise.allSettled(downloads);
    throw err;
  }

  const name = referenceString(ref);
  const target: Descriptor = { mediaType: root.descriptor.mediaType, digest: root.descriptor.digest, size: root.descriptor.size };
  const existing = deps.images.find(options.namespace, name);
  const image = deps.images.upsert(options.namespace, { name, labels: existing?.labels ?? {}, target });
  onProgress({ id: '', status: `Digest: ${target.digest}` });
  const status = existing?.target.digest === target.digest ? 'Image is up to date for' : 'Downloaded newer image for';
  onProgress({ id: '', status: `Status: ${status} ${familiarString(ref)}`, image });
  return { image, ...(chainId !== undefined ? { chainId } : {}) };
}

function manifestRefs(manifest: ImageManifest): Record<string, string> {
  return {
    [`${GC_REF_CONTENT}.config`]: manifest.config.digest,
    ...Object.fromEntries(manifest.layers.map((l, i) => [`${GC_REF_CONTENT}.l.${i}`, l.digest])),
  };
}

async function fetchConfig(deps: PullDeps, ctx: LeasedContent, ref: Reference, descriptor: Descriptor, call: { signal: AbortSignal }, source: LabelsFor): Promise<Buffer> {
  if ((await holdIfPresent(ctx, descriptor.digest)) !== undefined) {
    await relabel(deps.content, descriptor.digest, source);
    return deps.content.readBlob(descriptor.digest);
  }
  if (descriptor.size > MAX_CONFIG_BYTES) throw invalidArgument(`image config ${descriptor.digest} of ${descriptor.size} bytes is too large`);
  const bytes = await readAll(await deps.registry.fetchBlob(ref, descriptor, call));
  await storeBytes(ctx, descriptor, bytes, source);
  return bytes;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A download's bytes for the unpacker, handed over once the download starts (undefined when the
 * blob is not downloaded by this layer: present already, listed twice, or written by another pull).
 */
class LayerFeed {
  readonly stream: Promise<Readable | undefined>;
  private hand!: (stream: Readable | undefined) => void;

  constructor() {
    this.stream = new Promise((resolve) => (this.hand = resolve));
  }

  open(): PassThrough {
    const feed = new PassThrough({ highWaterMark: WRITE_CHUNK });
    // The unpacker finds a failure in the stream's state when it gets to it; until then the error
    // must not go unhandled.
    feed.on('error', () => undefined);
    this.hand(feed);
    return feed;
  }

  none(): void {
    this.hand(undefined);
  }
}

/**
 * "Extracting" for a layer unpacked as it downloads: Docker's clients expect it after "Download
 * complete", so counts reported before the download is complete are held back until then.
 */
class ExtractingProgress {
  private readonly throttled: ThrottledProgress;
  private downloaded = false;
  private held: [number, number] | undefined;

  constructor(sink: ProgressSink, id: string, download: Promise<void>) {
    this.throttled = new ThrottledProgress(sink, id, 'Extracting');
    download.then(
      () => {
        this.downloaded = true;
        this.release();
      },
      () => undefined,
    );
  }

  update(current: number, total: number): void {
    if (this.downloaded) this.throttled.update(current, total);
    else this.held = [current, total];
  }

  /** Called once the layer is unpacked, which is after its download. */
  flush(): void {
    this.downloaded = true;
    this.release();
    this.throttled.flush();
  }

  private release(): void {
    if (this.held) this.throttled.update(...this.held);
    this.held = undefined;
  }
}

/** One promise per layer, settled when its blob is in the store; a blob listed twice is fetched once. */
function downloadLayers(
  deps: PullDeps,
  ctx: LeasedContent,
  ref: Reference,
  layers: Layer[],
  present: Set<string>,
  call: { signal: AbortSignal },
  feeds: LayerFeed[] | undefined,
  onProgress: ProgressSink,
): Array<Promise<void>> {
  const limiter = new Limiter(deps.concurrency ?? 3);
  const byDigest = new Map<string, Promise<void>>();
  const source: LabelsFor = (current) => Object.fromEntries([sourceLabel(current, ref)]);
  return layers.map((layer, i) => {
    const { digest } = layer.descriptor;
    const feed = feeds?.[i];
    let download = byDigest.get(digest);
    if (!download) {
      if (present.has(digest)) {
        if (!layer.exists) onProgress({ id: layer.id, status: 'Download complete' });
        download = relabel(deps.content, digest, source);
      } else {
        download = limiter.run(
          () => downloadLayer(deps, ctx, ref, layer, call, source, onProgress, feed).then(() => {
            if (!feeds) onProgress({ id: layer.id, status: 'Pull complete' });
          }),
          () => onProgress({ id: layer.id, status: 'Waiting' }),
        );
      }
      byDigest.set(digest, download);
    }
    if (feed) void download.finally(() => feed.none()).catch(() => undefined);
    // Awaited later, in layer order; a failure must not count as unhandled meanwhile.
    download.catch(() => undefined);
    return download;
  });
}

/**
 * Downloads a layer into its ingest and, given a feed, into the unpacker at once. The unpacker
 * paces the download; if it stops reading (a bad layer), the download still completes into the
 * store, so a failed download is the blob's own failure.
 */
async function downloadLayer(
  deps: PullDeps,
  ctx: LeasedContent,
  ref: Reference,
  layer: Layer,
  call: { signal: AbortSignal },
  source: LabelsFor,
  onProgress: ProgressSink,
  feed?: LayerFeed,
): Promise<void> {
  const writer = await openIngest(ctx, layer.descriptor);
  if (writer) {
    let tee: PassThrough | undefined;
    try {
      const downloading = new ThrottledProgress(onProgress, layer.id, 'Downloading');
      const stream = await deps.registry.fetchBlob(ref, layer.descriptor, {
        ...call,
        // The ingest hashes every byte for its commit, which fails on a mismatch.
        callerVerifiesDigest: true,
        onProgress: (current, total) => downloading.update(current, total),
      });
      tee = feed?.open();
      // Written in large pieces: one ingest write per network chunk (~64 KiB) costs a thread-pool
      // round trip and a lock each, which showed in the download rate. One write is in flight while
      // the next piece arrives.
      let parts: Buffer[] = [];
      let held = 0;
      let writing: Promise<unknown> = Promise.resolve();
      for await (const chunk of stream) {
        const buf = chunk as Buffer;
        if (tee && !tee.destroyed && !tee.write(buf)) await drained(tee, call.signal);
        parts.push(buf);
        held += buf.length;
        if (held >= WRITE_CHUNK) {
          await writing;
          writing = writer.write(parts);
          writing.catch(() => undefined);
          parts = [];
          held = 0;
        }
      }
      await writing;
      if (held > 0) await writer.write(parts);
      tee?.end();
      onProgress({ id: layer.id, status: 'Verifying Checksum' });
      await commitIngest(ctx, writer, layer.descriptor, source);
    } catch (err) {
      tee?.destroy(err as Error);
      await discardIngest(ctx, writer);
      throw err;
    }
  } else {
    await relabel(deps.content, layer.descriptor.digest, source);
  }
  onProgress({ id: layer.id, status: 'Download complete' });
}

/** Resolves when stream wants more, or is gone; CANCELED when signal aborts first. */
function drained(stream: Writable, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (err?: Error) => {
      stream.off('drain', wake);
      stream.off('close', wake);
      signal.removeEventListener('abort', aborted);
      if (err) reject(err);
      else resolve();
    };
    const wake = () => settle();
    const aborted = () => settle(canceled('pull canceled'));
    stream.on('drain', wake);
    stream.on('close', wake);
    signal.addEventListener('abort', aborted, { once: true });
    if (signal.aborted) aborted();
  });
}
