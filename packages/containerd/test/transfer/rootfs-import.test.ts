// docker import: a busybox rootfs tarball (plain, gzip, zstd) becomes a one-layer image with the
// given config; what is not a tar, or names paths out of its root, is refused.
import { createHash } from 'node:crypto';
import * as zlib from 'node:zlib';
import { importRootfs } from '../../src/transfer/rootfs-import';
import { ArchiveEnv, Fixtures, NS, busyboxRootfsTar, isRoot, readAll, streamOf, unmountUnder } from '../helpers/archive/env';
import { buildTar, file, zstd } from '../helpers/images/tars';

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

test('a gzip busybox rootfs with config changes becomes a one-layer Docker image', async () => {
  const e = await env();
  const rootfs = busyboxRootfsTar(fx);
  const changes = { Cmd: ['/bin/sh', '-c', 'echo hi'], Env: ['A=1'], WorkingDir: '/root', ExposedPorts: { '80/tcp': {} }, Labels: { team: 'skiff' } };
  const record = await importRootfs(e.deps, NS, streamOf(zlib.gzipSync(rootfs)), {
    reference: 'imported:1',
    config: Buffer.from(JSON.stringify(changes)),
    message: 'from a test',
    platform: { os: 'linux', architecture: 'aarch64' },
  });
  expect(record.name).toBe('docker.io/library/imported:1');
  expect(record.target.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
  const resolved = await e.resolve(record.name);
  expect(resolved.diffIds).toEqual([sha256(rootfs)]);
  expect(resolved.manifest.layers).toEqual([{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: expect.any(String), size: expect.any(Number) }]);
  expect(resolved.config).toMatchObject({ architecture: 'arm64', os: 'linux', comment: 'from a test', config: changes, history: [{ comment: 'from a test' }] });
  const layer = await readAll(await e.content.reader(resolved.manifest.layers[0]!.digest));
  expect(zlib.gunzipSync(layer).equals(rootfs)).toBe(true);
  expect((await e.content.info(resolved.manifest.layers[0]!.digest)).labels['containerd.io/uncompressed']).toBe(sha256(rootfs));
  if (isRoot) {
    const tree = await e.snapshotTree(await e.unpack(record.name));
    expect(tree['bin/busybox']).toMatch(/^file 755 0:0 /);
    expect(tree['bin/sh']).toBe('symlink -> busybox');
  }
});

test('plain, gzip and zstd tarballs give the same diff id; unnamed images are stored under their digest', async () => {
  const e = await env();
  const rootfs = await buildTar([file('hello', 'world\n')]);
  const diffIds = new Set<string>();
  for (const bytes of [rootfs, zlib.gzipSync(rootfs), zstd(rootfs)]) {
    const record = await importRootfs(e.deps, NS, streamOf(bytes, 100), {});
    expect(record.name).toBe(record.target.digest);
    const resolved = await e.resolve(record.name);
    expect(resolved.config).toMatchObject({ architecture: 'amd64', os: 'linux', history: [{ comment: 'Imported from -' }] });
    diffIds.add(resolved.diffIds[0]!);
  }
  expect([...diffIds]).toEqual([sha256(rootfs)]);
});

test('refused: not a tar, empty, a path out of the root, invalid config changes', async () => {
  const e = await env();
  await expect(importRootfs(e.deps, NS, streamOf(Buffer.from('this is not a tar archive at all'.repeat(40))))).rejects.toMatchObject({ kind: 'InvalidArgument' });
  await expect(importRootfs(e.deps, NS, streamOf(Buffer.alloc(0)))).rejects.toMatchObject({ kind: 'InvalidArgument' });
  await expect(importRootfs(e.deps, NS, streamOf(await buildTar([file('../escape', 'x')])))).rejects.toMatchObject({ kind: 'InvalidArgument' });
  const ok = await buildTar([file('a', 'a')]);
  await expect(importRootfs(e.deps, NS, streamOf(ok), { config: Buffer.from('{nope') })).rejects.toMatchObject({ kind: 'InvalidArgument' });
  await expect(importRootfs(e.deps, NS, streamOf(ok), { config: Buffer.from('{"Cmd":"not a list"}') })).rejects.toMatchObject({ kind: 'InvalidArgument' });
  await expect(importRootfs(e.deps, NS, streamOf(ok), { reference: 'Bad Name' })).rejects.toMatchObject({ kind: 'InvalidArgument' });
  expect(e.images.list(NS)).toEqual([]);
  expect(await e.leases.listLeases()).toEqual([]);
  expect(await e.content.listStatuses()).toEqual([]);
});
