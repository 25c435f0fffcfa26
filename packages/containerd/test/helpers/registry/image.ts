// Small images built in the test: a gzipped layer tar of a few files, a config, a manifest, and
// for multi-platform tests an OCI index over several of them.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import type { Descriptor } from '../../../src/registry';

export interface Blob {
  descriptor: Descriptor;
  bytes: Buffer;
}

export interface TestImage {
  layers: Blob[];
  config: Blob;
  manifest: Blob;
  /** Every blob the manifest references (config first). */
  blobs: Blob[];
}

export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

export function blob(mediaType: string, bytes: Buffer): Blob {
  return { descriptor: { mediaType, digest: sha256(bytes), size: bytes.length }, bytes };
}

/** A layer of regular files; those under bin/ are executable, so an image can run them. */
export async function layerTar(files: Record<string, string | Buffer>): Promise<Buffer> {
  const pack = tar.pack();
  const done = (async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of pack as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
    return Buffer.concat(chunks);
  })();
  for (const [name, content] of Object.entries(files)) {
    await new Promise<void>((resolve, reject) =>
      pack.entry({ name, mode: name.startsWith('bin/') ? 0o755 : 0o644, mtime: new Date(0) }, content, (err) => (err ? reject(err) : resolve())),
    );
  }
  pack.finalize();
  return done;
}

export type ManifestFormat = 'docker' | 'oci';

const TYPES = {
  docker: {
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  },
  oci: {
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  },
} as const;

export async function buildImage(opts: {
  format?: ManifestFormat;
  architecture?: string;
  variant?: string;
  files?: Record<string, string | Buffer>;
  /** Extra layers of the given sizes, filled with pseudo-random (incompressible) bytes. */
  extraLayerSizes?: number[];
}): Promise<TestImage> {
  const format = opts.format ?? 'docker';
  const types = TYPES[format];
  const files = opts.files ?? { 'etc/hello': `hello from ${opts.architecture ?? 'amd64'}\n`, 'bin/tool': '#!/bin/sh\necho hi\n' };
  const tarBytes = await layerTar(files);
  const layers = [blob(types.layer, gzipSync(tarBytes))];
  const diffIds = [sha256(tarBytes)];
  for (const size of opts.extraLayerSizes ?? []) {
    const data = Buffer.alloc(size);
    let x = size ^ 0x9e3779b9;
    for (let i = 0; i < size; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      data[i] = x >>> 24;
    }
    layers.push(blob(types.layer, data));
    diffIds.push(sha256(data));
  }
  const config = blob(
    types.config,
    Buffer.from(
      JSON.stringify({
        architecture: opts.architecture ?? 'amd64',
        os: 'linux',
        ...(opts.variant ? { variant: opts.variant } : {}),
        config: { Cmd: ['/bin/sh'] },
        rootfs: { type: 'layers', diff_ids: diffIds },
      }),
    ),
  );
  const manifest = blob(
    types.manifest,
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: types.manifest,
        config: config.descriptor,
        layers: layers.map((l) => l.descriptor),
      }),
    ),
  );
  return { layers, config, manifest, blobs: [config, ...layers] };
}

export function ociIndex(entries: Array<{ image: TestImage; platform: { os: string; architecture: string; variant?: string } }>): Blob {
  return blob(
    'application/vnd.oci.image.index.v1+json',
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: entries.map((e) => ({ ...e.image.manifest.descriptor, platform: e.platform })),
      }),
    ),
  );
}

export function streamOf(bytes: Buffer): () => Readable {
  return () => Readable.from([bytes]);
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
