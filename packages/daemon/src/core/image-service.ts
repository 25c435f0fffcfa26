// Docker's images on top of skiff-containerd's image store: one Docker image per config digest
// (its id), named by every record pointing at it; lookups by reference, id or id prefix; tag,
// untag and delete with Docker's conflict rules; and the transfers (pull, push, save, load,
// import, commit) with their output in Docker's JSON message form.
import type { Platform } from '@skiff/engine-api';
import type { Readable } from 'node:stream';
import { conflict, invalidArgument, isSkiffError, notFound } from '@skiff/errors';
import { type ConfigChanges, parseChanges } from './image-changes';
import type { ImageTransferPort, RegistryAuth, TransferProgress } from './image-ports';
import { familiarReference, forgetResolvedImages, normalizeReference, type ResolvedImage, resolveRecord } from './images';
import type { ImageRecord } from './ports';
import type { EventBus } from './events';

/** Records stored under a manifest digest instead of a name: untagged (dangling) images. */
const UNNAMED = /^sha256:[a-f0-9]{64}$/;

export interface ContainerUse {
  id: string;
  running: boolean;
}

export interface ImageServiceOptions {
  port: ImageTransferPort;
  /** Containers created from the image with this id. */
  usedBy(imageId: string): ContainerUse[];
  /** Where image events (GET /events) are published, with dockerd's ids and names. */
  events?: EventBus;
}

export interface DockerImage {
  id: string;
  /** Names, normalized ("docker.io/library/busybox:latest"). */
  names: string[];
  resolved: ResolvedImage;
  /** Manifest digests with their repository, for RepoDigests. */
  repoDigests: string[];
}

/** Docker's JSON progress message. */
export interface JsonMessage {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  progress?: string;
  stream?: string;
  aux?: object;
  error?: string;
  errorDetail?: { message: string };
}

const short = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let n = bytes;
  let u = 0;
  while (n >= 1000 && u < units.length - 1) {
    n /= 1000;
    u++;
  }
  return `${n < 10 && u > 0 ? n.toFixed(2) : n < 100 && u > 0 ? n.toFixed(1) : Math.round(n)}${units[u]}`;
}

/** The bar Docker's daemon sends beside progressDetail, for clients that print it as is. */
function progressBar(current: number, total: number): string {
  if (total <= 0) return humanSize(current);
  const width = 50;
  const filled = Math.min(width, Math.floor((current / total) * width));
  const bar = filled === width ? '='.repeat(width) : `${'='.repeat(Math.max(0, filled))}>${' '.repeat(width - filled - 1)}`;
  return `[${bar}] ${humanSize(current)}/${humanSize(total)}`;
}

export function toJsonMessage(p: TransferProgress): JsonMessage {
  const counted = p.current > 0 || p.total > 0;
  return {
    status: p.status,
    ...(counted ? { progressDetail: { current: p.current, total: p.total }, progress: progressBar(p.current, p.total) } : { progressDetail: {} }),
    ...(p.id !== '' ? { id: p.id } : {}),
  };
}

/** The repository of a reference, without tag or digest. */
export function repositoryOf(name: string): string {
  const at = name.indexOf('@');
  if (at >= 0) return name.slice(0, at);
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
}

export class ImageService {
  constructor(private readonly o: ImageServiceOptions) {}

  /** Every image, grouped by id; records that cannot be read are skipped (a pull in flight). */
  async all(): Promise<DockerImage[]> {
    const byId = new Map<string, DockerImage>();
    for (const record of await this.o.port.listImages()) {
      let resolved: ResolvedImage;
      try {
        resolved = await resolveRecord(this.o.port, record);
      } catch (err) {
        if (isSkiffError(err, 'NotFound')) continue;
        throw err;
      }
      const image = byId.get(resolved.id) ?? { id: resolved.id, names: [], resolved, repoDigests: [] };
      if (!UNNAMED.test(record.name)) {
        image.names.push(record.name);
        const digestRef = `${repositoryOf(record.name)}@${record.target.digest}`;
        if (!image.repoDigests.includes(digestRef)) image.repoDigests.push(digestRef);
      }
      byId.set(resolved.id, image);
    }
    return [...byId.values()];
  }

