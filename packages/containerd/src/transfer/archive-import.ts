// `docker load`: an archive streamed in becomes images. Recognised by content, in any member
// order (tar order is not guaranteed: manifest.json often comes last), so every member is first
// spooled into the content store and the archive is interpreted once it has been read whole:
//
//   index.json (an OCI layout; Docker 25+ `docker save`; skopeo/umoci/buildx)
//       each entry is an image: its manifest (or index) and blobs are used as they are, so the
//       digests an archive was saved with are the ones it loads with. Names come from the
//       io.containerd.image.name annotation, else from org.opencontainers.image.ref.name (a full
//       reference as is; a bare tag on ImportOptions.default_name's repository), else from
//       manifest.json's RepoTags for the same config, else default_name.
//   manifest.json alone (Docker before 25, skopeo's docker-archive)
//       each entry names its config and layer files; there is no registry manifest, so one is
//       made (Docker schema 2; layers stored as the archive holds them, uncompressed ones as
//       application/vnd.docker.image.rootfs.diff.tar), keeping the config, and so the image id,
//       byte for byte. Each layer is checked against the config's diff ids.
//
// Images without a name are stored under their digest (see unnamedImageName). Spooled members
// nothing references (legacy "json" and "VERSION" files) are left to garbage collection once the
// transfer's lease is gone.
import type { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { invalidArgument, isSkiffError } from '@skiff/errors';
import type { LeaseManager } from '../content/leases';
import type { ContentStore } from '../content/store';
import { compressionOfMagic, decompressStream } from '../diff/compression';
import { ImageConfigSchema, type ResolvedImage, resolveImage } from '../images/resolve';
import type { ImageRecord, ImageStore } from '../images/store';
import {
  type Descriptor,
  ImageIndexSchema,
  type ImageManifest,
  MediaType,
  type Platform,
  isIndexMediaType,
  isManifestMediaType,
  parseManifest,
} from '../registry/manifest';
import { DEFAULT_PLATFORM } from '../registry/platform';
import { familiarString, parseReference, referenceString, withTarget } from '../registry/reference';
import type { OverlaySnapshotter } from '../snapshots/overlay';
import {
  type BlobInfo,
  type ProgressSink,
  type TransferLease,
  indexLabels,
  isUnnamedImageName,
  jsonBytes,
  labelBlob,
  manifestLabels,
  normalizedImageName,
  shortId,
  storeImage,
  unnamedImageName,
  withLease,
  writeBlob,
} from './archive-content';
import { DOCKER_LAYER_TAR, DOCKER_MANIFEST_FILE, type DockerManifestEntry, DockerManifestFileSchema, IMAGE_NAME_ANNOTATION, INDEX_FILE, OCI_LAYOUT_FILE, OciLayoutSchema, REF_NAME_ANNOTATION } from './archive-layout';
import { ArchiveMembers } from './archive-members';
import { unpackImage } from './archive-unpack';

export interface ImportDeps {
  content: ContentStore;
  leases: LeaseManager;
  images: ImageStore;
  /** Needed when unpacking. */
  snapshotter?: OverlaySnapshotter;
}

export interface ImportOptions {
  /** The name for an image the archive does not name; "" or undefined leaves it unnamed. */
  defaultName?: string;
  unpack?: boolean;
  /** Which manifest of an index to check and unpack; default linux/amd64. */
  platform?: Platform;
}

/** One image found in the archive: its target and the names to store it under. */
interface FoundImage {
  target: Descriptor;
  names: string[];
}

// A config is JSON a client reads whole; this bounds what an archive can make us parse.
const CONFIG_MAX_BYTES = 16 << 20;

function parseJson(bytes: Buffer, what: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw invalidArgument(`${what} is not valid JSON: ${(err as Error).message}`);
  }
}

function zodMessage(issues: Array<{ path: PropertyKey[]; message: string }>): string {
  return issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}

