// `docker save`: images as one tar, streamed. Both formats are an OCI image layout holding the
// stored blobs byte for byte (manifest, config, layers as pulled: usually gzip), so loading the
// archive again gives back the same manifest and config digests; "docker-archive" adds
// manifest.json and repositories, as Docker 25+ does, for `docker load` of any version (which
// decompresses the layer files it is pointed at).
//
// What goes in for an image: the manifest for the requested platform (the host's by default),
// its config and its layers. An image whose target is an index is saved as that one platform's
// manifest (index.json then names the manifest), since a pull fetches only the host's layers and
// an archive must hold every blob it names.
import type { Readable } from 'node:stream';
import type * as tar from 'tar-stream';
import { failedPrecondition, invalidArgument, isSkiffError, notFound } from '@skiff/errors';
import type { ContentStore } from '../content/store';
import { type ResolvedImage, resolveImage } from '../images/resolve';
import type { ImageRecord, ImageStore } from '../images/store';
import { type Descriptor, MediaType, type Platform } from '../registry/manifest';
import { DEFAULT_PLATFORM } from '../registry/platform';
import { type Reference, familiarName, familiarString, normalizeReference, parseReference, referenceName, referenceString } from '../registry/reference';
import { isUnnamedImageName, jsonBytes } from './archive-content';
import {
  DOCKER_MANIFEST_FILE,
  type DockerManifestEntry,
  IMAGE_NAME_ANNOTATION,
  INDEX_FILE,
  OCI_LAYOUT_FILE,
  OCI_LAYOUT_VERSION,
  REF_NAME_ANNOTATION,
  REPOSITORIES_FILE,
  blobPath,
} from './archive-layout';
import { addBuffer, addDirectory, addStream, createPack } from './archive-tar';

export type ArchiveFormat = 'docker-archive' | 'oci';

export interface ExportDeps {
  content: ContentStore;
  images: ImageStore;
}

export interface ExportOptions {
  /** Image names ("busybox", "docker.io/library/busybox:latest") or digests ("sha256:..."). */
  names: string[];
  /** "docker-archive" (default, also for "") or "oci". */
  format?: string;
  platform?: Platform;
}

interface Selection {
  record: ImageRecord;
  /** The record's name as a reference; undefined for an image selected by digest or unnamed. */
  ref?: Reference;
}

interface ExportedImage {
  resolved: ResolvedImage;
  refs: Reference[];
}

const DIGEST_OR_ID = /^(?:sha256:)?([a-f0-9]{64})$/;

function parseFormat(format: string | undefined): ArchiveFormat {
  if (format === undefined || format === '' || format === 'docker-archive') return 'docker-archive';
  if (format === 'oci') return 'oci';
  throw invalidArgument(`unknown archive format "${format}": "docker-archive" or "oci"`);
}

function refOf(record: ImageRecord): Reference | undefined {
  if (isUnnamedImageName(record.name)) return undefined;
  try {
    return parseReference(record.name);
  } catch {
    return undefined;
  }
}

/**
 * What a name means to `docker save`: an image's exact name; a digest (of a target, a manifest or
 * a config: Docker's image id) saved without names; a repository without tag meaning every tag of
 * it; otherwise the name normalised as a pull would ("busybox" -> docker.io/library/busybox:latest).
 */
async function select(deps: ExportDeps, namespace: string, name: string, platform: Platform): Promise<Selection[]> {
  const exact = deps.images.find(namespace, name);
  if (exact) return [{ record: exact, ref: refOf(exact) }];
  const id = DIGEST_OR_ID.exec(name);
  if (id) {
    const digest = `sha256:${id[1]}`;
    const found: Selection[] = [];
    for (const record of deps.images.list(namespace)) {
      if (record.target.digest === digest) {
        found.push({ record });
        continue;
      }
      try {
        const resolved = await resolveImage(deps.content, record.target, platform, record.name);
        if (resolved.manifestDescriptor.digest === digest || resolved.manifest.config.digest === digest) found.push({ record });
      } catch {
        // An image that cannot be resolved here is not the one asked for.
      }
    }
    if (found.length === 0) throw notFound(`image "${name}": not found`);
    return found.slice(0, 1);
  }
  const ref = parseReference(name);
  if (ref.tag === undefined && ref.digest === undefined) {
    const repository = referenceName(ref);
    const tagged = deps.images
      .list(namespace)
      .map((record) => ({ record, ref: refOf(record) }))
      .filter((s) => s.ref !== undefined && s.ref.tag !== undefined && referenceName(s.ref) === repository);
    if (tagged.length > 0) return tagged;
  }
  const full = referenceString(normalizeReference(name));
  const record = deps.images.find(namespace, full);
  if (!record) throw notFound(`image "${name}": not found`);
  return [{ record, ref: refOf(record) }];
}

