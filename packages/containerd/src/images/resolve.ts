// From an image's target descriptor to what running or exporting it needs: the platform's
// manifest, its config, its layers and their chain ids. Reads the content store only.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { failedPrecondition, invalidArgument } from '@skiff/errors';
import type { ContentStore } from '../content/store';
import { type Descriptor, type ImageManifest, type Platform, isIndexMediaType, parseManifest } from '../registry/manifest';
import { DEFAULT_PLATFORM, selectPlatform } from '../registry/platform';

/** The OCI image config (Docker's is the same JSON); unknown fields are kept. */
export const ImageConfigSchema = z.looseObject({
  architecture: z.string().default(''),
  os: z.string().default(''),
  variant: z.string().optional(),
  created: z.string().optional(),
  author: z.string().optional(),
  config: z
    .looseObject({
      User: z.string().optional(),
      ExposedPorts: z.record(z.string(), z.object({})).nullable().optional(),
      Env: z.array(z.string()).nullable().optional(),
      Entrypoint: z.array(z.string()).nullable().optional(),
      Cmd: z.array(z.string()).nullable().optional(),
      Volumes: z.record(z.string(), z.object({})).nullable().optional(),
      WorkingDir: z.string().optional(),
      Labels: z.record(z.string(), z.string()).nullable().optional(),
      StopSignal: z.string().optional(),
    })
    .optional(),
  rootfs: z.object({ type: z.literal('layers'), diff_ids: z.array(z.string()) }),
  history: z.array(z.looseObject({ created: z.string().optional(), created_by: z.string().optional(), empty_layer: z.boolean().optional() })).optional(),
});
export type ImageConfig = z.output<typeof ImageConfigSchema>;

export interface ResolvedImage {
  /** The manifest chosen (the target itself, or the platform's entry of an index). */
  manifestDescriptor: Descriptor;
  manifest: ImageManifest;
  config: ImageConfig;
  /** Uncompressed digests of the layers, bottom first (the config's rootfs.diff_ids). */
  diffIds: string[];
  /** chainIds[i] names the snapshot holding layers 0..i: the key an unpack commits it under. */
  chainIds: string[];
}

/**
 * The chain id of a layer stack: the first layer's diff id, then sha256("<parent chain> <diff id>")
 * for each next one (OCI image spec), so equal stacks share snapshots whatever image they are in.
 */
export function chainIds(diffIds: readonly string[]): string[] {
  const out: string[] = [];
  for (const diffId of diffIds) {
    const parent = out[out.length - 1];
    out.push(parent === undefined ? diffId : `sha256:${createHash('sha256').update(`${parent} ${diffId}`).digest('hex')}`);
  }
  return out;
}

async function readJsonBlob(content: ContentStore, descriptor: Descriptor): Promise<Buffer> {
  try {
    return await content.readBlob(descriptor.digest);
  } catch (err) {
    throw failedPrecondition(`content ${descriptor.digest} (${descriptor.mediaType}) is missing: pull the image again`, { cause: err });
  }
}

/** Resolves an image's target for a platform (default linux/amd64) from the content store. */
export async function resolveImage(content: ContentStore, target: Descriptor, platform: Platform = DEFAULT_PLATFORM, name = target.digest): Promise<ResolvedImage> {
  let manifestDescriptor = target;
  let parsed = parseManifest(await readJsonBlob(content, target), target.mediaType, name);
  if (parsed.kind === 'index') {
    manifestDescriptor = selectPlatform(parsed.index, platform);
    if (isIndexMediaType(manifestDescriptor.mediaType)) throw invalidArgument(`${name}: nested image indexes are not supported`);
    parsed = parseManifest(await readJsonBlob(content, manifestDescriptor), manifestDescriptor.mediaType, name);
    if (parsed.kind !== 'manifest') throw invalidArgument(`${name}: ${manifestDescriptor.digest} is not an image manifest`);
  }
  const manifest = parsed.manifest;
  const configJson: unknown = JSON.parse((await readJsonBlob(content, manifest.config)).toString('utf8'));
  const config = ImageConfigSchema.safeParse(configJson);
  if (!config.success) throw invalidArgument(`${name}: invalid image config ${manifest.config.digest}: ${config.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const diffIds = config.data.rootfs.diff_ids;
  if (diffIds.length !== manifest.layers.length) {
    throw invalidArgument(`${name}: the manifest has ${manifest.layers.length} layers but the config ${diffIds.length} diff ids`);
  }
  return { manifestDescriptor, manifest, config: config.data, diffIds, chainIds: chainIds(diffIds) };
}
