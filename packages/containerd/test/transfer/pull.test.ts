// Pull against Debian's real registry: by tag and by digest, platform selection in an index,
// unpacking (files read through a mounted view), "Already exists" on a second pull, garbage
// collection racing a pull, and a 404. Needs root (overlayfs, mount).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSkiffError } from '@skiff/errors';
import { GC_REF_CONTENT, GC_REF_SNAPSHOT_OVERLAYFS } from '../../src/content/gc';
import { collectGarbage } from '../../src/images/gc';
import { pull } from '../../src/transfer/pull';
import { unpack } from '../../src/transfer/unpack';
import { Fixtures } from '../helpers/images/fixtures';
import { makeEnv, readFile, recorder, seed, type PullEnv } from '../helpers/pull/env';
import { layeredImage, noise } from '../helpers/pull/images';
import { ociIndex, type TestImage } from '../helpers/registry/image';
import { localTrafficOnly } from '../helpers/registry/local-only';
import { useRegistry } from '../helpers/registry/registry';

jest.setTimeout(120_000);
localTrafficOnly();

const registry = useRegistry();
const fixtures = new Fixtures();
let env: PullEnv;
const ns = 'default';

beforeEach(async () => {
  env = await makeEnv(fixtures);
});
afterEach(async () => {
  env.deps.registry.close();
  await fixtures.cleanup();
});

async function viewFile(chainId: string, file: string): Promise<string> {
  const key = `view-${Math.random().toString(16).slice(2)}`;
  const mounts = await env.deps.snapshotter.view(key, chainId);
  const dir = await fixtures.mount(mounts);
  try {
    return readFile(dir, file);
  } finally {
    await fixtures.unmount(dir);
    await env.deps.snapshotter.remove(key);
  }
}

function expectClean(): Promise<void> {
  return (async () => {
    expect(await env.deps.leases.listLeases()).toEqual([]);
    expect(await env.deps.content.listStatuses()).toEqual([]);
    expect((await env.deps.snapshotter.list()).filter((s) => s.kind !== 'committed')).toEqual([]);
  })();
}