/** A name from the archive, normalised, or INVALID_ARGUMENT naming where it came from. */
function normalizedName(name: string, from: string): string {
  try {
    return normalizedImageName(name);
  } catch (err) {
    throw invalidArgument(`${from}: invalid image name "${name}": ${(err as Error).message}`, { cause: err });
  }
}

/** The names of an index.json entry (see the top of this file). */
function entryNames(descriptor: Descriptor, defaultName: string | undefined): string[] {
  const annotations = descriptor.annotations ?? {};
  const full = annotations[IMAGE_NAME_ANNOTATION];
  if (full) return [normalizedName(full, INDEX_FILE)];
  const refName = annotations[REF_NAME_ANNOTATION];
  if (refName) {
    if (/[/:@]/.test(refName)) return [normalizedName(refName, INDEX_FILE)];
    if (defaultName) return [referenceString(withTarget(parseReference(defaultName), { tag: refName }))];
    return [];
  }
  return defaultName ? [normalizedName(defaultName, 'default name')] : [];
}

async function readConfig(content: ContentStore, blob: BlobInfo, from: string): Promise<{ bytes: Buffer; diffIds: string[] }> {
  if (blob.size > CONFIG_MAX_BYTES) throw invalidArgument(`${from}: config ${blob.digest} is ${blob.size} bytes, too large for an image config`);
  const bytes = await content.readBlob(blob.digest);
  const parsed = ImageConfigSchema.safeParse(parseJson(bytes, `${from}: config ${blob.digest}`));
  if (!parsed.success) throw invalidArgument(`${from}: invalid image config ${blob.digest}: ${zodMessage(parsed.error.issues)}`);
  return { bytes, diffIds: parsed.data.rootfs.diff_ids };
}

/** sha256 of the uncompressed bytes of a stored layer. */
async function diffIdOf(content: ContentStore, digest: string): Promise<{ diffId: string; compression: 'none' | 'gzip' | 'zstd' }> {
  const head = await content.reader(digest, { size: 4 });
  const chunks: Buffer[] = [];
  for await (const chunk of head) chunks.push(chunk as Buffer);
  const compression = compressionOfMagic(Buffer.concat(chunks));
  if (compression === 'none') return { diffId: digest, compression };
  const hash = createHash('sha256');
  for await (const chunk of await decompressStream(await content.reader(digest))) hash.update(chunk as Buffer);
  return { diffId: `sha256:${hash.digest('hex')}`, compression };
}

/** The registry manifest an old-style manifest.json entry lacks. */
async function manifestForEntry(content: ContentStore, lease: TransferLease, members: ArchiveMembers, entry: DockerManifestEntry, n: number): Promise<Descriptor> {
  const from = `${DOCKER_MANIFEST_FILE} entry ${n}`;
  const configBlob = members.file(entry.Config, from);
  const { diffIds } = await readConfig(content, configBlob, from);
  if (diffIds.length !== entry.Layers.length) {
    throw invalidArgument(`${from}: ${entry.Layers.length} layers, but its config has ${diffIds.length} diff ids`);
  }
  const layers: Array<BlobInfo & { compression: 'none' | 'gzip' | 'zstd' }> = [];
  for (const [i, layerPath] of entry.Layers.entries()) {
    const blob = members.file(layerPath, from);
    const { diffId, compression } = await diffIdOf(content, blob.digest);
    if (diffId !== diffIds[i]) throw invalidArgument(`${from}: layer ${layerPath} has diff id ${diffId}, but the config says ${diffIds[i]}`);
    layers.push({ ...blob, compression });
  }
  // Docker's schema 2 has no zstd layer type; an image with one is described in OCI terms.
  const oci = layers.some((l) => l.compression === 'zstd');
  const layerType = { none: oci ? MediaType.OciLayer : DOCKER_LAYER_TAR, gzip: oci ? MediaType.OciLayerGzip : MediaType.DockerLayerGzip, zstd: MediaType.OciLayerZstd };
  const manifest: ImageManifest = {
    schemaVersion: 2,
    mediaType: oci ? MediaType.OciManifest : MediaType.DockerManifest,
    config: { mediaType: oci ? MediaType.OciConfig : MediaType.DockerConfig, digest: configBlob.digest, size: configBlob.size },
    layers: layers.map((l) => ({ mediaType: layerType[l.compression], digest: l.digest, size: l.size })),
  };
  const blob = await writeBlob(content, lease, jsonBytes(manifest), manifestLabels(manifest));
  return { mediaType: manifest.mediaType!, digest: blob.digest, size: blob.size };
}

