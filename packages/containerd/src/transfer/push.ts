// Pushing an image to a registry, as `docker push` does: every blob first (layers in parallel, a
// bounded number at once, mounted from another repository of the same registry when the content
// store knows one holds it), then the manifests, then the index, so the registry never holds a
// manifest whose blobs it lacks.
import { failedPrecondition, invalidArgument } from '@skiff/errors';
import type { ImageStore } from '../images/store';
import type { Credentials } from '../registry/auth';
import type { RegistryClient } from '../registry/client';
import { type Descriptor, type ImageManifest, type Platform, parseManifest } from '../registry/manifest';
import { formatPlatform, selectPlatform } from '../registry/platform';
import { type Reference, normalizeReference, referenceName } from '../registry/reference';
import type { LeaseManager } from '../content/leases';
import type { ContentStore } from '../content/store';
import { type LabelsFor, type LeasedContent, holdIfPresent, relabel, sourceLabel, sourcesOn } from './pull-content';
import { Limiter, type ProgressSink, ThrottledProgress, shortId } from './progress';
import { withLease } from './unpack';

export interface PushDeps {
  content: ContentStore;
  leases: LeaseManager;
  images: ImageStore;
  registry: RegistryClient;
  /** Blobs uploaded at once; Docker's default is 5, containerd's 3. */
  concurrency?: number;
}

export interface PushOptions {
  namespace: string;
  /** The image's name in the image store. */
  name: string;
  /** Where to push ("host/repo:tag"); "" or absent pushes to `name` itself. */
  targetReference?: string;
  auth?: Credentials;
  /** Push only this platform's manifest of an index. */
  platform?: Platform;
  signal?: AbortSignal;
}

export interface PushResult {
  /** What the pushed tag (or digest) points at. */
  descriptor: Descriptor;
}

interface ManifestToPush {
  descriptor: Descriptor;
  bytes: Buffer;
  manifest: ImageManifest;
}

export async function push(deps: PushDeps, options: PushOptions, onProgress: ProgressSink = () => undefined): Promise<PushResult> {
  const image = deps.images.get(options.namespace, options.name);
  const ref = normalizeReference(options.targetReference || options.name);
  return withLease(deps.leases, 'push', async (leaseId) => {
    const ctx: LeasedContent = { content: deps.content, leases: deps.leases, leaseId };
    const read = async (descriptor: Descriptor): Promise<Buffer> => {
      if ((await holdIfPresent(ctx, descriptor.digest)) === undefined) {
        throw failedPrecondition(`content ${descriptor.digest} of ${options.name} is missing: pull the image again`);
      }
      return deps.content.readBlob(descriptor.digest);
    };

    let root: { descriptor: Descriptor; bytes: Buffer } = { descriptor: image.target, bytes: await read(image.target) };
    const manifests: ManifestToPush[] = [];
    const parsed = parseManifest(root.bytes, image.target.mediaType, options.name);
    if (parsed.kind === 'index') {
      const entries = options.platform ? [selectPlatform(parsed.index, options.platform)] : parsed.index.manifests;
      const missing = [];
      for (const entry of entries) {
        if ((await holdIfPresent(ctx, entry.digest)) === undefined) missing.push(entry.platform ? formatPlatform(entry.platform) : entry.digest);
      }
      if (missing.length > 0) {
        throw failedPrecondition(`${options.name} lacks the content of ${missing.join(', ')}: push one platform (--platform) or pull them all first`);
      }
      for (const entry of entries) manifests.push(manifestOf(entry, await read(entry), options.name));
      // One platform of an index is pushed as that platform's image.
      if (options.platform) root = manifests[0]!;
    } else {
      manifests.push({ descriptor: image.target, bytes: root.bytes, manifest: parsed.manifest });
    }

    onProgress({ id: '', status: `The push refers to repository [${referenceName(ref)}]` });
    await pushBlobs(deps, ctx, ref, manifests, options, onProgress);

    const call = { ...(options.auth ? { credentials: options.auth } : {}), ...(options.signal ? { signal: options.signal } : {}) };
    const source: LabelsFor = (current) => Object.fromEntries([sourceLabel(current, ref)]);
    const byDigest = { domain: ref.domain, path: ref.path };
    // An index goes last, after the manifests it lists (pushed by digest).
    if (parsed.kind === 'index' && !options.platform) {
      for (const m of manifests) {
        await deps.registry.pushManifest(byDigest, m.descriptor.mediaType, m.bytes, call);
        await relabel(deps.content, m.descriptor.digest, source);
      }
    }
    const pushed = await deps.registry.pushManifest(ref.tag !== undefined ? { ...byDigest, tag: ref.tag } : byDigest, root.descriptor.mediaType, root.bytes, call);
    await relabel(deps.content, root.descriptor.digest, source);
    onProgress({ id: '', status: `${ref.tag !== undefined ? `${ref.tag}: ` : ''}digest: ${pushed.digest} size: ${pushed.size}` });
    return { descriptor: pushed };
  });
}

