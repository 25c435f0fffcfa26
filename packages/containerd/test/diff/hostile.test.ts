// One test per escape technique. Each asserts on the host: the tree around the target directory
// (a sentinel directory beside it, the parents above it) is exactly as before, whatever the
// apply did with the layer.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { applyLayer, ApplyMode } from '../../src/diff/apply';
import { Fixtures, readTree } from '../helpers/images/fixtures';
import { buildTar, dir, file, hardlink, opaque, symlink, TarEntry, whiteout } from '../helpers/images/tars';

jest.setTimeout(60_000);

const fx = new Fixtures();
afterEach(() => fx.cleanup());

interface Host {
  base: string;
  /** The target: base/a/b/root, so "../../x" and "../../../x" land in the watched tree. */
  root: string;
  outside: string;
  sentinel: string;
}

function host(): Host {
  const base = fx.tempDir('skiff-hostile-');
  const root = path.join(base, 'a', 'b', 'root');
  fs.mkdirSync(root, { recursive: true });
  const outside = path.join(base, 'outside');
  fs.mkdirSync(outside);
  const sentinel = path.join(outside, 'sentinel');
  fs.writeFileSync(sentinel, 'untouched');
  return { base, root, outside, sentinel };
}

/** Everything under base except the target, with owners, modes and times. */
function hostState(h: Host): Record<string, string> {
  const tree = readTree(h.base, { mtime: true });
  for (const k of Object.keys(tree)) if (k.startsWith('a/b/root/')) delete tree[k];
  return { ...tree, sentinelLinks: String(fs.statSync(h.sentinel).nlink) };
}

async function apply(h: Host, layers: TarEntry[][], mode: ApplyMode, options: { allowDevices?: boolean } = {}): Promise<void> {
  for (const entries of layers) await applyLayer(Readable.from([await buildTar(entries)]), h.root, { mode, ...options });
}

