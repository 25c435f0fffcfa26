// docker export: a container's filesystem (its image's layers plus what it changed) as a tar, from
// a read-only mount that is gone once the stream is over, read to the end or abandoned.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportContainerRootfs } from '../../src/transfer/rootfs-export';
import { ArchiveEnv, Fixtures, NS, isRoot, mountedUnder, readAll, unmountUnder } from '../helpers/archive/env';
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

rootOnly('the tar holds the image files and the container changes, deletions applied', async () => {
  const e = await env();
  await e.addImage('docker.io/library/base:latest', { format: 'oci', files: { 'etc/hello': 'hello\n', 'etc/doomed': 'bye\n' } });
  const { mounts } = await e.container('c1', 'docker.io/library/base:latest');
  // As if the container were running: its rootfs mounted writable, changed through the mount.
  const rootfs = await fx.mount(mounts);
  fs.writeFileSync(path.join(rootfs, 'etc/new'), 'new\n');
  fs.rmSync(path.join(rootfs, 'etc/doomed'));

  const exported = await exportContainerRootfs(e.deps, NS, 'c1');
  const tar = await listTar(await readAll(exported.stream));
  await exported.closed;
  const byName = new Map(tar.map((m) => [m.name, m]));
  expect(byName.get('etc/hello')?.content).toBe('hello\n');
  expect(byName.get('etc/new')?.content).toBe('new\n');
  expect(byName.has('etc/doomed')).toBe(false);
  expect(tar.some((m) => m.name.includes('.wh.'))).toBe(false);
  expect(mountedUnder(e.root)).toEqual([]);
  expect(fs.readdirSync(e.root).filter((n) => n.startsWith('skiff-export-'))).toEqual([]);
  // The running container's files are untouched.
  expect(fs.readFileSync(path.join(rootfs, 'etc/new'), 'utf8')).toBe('new\n');
  await fx.unmount(rootfs);
});

rootOnly('a reader that goes away still gets the mount removed', async () => {
  const e = await env();
  await e.addImage('docker.io/library/base:latest', { format: 'oci', extraLayerSizes: [] });
  const { upper } = await e.container('c1', 'docker.io/library/base:latest');
  fs.writeFileSync(path.join(upper, 'big'), Buffer.alloc(8 << 20, 1));
  const exported = await exportContainerRootfs(e.deps, NS, 'c1');
  expect(mountedUnder(e.root)).toHaveLength(1);
  for await (const _chunk of exported.stream) break;
  await exported.closed;
  expect(mountedUnder(e.root)).toEqual([]);
  expect(fs.readdirSync(e.root).filter((n) => n.startsWith('skiff-export-'))).toEqual([]);
});

test('unknown containers and containers without a snapshot are refused', async () => {
  const e = await env();
  await expect(exportContainerRootfs(e.deps, NS, 'nope')).rejects.toMatchObject({ kind: 'NotFound' });
  e.containers.create(NS, { id: 'bare', labels: {}, image: '', runtime: { name: '', options: null, shimGroup: '' }, spec: '', snapshotter: '', snapshotKey: '', extensions: {} });
  await expect(exportContainerRootfs(e.deps, NS, 'bare')).rejects.toMatchObject({ kind: 'FailedPrecondition' });
});