  /**
   * The image a client names: a reference ("busybox", "busybox:1", "x@sha256:..."), a full id
   * ("sha256:<64 hex>") or a unique id prefix, as Docker looks them up.
   */
  async find(ref: string): Promise<{ image: DockerImage; byName?: string }> {
    let name: string | undefined;
    try {
      name = normalizeReference(ref);
    } catch {
      // Not a reference; maybe an id.
    }
    const images = await this.all();
    if (name !== undefined) {
      const image = images.find((i) => i.names.includes(name!));
      if (image) return { image, byName: name };
      if (name.includes('@')) {
        const [repo, digest] = name.split('@') as [string, string];
        const byDigest = images.find((i) => i.repoDigests.includes(`${repositoryOf(repo)}@${digest}`));
        if (byDigest) return { image: byDigest };
      }
    }
    const hex = ref.replace(/^sha256:/, '');
    if (/^[a-f0-9]{1,64}$/.test(hex)) {
      const matches = images.filter((i) => i.id.slice('sha256:'.length).startsWith(hex));
      if (matches.length === 1) return { image: matches[0]! };
    }
    throw notFound(`No such image: ${ref}`);
  }

  async tag(source: string, repo: string, tag: string | undefined): Promise<void> {
    const { image } = await this.find(source);
    const target = repo.includes('@') ? repo : `${repo}${tag ? `:${tag}` : ''}`;
    const name = normalizeReference(target);
    if (name.includes('@')) throw invalidArgument('refusing to create a tag with a digest reference');
    const record = await this.recordOf(image);
    await this.o.port.putImage(name, record.target);
    this.publish('tag', image.id, familiarReference(name));
  }

  private publish(action: string, id: string, name: string): void {
    this.o.events?.publish('image', action, id, { name });
  }

  /** Docker's DELETE /images/{name}: untags, and deletes the image once no name is left. */
  async remove(ref: string, force: boolean): Promise<Array<{ Untagged: string } | { Deleted: string }>> {
    const { image, byName } = await this.find(ref);
    const users = this.o.usedBy(image.id);
    const result: Array<{ Untagged: string } | { Deleted: string }> = [];
    if (byName !== undefined && image.names.length > 1) {
      await this.o.port.deleteImage(byName);
      this.publish('untag', image.id, image.id);
      return [{ Untagged: familiarReference(byName) }];
    }
    if (byName === undefined && image.names.length > 1 && !force) {
      throw conflict(`conflict: unable to delete ${short(image.id)} (must be forced) - image is referenced in multiple repositories`);
    }
    const running = users.find((u) => u.running);
    if (running && (byName === undefined || !force)) {
      throw conflict(`conflict: unable to delete ${short(image.id)} (cannot be forced) - image is being used by running container ${short(running.id)}`);
    }
    if (users.length > 0 && !force) {
      if (byName !== undefined) {
        throw conflict(`conflict: unable to remove repository reference "${ref}" (must force) - container ${short(users[0]!.id)} is using its referenced image ${short(image.id)}`);
      }
      throw conflict(`conflict: unable to delete ${short(image.id)} (must be forced) - image is being used by stopped container ${short(users[0]!.id)}`);
    }
    for (const name of image.names) {
      await this.o.port.deleteImage(name);
      result.push({ Untagged: familiarReference(name) });
      this.publish('untag', image.id, image.id);
    }
    for (const digestRef of image.repoDigests) result.push({ Untagged: familiarReference(digestRef) });
    // An untagged image (stored under its manifest digest) goes with its last name.
    await this.o.port.deleteImage(image.resolved.manifestDigest).catch((err: unknown) => {
      if (!isSkiffError(err, 'NotFound')) throw err;
    });
    forgetResolvedImages();
    result.push({ Deleted: image.id });
    this.publish('delete', image.id, image.id);
    return result;
  }

