import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { applyLayer, applyLayerToMounts } from '../../src/diff/apply';
import { lgetxattr } from '../../src/diff/syscalls';
import { OverlaySnapshotter } from '../../src/snapshots/overlay';
import { Fixtures, readTree } from '../helpers/images/fixtures';
import { buildTar, chunked, dir, file, gzip, hardlink, opaque, symlink, whiteout, zstd } from '../helpers/images/tars';

jest.setTimeout(60_000);

const fx = new Fixtures();
afterEach(() => fx.cleanup());

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const mtime = new Date('2023-05-06T07:08:09Z');

async function richLayer(): Promise<Buffer> {
  return buildTar([
    dir('etc/', { mode: 0o750, uid: 12, gid: 34, mtime }),
    file('etc/passwd', 'root:x:0:0\n', { mode: 0o640, uid: 5, gid: 6, mtime }),
    file('bin/su', 'su', { mode: 0o4755 }),
    symlink('etc/link', '../bin/su'),
    hardlink('etc/passwd-hard', 'etc/passwd'),
    { name: 'dev/null', type: 'character-device', devmajor: 1, devminor: 3, mode: 0o666 },
    { name: 'run/fifo', type: 'fifo', mode: 0o600 },
    file('big', Buffer.alloc(3 * 1024 * 1024, 7)),
    file('attrs', 'x', { pax: { 'SCHILY.xattr.user.note': 'hello', 'SCHILY.xattr.trusted.overlay.opaque': 'y' } }),
  ]);
}

test.each([
  ['plain', (b: Buffer) => b, 'application/vnd.oci.image.layer.v1.tar'],
  ['gzip', gzip, 'application/vnd.oci.image.layer.v1.tar+gzip'],
  ['zstd', zstd, 'application/vnd.oci.image.layer.v1.tar+zstd'],
  ['gzip, docker media type', gzip, 'application/vnd.docker.image.rootfs.diff.tar.gzip'],
  ['gzip, no media type', gzip, undefined],
])('unpacks a %s layer with modes, owners, times, links, devices, xattrs; returns the diffID', async (_name, compress, mediaType) => {
  const tarball = await richLayer();
  const target = fx.tempDir();
  const result = await applyLayer(chunked(compress(tarball), 4096), target, { mediaType });
  expect(result).toEqual({ diffId: sha256(tarball), size: tarball.length });

  const etc = fs.statSync(path.join(target, 'etc'));
  expect([etc.mode & 0o7777, etc.uid, etc.gid, etc.mtime.getTime()]).toEqual([0o750, 12, 34, mtime.getTime()]);
  const passwd = fs.statSync(path.join(target, 'etc/passwd'));
  expect([passwd.mode & 0o7777, passwd.uid, passwd.gid, passwd.mtime.getTime()]).toEqual([0o640, 5, 6, mtime.getTime()]);
  expect(fs.readFileSync(path.join(target, 'etc/passwd'), 'utf8')).toBe('root:x:0:0\n');
  expect(fs.statSync(path.join(target, 'bin/su')).mode & 0o7777).toBe(0o4755);
  expect(fs.readlinkSync(path.join(target, 'etc/link'))).toBe('../bin/su');
  expect(fs.statSync(path.join(target, 'etc/passwd-hard')).ino).toBe(passwd.ino);
  const devNull = fs.lstatSync(path.join(target, 'dev/null'));
  expect(devNull.isCharacterDevice()).toBe(true);
  expect(devNull.rdev).toBe(fs.statSync('/dev/null').rdev);
  expect(fs.lstatSync(path.join(target, 'run/fifo')).isFIFO()).toBe(true);
  expect(fs.statSync(path.join(target, 'big')).size).toBe(3 * 1024 * 1024);
  expect(lgetxattr(path.join(target, 'attrs'), 'user.note')?.toString()).toBe('hello');
  // Overlay's own attributes are never taken from a layer.
  expect(lgetxattr(path.join(target, 'attrs'), 'trusted.overlay.opaque')).toBeUndefined();
});

