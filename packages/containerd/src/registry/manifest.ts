// The four manifest formats a pull understands, as zod schemas: what a registry sends is checked at
// the boundary, so nothing downstream trusts unvalidated JSON. Unknown fields are kept (loose
// objects): manifests are content-addressed, and re-serialising must not drop what we don't model.
import { z } from 'zod';
import { invalidArgument, notImplemented } from '@skiff/errors';

export const MediaType = {
  DockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  DockerManifestList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  OciManifest: 'application/vnd.oci.image.manifest.v1+json',
  OciIndex: 'application/vnd.oci.image.index.v1+json',
  DockerSchema1: 'application/vnd.docker.distribution.manifest.v1+json',
  DockerSchema1Signed: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
  DockerConfig: 'application/vnd.docker.container.image.v1+json',
  DockerLayerGzip: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  OciConfig: 'application/vnd.oci.image.config.v1+json',
  OciLayer: 'application/vnd.oci.image.layer.v1.tar',
  OciLayerGzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
  OciLayerZstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
} as const;

export const MANIFEST_MEDIA_TYPES = [
  MediaType.DockerManifest,
  MediaType.DockerManifestList,
  MediaType.OciManifest,
  MediaType.OciIndex,
] as const;
export type ManifestMediaType = (typeof MANIFEST_MEDIA_TYPES)[number];

/** What a manifest request accepts: the four formats, preferred alike, and anything else last. */
export const MANIFEST_ACCEPT = [...MANIFEST_MEDIA_TYPES, '*/*;q=0.8'].join(', ');

export const DigestSchema = z.string().regex(/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/, 'invalid digest');

export const PlatformSchema = z.looseObject({
  architecture: z.string(),
  os: z.string(),
  'os.version': z.string().optional(),
  'os.features': z.array(z.string()).optional(),
  variant: z.string().optional(),
});
export type Platform = z.infer<typeof PlatformSchema>;

export const DescriptorSchema = z.looseObject({
  mediaType: z.string().min(1),
  digest: DigestSchema,
  size: z.number().int().nonnegative(),
  urls: z.array(z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  platform: PlatformSchema.optional(),
  artifactType: z.string().optional(),
});
export type Descriptor = z.infer<typeof DescriptorSchema>;

/** Docker manifest v2 schema 2 and OCI image manifest share one shape. */
export const ImageManifestSchema = z.looseObject({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  artifactType: z.string().optional(),
  config: DescriptorSchema,
  layers: z.array(DescriptorSchema),
  subject: DescriptorSchema.optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});
export type ImageManifest = z.infer<typeof ImageManifestSchema>;

/** Docker manifest list and OCI image index share one shape. */
export const ImageIndexSchema = z.looseObject({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  artifactType: z.string().optional(),
  manifests: z.array(DescriptorSchema),
  subject: DescriptorSchema.optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});
export type ImageIndex = z.infer<typeof ImageIndexSchema>;

export type ParsedManifest =
  | { kind: 'manifest'; mediaType: typeof MediaType.DockerManifest | typeof MediaType.OciManifest; manifest: ImageManifest }
  | { kind: 'index'; mediaType: typeof MediaType.DockerManifestList | typeof MediaType.OciIndex; index: ImageIndex };

export function isIndexMediaType(mediaType: string): boolean {
  return mediaType === MediaType.DockerManifestList || mediaType === MediaType.OciIndex;
}

export function isManifestMediaType(mediaType: string): mediaType is ManifestMediaType {
  return (MANIFEST_MEDIA_TYPES as readonly string[]).includes(mediaType);
}

/** Docker's notice for schema 1 images, which it no longer pulls either. */
export function schema1Error(name: string): Error {
  return notImplemented(
    `Docker Image manifest version 2, schema 1 is not supported: ${name} uses it. ` +
      'Suggest the author of the image to upgrade it to the OCI Format or Docker Image manifest v2, schema 2. ' +
      'More information at https://docs.docker.com/go/deprecated-image-specs/',
  );
}

/**
 * The media type of a manifest: the document's own mediaType field (which its digest covers) wins
 * over the Content-Type header (registries and proxies serve generic types), and a document that
 * names neither is recognised by its shape, as containerd does for old OCI manifests.
 */
export function detectMediaType(json: unknown, contentType: string | undefined): string {
  const doc = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>;
  if (typeof doc.mediaType === 'string' && doc.mediaType !== '') return doc.mediaType;
  const header = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (header !== '' && header !== 'application/json' && header !== 'text/plain' && header !== 'application/octet-stream') {
    return header;
  }
  if (doc.schemaVersion === 1) return MediaType.DockerSchema1;
  if (Array.isArray(doc.manifests)) return MediaType.OciIndex;
  if (typeof doc.config === 'object' && doc.config !== null) return MediaType.OciManifest;
  return header;
}

/** Parses and validates manifest bytes; `name` is the image, for messages. */
export function parseManifest(bytes: Buffer, contentType: string | undefined, name: string): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw invalidArgument(`manifest for ${name} is not valid JSON: ${(err as Error).message}`);
  }
  const mediaType = detectMediaType(json, contentType);
  if (mediaType === MediaType.DockerSchema1 || mediaType === MediaType.DockerSchema1Signed) throw schema1Error(name);
  const describe = (err: z.ZodError) =>
    err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  switch (mediaType) {
    case MediaType.DockerManifest:
    case MediaType.OciManifest: {
      const parsed = ImageManifestSchema.safeParse(json);
      if (!parsed.success) throw invalidArgument(`invalid manifest for ${name} (${mediaType}): ${describe(parsed.error)}`);
      return { kind: 'manifest', mediaType, manifest: parsed.data };
    }
    case MediaType.DockerManifestList:
    case MediaType.OciIndex: {
      const parsed = ImageIndexSchema.safeParse(json);
      if (!parsed.success) throw invalidArgument(`invalid manifest list for ${name} (${mediaType}): ${describe(parsed.error)}`);
      return { kind: 'index', mediaType, index: parsed.data };
    }
    default:
      throw invalidArgument(
        `unsupported manifest media type and no default available: ${mediaType === '' ? '(none)' : mediaType} (${name})`,
      );
  }
}