/** Labels a stored manifest or index with the references the collector must follow. */
async function labelTarget(content: ContentStore, lease: TransferLease, target: Descriptor, from: string): Promise<void> {
  let bytes: Buffer;
  try {
    const info = await content.info(target.digest);
    if (info.size !== target.size) throw invalidArgument(`${from}: ${target.digest} is ${info.size} bytes, its descriptor says ${target.size}`);
    bytes = await content.readBlob(target.digest);
  } catch (err) {
    if (isSkiffError(err, 'NotFound')) throw invalidArgument(`${from} names ${target.digest}, which the archive does not hold`);
    throw err;
  }
  const parsed = parseManifest(bytes, target.mediaType, from);
  await labelBlob(content, lease, target.digest, parsed.kind === 'index' ? indexLabels(parsed.index) : manifestLabels(parsed.manifest));
  if (parsed.kind === 'index') {
    for (const child of parsed.index.manifests) {
      // An index may list platforms the archive was saved without; those stay unlabelled.
      if (isManifestMediaType(child.mediaType) && !isIndexMediaType(child.mediaType) && (await content.info(child.digest).then(() => true, () => false))) {
        await labelTarget(content, lease, child, from);
      }
    }
  }
}

async function fromOciIndex(deps: ImportDeps, lease: TransferLease, members: ArchiveMembers, indexBytes: Buffer, options: ImportOptions): Promise<FoundImage[]> {
  const index = ImageIndexSchema.safeParse(parseJson(indexBytes, INDEX_FILE));
  if (!index.success) throw invalidArgument(`invalid ${INDEX_FILE}: ${zodMessage(index.error.issues)}`);
  const layout = members.indexFile(OCI_LAYOUT_FILE);
  if (layout) {
    const parsed = OciLayoutSchema.safeParse(parseJson(layout, OCI_LAYOUT_FILE));
    if (!parsed.success) throw invalidArgument(`invalid ${OCI_LAYOUT_FILE}: ${zodMessage(parsed.error.issues)}`);
  }
  // RepoTags of manifest.json, by config digest, for entries index.json leaves unnamed.
  const repoTags = new Map<string, string[]>();
  const dockerManifest = members.indexFile(DOCKER_MANIFEST_FILE);
  if (dockerManifest) {
    for (const [n, entry] of parseDockerManifest(dockerManifest).entries()) {
      const config = members.file(entry.Config, `${DOCKER_MANIFEST_FILE} entry ${n}`);
      repoTags.set(config.digest, (entry.RepoTags ?? []).map((t) => normalizedName(t, DOCKER_MANIFEST_FILE)));
    }
  }
  const found: FoundImage[] = [];
  for (const [n, descriptor] of index.data.manifests.entries()) {
    const from = `${INDEX_FILE} entry ${n}`;
    // Attestations and other artifacts are not images.
    if (!isManifestMediaType(descriptor.mediaType)) continue;
    if (!members.hasBlob(descriptor.digest)) throw invalidArgument(`${from} names ${descriptor.digest}, which the archive does not hold`);
    await labelTarget(deps.content, lease, descriptor, from);
    let names = entryNames(descriptor, undefined);
    if (names.length === 0) {
      const resolved = await resolveImage(deps.content, descriptor, options.platform ?? DEFAULT_PLATFORM, from);
      names = repoTags.get(resolved.manifest.config.digest) ?? [];
    }
    if (names.length === 0) names = entryNames(descriptor, options.defaultName);
    found.push({ target: { mediaType: descriptor.mediaType, digest: descriptor.digest, size: descriptor.size }, names });
  }
  return found;
}

