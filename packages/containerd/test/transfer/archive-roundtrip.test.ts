// docker save / docker load between two stores: digests kept, names normalised, layers unpacked,
// old-style archives (manifest.json last, uncompressed layer.tar, links between layer files).
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { exportArchive } from '../../src/transfer/archive-export';
import { importArchive } from '../../src/transfer/archive-import';
import type { ArchiveProgress } from '../../src/transfer/archive-content';
import { ArchiveEnv, Fixtures, NS, isRoot, readAll, streamOf, unmountUnder } from '../helpers/archive/env';
import { buildTar, dir, file, listTar, symlink } from '../helpers/images/tars';

jest.setTimeout(180_000);

const fx = new Fixtures();
const roots: string[] = [];
afterEach(async () => {
  for (const r of roots.splice(0)) await unmountUnder(r);
  await fx.cleanup();
});

async function env(): Promise<ArchiveEnv> {
  const e = await ArchiveEnv.create(fx);
  roots.push(e.root);
  return e;
}

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const files = { 'etc/hello': 'hello\n', 'bin/tool': '#!/bin/sh\necho hi\n' };

describe.each(['docker-archive', 'oci'] as const)('save as %s, load', (format) => {
  test('keeps the manifest and config digests and the names', async () => {
    const src = await env();
    const image = await src.addImage('docker.io/library/test:latest', { format: format === 'oci' ? 'oci' : 'docker', files, extraLayerSizes: [300_000] });
    await src.addImage('docker.io/library/test:v2', { format: 'docker', files: { 'etc/v2': 'two\n' } });
    const archive = await readAll(await exportArchive(src.deps, NS, { names: ['test:latest', 'docker.io/library/test:v2'], format }));

    const members = await listTar(archive);
    const names = members.map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['oci-layout', 'index.json', `blobs/sha256/${image.manifest.descriptor.digest.slice(7)}`]));
    expect(names.includes('manifest.json')).toBe(format === 'docker-archive');
    const index = JSON.parse(members.find((m) => m.name === 'index.json')!.content);
    expect(index.manifests[0]).toMatchObject({
      digest: image.manifest.descriptor.digest,
      annotations: { 'io.containerd.image.name': 'docker.io/library/test:latest', 'org.opencontainers.image.ref.name': 'latest' },
    });
    if (format === 'docker-archive') {
      const manifest = JSON.parse(members.find((m) => m.name === 'manifest.json')!.content);
      expect(manifest[0]).toEqual({
        Config: `blobs/sha256/${image.config.descriptor.digest.slice(7)}`,
        RepoTags: ['test:latest'],
        Layers: image.layers.map((l) => `blobs/sha256/${l.descriptor.digest.slice(7)}`),
      });
      expect(JSON.parse(members.find((m) => m.name === 'repositories')!.content)).toEqual({
        test: { latest: image.layers[1]!.descriptor.digest.slice(7), v2: expect.any(String) },
      });
    }

    const dst = await env();
    const progress: ArchiveProgress[] = [];
    const records = await importArchive(dst.deps, NS, streamOf(archive, 7000), {}, (p) => progress.push(p));
    expect(records.map((r) => r.name)).toEqual(['docker.io/library/test:latest', 'docker.io/library/test:v2']);
    expect(records[0]!.target.digest).toBe(image.manifest.descriptor.digest);
    const resolved = await dst.resolve('docker.io/library/test:latest');
    expect(resolved.manifest.config.digest).toBe(image.config.descriptor.digest);
    expect(resolved.manifestDescriptor.mediaType).toBe(image.manifest.descriptor.mediaType);
    expect(progress.filter((p) => p.status === 'Loading layer').map((p) => p.id)).toEqual(
      expect.arrayContaining(image.layers.map((l) => l.descriptor.digest.slice(7, 19))),
    );
    expect(progress.filter((p) => p.image).map((p) => p.status)).toEqual(['Loaded image: test:latest', 'Loaded image: test:v2']);

    // Saved again from the second store: the same bytes.
    const again = await readAll(await exportArchive(dst.deps, NS, { names: ['test:latest', 'test:v2'], format }));
    expect(sha256(again)).toBe(sha256(archive));
  });
});

