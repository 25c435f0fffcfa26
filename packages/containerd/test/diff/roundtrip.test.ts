import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { applyLayer, applyLayerToMounts } from '../../src/diff/apply';
import { diffMounts, exportRootfs } from '../../src/diff/diff';
import { OverlaySnapshotter } from '../../src/snapshots/overlay';
import { Fixtures, readTree } from '../helpers/images/fixtures';
import { buildTar, dir, file, listTar, readAll, symlink } from '../helpers/images/tars';

jest.setTimeout(120_000);

const fx = new Fixtures();
afterEach(() => fx.cleanup());

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function baseLayers(): Promise<Buffer[]> {
  return [
    await buildTar([
      dir('etc/'),
      file('etc/hosts', '127.0.0.1 localhost\n'),
      file('etc/motd', 'hello\n'),
      dir('usr/', { mode: 0o755 }),
      dir('usr/lib/'),
      file('usr/lib/a.so', 'a'),
      file('usr/lib/b.so', 'b'),
      dir('usr/lib/sub/'),
      file('usr/lib/sub/c', 'c'),
      dir('var/'),
      dir('var/cache/'),
      file('var/cache/x', 'x'),
      file('var/cache/y', 'y'),
      file('var/file-to-dir', 'f'),
      dir('opt/', { mode: 0o700 }),
    ]),
    await buildTar([dir('etc/'), file('etc/layer2', '2'), symlink('etc/alias', 'hosts'), dir('srv/'), file('srv/data', 'd', { uid: 1000, gid: 1000 })]),
  ];
}

/** Committed snapshots for the given layers (bottom first), the top one's name returned. */
async function unpack(s: OverlaySnapshotter, layers: Buffer[], prefix: string): Promise<string> {
  let parent = '';
  for (const [i, layer] of layers.entries()) {
    const key = `${prefix}-extract-${i}`;
    await applyLayerToMounts(Readable.from([layer]), await s.prepare(key, parent));
    await s.commit(`${prefix}-${i}`, key);
    parent = `${prefix}-${i}`;
  }
  return parent;
}

test('apply layers, change an active snapshot, diff it, apply the diff to a fresh copy: same tree', async () => {
  const s = new OverlaySnapshotter(path.join(fx.tempDir(), 'overlayfs'));
  await s.open();
  const layers = await baseLayers();
  const top = await unpack(s, layers, 'base');
  const mounts = await s.prepare('work', top);
  const root = await fx.mount(mounts);

  // add, change, delete a file, delete a dir, replace a dir, file -> dir, dir -> file, metadata only
  fs.writeFileSync(path.join(root, 'etc/new'), 'new file');
  fs.mkdirSync(path.join(root, 'newdir/deeper'), { recursive: true });
  fs.writeFileSync(path.join(root, 'newdir/deeper/f'), 'deep');
  fs.writeFileSync(path.join(root, 'etc/hosts'), '10.0.0.1 changed\n');
  fs.chmodSync(path.join(root, 'etc/hosts'), 0o600);
  fs.rmSync(path.join(root, 'etc/motd'));
  fs.rmSync(path.join(root, 'usr/lib/sub'), { recursive: true });
  fs.rmSync(path.join(root, 'var/cache'), { recursive: true });
  fs.mkdirSync(path.join(root, 'var/cache'));
  fs.writeFileSync(path.join(root, 'var/cache/fresh'), 'fresh');
  fs.rmSync(path.join(root, 'var/file-to-dir'));
  fs.mkdirSync(path.join(root, 'var/file-to-dir'));
  fs.rmSync(path.join(root, 'srv'), { recursive: true });
  fs.writeFileSync(path.join(root, 'srv'), 'now a file');
  fs.chmodSync(path.join(root, 'opt'), 0o750);
  fs.chownSync(path.join(root, 'usr/lib/a.so'), 7, 8);
  fs.linkSync(path.join(root, 'etc/new'), path.join(root, 'etc/new-link'));
  fs.symlinkSync('/etc/hosts', path.join(root, 'hostlink'));
  const expected = readTree(root, { mtime: true });
  await fx.unmount(root);

  const first = diffMounts(await s.mounts('work'), { compression: 'gzip' });
  const compressed = await readAll(first.stream);
  const result = await first.result;
  const tarball = zlib.gunzipSync(compressed);
  expect(result).toEqual({ digest: sha256(compressed), size: compressed.length, diffId: sha256(tarball), uncompressedSize: tarball.length });

  const entries = await listTar(tarball);
  const names = entries.map((e) => e.name);
  expect(names).toEqual(expect.arrayContaining(['etc/.wh.motd', 'usr/lib/.wh.sub', 'var/cache/', 'var/cache/.wh..wh..opq', 'etc/new-link']));
  expect(entries.find((e) => e.name === 'etc/new-link')).toMatchObject({ type: 'link', linkname: 'etc/new' });
  // Deterministic order: a directory before its contents, names in byte order.
  expect(names.indexOf('etc/')).toBeLessThan(names.indexOf('etc/.wh.motd'));
  expect(names.indexOf('var/cache/.wh..wh..opq')).toBeLessThan(names.indexOf('var/cache/fresh'));
  expect(names.some((n) => n.startsWith('usr/lib/sub/'))).toBe(false);

  // Flat: the base layers and the diff onto an empty directory.
  const fresh = fx.tempDir();
  for (const layer of [...layers, compressed]) await applyLayer(Readable.from([layer]), fresh);
  expect(readTree(fresh, { mtime: true })).toEqual(expected);

  // Overlay: the diff as one more committed layer, seen through a view.
  await applyLayerToMounts(Readable.from([compressed]), await s.prepare('replay', top), { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' });
  await s.commit('replayed', 'replay');
  const view = await fx.mount(await s.view('check', 'replayed'));
  expect(readTree(view, { mtime: true })).toEqual(expected);

  // Same tree, same bytes.
  const second = diffMounts(await s.mounts('work'), { compression: 'gzip' });
  expect((await readAll(second.stream)).equals(compressed)).toBe(true);
  expect((await second.result).digest).toBe(result.digest);
});

test('a snapshot without parent diffs to all of its files; a view exports as a plain tar', async () => {
  const s = new OverlaySnapshotter(path.join(fx.tempDir(), 'overlayfs'));
  await s.open();
  const layers = await baseLayers();
  const top = await unpack(s, layers, 'base');

  const first = diffMounts(await s.prepare('lone'));
  expect((await listTar(await readAll(first.stream))).length).toBe(0);
  await first.result;

  const view = await fx.mount(await s.view('v', top));
  const exported = exportRootfs(view);
  const tarball = await readAll(exported.stream);
  expect((await exported.result).diffId).toBe(sha256(tarball));
  const copy = fx.tempDir();
  await applyLayer(Readable.from([tarball]), copy);
  expect(readTree(copy, { mtime: true })).toEqual(readTree(view, { mtime: true }));
  const v2 = await s.view('v2', top);
  expect(() => diffMounts(v2)).toThrow(/only an active snapshot/);
});

test('a diff of a missing directory fails through the stream and the result', async () => {
  const out = diffMounts([{ type: 'bind', source: path.join(fx.tempDir(), 'missing'), target: '', options: ['rbind'] }]);
  await expect(readAll(out.stream)).rejects.toThrow(/ENOENT/);
  await expect(out.result).rejects.toThrow(/ENOENT/);
});
