// One test's stores (content, leases, overlayfs snapshots, images) under a temporary root, a
// registry client, helpers to seed the real registry with built images, and a cleanup that
// unmounts and removes everything whatever the test left.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LeaseManager } from '../../../src/content/leases';
import { ContentStore } from '../../../src/content/store';
import { ImageStore } from '../../../src/images/store';
import { RegistryClient, normalizeReference, type Descriptor } from '../../../src/registry';
import { OverlaySnapshotter } from '../../../src/snapshots/overlay';
import type { PullDeps } from '../../../src/transfer/pull';
import type { ProgressEvent } from '../../../src/transfer/progress';
import { Fixtures } from '../images/fixtures';
import { streamOf, type Blob, type TestImage } from '../registry/image';

export interface PullEnv {
  deps: PullDeps;
  root: string;
  fixtures: Fixtures;
}

export async function makeEnv(fixtures: Fixtures, registryOptions: ConstructorParameters<typeof RegistryClient>[0] = {}): Promise<PullEnv> {
  const root = fixtures.tempDir('skiff-pull-');
  const content = new ContentStore(path.join(root, 'content'));
  const leases = new LeaseManager(path.join(root, 'leases'));
  const snapshotter = new OverlaySnapshotter(path.join(root, 'snapshots'));
  await content.open();
  await leases.open();
  await snapshotter.open();
  const images = new ImageStore(path.join(root, 'images'));
  const registry = new RegistryClient(registryOptions);
  return { deps: { content, leases, snapshotter, images, registry }, root, fixtures };
}

/** Pushes an image's blobs and manifest (and an index over several, when given) under repo:tag. */
export async function seed(host: string, repo: string, tag: string, image: TestImage | { index: Blob; images: TestImage[] }, credentials?: { username: string; password: string }): Promise<Descriptor> {
  const client = new RegistryClient();
  try {
    const ref = normalizeReference(`${host}/${repo}:${tag}`);
    const opts = credentials ? { credentials } : {};
    const images = 'index' in image ? image.images : [image];
    for (const img of images) {
      for (const b of img.blobs) await client.pushBlob(ref, b.descriptor, streamOf(b.bytes), opts);
      await client.pushManifest({ domain: ref.domain, path: ref.path }, img.manifest.descriptor.mediaType, img.manifest.bytes, opts);
    }
    const top = 'index' in image ? image.index : image.manifest;
    return client.pushManifest(ref, top.descriptor.mediaType, top.bytes, opts);
  } finally {
    client.close();
  }
}

/** Collects progress events; `statuses(id)` lists one id's statuses without repeats in a row. */
export function recorder() {
  const events: ProgressEvent[] = [];
  return {
    events,
    sink: (e: ProgressEvent) => events.push(e),
    statuses: (id: string) => events.filter((e) => e.id === id).map((e) => e.status).filter((s, i, all) => i === 0 || all[i - 1] !== s),
  };
}

/** Files of a directory tree that a test wants to see, read through a mount. */
export function readFile(dir: string, file: string): string {
  return fs.readFileSync(path.join(dir, file), 'utf8');
}
