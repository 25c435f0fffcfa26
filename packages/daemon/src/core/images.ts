// From the image a user names to what a container needs of it: the stored reference, its id (the
// config digest) and its config. Reads the manifest and config blobs through containerd's
// content service, choosing this host's manifest from an index.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { hostArchitecture } from '@skiff/engine-api';
import { invalidArgument, isSkiffError, notFound } from '@skiff/errors';
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

export async function resolveImage(port: Pick<ContainerdPort, 'getImage' | 'readBlob'>, reference: string): Promise<ResolvedImage> {
  const name = normalizeReference(reference);
  let image;
  try {
    image = await port.getImage(name);
  } catch (err) {
    if (isSkiffError(err, 'NotFound')) throw notFound(`No such image: ${familiarReference(name)}`);
    throw err;
  }
  return resolveRecord(port, image);
}

/**
 * What an image's target resolves to, by the target's digest: content-addressed, so an entry never
 * goes stale, and every create of a container would otherwise read two blobs back from
 * skiff-containerd (~10 ms). Bounded; the least recently used entry goes first.
 */
const resolvedByTarget = new Map<string, Omit<ResolvedImage, 'name'>>();
const RESOLVED_MAX = 64;

/** Manifest (this platform's, from an index) and config of a stored image. */
export async function resolveRecord(port: Pick<ContainerdPort, 'readBlob'>, image: ImageRecord): Promise<ResolvedImage> {
  const known = resolvedByTarget.get(image.target.digest);
  if (known) {
    resolvedByTarget.delete(image.target.digest);
    resolvedByTarget.set(image.target.digest, known);
    // Callers own what they get: the cached entry stays as it was read.
    return { name: image.name, ...structuredClone(known) };
  }
  const resolved = await readResolved(port, image);
  const { name: _name, ...kept } = resolved;
  resolvedByTarget.set(image.target.digest, structuredClone(kept));
  if (resolvedByTarget.size > RESOLVED_MAX) resolvedByTarget.delete(resolvedByTarget.keys().next().value!);
  return resolved;
}

async function readResolved(port: Pick<ContainerdPort, 'readBlob'>, image: ImageRecord): Promise<ResolvedImage> {
  const name = image.name;
  let manifestDigest = image.target.digest;
  let top: unknown = JSON.parse((await port.readBlob(image.target.digest)).toString('utf8'));
  const topType = (top as { mediaType?: string }).mediaType;
  if (INDEX_TYPES.has(image.target.mediaType) || (topType !== undefined && INDEX_TYPES.has(topType))) {
    const index = IndexSchema.parse(top);
    const arch = hostArchitecture();
    const entry = index.manifests.find((m) => m.platform?.os === 'linux' && m.platform.architecture === arch);
    if (!entry) throw notFound(`no matching manifest for linux/${arch} in the manifest list entries: ${familiarReference(name)}`);
    manifestDigest = entry.digest;
    top = JSON.parse((await port.readBlob(entry.digest)).toString('utf8'));
  }
  const manifest = ManifestSchema.safeParse(top);
  if (!manifest.success) throw invalidArgument(`the manifest of ${familiarReference(name)} is not valid: ${manifest.error.message}`);
  const configDigest = manifest.data.config.digest;
  const config = ImageConfigSchema.safeParse(JSON.parse((await port.readBlob(configDigest)).toString('utf8')));
  if (!config.success) throw invalidArgument(`the config of ${familiarReference(name)} is not valid: ${config.error.message}`);
  return {
    name,
    id: configDigest,
    config: config.data,
    chainId: chainIdOf(config.data.rootfs?.diff_ids ?? []),
    manifestDigest,
    layersSize: manifest.data.layers.reduce((sum, l) => sum + l.size, 0),
    layers: manifest.data.layers.map((l) => ({ digest: l.digest, size: l.size })),
  };
}