  /** Pulls ref; progress in Docker's messages. */
  async pull(ref: string, auth: RegistryAuth | undefined, emit: (m: JsonMessage) => void, platform?: Platform): Promise<void> {
    const name = normalizeReference(ref);
    await this.o.port.pull(name, auth, (p) => emit(toJsonMessage(p)), platform);
    this.publish('pull', familiarReference(name), repositoryOf(familiarReference(name)));
  }

  async push(ref: string, auth: RegistryAuth | undefined, emit: (m: JsonMessage) => void): Promise<void> {
    const name = normalizeReference(ref);
    try {
      await this.o.port.getImage(name);
    } catch (err) {
      if (isSkiffError(err, 'NotFound')) throw notFound(`An image does not exist locally with the tag: ${repositoryOf(familiarReference(name))}`);
      throw err;
    }
    await this.o.port.push(name, auth, (p) => emit(toJsonMessage(p)));
    this.publish('push', familiarReference(name), repositoryOf(familiarReference(name)));
  }

  /** `docker save`: the named images (references or ids) as one docker-archive tar. */
  async save(refs: string[]): Promise<Readable> {
    const names: string[] = [];
    for (const ref of refs) {
      const { image, byName } = await this.find(ref);
      names.push(byName ?? image.names[0] ?? image.resolved.manifestDigest);
      this.publish('save', image.id, familiarReference(byName ?? image.names[0] ?? image.id));
    }
    return this.o.port.exportArchive(names);
  }

  /** `docker load`: "Loaded image: ..." lines as Docker's stream messages. */
  load(archive: Readable, emit: (m: JsonMessage) => void): Promise<void> {
    return this.o.port.importArchive(archive, (p) => {
      if (p.status.startsWith('Loaded image')) {
        emit({ stream: `${p.status}\n` });
        const loaded = p.status.replace(/^Loaded image( ID)?: /, '');
        this.publish('load', loaded, loaded);
      }
      else emit(toJsonMessage(p));
    });
  }

  /** `docker import`: a rootfs tarball as a one-layer image; returns its id. */
  async importRootfs(tarball: Readable, repo: string | undefined, tag: string | undefined, changes: string[], message: string): Promise<string> {
    const reference = repo ? normalizeReference(`${repo}${tag ? `:${tag}` : ''}`) : '';
    const record = await this.o.port.importRootfs(reference, parseChanges(changes), message, tarball);
    const { id } = await resolveRecord(this.o.port, record);
    this.publish('import', id, id);
    return id;
  }

  /** `docker commit`: returns the new image's id. */
  async commit(
    containerId: string,
    options: { repo?: string; tag?: string; author: string; comment: string; pause: boolean; changes: string[]; config: ConfigChanges },
  ): Promise<string> {
    const reference = options.repo ? normalizeReference(`${options.repo}${options.tag ? `:${options.tag}` : ''}`) : '';
    const config = { ...options.config, ...parseChanges(options.changes, options.config) };
    const record = await this.o.port.commit(containerId, reference, config, options.author, options.comment, options.pause);
    return (await resolveRecord(this.o.port, record)).id;
  }

  /** Images no container uses (all of them, or only untagged ones). */
  async prune(danglingOnly: boolean): Promise<{ ImagesDeleted: Array<{ Untagged: string } | { Deleted: string }>; SpaceReclaimed: number }> {
    const deleted: Array<{ Untagged: string } | { Deleted: string }> = [];
    let space = 0;
    for (const image of await this.all()) {
      if (danglingOnly && image.names.length > 0) continue;
      if (this.o.usedBy(image.id).length > 0) continue;
      deleted.push(...(await this.remove(image.id, true)));
      space += image.resolved.layersSize;
    }
    return { ImagesDeleted: deleted, SpaceReclaimed: space };
  }

  private async recordOf(image: DockerImage): Promise<ImageRecord> {
    return this.o.port.getImage(image.names[0] ?? image.resolved.manifestDigest);
  }
}