(isRoot ? test : test.skip)('load with unpack: every layer becomes a snapshot named by its chain id', async () => {
  const src = await env();
  await src.addImage('docker.io/library/test:latest', { format: 'oci', files });
  const archive = await readAll(await exportArchive(src.deps, NS, { names: ['test'], format: 'oci' }));
  const dst = await env();
  const progress: ArchiveProgress[] = [];
  await importArchive(dst.deps, NS, streamOf(archive), { unpack: true }, (p) => progress.push(p));
  const resolved = await dst.resolve('docker.io/library/test:latest');
  const top = resolved.chainIds[resolved.chainIds.length - 1]!;
  expect((await dst.snapshotter.stat(top)).kind).toBe('committed');
  expect(await dst.snapshotTree(top)).toMatchObject({ 'etc/hello': expect.stringMatching(/ hello\n$/), 'bin/tool': expect.stringContaining('echo hi') });
  expect((await dst.content.info(resolved.manifest.config.digest)).labels['containerd.io/gc.ref.snapshot.overlayfs']).toBe(top);
  expect(progress.some((p) => p.status === 'Loading layer' && p.current === p.total)).toBe(true);
  // Loading it again finds the snapshots there.
  await importArchive(dst.deps, NS, streamOf(archive), { unpack: true });
  expect((await dst.snapshotter.list()).filter((s) => s.kind !== 'committed')).toEqual([]);
});

/** A pre-Docker-25 archive: <id>/layer.tar (uncompressed), <config hex>.json, manifest.json last. */
async function oldStyleArchive(opts: { gzipSecond?: boolean } = {}) {
  const layer1 = await buildTar([dir('etc/'), file('etc/one', '1\n')]);
  const layer2 = await buildTar([dir('etc/'), file('etc/two', '2\n'), symlink('etc/alias', 'one')]);
  const config = Buffer.from(
    JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Cmd: ['/bin/sh'] }, rootfs: { type: 'layers', diff_ids: [sha256(layer1), sha256(layer1), sha256(layer2)] } }),
  );
  const configHex = sha256(config).slice(7);
  const archive = await buildTar([
    dir('aaaa/'),
    file('aaaa/VERSION', '1.0'),
    file('aaaa/json', '{}'),
    file('aaaa/layer.tar', layer1),
    dir('bbbb/'),
    // Docker links a layer that appears twice to the first copy.
    symlink('bbbb/layer.tar', '../aaaa/layer.tar'),
    dir('cccc/'),
    file('cccc/layer.tar', opts.gzipSecond ? zlib.gzipSync(layer2) : layer2),
    file(`${configHex}.json`, config),
    file('repositories', JSON.stringify({ old: { one: 'cccc' } })),
    file('manifest.json', JSON.stringify([{ Config: `${configHex}.json`, RepoTags: ['old:one', 'example.com/team/old:two'], Layers: ['aaaa/layer.tar', 'bbbb/layer.tar', 'cccc/layer.tar'] }])),
  ]);
  return { archive, config, layer1, layer2 };
}

