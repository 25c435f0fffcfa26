import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSkiffError } from '@skiff/errors';
import { compactMountOptions } from '../../src/snapshots/mount';
import { OverlaySnapshotter } from '../../src/snapshots/overlay';
import type { Mount } from '../../src/snapshots/types';
import { Fixtures } from '../helpers/images/fixtures';

jest.setTimeout(180_000);

const fx = new Fixtures();
afterEach(() => fx.cleanup());

async function open(root?: string): Promise<OverlaySnapshotter> {
  const s = new OverlaySnapshotter(root ?? path.join(fx.tempDir(), 'overlayfs'));
  await s.open();
  return s;
}

const dirOf = (mounts: Mount[], option: string) => mounts[0]!.options.find((o) => o.startsWith(`${option}=`))!.slice(option.length + 1);

async function rejectsWith(p: Promise<unknown>, kind: string, message: RegExp): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isSkiffError(err)).toBe(true);
  expect((err as Error & { kind: string }).kind).toBe(kind);
  expect((err as Error).message).toMatch(message);
}

test('prepare without parent is a rw bind of its fs dir; commit makes it a parent; chains become overlays', async () => {
  const s = await open();
  const m1 = await s.prepare('a', '', { l: '1' });
  expect(m1).toEqual([{ type: 'bind', source: expect.stringMatching(/\/snapshots\/1\/fs$/), target: '', options: ['rbind', 'rw'] }]);
  fs.writeFileSync(path.join(m1[0]!.source, 'one'), '1');
  await s.commit('layer1', 'a', { c: 'x' });
  await rejectsWith(s.stat('a'), 'NotFound', /"a" not found/);
  expect(await s.stat('layer1')).toMatchObject({ name: 'layer1', parent: '', kind: 'committed', labels: { l: '1', c: 'x' } });

  const m2 = await s.prepare('b', 'layer1');
  expect(m2[0]!.type).toBe('overlay');
  expect(m2[0]!.options).toEqual(['index=off', expect.stringMatching(/^workdir=.*\/2\/work$/), expect.stringMatching(/^upperdir=.*\/2\/fs$/), `lowerdir=${m1[0]!.source}`]);
  fs.writeFileSync(path.join(dirOf(m2, 'upperdir'), 'two'), '2');
  await s.commit('layer2', 'b');

  const m3 = await s.prepare('c', 'layer2');
  expect(dirOf(m3, 'lowerdir').split(':')).toEqual([dirOf(m2, 'upperdir'), m1[0]!.source]);
  const mounted = await fx.mount(m3);
  expect(fs.readdirSync(mounted).sort()).toEqual(['one', 'two']);
  fs.writeFileSync(path.join(mounted, 'three'), '3');
  expect(fs.readdirSync(dirOf(m3, 'upperdir'))).toEqual(['three']);
  expect(await s.mounts('c')).toEqual(m3);
});

test('views are read-only: a bind of the single parent, an overlay of lowers only above that', async () => {
  const s = await open();
  const base = await s.prepare('a');
  fs.writeFileSync(path.join(base[0]!.source, 'f'), 'x');
  await s.commit('l1', 'a');
  const v1 = await s.view('v1', 'l1');
  expect(v1).toEqual([{ type: 'bind', source: base[0]!.source, target: '', options: ['rbind', 'ro'] }]);
  const mounted = await fx.mount(v1);
  expect(fs.readFileSync(path.join(mounted, 'f'), 'utf8')).toBe('x');
  expect(() => fs.writeFileSync(path.join(mounted, 'g'), 'y')).toThrow(/EROFS|read-only/);

  await s.prepare('b', 'l1');
  await s.commit('l2', 'b');
  const v2 = await s.view('v2', 'l2');
  expect(v2[0]!.type).toBe('overlay');
  expect(v2[0]!.options.some((o) => o.startsWith('upperdir='))).toBe(false);
  const m2 = await fx.mount(v2);
  expect(() => fs.writeFileSync(path.join(m2, 'g'), 'y')).toThrow(/EROFS|read-only/);
  await rejectsWith(s.commit('nope', 'v2'), 'FailedPrecondition', /view/);
  expect((await s.stat('v2')).kind).toBe('view');
});

