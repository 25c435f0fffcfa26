// From the image a user names to what a container needs of it: the stored reference, its id (the
// config digest) and its config. Reads the manifest and config blobs through containerd's
// content service, choosing this host's manifest from an index.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { formatPlatform, hostArchitecture, type Platform } from '@skiff/engine-api';
import { invalidArgument, isSkiffError, notFound } from '@skiff/errors';
import { platformMatches } from './platform';
import type { ContainerdPort, ImageRecord } from './ports';

const DEFAULT_DOMAIN = 'docker.io';

/** Docker's normalisation: "busybox" -> "docker.io/library/busybox:latest". */
export function normalizeReference(ref: string): string {
  if (ref === '' || /\s/.test(ref) || ref !== ref.trim()) throw invalidArgument(`invalid reference format: ${ref}`);
  let [name, digest] = ref.split('@', 2) as [string, string | undefined];
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const hasDomain = first !== '' && (first.includes('.') || first.includes(':') || first === 'localhost');
  let domain = hasDomain ? first : DEFAULT_DOMAIN;
  let path = hasDomain ? name.slice(slash + 1) : name;
  if (domain === 'index.docker.io') domain = DEFAULT_DOMAIN;
  const lastPart = path.slice(path.lastIndexOf('/') + 1);
  let tag = '';
  if (lastPart.includes(':')) {
    tag = lastPart.slice(lastPart.indexOf(':') + 1);
    path = path.slice(0, path.length - tag.length - 1);
  }
  if (domain === DEFAULT_DOMAIN && !path.includes('/')) path = `library/${path}`;
  if (!/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(path)) {
    throw invalidArgument(`invalid reference format: repository name (${path}) must be lowercase`);
  }
  name = `${domain}/${path}`;
  if (digest !== undefined) return `${name}${tag ? `:${tag}` : ''}@${digest}`;
  return `${name}:${tag || 'latest'}`;
}

/** The short form Docker prints: "busybox:latest", "user/app:v1", "localhost:5000/x:y". */
export function familiarReference(normalized: string): string {
  return normalized.replace(/^docker\.io\/library\//, '').replace(/^docker\.io\//, '');
}

const DescriptorSchema = z.looseObject({
  mediaType: z.string().optional(),
  digest: z.string(),
  size: z.number(),
  platform: z.looseObject({ os: z.string(), architecture: z.string(), variant: z.string().optional() }).optional(),
});

const IndexSchema = z.looseObject({ manifests: z.array(DescriptorSchema) });
const ManifestSchema = z.looseObject({ config: DescriptorSchema, layers: z.array(DescriptorSchema).default([]) });

const ImageConfigSchema = z.looseObject({
  architecture: z.string().optional(),
  variant: z.string().optional(),
  created: z.string().optional(),
  author: z.string().optional(),
  comment: z.string().optional(),
  history: z
    .array(z.looseObject({ created: z.string().optional(), created_by: z.string().optional(), comment: z.string().optional(), empty_layer: z.boolean().optional() }))
    .optional(),
  rootfs: z.looseObject({ diff_ids: z.array(z.string()) }).optional(),
  os: z.string().optional(),
  config: z
    .looseObject({
      User: z.string().optional(),
      Env: z.array(z.string()).nullable().optional(),
      Entrypoint: z.array(z.string()).nullable().optional(),
      Cmd: z.array(z.string()).nullable().optional(),
      WorkingDir: z.string().optional(),
      Labels: z.record(z.string(), z.string()).nullable().optional(),
      StopSignal: z.string().optional(),
      Volumes: z.record(z.string(), z.unknown()).nullable().optional(),
    })
    .optional(),
});
export type ImageConfig = z.infer<typeof ImageConfigSchema>;

export interface ResolvedImage {
  name: string;
  /** Docker's image id: the digest of the config blob. */
  id: string;
  config: ImageConfig;
  /** The snapshot holding all its layers once unpacked ("" for an image without layers). */
  chainId: string;
  /** The digest of the manifest for this platform (a repo digest's digest). */
  manifestDigest: string;
  /** Bytes of its layers as stored (compressed). */
  layersSize: number;
  /** Its layers as stored: what `system df` finds shared between images. */
  layers: Array<{ digest: string; size: number }>;
}

/** The OCI chain id of a layer stack: diff id of the first, then sha256("<parent> <diff id>"). */
export function chainIdOf(diffIds: readonly string[]): string {
  let chain = '';
  for (const diffId of diffIds) chain = chain === '' ? diffId : `sha256:${createHash('sha256').update(`${chain} ${diffId}`).digest('hex')}`;
  return chain;
}

const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);

/**
 * A stored image as one platform's manifest and config: `platform`'s when given; otherwise the
 * host's, or, when only another platform was pulled (`docker pull --platform`), that one.
 */
export async function resolveImage(port: Pick<ContainerdPort, 'getImage' | 'readBlob'>, reference: string, platform?: Platform): Promise<ResolvedImage> {
  const name = normalizeReference(reference);
  let image;
  try {
    image = await port.getImage(name);
  } catch (err) {
    if (isSkiffError(err, 'NotFound')) throw notFound(`No such image: ${familiarReference(name)}`);
    throw err;
  }
  return resolveRecord(port, image, platform);
}