describe.each<ApplyMode>(['flat', 'overlay'])('%s mode', (mode) => {
  let h: Host;
  let before: Record<string, string>;
  beforeEach(() => {
    h = host();
    before = hostState(h);
  });
  afterEach(() => {
    // The assertion every test shares: nothing outside the target changed.
    expect(hostState(h)).toEqual(before);
    expect(fs.readFileSync(h.sentinel, 'utf8')).toBe('untouched');
  });

  test('"../../x" is refused', async () => {
    await expect(apply(h, [[file('../../x'), file('../../../outside/sentinel', 'pwned')]], mode)).rejects.toThrow(/escapes the layer root/);
    expect(fs.existsSync(path.join(h.base, 'a', 'x'))).toBe(false);
  });

  test('"a/../../x" (.. in the middle) is refused', async () => {
    await expect(apply(h, [[dir('a/'), file('a/../../x')]], mode)).rejects.toThrow(/escapes/);
  });

  test('an absolute name "/x" lands inside the root', async () => {
    const name = `${h.outside}/sentinel`;
    await apply(h, [[file(name, 'pwned')]], mode);
    expect(fs.readFileSync(path.join(h.root, name), 'utf8')).toBe('pwned');
  });

  test('a symlink to outside, then a file under it in the same layer: written inside the root', async () => {
    await apply(h, [[symlink('evil', h.outside), file('evil/sentinel', 'pwned'), file('evil/new', 'pwned')]], mode);
    expect(fs.readFileSync(path.join(h.root, h.outside, 'sentinel'), 'utf8')).toBe('pwned');
    expect(fs.existsSync(path.join(h.outside, 'new'))).toBe(false);
  });

  test('a relative symlink climbing out ("../../../outside"), then a file under it', async () => {
    await apply(h, [[symlink('up', '../../../../../../..'), symlink('evil', '../../../outside'), file('evil/sentinel', 'pwned'), file('up/top', 'pwned')]], mode);
    expect(fs.readFileSync(path.join(h.root, 'outside/sentinel'), 'utf8')).toBe('pwned');
    expect(fs.readFileSync(path.join(h.root, 'top'), 'utf8')).toBe('pwned');
  });

  test('a symlink in a lower layer, then a file through it in an upper layer', async () => {
    await apply(h, [[symlink('evil', h.outside)], [file('evil/sentinel', 'pwned'), file('evil/new', 'pwned')]], mode);
    expect(fs.existsSync(path.join(h.outside, 'new'))).toBe(false);
  });

  test('a chain of symlinks (a -> b -> outside) in lower layers', async () => {
    await apply(h, [[symlink('b', h.outside)], [symlink('a', 'b')], [file('a/new', 'pwned')]], mode);
    expect(fs.existsSync(path.join(h.outside, 'new'))).toBe(false);
  });

  test('a symlink to outside, then a hardlink through it: refused (the target is not in the root)', async () => {
    await expect(apply(h, [[symlink('evil', h.outside), hardlink('stolen', 'evil/sentinel')]], mode)).rejects.toThrow(/does not exist/);
    expect(fs.statSync(h.sentinel).nlink).toBe(1);
  });

  test('a hardlink to an absolute host path: taken inside the root, refused when missing there', async () => {
    await expect(apply(h, [[hardlink('stolen', h.sentinel)]], mode)).rejects.toThrow(/does not exist/);
    await expect(apply(h, [[hardlink('passwd', '/etc/passwd')]], mode)).rejects.toThrow(/does not exist/);
  });

  test('a hardlink with ".." in its target is refused', async () => {
    await expect(apply(h, [[hardlink('stolen', '../../../outside/sentinel')]], mode)).rejects.toThrow(/escapes/);
  });

  test('a hardlink to a symlink links the symlink itself, never its target', async () => {
    await apply(h, [[symlink('evil', h.sentinel), hardlink('same', 'evil')]], mode);
    expect(fs.lstatSync(path.join(h.root, 'same')).isSymbolicLink()).toBe(true);
    // Writing through it later is the container's business, inside its root.
    expect(fs.statSync(h.sentinel).nlink).toBe(1);
  });

  test('a hardlink to a directory is refused', async () => {
    await expect(apply(h, [[dir('d/'), hardlink('dl', 'd')]], mode)).rejects.toThrow(/is a directory/);
  });

  test('a symlink entry replacing a directory, then a file under it', async () => {
    await apply(h, [[dir('d/'), file('d/a'), symlink('d', h.outside), file('d/sentinel', 'pwned'), file('d/new', 'pwned')]], mode);
    expect(fs.lstatSync(path.join(h.root, 'd')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(h.root, h.outside, 'new'), 'utf8')).toBe('pwned');
  });

  test('an entry named like an existing symlink replaces the symlink, never writes through it', async () => {
    await apply(h, [[symlink('evil', h.sentinel)], [file('evil', 'pwned', { mode: 0o777 }), dir('evil2/')], [symlink('evil2', h.outside)], [dir('evil2/', { mode: 0o700 })]], mode);
    expect(fs.readFileSync(path.join(h.root, 'evil'), 'utf8')).toBe('pwned');
    expect(fs.lstatSync(path.join(h.root, 'evil2')).isDirectory()).toBe(true);
  });

  test('device nodes are refused when devices are not allowed', async () => {
    await expect(apply(h, [[{ name: 'dev/sda', type: 'block-device', devmajor: 8, devminor: 0 }]], mode, { allowDevices: false })).rejects.toThrow(/device nodes are not allowed/);
    await expect(apply(h, [[{ name: 'dev/mem', type: 'character-device', devmajor: 1, devminor: 1 }]], mode, { allowDevices: false })).rejects.toThrow(/not allowed/);
    expect(fs.existsSync(path.join(h.root, 'dev/sda'))).toBe(false);
    expect(fs.existsSync(path.join(h.root, 'dev/mem'))).toBe(false);
  });

  test('whiteouts with ".." are refused', async () => {
    await expect(apply(h, [[file('.wh...')]], mode)).rejects.toThrow(/invalid whiteout/);
    await expect(apply(h, [[file('x/.wh...')]], mode)).rejects.toThrow(/invalid whiteout/);
    await expect(apply(h, [[whiteout('../../../outside/sentinel')]], mode)).rejects.toThrow(/escapes/);
    await expect(apply(h, [[file('.wh.')]], mode)).rejects.toThrow(/invalid whiteout/);
  });

  test('whiteouts and opaque markers through a symlink act inside the root only', async () => {
    await apply(h, [[symlink('evil', h.outside)], [whiteout('evil/sentinel'), opaque('evil')]], mode);
    await apply(h, [[symlink('evil2', h.outside), whiteout('evil2/sentinel'), opaque('evil2')]], mode);
  });

  test('very long names are refused cleanly', async () => {
    await expect(apply(h, [[file('x'.repeat(300))]], mode)).rejects.toThrow(/longer than 255/);
    const deep = Array.from({ length: 30 }, () => 'd'.repeat(200)).join('/');
    await expect(apply(h, [[file(deep)]], mode)).rejects.toThrow(/longer than 4096/);
    await expect(apply(h, [[symlink('l', 'y'.repeat(5000))]], mode)).rejects.toThrow();
  });

  test('a symlink loop is refused, not followed forever', async () => {
    await expect(apply(h, [[symlink('l1', 'l2'), symlink('l2', 'l1'), file('l1/x')]], mode)).rejects.toThrow(/too many levels/);
  });
});