describe('pull', () => {
  let app: TestImage;
  beforeAll(async () => {
    app = await layeredImage([{ 'etc/os-release': 'base\n', 'bin/sh': '#!fake\n' }, { 'etc/app.conf': 'v1\n' }, { 'etc/os-release': 'patched\n' }]);
    await seed(registry().host, 'library/app', 'v1', app);
  });

  it('pulls by tag, unpacks, labels for GC and reports Docker progress', async () => {
    const rec = recorder();
    const result = await pull(env.deps, { namespace: ns, reference: `${registry().host}/library/app:v1`, unpack: true }, rec.sink);

    expect(result.image.name).toBe(`${registry().host}/library/app:v1`);
    expect(result.image.target).toEqual(app.manifest.descriptor);
    expect(env.deps.images.get(ns, result.image.name).target.digest).toBe(app.manifest.descriptor.digest);

    expect(rec.events[0]).toEqual({ id: 'v1', status: 'Pulling from library/app' });
    for (const layer of app.layers) {
      const id = layer.descriptor.digest.slice(7, 19);
      const statuses = rec.statuses(id).filter((s) => s !== 'Waiting');
      expect(statuses).toEqual(['Pulling fs layer', 'Downloading', 'Verifying Checksum', 'Download complete', 'Extracting', 'Pull complete']);
      const downloading = rec.events.filter((e) => e.id === id && e.status === 'Downloading');
      expect(downloading[downloading.length - 1]).toMatchObject({ current: layer.descriptor.size, total: layer.descriptor.size });
    }
    const tail = rec.events.slice(-2);
    expect(tail[0]).toEqual({ id: '', status: `Digest: ${app.manifest.descriptor.digest}` });
    expect(tail[1]).toMatchObject({ id: '', status: `Status: Downloaded newer image for ${registry().host}/library/app:v1` });
    expect(tail[1]!.image?.name).toBe(result.image.name);

    // The stack: the top layer's file wins, the middle one's is there.
    expect(await viewFile(result.chainId!, 'etc/os-release')).toBe('patched\n');
    expect(await viewFile(result.chainId!, 'etc/app.conf')).toBe('v1\n');

    const manifestInfo = await env.deps.content.info(app.manifest.descriptor.digest);
    expect(manifestInfo.labels[`${GC_REF_CONTENT}.config`]).toBe(app.config.descriptor.digest);
    expect(manifestInfo.labels[`${GC_REF_CONTENT}.l.2`]).toBe(app.layers[2]!.descriptor.digest);
    const configInfo = await env.deps.content.info(app.config.descriptor.digest);
    expect(configInfo.labels[GC_REF_SNAPSHOT_OVERLAYFS]).toBe(result.chainId);
    expect(configInfo.labels[`containerd.io/distribution.source.${registry().host}`]).toBe('library/app');
    await expectClean();

    // Everything is reachable from the image: a collection keeps it all.
    const collected = await collectGarbage({ ...env.deps, containerSnapshotKeys: () => [] });
    expect(collected.removedContent).toEqual([]);
    expect(collected.removedSnapshots).toEqual([]);
  });

  it('says "Already exists" and "Image is up to date" the second time', async () => {
    const reference = `${registry().host}/library/app:v1`;
    await pull(env.deps, { namespace: ns, reference, unpack: true });
    const rec = recorder();
    await pull(env.deps, { namespace: ns, reference, unpack: true }, rec.sink);
    for (const layer of app.layers) expect(rec.statuses(layer.descriptor.digest.slice(7, 19))).toEqual(['Already exists']);
    expect(rec.events[rec.events.length - 1]!.status).toBe(`Status: Image is up to date for ${reference}`);
    await expectClean();
  });

  it('unpacks later what a pull without unpack downloaded, idempotently', async () => {
    const reference = `${registry().host}/library/app:v1`;
    const rec = recorder();
    const pulled = await pull(env.deps, { namespace: ns, reference, unpack: false }, rec.sink);
    expect(pulled.chainId).toBeUndefined();
    expect(await env.deps.snapshotter.list()).toEqual([]);
    expect(rec.statuses(app.layers[0]!.descriptor.digest.slice(7, 19)).filter((s) => s !== 'Waiting')).toEqual([
      'Pulling fs layer',
      'Downloading',
      'Verifying Checksum',
      'Download complete',
      'Pull complete',
    ]);
    const chainId = await unpack(env.deps, { namespace: ns, name: pulled.image.name });
    expect(await viewFile(chainId, 'etc/app.conf')).toBe('v1\n');
    expect(await unpack(env.deps, { namespace: ns, name: pulled.image.name })).toBe(chainId);
    expect((await env.deps.snapshotter.list()).map((s) => s.name).sort()).toHaveLength(3);
    await expectClean();
  });

  it('says "Waiting" for the layers beyond the download limit', async () => {
    const rec = recorder();
    await pull({ ...env.deps, concurrency: 1 }, { namespace: ns, reference: `${registry().host}/library/app:v1`, unpack: false }, rec.sink);
    const ids = app.layers.map((l) => l.descriptor.digest.slice(7, 19));
    expect(rec.statuses(ids[0]!)[1]).toBe('Downloading');
    for (const id of ids.slice(1)) expect(rec.statuses(id).slice(0, 3)).toEqual(['Pulling fs layer', 'Waiting', 'Downloading']);
  });

  it('pulls by digest and names the image repo@digest', async () => {
    const digest = app.manifest.descriptor.digest;
    const rec = recorder();
    const result = await pull(env.deps, { namespace: ns, reference: `${registry().host}/library/app@${digest}`, unpack: false }, rec.sink);
    expect(result.image.name).toBe(`${registry().host}/library/app@${digest}`);
    expect(rec.events[0]).toEqual({ id: digest, status: 'Pulling from library/app' });
  });

  it('answers NotFound for an unknown tag and leaves nothing behind', async () => {
    const err = await pull(env.deps, { namespace: ns, reference: `${registry().host}/library/app:nope`, unpack: true }).catch((e: unknown) => e);
    expect(isSkiffError(err, 'NotFound')).toBe(true);
    expect(await env.deps.content.list()).toEqual([]);
    await expectClean();
  });
});