/**
 * What an image's target resolves to, by the target's digest (and the platform asked): every create
 * of a container would otherwise read two blobs back from skiff-containerd (~10 ms). Content-
 * addressed, so an entry goes stale only when content goes: a removed image's may be collected,
 * and pulled again for another platform only (see forgetResolvedImages). Bounded; the least
 * recently used entry goes first.
 */
const resolvedByTarget = new Map<string, Omit<ResolvedImage, 'name'>>();
const RESOLVED_MAX = 64;

/** After an image is removed: its manifests and configs may be gone from the content store. */
export function forgetResolvedImages(): void {
  resolvedByTarget.clear();
}

/** Manifest (from an index: the platform's, see resolveImage) and config of a stored image. */
export async function resolveRecord(port: Pick<ContainerdPort, 'readBlob'>, image: ImageRecord, platform?: Platform): Promise<ResolvedImage> {
  const key = platform ? `${image.target.digest} ${formatPlatform(platform)}` : image.target.digest;
  const known = resolvedByTarget.get(key);
  if (known) {
    resolvedByTarget.delete(key);
    resolvedByTarget.set(key, known);
    // Callers own what they get: the cached entry stays as it was read.
    return { name: image.name, ...structuredClone(known) };
  }
  const { resolved, stable } = await readResolved(port, image, platform);
  const { name: _name, ...kept } = resolved;
  if (stable) resolvedByTarget.set(key, structuredClone(kept));
  if (resolvedByTarget.size > RESOLVED_MAX) resolvedByTarget.delete(resolvedByTarget.keys().next().value!);
  return resolved;
}

type IndexEntry = z.infer<typeof IndexSchema>['manifests'][number];

const matches = (entry: IndexEntry, p: Platform) => platformMatches(entry.platform, p);

/** The first entry whose manifest is in the content store (one not pulled for its platform is not), with that manifest. */
async function firstLocal(port: Pick<ContainerdPort, 'readBlob'>, entries: IndexEntry[]): Promise<{ entry: IndexEntry; manifest: Buffer } | undefined> {
  for (const entry of entries) {
    try {
      return { entry, manifest: await port.readBlob(entry.digest) };
    } catch (err) {
      if (!isSkiffError(err, 'NotFound')) throw err;
    }
  }
  return undefined;
}

/**
 * `stable`: the same answer for as long as the image keeps its target. A fallback to another
 * platform is not: the host's manifest may be pulled later.
 */
async function readResolved(port: Pick<ContainerdPort, 'readBlob'>, image: ImageRecord, platform?: Platform): Promise<{ resolved: ResolvedImage; stable: boolean }> {
  const name = image.name;
  let manifestDigest = image.target.digest;
  let top: unknown = JSON.parse((await port.readBlob(image.target.digest)).toString('utf8'));
  const topType = (top as { mediaType?: string }).mediaType;
  let stable = true;
  if (INDEX_TYPES.has(image.target.mediaType) || (topType !== undefined && INDEX_TYPES.has(topType))) {
    const index = IndexSchema.parse(top);
    const wanted = platform ?? { os: 'linux', architecture: hostArchitecture() };
    const preferred = index.manifests.filter((m) => matches(m, wanted));
    // Without a platform asked, a pull of another one (docker pull --platform) is what there is.
    const others = platform ? [] : index.manifests.filter((m) => m.platform?.os === 'linux' && !matches(m, wanted));
    const found = await firstLocal(port, [...preferred, ...others]);
    if (!found) {
      if (!platform) throw notFound(`no matching manifest for ${formatPlatform(wanted)} in the manifest list entries: ${familiarReference(name)}`);
      // dockerd's 404 for an image there for other platforms only: the docker CLI then pulls.
      const local = (await firstLocal(port, index.manifests.filter((m) => !matches(m, wanted))))?.entry;
      const actual = local?.platform ? formatPlatform(local.platform) : `linux/${hostArchitecture()}`;
      throw notFound(`image with reference ${familiarReference(name)} was found but does not match the specified platform: wanted ${formatPlatform(wanted)}, actual: ${actual}`);
    }
    stable = preferred.includes(found.entry);
    manifestDigest = found.entry.digest;
    top = JSON.parse(found.manifest.toString('utf8'));
  }
  const manifest = ManifestSchema.safeParse(top);
  if (!manifest.success) throw invalidArgument(`the manifest of ${familiarReference(name)} is not valid: ${manifest.error.message}`);
  const configDigest = manifest.data.config.digest;
  const config = ImageConfigSchema.safeParse(JSON.parse((await port.readBlob(configDigest)).toString('utf8')));
  if (!config.success) throw invalidArgument(`the config of ${familiarReference(name)} is not valid: ${config.error.message}`);
  return {
    resolved: {
      name,
      id: configDigest,
      config: config.data,
      chainId: chainIdOf(config.data.rootfs?.diff_ids ?? []),
      manifestDigest,
      layersSize: manifest.data.layers.reduce((sum, l) => sum + l.size, 0),
      layers: manifest.data.layers.map((l) => ({ digest: l.digest, size: l.size })),
    },
    stable,
  };
}
