// `docker import`: a root filesystem tarball (plain, gzip or zstd: recognised by its bytes) becomes
// a one-layer image. The tarball is read once, as it arrives: decompressed, hashed for the diff id,
// checked to be a tar whose names stay inside the layer, recompressed with gzip, hashed again for
// the blob digest, and written to the content store. The image is described as Docker describes an
// imported one: Docker schema 2 manifest, a config with the given "config" fields and a history
// entry with the message.
import { createHash } from 'node:crypto';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';
import * as tar from 'tar-stream';
import { invalidArgument, isSkiffError } from '@skiff/errors';
import type { LeaseManager } from '../content/leases';
import type { ContentStore } from '../content/store';
import { decompressStream } from '../diff/compression';
import { entryComponents } from '../diff/rootpath';
import type { ImageRecord, ImageStore } from '../images/store';
import { type ImageManifest, MediaType, type Platform } from '../registry/manifest';
import { DEFAULT_PLATFORM, normalizePlatform } from '../registry/platform';
import {
  type BlobInfo,
  type TransferLease,
  UNCOMPRESSED_LABEL,
  ingestStream,
  jsonBytes,
  manifestLabels,
  normalizedImageName,
  storeImage,
  unnamedImageName,
  withLease,
  writeBlob,
} from './archive-content';
import { applyConfigChanges, parseConfigChanges } from './rootfs-config';

export interface ImportRootfsDeps {
  content: ContentStore;
  leases: LeaseManager;
  images: ImageStore;
}

export interface ImportRootfsOptions {
  /** The image's name; "" or undefined for an unnamed image (stored under its digest). */
  reference?: string;
  /** JSON of the config's "config" object (Cmd, Env, Entrypoint, WorkingDir...). */
  config?: Buffer | string;
  /** Recorded in the history (default "Imported from -", as Docker writes for stdin). */
  message?: string;
  /** Default linux/amd64. */
  platform?: Platform;
}

export interface LayerBlob extends BlobInfo {
  diffId: string;
}

/**
 * Passes the uncompressed bytes through while hashing them and parsing them as a tar, so a
 * tarball that is not one (or names paths outside its root) fails before it becomes an image.
 */
function tarChecker(): { tap: Transform; diffId: () => string; size: () => number } {
  const hash = createHash('sha256');
  let size = 0;
  const extract = tar.extract();
  const parsing = (async () => {
    for await (const entry of extract) {
      entryComponents(entry.header.name);
      entry.resume();
    }
  })();
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      if ((extract as unknown as NodeJS.WritableStream).write(chunk)) callback(null, chunk);
      else extract.once('drain', () => callback(null, chunk));
    },
    flush(callback) {
      if (size === 0) return callback(invalidArgument('the rootfs tarball is empty'));
      (extract as unknown as NodeJS.WritableStream).end();
      parsing.then(() => callback(), callback);
    },
  });
  // Anything tar-stream itself throws means the bytes are not a tar.
  parsing.catch((err: Error) => tap.destroy(isSkiffError(err) ? err : invalidArgument(`the rootfs tarball is not a tar archive: ${err.message}`, { cause: err })));
  return { tap, diffId: () => `sha256:${hash.digest('hex')}`, size: () => size };
}

/** Stores a tarball (any compression) as a gzip layer; the blob is labelled with its diff id. */
export async function storeGzipLayer(content: ContentStore, lease: TransferLease, input: Readable): Promise<LayerBlob> {
  const tarStream = await decompressStream(input);
  const checker = tarChecker();
  const gzip = zlib.createGzip();
  // The gzip output is handed to the ingest through an async iterator, which applies backpressure.
  const feeding = pipeline(tarStream, checker.tap, gzip);
  feeding.catch(() => undefined);
  let blob: BlobInfo;
  try {
    blob = await ingestStream(content, lease, gzip);
    await feeding;
  } catch (err) {
    input.destroy();
    tarStream.destroy();
    throw err;
  }
  const diffId = checker.diffId();
  await content.update(blob.digest, { [UNCOMPRESSED_LABEL]: diffId }, [`labels.${UNCOMPRESSED_LABEL}`]);
  return { ...blob, diffId };
}

/** Imports a rootfs tarball read from input as a one-layer image and stores its record. */
export async function importRootfs(deps: ImportRootfsDeps, namespace: string, input: Readable, options: ImportRootfsOptions = {}): Promise<ImageRecord> {
  const changes = parseConfigChanges(options.config);
  const name = options.reference ? normalizedImageName(options.reference) : undefined;
  const platform = normalizePlatform(options.platform ?? DEFAULT_PLATFORM);
  return withLease(deps.leases, 'import-rootfs', async (lease) => {
    const layer = await storeGzipLayer(deps.content, lease, input);
    const created = new Date().toISOString();
    const message = options.message ?? '';
    const config = {
      architecture: platform.architecture,
      os: platform.os,
      ...(platform.variant ? { variant: platform.variant } : {}),
      created,
      ...(message ? { comment: message } : {}),
      config: applyConfigChanges(undefined, changes),
      rootfs: { type: 'layers', diff_ids: [layer.diffId] },
      history: [{ created, comment: message || 'Imported from -' }],
    };
    const configBlob = await writeBlob(deps.content, lease, jsonBytes(config));
    const manifest: ImageManifest = {
      schemaVersion: 2,
      mediaType: MediaType.DockerManifest,
      config: { mediaType: MediaType.DockerConfig, digest: configBlob.digest, size: configBlob.size },
      layers: [{ mediaType: MediaType.DockerLayerGzip, digest: layer.digest, size: layer.size }],
    };
    const manifestBlob = await writeBlob(deps.content, lease, jsonBytes(manifest), manifestLabels(manifest));
    const target = { mediaType: MediaType.DockerManifest, digest: manifestBlob.digest, size: manifestBlob.size };
    return storeImage(deps.images, namespace, name ?? unnamedImageName(target), target);
  });
}
