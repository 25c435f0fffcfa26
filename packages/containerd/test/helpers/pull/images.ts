// Images with several real tar layers (the registry helpers' extra layers are raw bytes, fine for
// transfer but not for unpacking), optionally with a large incompressible file in a layer.
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { blob, layerTar, ociIndex, sha256, type Blob, type TestImage } from '../registry/image';

export async function layeredImage(layers: Array<Record<string, string | Buffer>>, opts: { architecture?: string; variant?: string; cmd?: string[] } = {}): Promise<TestImage> {
  const tars = await Promise.all(layers.map((files) => layerTar(files)));
  const layerBlobs = tars.map((t) => blob('application/vnd.oci.image.layer.v1.tar+gzip', gzipSync(t, { level: 1 })));
  const config = blob(
    'application/vnd.oci.image.config.v1+json',
    Buffer.from(
      JSON.stringify({
        architecture: opts.architecture ?? 'amd64',
        os: 'linux',
        ...(opts.variant ? { variant: opts.variant } : {}),
        config: { Cmd: opts.cmd ?? ['/bin/sh'] },
        rootfs: { type: 'layers', diff_ids: tars.map(sha256) },
      }),
    ),
  );
  const manifest = blob(
    'application/vnd.oci.image.manifest.v1+json',
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: config.descriptor,
        layers: layerBlobs.map((l) => l.descriptor),
      }),
    ),
  );
  return { layers: layerBlobs, config, manifest, blobs: [config, ...layerBlobs] };
}

/** Incompressible bytes, so a layer's size on the wire is what the test asks for. */
export function noise(size: number): Buffer {
  return randomBytes(size);
}

/**
 * A linux/arm64 + linux/amd64 index whose images each hold one file, /arch, naming their platform:
 * what a container's root is made of tells which manifest it was created from.
 */
export async function twoPlatformIndex(): Promise<{ index: Blob; images: TestImage[] }> {
  const amd = await layeredImage([{ arch: 'amd64\n' }], { architecture: 'amd64' });
  const arm = await layeredImage([{ arch: 'arm64\n' }], { architecture: 'arm64' });
  const index = ociIndex([
    { image: arm, platform: { os: 'linux', architecture: 'arm64' } },
    { image: amd, platform: { os: 'linux', architecture: 'amd64' } },
  ]);
  return { index, images: [amd, arm] };
}
