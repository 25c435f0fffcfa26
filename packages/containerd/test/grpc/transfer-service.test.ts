// Transfer Pull, Push and Unpack over a real skiff-containerd and Debian's real registry: progress
// streamed in Docker's words with the image on the last message, the unpacked stack mounted
// through the Snapshots service, Images.Delete with sync collecting what the image alone held,
// and the statuses of failures.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { mountAll, unmount } from '../../src/snapshots/mount';
import { collect, metadata, startTestContainerd, type TestContainerd } from '../helpers/pull/grpc';
import { seed } from '../helpers/pull/env';
import { layeredImage } from '../helpers/pull/images';
import type { TestImage } from '../helpers/registry/image';
import { localTrafficOnly } from '../helpers/registry/local-only';
import { useRegistry } from '../helpers/registry/registry';

jest.setTimeout(120_000);
localTrafficOnly();

const registry = useRegistry();
let ctrd: TestContainerd;
let image: TestImage;

beforeAll(async () => {
  ctrd = await startTestContainerd();
  image = await layeredImage([{ 'etc/base': 'base\n' }, { 'etc/greeting': 'hello over grpc\n' }]);
  await seed(registry().host, 'grpc/app', 'v1', image);
}, 90_000);
afterAll(async () => {
  await ctrd?.stop();
}, 30_000);

function caller(client: grpc.Client) {
  return <T = any>(method: string, request: object): Promise<T> =>
    new Promise((resolve, reject) => {
      (client as any)[method](request, metadata(), (err: grpc.ServiceError | null, res: T) => (err ? reject(err) : resolve(res)));
    });
}

const pullStream = (request: object) => collect((ctrd.transfer as any).Pull(request, metadata()));

it('pulls with unpack, streaming progress and the image last; a view of the chain holds the files', async () => {
  const reference = `${registry().host}/grpc/app:v1`;
  const messages = await pullStream({ reference, unpack: true });
  expect(messages[0]).toMatchObject({ id: 'v1', status: 'Pulling from grpc/app', image: null });
  const layerId = image.layers[1]!.descriptor.digest.slice(7, 19);
  const statuses = messages.filter((m: any) => m.id === layerId).map((m: any) => m.status);
  expect(statuses[0]).toBe('Pulling fs layer');
  expect(statuses[statuses.length - 1]).toBe('Pull complete');
  const downloading = messages.filter((m: any) => m.id === layerId && m.status === 'Downloading');
  expect(downloading[downloading.length - 1]).toMatchObject({ current: String(image.layers[1]!.descriptor.size), total: String(image.layers[1]!.descriptor.size) });
  const last = messages[messages.length - 1];
  expect(last.status).toBe(`Status: Downloaded newer image for ${reference}`);
  expect(last.image).toMatchObject({ name: reference, target: { digest: image.manifest.descriptor.digest, size: String(image.manifest.descriptor.size) } });

  const { chainId } = await caller(ctrd.transfer)('Unpack', { name: reference });
  expect(chainId).toMatch(/^sha256:/);
  const view = await caller(ctrd.snapshots)('View', { key: 'grpc-view', parent: chainId });
  const dir = fs.mkdtempSync(path.join(ctrd.dir, 'view-'));
  await mountAll(view.mounts, dir);
  try {
    expect(fs.readFileSync(path.join(dir, 'etc/greeting'), 'utf8')).toBe('hello over grpc\n');
  } finally {
    await unmount(dir);
    await caller(ctrd.snapshots)('Remove', { key: 'grpc-view' });
  }

  const again = await pullStream({ reference, unpack: true });
  expect(again.filter((m: any) => m.id === layerId).map((m: any) => m.status)).toEqual(['Already exists']);
  expect(again[again.length - 1].status).toBe(`Status: Image is up to date for ${reference}`);
});

it('pushes to another repository with Docker progress', async () => {
  const reference = `${registry().host}/grpc/app:v1`;
  await pullStream({ reference, unpack: false });
  const messages = await collect((ctrd.transfer as any).Push({ name: reference, targetReference: `${registry().host}/grpc/copy:v9` }, metadata()));
  expect(messages[0].status).toBe(`The push refers to repository [${registry().host}/grpc/copy]`);
  expect(messages.some((m: any) => m.status === 'Mounted from grpc/app')).toBe(true);
  expect(messages[messages.length - 1].status).toBe(`v9: digest: ${image.manifest.descriptor.digest} size: ${image.manifest.descriptor.size}`);
});

it('Images.Delete with sync collects the content and snapshots only that image held', async () => {
  const reference = `${registry().host}/grpc/app:v1`;
  await pullStream({ reference, unpack: true });
  const content = caller(ctrd.content);
  await expect(content('Info', { digest: image.layers[1]!.descriptor.digest })).resolves.toBeDefined();
  await caller(ctrd.images)('Delete', { name: reference, sync: true });
  await expect(content('Info', { digest: image.layers[1]!.descriptor.digest })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  await expect(content('Info', { digest: image.manifest.descriptor.digest })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  const snapshots = (await collect((ctrd.snapshots as any).List({}, metadata()))).flatMap((m: any) => m.info);
  expect(snapshots).toEqual([]);
});

it('ends the stream with NOT_FOUND or INVALID_ARGUMENT as the case is', async () => {
  await expect(pullStream({ reference: `${registry().host}/grpc/app:missing`, unpack: true })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  await expect(pullStream({ reference: 'Not A Reference', unpack: true })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  await expect(pullStream({ reference: `${registry().host}/grpc/app:v1`, snapshotter: 'zfs' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  await expect(collect((ctrd.transfer as any).Push({ name: 'nothing-here' }, metadata()))).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  await expect(caller(ctrd.transfer)('Unpack', { name: 'nothing-here' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
});