function manifestOf(descriptor: Descriptor, bytes: Buffer, name: string): ManifestToPush {
  const parsed = parseManifest(bytes, descriptor.mediaType, name);
  if (parsed.kind !== 'manifest') throw invalidArgument(`${name}: ${descriptor.digest} is not an image manifest (nested indexes are not supported)`);
  return { descriptor: { mediaType: descriptor.mediaType, digest: descriptor.digest, size: descriptor.size }, bytes, manifest: parsed.manifest };
}

async function pushBlobs(deps: PushDeps, ctx: LeasedContent, ref: Reference, manifests: ManifestToPush[], options: PushOptions, onProgress: ProgressSink): Promise<void> {
  // Docker lists layers top first; configs are pushed without a line of their own.
  const layers = new Map<string, Descriptor>();
  const configs = new Map<string, Descriptor>();
  for (const m of manifests) {
    for (const layer of [...m.manifest.layers].reverse()) layers.set(layer.digest, layer);
    configs.set(m.manifest.config.digest, m.manifest.config);
  }
  for (const layer of layers.values()) onProgress({ id: shortId(layer.digest), status: 'Preparing' });

  const limiter = new Limiter(deps.concurrency ?? 3);
  const source: LabelsFor = (current) => Object.fromEntries([sourceLabel(current, ref)]);
  const controller = new AbortController();
  const cancel = () => controller.abort();
  options.signal?.addEventListener('abort', cancel, { once: true });
  const one = async (descriptor: Descriptor, shown: boolean) => {
    const id = shortId(descriptor.digest);
    const labels = await holdIfPresent(ctx, descriptor.digest);
    if (labels === undefined) throw failedPrecondition(`blob ${descriptor.digest} of ${options.name} is missing from the content store: pull the image again`);
    const mountFrom = sourcesOn(labels, ref.domain).filter((repo) => repo !== ref.path);
    const pushing = new ThrottledProgress(onProgress, id, 'Pushing');
    const result = await deps.registry.pushBlob(ref, descriptor, () => deps.content.reader(descriptor.digest), {
      ...(options.auth ? { credentials: options.auth } : {}),
      signal: controller.signal,
      mountFrom,
      ...(shown ? { onProgress: (current: number, total: number) => pushing.update(current, total) } : {}),
    });
    await relabel(deps.content, descriptor.digest, source);
    if (!shown) return;
    pushing.flush();
    const status = result === 'exists' ? 'Layer already exists' : result === 'mounted' ? `Mounted from ${mountFrom[0]}` : 'Pushed';
    onProgress({ id, status });
  };
  const tasks = [
    ...[...layers.values()].map((d) => limiter.run(() => one(d, true), () => onProgress({ id: shortId(d.digest), status: 'Waiting' }))),
    ...[...configs.values()].filter((d) => !layers.has(d.digest)).map((d) => limiter.run(() => one(d, false))),
  ];
  try {
    await Promise.all(tasks);
  } catch (err) {
    controller.abort();
    await Promise.allSettled(tasks);
    throw err;
  } finally {
    options.signal?.removeEventListener('abort', cancel);
  }
}