test('errors: duplicate keys, missing or uncommitted parents, committing twice, mounts of a committed snapshot', async () => {
  const s = await open();
  await s.prepare('a');
  await rejectsWith(s.prepare('a'), 'AlreadyExists', /"a" already exists/);
  await rejectsWith(s.prepare('b', 'missing'), 'NotFound', /parent snapshot "missing"/);
  await rejectsWith(s.prepare('b', 'a'), 'InvalidArgument', /only a committed snapshot can be a parent/);
  await s.commit('l', 'a');
  await s.prepare('c');
  await rejectsWith(s.commit('l', 'c'), 'AlreadyExists', /"l" already exists/);
  await rejectsWith(s.mounts('l'), 'FailedPrecondition', /committed/);
  await rejectsWith(s.prepare(''), 'InvalidArgument', /key/);
});

test('remove refuses a parent with children, then works leaves first', async () => {
  const s = await open();
  const m = await s.prepare('a');
  await s.commit('base', 'a');
  await s.prepare('child', 'base');
  await s.view('viewer', 'base');
  await rejectsWith(s.remove('base'), 'FailedPrecondition', /has children \(child, viewer\)/);
  await s.remove('child');
  await s.remove('viewer');
  await s.remove('base');
  expect(fs.existsSync(path.dirname(m[0]!.source))).toBe(false);
  expect(await s.list()).toEqual([]);
  await rejectsWith(s.remove('base'), 'NotFound', /not found/);
});

test('list with filters, labels update, usage', async () => {
  const s = await open();
  const m = await s.prepare('a', '', { 'containerd.io/snapshot.ref': 'sha256:1', app: 'web' });
  fs.writeFileSync(path.join(m[0]!.source, 'data'), Buffer.alloc(10_000, 1));
  fs.mkdirSync(path.join(m[0]!.source, 'd'));
  fs.linkSync(path.join(m[0]!.source, 'data'), path.join(m[0]!.source, 'd', 'link'));
  await s.commit('l1', 'a');
  await s.prepare('b', 'l1', { app: 'db' });
  expect((await s.list()).map((i) => i.name)).toEqual(['b', 'l1']);
  expect((await s.list(['kind==committed'])).map((i) => i.name)).toEqual(['l1']);
  expect((await s.list(['labels.app==db', 'parent==nope'])).map((i) => i.name)).toEqual(['b']);
  expect((await s.list(['labels.app==db', 'parent==""'])).map((i) => i.name)).toEqual(['b', 'l1']);
  await rejectsWith(s.list(['labels.app=="unterminated']), 'InvalidArgument', /unterminated/);
  expect((await s.list(['labels.containerd.io/snapshot.ref~=^sha256:'])).map((i) => i.name)).toEqual(['l1']);

  expect((await s.update('b', { app: 'cache', other: 'x' }, ['labels.app'])).labels).toEqual({ app: 'cache' });
  expect((await s.update('b', { only: 'this' })).labels).toEqual({ only: 'this' });
  expect((await s.update('b', {}, ['labels.only'])).labels).toEqual({});

  const usage = await s.usage('l1');
  expect(usage.inodes).toBe(2);
  expect(usage.size).toBeGreaterThanOrEqual(10_000);
  expect(await s.usage('b')).toEqual({ size: 0, inodes: 0 });
});

test('state survives re-opening; debris of interrupted work is cleaned on open', async () => {
  const root = path.join(fx.tempDir(), 'overlayfs');
  const s1 = await open(root);
  const m = await s1.prepare('a', '', { k: 'v' });
  fs.writeFileSync(path.join(m[0]!.source, 'f'), 'kept');
  await s1.commit('l1', 'a');
  await s1.prepare('active', 'l1');
  // A crash while creating (a dir built in tmp/, or renamed in but not yet in the index) and
  // while writing the index.
  fs.mkdirSync(path.join(root, 'tmp', 'new-99', 'fs'), { recursive: true });
  fs.mkdirSync(path.join(root, 'snapshots', '77', 'fs'), { recursive: true });
  fs.writeFileSync(path.join(root, '.tmp-metadata.json-abc'), '{');

  const s2 = await open(root);
  expect((await s2.list()).map((i) => [i.name, i.kind, i.parent])).toEqual([
    ['active', 'active', 'l1'],
    ['l1', 'committed', ''],
  ]);
  expect((await s2.stat('l1')).labels).toEqual({ k: 'v' });
  expect(fs.readdirSync(path.join(root, 'tmp'))).toEqual([]);
  expect(fs.readdirSync(path.join(root, 'snapshots')).sort()).toEqual(['1', '2']);
  expect(fs.existsSync(path.join(root, '.tmp-metadata.json-abc'))).toBe(false);
  // Ids keep counting: no reuse of a directory name.
  const m3 = await s2.prepare('next');
  expect(m3[0]!.source).toMatch(/\/snapshots\/3\/fs$/);
  expect(await s2.mounts('active')).toEqual(await s1.mounts('active'));
});

