import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gc, GC_REF_SNAPSHOT_OVERLAYFS, GcRoots } from '../../src/content/gc';
import { LeaseManager } from '../../src/content/leases';
import { ContentStore } from '../../src/content/store';
import { OverlaySnapshotter } from '../../src/snapshots/overlay';
import { Fixtures } from '../helpers/images/fixtures';

jest.setTimeout(60_000);

const fx = new Fixtures();
afterEach(() => fx.cleanup());

const digestOf = (b: string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

let now: Date;
let content: ContentStore;
let snapshots: OverlaySnapshotter;
let leases: LeaseManager;
let roots: GcRoots;

beforeEach(async () => {
  const root = fx.tempDir('skiff-gc-');
  now = new Date('2024-01-01T00:00:00Z');
  const clock = () => now;
  content = new ContentStore(path.join(root, 'content'), clock);
  snapshots = new OverlaySnapshotter(path.join(root, 'snapshots', 'overlayfs'), clock);
  leases = new LeaseManager(path.join(root, 'leases'), clock);
  await Promise.all([content.open(), snapshots.open(), leases.open()]);
  roots = {};
});

const collect = () => gc({ content, snapshots, leases, roots: () => roots, clock: () => now });

async function put(data: string, labels: Record<string, string> = {}): Promise<string> {
  const w = await content.writer(`ref-${data}`);
  await w.write(Buffer.from(data));
  return (await w.commit(digestOf(data), data.length, labels)).digest;
}

async function layerChain(n: number, prefix: string): Promise<string[]> {
  const names: string[] = [];
  for (let i = 0; i < n; i++) {
    await snapshots.prepare(`${prefix}-extract-${i}`, names[i - 1] ?? '');
    await snapshots.commit(`${prefix}-${i}`, `${prefix}-extract-${i}`);
    names.push(`${prefix}-${i}`);
  }
  return names;
}

test('keeps what roots reach through gc.ref labels (manifest -> config/layers -> snapshots), removes the rest', async () => {
  const chain = await layerChain(3, 'img');
  const orphanChain = await layerChain(2, 'old');
  const layer1 = await put('layer1');
  const layer2 = await put('layer2');
  const config = await put('config', { [GC_REF_SNAPSHOT_OVERLAYFS]: chain[2]! });
  const manifest = await put('manifest', {
    'containerd.io/gc.ref.content.config': config,
    'containerd.io/gc.ref.content.l.0': layer1,
    'containerd.io/gc.ref.content.l.1': layer2,
  });
  const index = await put('index', { 'containerd.io/gc.ref.content.m.0': manifest });
  const stray = await put('stray');
  const pinned = await put('pinned', { 'containerd.io/gc.root': '' });
  await snapshots.prepare('container-1', chain[2]!);
  await snapshots.prepare('dead-container', orphanChain[1]!);
  roots = { content: [index], snapshots: ['container-1'] };

  const result = await collect();
  expect(result.removedContent).toEqual([stray]);
  expect(result.removedSnapshots).toEqual(['dead-container', 'old-1', 'old-0']);
  expect((await content.list()).map((i) => i.digest).sort()).toEqual([layer1, layer2, config, manifest, index, pinned].sort());
  expect((await snapshots.list()).map((s) => s.name)).toEqual(['container-1', ...chain]);

  // Once the image is gone, everything it held goes; the container keeps its own chain.
  roots = { snapshots: ['container-1'] };
  const second = await collect();
  expect(second.removedContent.sort()).toEqual([layer1, layer2, config, manifest, index].sort());
  expect(second.removedSnapshots).toEqual([]);
  roots = {};
  expect((await collect()).removedSnapshots).toEqual(['container-1', 'img-2', 'img-1', 'img-0']);
  expect(fs.readdirSync(path.join(content.root, 'metadata', 'sha256'))).toEqual([`${pinned.slice(7)}.json`]);
});

test('a lease protects an in-flight pull: ingest, committed blobs, snapshots; deleting the lease releases them', async () => {
  await leases.createLease('pull-1');
  await leases.addResource('pull-1', { type: 'ingest', id: 'layer-ref' });
  const w = await content.writer('layer-ref');
  await w.write(Buffer.from('half a la'));
  await w.close();
  const blob = await leases.withResource('pull-1', [{ type: 'content', id: digestOf('manifest') }], () => put('manifest'));
  await leases.withResource('pull-1', [{ type: 'snapshot', id: 'extract-1' }], () => snapshots.prepare('extract-1'));
  // Ingest times are file times (real clock): two days later, by both clocks.
  now = new Date(Date.now() + 48 * 3600_000);

  expect(await collect()).toEqual({ removedContent: [], removedSnapshots: [], removedIngests: [] });
  expect((await content.status('layer-ref')).offset).toBe(9);
  expect((await leases.getLease('pull-1')).resources).toEqual([
    { type: 'ingest', id: 'layer-ref' },
    { type: 'content', id: blob },
    { type: 'snapshot', id: 'extract-1' },
  ]);

  await leases.deleteLease('pull-1');
  expect(await collect()).toEqual({ removedContent: [blob], removedSnapshots: ['extract-1'], removedIngests: ['layer-ref'] });
});

test('an expired lease protects nothing and is deleted; resources cannot be added to it', async () => {
  await leases.createLease('short', new Date(now.getTime() + 1000));
  await leases.createLease('forever');
  const d = await put('leased');
  await leases.addResource('short', { type: 'content', id: d });
  expect((await collect()).removedContent).toEqual([]);
  now = new Date(now.getTime() + 1000);
  await expect(leases.addResource('short', { type: 'content', id: d })).rejects.toThrow(/not found or expired/);
  expect((await collect()).removedContent).toEqual([d]);
  expect((await leases.listLeases()).map((l) => l.id)).toEqual(['forever']);
});

test('a collection waits for a lease change in progress, and a commit under a lease waits for a collection', async () => {
  await leases.createLease('pull');
  const order: string[] = [];
  // A pull's commit inside withResource: the collection that starts meanwhile must not run until
  // the blob and its lease entry both exist.
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const pulling = leases.withResource('pull', [{ type: 'content', id: digestOf('slow') }], async () => {
    await gate;
    const d = await put('slow');
    order.push('committed');
    return d;
  });
  const collecting = collect().then((r) => {
    order.push('collected');
    return r;
  });
  await new Promise((r) => setTimeout(r, 50));
  expect(order).toEqual([]);
  release();
  const [digest, result] = await Promise.all([pulling, collecting]);
  expect(order).toEqual(['committed', 'collected']);
  expect(result.removedContent).toEqual([]);
  expect((await content.info(digest)).size).toBe(4);
});

test('idle unleased ingests expire; recent ones and ones being written are kept', async () => {
  const w1 = await content.writer('idle');
  await w1.write(Buffer.from('x'));
  await w1.close();
  const w2 = await content.writer('writing');
  await w2.write(Buffer.from('y'));
  fs.utimesSync(path.join(content.root, 'ingest', createHash('sha256').update('idle').digest('hex'), 'data'), new Date(0), new Date(0));
  now = new Date();
  const result = await gc({ content, snapshots, leases, roots: () => ({}), ingestExpiryMs: 60_000 });
  expect(result.removedIngests).toEqual(['idle']);
  expect((await content.status('writing')).offset).toBe(1);
  await w2.close();
});

test('leases: ids are validated, duplicates refused, resources removable', async () => {
  await expect(leases.createLease('../x')).rejects.toThrow(/lease id/);
  await leases.createLease('a', undefined, { purpose: 'test' });
  await expect(leases.createLease('a')).rejects.toThrow(/already exists/);
  await leases.addResource('a', { type: 'snapshot', id: 's' });
  await leases.addResource('a', { type: 'snapshot', id: 's' });
  expect((await leases.getLease('a')).resources).toEqual([{ type: 'snapshot', id: 's' }]);
  await leases.removeResource('a', { type: 'snapshot', id: 's' });
  expect(await leases.getLease('a')).toMatchObject({ labels: { purpose: 'test' }, resources: [] });
  await expect(leases.deleteLease('b')).rejects.toThrow(/not found/);
  await expect(leases.addResource('b', { type: 'content', id: 'x' })).rejects.toThrow(/not found/);
});