function parseDockerManifest(bytes: Buffer): DockerManifestEntry[] {
  const parsed = DockerManifestFileSchema.safeParse(parseJson(bytes, DOCKER_MANIFEST_FILE));
  if (!parsed.success) throw invalidArgument(`invalid ${DOCKER_MANIFEST_FILE}: ${zodMessage(parsed.error.issues)}`);
  return parsed.data;
}

async function fromDockerManifest(deps: ImportDeps, lease: TransferLease, members: ArchiveMembers, bytes: Buffer, options: ImportOptions): Promise<FoundImage[]> {
  const found: FoundImage[] = [];
  for (const [n, entry] of parseDockerManifest(bytes).entries()) {
    const target = await manifestForEntry(deps.content, lease, members, entry, n);
    let names = (entry.RepoTags ?? []).map((t) => normalizedName(t, DOCKER_MANIFEST_FILE));
    if (names.length === 0 && options.defaultName) names = [normalizedName(options.defaultName, 'default name')];
    found.push({ target, names });
  }
  return found;
}

/**
 * Loads the archive read from input. Progress, once the archive has been read (only then is it
 * known which members are layers): "Loading layer" per layer (bytes unpacked, or the whole layer
 * at once without unpacking), then one message per image stored, with `image` set and the status
 * Docker prints ("Loaded image: busybox:latest", "Loaded image ID: sha256:..."). Returns the
 * image records, in archive order.
 */
export async function importArchive(deps: ImportDeps, namespace: string, input: Readable, options: ImportOptions, progress: ProgressSink = () => undefined): Promise<ImageRecord[]> {
  if (options.unpack && !deps.snapshotter) throw invalidArgument('unpacking needs a snapshotter');
  return withLease(deps.leases, 'import', async (lease) => {
    const members = new ArchiveMembers(deps.content, lease);
    await members.read(input);
    const index = members.indexFile(INDEX_FILE);
    const dockerManifest = members.indexFile(DOCKER_MANIFEST_FILE);
    let found: FoundImage[];
    if (index) found = await fromOciIndex(deps, lease, members, index, options);
    else if (dockerManifest) found = await fromDockerManifest(deps, lease, members, dockerManifest, options);
    else throw invalidArgument(`not an image archive: it holds neither ${INDEX_FILE} nor ${DOCKER_MANIFEST_FILE}`);

    const platform = options.platform ?? DEFAULT_PLATFORM;
    const resolved = new Map<string, ResolvedImage>();
    for (const image of found) {
      if (resolved.has(image.target.digest)) continue;
      resolved.set(image.target.digest, await resolveImage(deps.content, image.target, platform, image.names[0] ?? image.target.digest));
    }
    const reported = new Set<string>();
    for (const image of resolved.values()) {
      if (options.unpack) {
        await unpackImage({ content: deps.content, snapshotter: deps.snapshotter! }, lease, image, progress);
        continue;
      }
      for (const layer of image.manifest.layers) {
        if (reported.has(layer.digest)) continue;
        reported.add(layer.digest);
        progress({ id: shortId(layer.digest), status: 'Loading layer', current: layer.size, total: layer.size });
      }
    }

    const records: ImageRecord[] = [];
    for (const image of found) {
      const names = image.names.length > 0 ? [...new Set(image.names)] : [unnamedImageName(image.target)];
      for (const name of names) {
        const record = storeImage(deps.images, namespace, name, image.target);
        records.push(record);
        progress({ id: '', status: loadedStatus(record.name, resolved.get(image.target.digest)!), current: 0, total: 0, image: record });
      }
    }
    return records;
  });
}

function loadedStatus(name: string, image: ResolvedImage): string {
  if (isUnnamedImageName(name)) return `Loaded image ID: ${image.manifest.config.digest}`;
  return `Loaded image: ${familiarString(parseReference(name))}`;
}