test('a corrupt index is refused rather than silently emptied', async () => {
  const root = path.join(fx.tempDir(), 'overlayfs');
  const s1 = await open(root);
  await s1.prepare('a');
  fs.writeFileSync(path.join(root, 'metadata.json'), '{"version":1,"nextId":"x","snapshots":{}}');
  await expect(open(root)).rejects.toThrow(/unexpected content/);
});

test('a 128-layer chain mounts (long lowerdir compacted relative to a common directory)', async () => {
  // A deep root makes each absolute lowerdir long: 128 of them are far beyond one page.
  const root = path.join(fx.tempDir(), 'a-rather-long-directory-name-to-make-paths-long', 'overlayfs');
  const s = await open(root);
  let parent = '';
  for (let i = 0; i < 128; i++) {
    const m = await s.prepare(`extract-${i}`, parent);
    const upper = i === 0 ? m[0]!.source : dirOf(m, 'upperdir');
    fs.writeFileSync(path.join(upper, `file-${i}`), String(i));
    await s.commit(`layer-${i}`, `extract-${i}`);
    parent = `layer-${i}`;
  }
  const mounts = await s.prepare('container', parent);
  expect(mounts[0]!.options.join(',').length).toBeGreaterThan(4096);
  const compacted = compactMountOptions(mounts[0]!.options);
  expect(compacted.cwd).toBe(path.join(root, 'snapshots'));
  expect(compacted.options.join(',').length).toBeLessThan(4096);

  const mounted = await fx.mount(mounts);
  const files = fs.readdirSync(mounted);
  expect(files).toHaveLength(128);
  expect(fs.readFileSync(path.join(mounted, 'file-0'), 'utf8')).toBe('0');
  expect(fs.readFileSync(path.join(mounted, 'file-127'), 'utf8')).toBe('127');
  fs.writeFileSync(path.join(mounted, 'new'), 'n');
  expect(fs.readdirSync(dirOf(mounts, 'upperdir'))).toEqual(['new']);

  const view = await fx.mount(await s.view('view', parent));
  expect(fs.readdirSync(view)).toHaveLength(128);
});

test('compactMountOptions leaves short options alone and refuses what cannot fit', () => {
  expect(compactMountOptions(['lowerdir=/a:/b'])).toEqual({ options: ['lowerdir=/a:/b'] });
  const huge = Array.from({ length: 2000 }, (_, i) => `/x/${i}`).join(':');
  expect(() => compactMountOptions([`lowerdir=${huge}`])).toThrow(/bytes even relative to \/x/);
});

test('commit onto a parent: a snapshot prepared without one becomes the upper layer of a chain', async () => {
  const s = await open();
  const lower = await s.prepare('a');
  fs.writeFileSync(path.join(lower[0]!.source, 'one'), '1');
  // Prepared, and written as an upper dir, before its parent is committed.
  const upper = await s.prepare('b');
  fs.writeFileSync(path.join(upper[0]!.source, 'two'), '2');
  await rejectsWith(s.commit('l2', 'b', {}, { parent: 'a' }), 'InvalidArgument', /"a" is active/);
  await rejectsWith(s.commit('l2', 'b', {}, { parent: 'none' }), 'NotFound', /"none" not found/);
  expect(await s.stat('b')).toMatchObject({ kind: 'active', parent: '' });
  await s.commit('l1', 'a');
  await s.commit('l2', 'b', {}, { parent: 'l1' });
  expect(await s.stat('l2')).toMatchObject({ kind: 'committed', parent: 'l1' });
  await rejectsWith(s.remove('l1'), 'FailedPrecondition', /children \(l2\)/);

  const view = await s.view('v', 'l2');
  expect(dirOf(view, 'lowerdir').split(':')).toEqual([upper[0]!.source, lower[0]!.source]);
  const mounted = await fx.mount(view);
  expect(fs.readdirSync(mounted).sort()).toEqual(['one', 'two']);

  // A snapshot that has a parent keeps it.
  await s.prepare('c', 'l2');
  await rejectsWith(s.commit('l3', 'c', {}, { parent: 'l1' }), 'FailedPrecondition', /has the parent "l2" already/);
  await s.commit('l3', 'c', {}, { parent: 'l2' });
  expect(await s.stat('l3')).toMatchObject({ parent: 'l2' });
});