async function requireBlob(content: ContentStore, descriptor: Descriptor, image: string): Promise<void> {
  try {
    const info = await content.info(descriptor.digest);
    if (info.size !== descriptor.size) throw failedPrecondition(`image ${image}: blob ${descriptor.digest} is ${info.size} bytes, its descriptor says ${descriptor.size}`);
  } catch (err) {
    if (isSkiffError(err, 'NotFound')) {
      throw failedPrecondition(`image ${image}: ${descriptor.mediaType} ${descriptor.digest} is not in the content store; pull the image again`, { cause: err });
    }
    throw err;
  }
}

/** Images grouped by manifest, with every name each is saved under, checked to be complete. */
async function collect(deps: ExportDeps, namespace: string, names: string[], platform: Platform): Promise<ExportedImage[]> {
  const byManifest = new Map<string, ExportedImage>();
  for (const name of names) {
    for (const { record, ref } of await select(deps, namespace, name, platform)) {
      const resolved = await resolveImage(deps.content, record.target, platform, record.name);
      const key = resolved.manifestDescriptor.digest;
      let entry = byManifest.get(key);
      if (!entry) {
        for (const d of [resolved.manifestDescriptor, resolved.manifest.config, ...resolved.manifest.layers]) await requireBlob(deps.content, d, record.name);
        byManifest.set(key, (entry = { resolved, refs: [] }));
      }
      if (ref && !entry.refs.some((r) => referenceString(r) === referenceString(ref))) entry.refs.push(ref);
    }
  }
  return [...byManifest.values()];
}

function indexEntries(image: ExportedImage): Descriptor[] {
  const { mediaType, digest, size, platform } = image.resolved.manifestDescriptor;
  const base: Descriptor = { mediaType, digest, size, ...(platform ? { platform } : {}) };
  if (image.refs.length === 0) return [base];
  return image.refs.map((ref) => ({
    ...base,
    annotations: { [IMAGE_NAME_ANNOTATION]: referenceString(ref), ...(ref.tag !== undefined ? { [REF_NAME_ANNOTATION]: ref.tag } : {}) },
  }));
}

function dockerManifest(images: ExportedImage[]): DockerManifestEntry[] {
  return images.map(({ resolved, refs }) => ({
    Config: blobPath(resolved.manifest.config.digest),
    RepoTags: refs.filter((r) => r.tag !== undefined).map(familiarString),
    Layers: resolved.manifest.layers.map((l) => blobPath(l.digest)),
  }));
}

/** The legacy "repositories" file: each tag's top layer, by the id its file is named with. */
function repositories(images: ExportedImage[]): Record<string, Record<string, string>> {
  const repos: Record<string, Record<string, string>> = {};
  for (const { resolved, refs } of images) {
    const top = resolved.manifest.layers[resolved.manifest.layers.length - 1];
    if (!top) continue;
    for (const ref of refs) {
      if (ref.tag === undefined) continue;
      (repos[familiarName(ref)] ??= {})[ref.tag] = top.digest.slice(top.digest.indexOf(':') + 1);
    }
  }
  return repos;
}

async function writeArchive(deps: ExportDeps, pack: tar.Pack, images: ExportedImage[], format: ArchiveFormat): Promise<void> {
  await addDirectory(pack, 'blobs/');
  await addDirectory(pack, 'blobs/sha256/');
  const written = new Set<string>();
  for (const { resolved } of images) {
    for (const d of [resolved.manifest.config, ...resolved.manifest.layers, resolved.manifestDescriptor]) {
      if (written.has(d.digest)) continue;
      written.add(d.digest);
      await addStream(pack, { name: blobPath(d.digest), size: d.size }, await deps.content.reader(d.digest));
    }
  }
  await addBuffer(pack, OCI_LAYOUT_FILE, jsonBytes({ imageLayoutVersion: OCI_LAYOUT_VERSION }));
  await addBuffer(pack, INDEX_FILE, jsonBytes({ schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: images.flatMap(indexEntries) }));
  if (format === 'docker-archive') {
    await addBuffer(pack, DOCKER_MANIFEST_FILE, jsonBytes(dockerManifest(images)));
    const repos = repositories(images);
    if (Object.keys(repos).length > 0) await addBuffer(pack, REPOSITORIES_FILE, jsonBytes(repos));
  }
  pack.finalize();
}

/**
 * The archive of the named images, as a tar stream. Names are resolved and every blob checked
 * before the stream is returned, so a missing image fails the call instead of truncating the
 * archive; destroying the stream stops the writing.
 */
export async function exportArchive(deps: ExportDeps, namespace: string, options: ExportOptions): Promise<Readable> {
  const format = parseFormat(options.format);
  if (options.names.length === 0) throw invalidArgument('no image to save: name at least one');
  const images = await collect(deps, namespace, options.names, options.platform ?? DEFAULT_PLATFORM);
  const { pack, output } = createPack();
  writeArchive(deps, pack, images, format).catch((err: Error) => pack.destroy(err));
  return output;
}