describe('layers unpacked side by side', () => {
  let layered: TestImage;
  beforeAll(async () => {
    layered = await layeredImage([
      { 'etc/os-release': 'base\n', 'etc/gone': 'x\n', 'opt/old': 'o\n' },
      { 'etc/.wh.gone': '', 'usr/big': noise(3 << 20) },
      { 'opt/.wh..wh..opq': '', 'opt/new': 'n\n' },
    ]);
    await seed(registry().host, 'layered', 'v1', layered);
  });

  it('stacks each layer on the one below, its whiteouts and opaque directories included', async () => {
    const result = await pull(env.deps, { namespace: ns, reference: `${registry().host}/layered:v1`, unpack: true });
    const snapshots = await env.deps.snapshotter.list();
    expect(snapshots).toHaveLength(3);
    const top = snapshots.find((s) => s.name === result.chainId)!;
    const middle = snapshots.find((s) => s.name === top.parent)!;
    expect(middle.parent).not.toBe('');
    expect(snapshots.find((s) => s.name === middle.parent)!.parent).toBe('');

    const key = 'view-layered';
    const dir = await fixtures.mount(await env.deps.snapshotter.view(key, result.chainId!));
    try {
      expect(fs.readdirSync(path.join(dir, 'etc')).sort()).toEqual(['os-release']);
      expect(fs.readdirSync(path.join(dir, 'opt'))).toEqual(['new']);
      expect(fs.statSync(path.join(dir, 'usr/big')).size).toBe(3 << 20);
    } finally {
      await fixtures.unmount(dir);
      await env.deps.snapshotter.remove(key);
    }
    await expectClean();
  });
});

describe('multi-platform', () => {
  let amd: TestImage;
  let arm: TestImage;
  beforeAll(async () => {
    amd = await layeredImage([{ 'arch': 'amd64\n' }], { architecture: 'amd64' });
    arm = await layeredImage([{ 'arch': 'arm64\n' }], { architecture: 'arm64' });
    const index = ociIndex([
      { image: arm, platform: { os: 'linux', architecture: 'arm64' } },
      { image: amd, platform: { os: 'linux', architecture: 'amd64' } },
    ]);
    await seed(registry().host, 'multi', 'latest', { index, images: [amd, arm] });
  });

  it('picks linux/amd64 by default and linux/arm64 when asked', async () => {
    const reference = `${registry().host}/multi`;
    const first = await pull(env.deps, { namespace: ns, reference, unpack: true });
    expect(first.image.target.mediaType).toBe('application/vnd.oci.image.index.v1+json');
    expect(await viewFile(first.chainId!, 'arch')).toBe('amd64\n');
    await expect(env.deps.content.info(arm.manifest.descriptor.digest)).rejects.toMatchObject({ kind: 'NotFound' });
    const index = await env.deps.content.info(first.image.target.digest);
    expect(Object.values(index.labels)).toEqual(expect.arrayContaining([amd.manifest.descriptor.digest, arm.manifest.descriptor.digest]));

    const second = await pull(env.deps, { namespace: ns, reference, unpack: true, platform: { os: 'linux', architecture: 'arm64' } });
    expect(await viewFile(second.chainId!, 'arch')).toBe('arm64\n');
    expect(await unpack(env.deps, { namespace: ns, name: second.image.name, platform: { os: 'linux', architecture: 'arm64' } })).toBe(second.chainId);
  });
});

describe('garbage collection racing a pull', () => {
  let big: TestImage;
  beforeAll(async () => {
    big = await layeredImage([{ 'a': noise(3 << 20) }, { 'b': noise(3 << 20) }, { 'c': noise(3 << 20) }, { 'd': 'small\n' }]);
    await seed(registry().host, 'big', 'latest', big);
  });

  it('removes nothing a pull is working with', async () => {
    const gcDeps = { ...env.deps, containerSnapshotKeys: () => [] };
    let pulling = true;
    const removed: string[] = [];
    const collector = (async () => {
      while (pulling) {
        const result = await collectGarbage(gcDeps);
        removed.push(...result.removedContent, ...result.removedSnapshots, ...result.removedIngests);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    let result;
    try {
      result = await pull(env.deps, { namespace: ns, reference: `${registry().host}/big`, unpack: true });
    } finally {
      pulling = false;
      await collector;
    }
    expect(removed).toEqual([]);
    for (const b of [big.manifest, ...big.blobs]) expect((await env.deps.content.info(b.descriptor.digest)).size).toBe(b.descriptor.size);
    expect(await viewFile(result.chainId, 'd')).toBe('small\n');

    // Once the image is gone, its content and snapshots go with the next collection.
    env.deps.images.delete(ns, result.image.name);
    const after = await collectGarbage(gcDeps);
    expect(after.removedContent).toHaveLength(big.blobs.length + 1);
    expect(after.removedSnapshots).toHaveLength(4);
    expect(fs.readdirSync(path.join(env.root, 'content', 'blobs', 'sha256'))).toEqual([]);
  });
});