test('an old-style docker-archive gets a Docker schema 2 manifest and keeps its config digest', async () => {
  const { archive, config, layer1, layer2 } = await oldStyleArchive();
  const dst = await env();
  const progress: ArchiveProgress[] = [];
  const records = await importArchive(dst.deps, NS, streamOf(archive, 999), {}, (p) => progress.push(p));
  expect(records.map((r) => r.name)).toEqual(['docker.io/library/old:one', 'example.com/team/old:two']);
  expect(records[0]!.target.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
  const resolved = await dst.resolve('docker.io/library/old:one');
  expect(resolved.manifest.config).toEqual({ mediaType: 'application/vnd.docker.container.image.v1+json', digest: sha256(config), size: config.length });
  expect(resolved.manifest.layers).toEqual([
    { mediaType: 'application/vnd.docker.image.rootfs.diff.tar', digest: sha256(layer1), size: layer1.length },
    { mediaType: 'application/vnd.docker.image.rootfs.diff.tar', digest: sha256(layer1), size: layer1.length },
    { mediaType: 'application/vnd.docker.image.rootfs.diff.tar', digest: sha256(layer2), size: layer2.length },
  ]);
  expect(progress.filter((p) => p.image).map((p) => p.status)).toEqual(['Loaded image: old:one', 'Loaded image: example.com/team/old:two']);

  // Saved again and loaded into a third store: same manifest, same config.
  const saved = await readAll(await exportArchive(dst.deps, NS, { names: ['old:one'] }));
  const third = await env();
  const [again] = await importArchive(third.deps, NS, streamOf(saved), {});
  expect(again!.target.digest).toBe(records[0]!.target.digest);
});

(isRoot ? test : test.skip)('an old-style archive with a gzip layer file unpacks to the right tree', async () => {
  const { archive } = await oldStyleArchive({ gzipSecond: true });
  const dst = await env();
  await importArchive(dst.deps, NS, streamOf(archive), { unpack: true });
  const resolved = await dst.resolve('docker.io/library/old:one');
  expect(resolved.manifest.layers[2]!.mediaType).toBe('application/vnd.docker.image.rootfs.diff.tar.gzip');
  const tree = await dst.snapshotTree(resolved.chainIds[2]!);
  expect(tree).toMatchObject({ 'etc/one': expect.stringMatching(/ 1\n$/), 'etc/two': expect.stringMatching(/ 2\n$/), 'etc/alias': 'symlink -> one' });
});

test('images saved by digest load unnamed (under their digest) or under default_name', async () => {
  const src = await env();
  const image = await src.addImage('docker.io/library/test:latest', { format: 'oci', files });
  const archive = await readAll(await exportArchive(src.deps, NS, { names: [image.config.descriptor.digest], format: 'oci' }));
  const index = JSON.parse((await listTar(archive)).find((m) => m.name === 'index.json')!.content);
  expect(index.manifests[0].annotations).toBeUndefined();

  const dst = await env();
  const progress: ArchiveProgress[] = [];
  const [unnamed] = await importArchive(dst.deps, NS, streamOf(archive), {}, (p) => progress.push(p));
  expect(unnamed!.name).toBe(image.manifest.descriptor.digest);
  expect(progress.find((p) => p.image)!.status).toBe(`Loaded image ID: ${image.config.descriptor.digest}`);
  const [named] = await importArchive(dst.deps, NS, streamOf(archive), { defaultName: 'local/thing:1' });
  expect(named!.name).toBe('docker.io/local/thing:1');
});

test('a repository without a tag saves every tag of it', async () => {
  const src = await env();
  await src.addImage('docker.io/library/test:a', { files: { a: 'a' } });
  await src.addImage('docker.io/library/test:b', { files: { b: 'b' } });
  await src.addImage('docker.io/library/other:a', { files: { c: 'c' } });
  const archive = await readAll(await exportArchive(src.deps, NS, { names: ['test'] }));
  const manifest = JSON.parse((await listTar(archive)).find((m) => m.name === 'manifest.json')!.content);
  expect(manifest.flatMap((e: { RepoTags: string[] }) => e.RepoTags).sort()).toEqual(['test:a', 'test:b']);
});

test('save refuses unknown images and formats before writing anything', async () => {
  const src = await env();
  await src.addImage('docker.io/library/test:latest');
  await expect(exportArchive(src.deps, NS, { names: ['nope'] })).rejects.toMatchObject({ kind: 'NotFound' });
  await expect(exportArchive(src.deps, NS, { names: ['test'], format: 'zip' })).rejects.toMatchObject({ kind: 'InvalidArgument' });
  await expect(exportArchive(src.deps, NS, { names: [] })).rejects.toMatchObject({ kind: 'InvalidArgument' });
  const image = await src.addImage('docker.io/library/broken:latest', { files: { x: 'x' } });
  await src.content.delete(image.layers[0]!.descriptor.digest);
  await expect(exportArchive(src.deps, NS, { names: ['broken'] })).rejects.toMatchObject({ kind: 'FailedPrecondition' });
});

test('a reader that stops early stops the export without leaking', async () => {
  const src = await env();
  await src.addImage('docker.io/library/big:latest', { extraLayerSizes: [4 << 20] });
  const stream = await exportArchive(src.deps, NS, { names: ['big'] });
  for await (const _chunk of stream) break;
  expect(stream.destroyed).toBe(true);
});