test('a media type that contradicts the bytes, or is not a layer, is refused', async () => {
  const tarball = await buildTar([file('a')]);
  await expect(applyLayer(Readable.from([zstd(tarball)]), fx.tempDir(), { mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip' })).rejects.toThrow(/zstd-compressed/);
  await expect(applyLayer(Readable.from([gzip(tarball)]), fx.tempDir(), { mediaType: 'application/vnd.oci.image.layer.v1.tar' })).rejects.toThrow(/gzip-compressed/);
  await expect(applyLayer(Readable.from([tarball]), fx.tempDir(), { mediaType: 'application/vnd.oci.image.config.v1+json' })).rejects.toThrow(/not a layer/);
  // An uncompressed tar under a gzip type (old docker save archives) is fine.
  const target = fx.tempDir();
  await applyLayer(Readable.from([tarball]), target, { mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip' });
  expect(fs.readFileSync(path.join(target, 'a'), 'utf8')).toBe('a');
});

test('a corrupt gzip stream fails the apply', async () => {
  const broken = gzip(await buildTar([file('a', Buffer.alloc(100_000, 1))]));
  broken[broken.length - 20] ^= 0xff;
  await expect(applyLayer(Readable.from([broken]), fx.tempDir())).rejects.toThrow();
});

test('flat mode: whiteouts delete, opaque markers empty what lower layers left, this layer is kept', async () => {
  const target = fx.tempDir();
  await applyLayer(
    Readable.from([
      await buildTar([dir('a/'), file('a/gone'), file('a/kept'), dir('d/'), file('d/old'), dir('d/sub/'), file('d/sub/x'), dir('rmdir/'), file('rmdir/f')]),
    ]),
    target,
  );
  await applyLayer(
    Readable.from([await buildTar([whiteout('a/gone'), whiteout('rmdir'), dir('d/'), file('d/new'), opaque('d'), whiteout('nonexistent'), file('a/same'), whiteout('a/same')])]),
    target,
  );
  expect(Object.keys(readTree(target))).toEqual(['a/', 'a/kept', 'a/same', 'd/', 'd/new']);
});

describe('overlay mode, through a real overlay mount', () => {
  test('whiteouts become 0/0 devices, opaque dirs get the xattr, and the merged view hides what they delete', async () => {
    const snapshotter = new OverlaySnapshotter(path.join(fx.tempDir(), 'overlayfs'));
    await snapshotter.open();
    const l1 = await snapshotter.prepare('extract-1');
    await applyLayerToMounts(
      Readable.from([await buildTar([dir('etc/'), file('etc/hosts'), file('etc/gone'), dir('opq/'), file('opq/old'), dir('opq/deep/'), file('opq/deep/x'), dir('rmdir/'), file('rmdir/f')])]),
      l1,
    );
    await snapshotter.commit('layer-1', 'extract-1');
    const l2 = await snapshotter.prepare('extract-2', 'layer-1');
    await applyLayerToMounts(Readable.from([await buildTar([whiteout('etc/gone'), whiteout('rmdir'), dir('opq/'), opaque('opq'), file('opq/new'), file('etc/added')])]), l2);
    const upper = l2[0]!.options.find((o) => o.startsWith('upperdir='))!.slice('upperdir='.length);
    const wh = fs.lstatSync(path.join(upper, 'etc/gone'));
    expect([wh.isCharacterDevice(), wh.rdev]).toEqual([true, 0]);
    expect(lgetxattr(path.join(upper, 'opq'), 'trusted.overlay.opaque')?.toString()).toBe('y');
    await snapshotter.commit('layer-2', 'extract-2');

    const view = await fx.mount(await snapshotter.view('v', 'layer-2'));
    expect(Object.keys(readTree(view))).toEqual(['etc/', 'etc/added', 'etc/hosts', 'opq/', 'opq/new']);
    const active = await fx.mount(await snapshotter.prepare('c', 'layer-2'));
    expect(fs.readFileSync(path.join(active, 'etc/hosts'), 'utf8')).toBe('etc/hosts');
    expect(fs.existsSync(path.join(active, 'rmdir'))).toBe(false);
  });

  test('applyLayerToMounts refuses a view', async () => {
    const snapshotter = new OverlaySnapshotter(path.join(fx.tempDir(), 'overlayfs'));
    await snapshotter.open();
    await snapshotter.prepare('a');
    await snapshotter.commit('base', 'a');
    await expect(applyLayerToMounts(Readable.from([await buildTar([file('x')])]), await snapshotter.view('v', 'base'))).rejects.toThrow(/active snapshot/);
  });
});
