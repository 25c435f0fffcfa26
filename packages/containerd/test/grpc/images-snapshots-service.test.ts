// The Images and Snapshots services over a real skiff-containerd on a unix socket: records and
// their descriptors in proto shape, update masks, namespaces; snapshots prepared, committed,
// viewed, listed as a stream, measured and removed; the errors each one answers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { mountAll, unmount } from '../../src/snapshots/mount';
import { collect, metadata, startTestContainerd, type TestContainerd } from '../helpers/pull/grpc';

jest.setTimeout(60_000);

let ctrd: TestContainerd;
beforeAll(async () => {
  ctrd = await startTestContainerd();
}, 60_000);
afterAll(async () => {
  await ctrd?.stop();
}, 30_000);

function caller(client: grpc.Client) {
  return <T = any>(method: string, request: object, namespace = 'default'): Promise<T> =>
    new Promise((resolve, reject) => {
      (client as any)[method](request, metadata(namespace), (err: grpc.ServiceError | null, res: T) => (err ? reject(err) : resolve(res)));
    });
}

const digest = (c: string) => `sha256:${c.repeat(64)}`;

describe('Images', () => {
  const images = () => caller(ctrd.images);
  const target = {
    mediaType: 'application/vnd.oci.image.index.v1+json',
    digest: digest('a'),
    size: 321,
    annotations: { 'org.opencontainers.image.ref.name': 'v1' },
    platform: { os: 'linux', architecture: 'arm64', variant: 'v8', osVersion: '', osFeatures: [] },
  };

  it('creates, gets, lists, updates and deletes image records', async () => {
    const created = await images()('Create', { image: { name: 'docker.io/library/one:v1', labels: { a: '1' }, target } });
    expect(created.image).toMatchObject({
      name: 'docker.io/library/one:v1',
      labels: { a: '1' },
      target: { mediaType: target.mediaType, digest: target.digest, size: '321', annotations: target.annotations, platform: target.platform, urls: [], artifactType: '' },
    });
    expect(created.image.createdAt.seconds).not.toBe('0');
    await expect(images()('Create', { image: { name: 'docker.io/library/one:v1', target } })).rejects.toMatchObject({ code: grpc.status.ALREADY_EXISTS });

    await images()('Create', { image: { name: 'docker.io/library/two:v1', target: { ...target, digest: digest('b'), platform: null } } });
    expect((await images()('Get', { name: 'docker.io/library/two:v1' })).image.target.platform).toBeNull();
    const listed = await images()('List', { filters: ['labels.a==1'] });
    expect(listed.images.map((i: any) => i.name)).toEqual(['docker.io/library/one:v1']);
    expect((await images()('List', {})).images).toHaveLength(2);
    expect((await images()('List', {}, 'other')).images).toEqual([]);

    const labelled = await images()('Update', { image: { name: 'docker.io/library/one:v1', labels: { b: '2' } }, updateMask: { paths: ['labels.b'] } });
    expect(labelled.image.labels).toEqual({ a: '1', b: '2' });
    expect(labelled.image.target.digest).toBe(target.digest);
    const retargeted = await images()('Update', { image: { name: 'docker.io/library/one:v1', labels: {}, target: { ...target, digest: digest('c') } }, updateMask: { paths: ['target'] } });
    expect(retargeted.image.target.digest).toBe(digest('c'));
    expect(retargeted.image.labels).toEqual({ a: '1', b: '2' });

    await images()('Delete', { name: 'docker.io/library/one:v1' });
    await expect(images()('Get', { name: 'docker.io/library/one:v1' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    await expect(images()('Delete', { name: 'docker.io/library/one:v1' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });

  it('answers INVALID_ARGUMENT for bad requests and NOT_FOUND for unknown names', async () => {
    await expect(images()('Create', { image: { name: '', target } })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    await expect(images()('Create', { image: { name: 'x' } })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    await expect(images()('Create', { image: { name: 'x', target: { ...target, digest: 'nope' } } })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    await expect(images()('List', { filters: ['name~=['] })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    await expect(images()('Update', { image: { name: 'missing', target } })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    await expect(images()('Update', { image: { name: 'docker.io/library/two:v1', target }, updateMask: { paths: ['name'] } })).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
    });
  });
});

describe('Snapshots', () => {
  const snapshots = () => caller(ctrd.snapshots);

  it('prepares, commits, views, lists, measures and removes snapshots', async () => {
    const [base] = (await snapshots()('Prepare', { key: 'build-base', parent: '', labels: { step: '1' } })).mounts;
    expect(base).toMatchObject({ type: 'bind', target: '', options: ['rbind', 'rw'] });
    fs.writeFileSync(path.join(base.source, 'hello'), 'from the base\n');
    expect((await snapshots()('Usage', { key: 'build-base' })).inodes).toBe('1');
    await snapshots()('Commit', { name: 'base', key: 'build-base', labels: { layer: 'base' } });
    await expect(snapshots()('Stat', { key: 'build-base' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    expect((await snapshots()('Stat', { key: 'base' })).info).toMatchObject({ name: 'base', parent: '', kind: 'KIND_COMMITTED', labels: { step: '1', layer: 'base' } });

    const active = await snapshots()('Prepare', { key: 'ctr', parent: 'base', labels: {} });
    expect(active.mounts[0].type).toBe('overlay');
    expect((await snapshots()('Mounts', { key: 'ctr' })).mounts).toEqual(active.mounts);
    const view = await snapshots()('View', { key: 'look', parent: 'base', labels: {} });
    const dir = fs.mkdtempSync(path.join(ctrd.dir, 'view-'));
    await mountAll(view.mounts, dir);
    try {
      expect(fs.readFileSync(path.join(dir, 'hello'), 'utf8')).toBe('from the base\n');
    } finally {
      await unmount(dir);
    }

    const updated = await snapshots()('Update', { info: { name: 'ctr', labels: { owner: 'me' } }, updateMask: { paths: ['labels.owner'] } });
    expect(updated.info).toMatchObject({ name: 'ctr', parent: 'base', kind: 'KIND_ACTIVE', labels: { owner: 'me' } });

    const listed = (await collect((ctrd.snapshots as any).List({ snapshotter: '', filters: [] }, metadata()))).flatMap((m: any) => m.info);
    expect(listed.map((i: any) => [i.name, i.kind])).toEqual([
      ['base', 'KIND_COMMITTED'],
      ['ctr', 'KIND_ACTIVE'],
      ['look', 'KIND_VIEW'],
    ]);
    const filtered = (await collect((ctrd.snapshots as any).List({ filters: ['labels.owner==me'] }, metadata()))).flatMap((m: any) => m.info);
    expect(filtered.map((i: any) => i.name)).toEqual(['ctr']);

    await expect(snapshots()('Remove', { key: 'base' })).rejects.toMatchObject({ code: grpc.status.FAILED_PRECONDITION });
    await expect(snapshots()('Commit', { name: 'x', key: 'look' })).rejects.toMatchObject({ code: grpc.status.FAILED_PRECONDITION });
    await snapshots()('Remove', { key: 'ctr' });
    await snapshots()('Remove', { key: 'look' });
    await snapshots()('Remove', { key: 'base' });
    expect((await collect((ctrd.snapshots as any).List({}, metadata()))).flatMap((m: any) => m.info)).toEqual([]);
  });

  it('lists many snapshots in batches', async () => {
    for (let i = 0; i < 130; i++) await snapshots()('Prepare', { key: `many-${String(i).padStart(3, '0')}` });
    const batches = await collect((ctrd.snapshots as any).List({ filters: ['name~=^many-'] }, metadata()));
    expect(batches.length).toBe(2);
    expect(batches.flatMap((m: any) => m.info)).toHaveLength(130);
    for (let i = 0; i < 130; i++) await snapshots()('Remove', { key: `many-${String(i).padStart(3, '0')}` });
  });

  it('answers the errors the proto names', async () => {
    await expect(snapshots()('Prepare', { key: 'k', parent: 'missing' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    await snapshots()('Prepare', { key: 'dup' });
    await expect(snapshots()('Prepare', { key: 'dup' })).rejects.toMatchObject({ code: grpc.status.ALREADY_EXISTS });
    await expect(snapshots()('Prepare', { key: '' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    await expect(snapshots()('Prepare', { key: 'z', snapshotter: 'btrfs' })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    await expect(snapshots()('Stat', { key: 'nope' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    await expect(snapshots()('Usage', { key: 'nope' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    await expect(collect((ctrd.snapshots as any).List({ snapshotter: 'btrfs' }, metadata()))).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    await snapshots()('Remove', { key: 'dup' });
  });
});
