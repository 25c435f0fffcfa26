// docker commit: exactly one new layer holding the container's changes (a deletion as a whiteout),
// a config extended from the image's, and an image that unpacks to the container's tree.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { notFound } from '@skiff/errors';
import { commitContainer } from '../../src/transfer/commit';
import { ArchiveEnv, Fixtures, NS, isRoot, readAll, unmountUnder } from '../helpers/archive/env';
import { readTree } from '../helpers/images/fixtures';
import { listTar } from '../helpers/images/tars';

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

const rootOnly = isRoot ? test : test.skip;
const BASE = 'docker.io/library/base:latest';

rootOnly('one layer with the changes; the new image unpacks to the container tree', async () => {
  const e = await env();
  const base = await e.addImage(BASE, { format: 'docker', files: { 'etc/hello': 'hello\n', 'etc/doomed': 'bye\n', 'etc/changed': 'old\n' } });
  const { mounts } = await e.container('c1', BASE);
  const rootfs = await fx.mount(mounts);
  fs.writeFileSync(path.join(rootfs, 'etc/new'), 'new\n');
  fs.writeFileSync(path.join(rootfs, 'etc/changed'), 'changed\n');
  fs.rmSync(path.join(rootfs, 'etc/doomed'));
  const expected = readTree(rootfs);

  const calls: string[] = [];
  const pause = async (ns: string, id: string) => {
    calls.push(`pause ${ns}/${id}`);
    return async () => void calls.push('resume');
  };
  const record = await commitContainer({ ...e.deps, pause }, NS, {
    containerId: 'c1',
    reference: 'committed:1',
    config: Buffer.from(JSON.stringify({ Cmd: ['/bin/true'], Env: ['X=1'] })),
    author: 'tester',
    comment: 'a change',
    pause: true,
  });
  expect(calls).toEqual(['pause default/c1', 'resume']);
  expect(record.name).toBe('docker.io/library/committed:1');
  expect(record.target.mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');

  const parent = await e.resolve(BASE);
  const image = await e.resolve(record.name);
  expect(image.manifest.layers.slice(0, -1)).toEqual(parent.manifest.layers);
  expect(image.manifest.layers).toHaveLength(parent.manifest.layers.length + 1);
  expect(image.diffIds.slice(0, -1)).toEqual(parent.diffIds);
  expect(image.config).toMatchObject({ author: 'tester', config: { Cmd: ['/bin/true'], Env: ['X=1'] }, architecture: 'amd64' });
  expect(image.config.history!.at(-1)).toMatchObject({ author: 'tester', comment: 'a change' });
  expect(JSON.parse(base.config.bytes.toString()).config.Cmd).toEqual(['/bin/sh']);

  const layer = image.manifest.layers.at(-1)!;
  expect(layer.mediaType).toBe('application/vnd.docker.image.rootfs.diff.tar.gzip');
  const entries = await listTar(zlib.gunzipSync(await readAll(await e.content.reader(layer.digest))));
  expect(entries.map((m) => m.name).sort()).toEqual(['etc/', 'etc/.wh.doomed', 'etc/changed', 'etc/new']);

  await fx.unmount(rootfs);
  const tree = await e.snapshotTree(await e.unpack(record.name));
  expect(tree).toEqual(expected);
  expect(tree['etc/doomed']).toBeUndefined();
});

rootOnly('unnamed commits, OCI parents, and a task that cannot be paused', async () => {
  const e = await env();
  await e.addImage(BASE, { format: 'oci', files: { 'a': 'a' } });
  const { upper } = await e.container('c1', BASE);
  fs.writeFileSync(path.join(upper, 'b'), 'b');
  const pause = async () => {
    throw notFound('no task');
  };
  const record = await commitContainer({ ...e.deps, pause }, NS, { containerId: 'c1', pause: true });
  expect(record.name).toBe(record.target.digest);
  expect(record.target.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
  const image = await e.resolve(record.name);
  expect(image.manifest.layers.at(-1)!.mediaType).toBe('application/vnd.oci.image.layer.v1.tar+gzip');
  expect(await e.leases.listLeases()).toEqual([]);
});

test('a container whose image is gone cannot be committed', async () => {
  const e = await env();
  e.containers.create(NS, { id: 'c', labels: {}, image: 'gone:latest', runtime: { name: '', options: null, shimGroup: '' }, spec: '', snapshotter: 'overlayfs', snapshotKey: 'k', extensions: {} });
  await expect(commitContainer(e.deps, NS, { containerId: 'c' })).rejects.toMatchObject({ kind: 'FailedPrecondition' });
  await expect(commitContainer(e.deps, NS, { containerId: 'nope' })).rejects.toMatchObject({ kind: 'NotFound' });
});
