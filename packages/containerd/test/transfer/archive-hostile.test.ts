// Archives built to escape: paths out of the archive in manifest.json, member names with ".." or
// "/", links out of it, link loops, blobs that lie about their digest, devices, a layer reaching
// out of its snapshot. Each is refused, creates no image, leaves no lease, writes nothing outside
// the store.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { importArchive } from '../../src/transfer/archive-import';
import { ArchiveEnv, Fixtures, NS, isRoot, streamOf, unmountUnder } from '../helpers/archive/env';
import { type TarEntry, buildTar, dir, file, symlink } from '../helpers/images/tars';

jest.setTimeout(120_000);

const fx = new Fixtures();
const roots: string[] = [];
afterEach(async () => {
  for (const r of roots.splice(0)) await unmountUnder(r);
  await fx.cleanup();
});

const OTHER_RUNS = /^(skiff-|skd-|jest|sb[a-z]-|ci-)/;

const sha256 = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const hashFile = (p: string) => sha256(fs.readFileSync(p));

async function refused(entries: TarEntry[], options: { unpack?: boolean } = {}): Promise<{ env: ArchiveEnv; error: unknown }> {
  const env = await ArchiveEnv.create(fx);
  roots.push(env.root);
  const passwd = hashFile('/etc/passwd');
  const outside = path.dirname(env.root);
  const before = new Set(fs.readdirSync(outside));
  const error = await importArchive(env.deps, NS, streamOf(await buildTar(entries), 512), options).then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toMatchObject({ kind: 'InvalidArgument' });
  expect(env.images.list(NS)).toEqual([]);
  expect(await env.leases.listLeases()).toEqual([]);
  expect(hashFile('/etc/passwd')).toBe(passwd);
  // Other tests and benchmarks of this project may create their own temporary directories meanwhile.
  expect(fs.readdirSync(outside).filter((n) => !before.has(n) && !OTHER_RUNS.test(n))).toEqual([]);
  expect(fs.existsSync(path.join(env.root, 'evil'))).toBe(false);
  expect((await env.snapshotter.list()).filter((s) => s.kind !== 'committed')).toEqual([]);
  return { env, error };
}

const config = (diffIds: string[]) => Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: diffIds } }));

test('manifest.json pointing at ../../etc/passwd', async () => {
  const { error } = await refused([file('manifest.json', JSON.stringify([{ Config: '../../etc/passwd', RepoTags: ['x:y'], Layers: [] }]))]);
  expect(String((error as Error).message)).toMatch(/escapes the archive/);
});

test('manifest.json naming a layer outside the archive, or absent from it', async () => {
  const c = config(['sha256:' + '0'.repeat(64)]);
  await refused([file('c.json', c), file('manifest.json', JSON.stringify([{ Config: 'c.json', Layers: ['a/../../../etc/shadow'] }]))]);
  await refused([file('c.json', c), file('manifest.json', JSON.stringify([{ Config: 'c.json', Layers: ['/etc/shadow'] }]))]);
  await refused([file('c.json', c), file('manifest.json', JSON.stringify([{ Config: 'c.json', Layers: ['nothere/layer.tar'] }]))]);
});

test('member names with .. or an absolute path', async () => {
  await refused([file('../evil', 'x'), file('manifest.json', '[]')]);
  await refused([file('a/../../evil', 'x'), file('manifest.json', '[]')]);
  await refused([file('/tmp/evil', 'x'), file('manifest.json', '[]')]);
});

test('symlinked members pointing out of the archive, or in a loop', async () => {
  const layer = await buildTar([file('f', 'f')]);
  const c = config([sha256(layer)]);
  const manifest = file('manifest.json', JSON.stringify([{ Config: 'c.json', RepoTags: ['x:y'], Layers: ['a/layer.tar'] }]));
  await refused([file('c.json', c), symlink('a/layer.tar', '/etc/passwd'), manifest]);
  await refused([file('c.json', c), symlink('a/layer.tar', '../../etc/passwd'), manifest]);
  await refused([file('c.json', c), symlink('a', '/etc'), file('manifest.json', JSON.stringify([{ Config: 'c.json', Layers: ['a/passwd'] }]))]);
  await refused([file('c.json', c), symlink('a/layer.tar', '../b/layer.tar'), symlink('b/layer.tar', '../a/layer.tar'), manifest]);
  await refused([file('c.json', c), { name: 'a/layer.tar', type: 'link', linkname: '../etc/passwd' }, manifest]);
});

test('a blob whose bytes do not match its name, and a device member', async () => {
  await refused([file(`blobs/sha256/${'a'.repeat(64)}`, 'not that'), file('index.json', JSON.stringify({ schemaVersion: 2, manifests: [] }))]);
  await refused([{ name: 'dev/null', type: 'character-device', devmajor: 1, devminor: 3 }, file('manifest.json', '[]')]);
});

test('a layer that does not match the config, and an index entry the archive lacks', async () => {
  const layer = await buildTar([file('f', 'f')]);
  await refused([file('l.tar', layer), file('c.json', config([sha256(Buffer.from('other'))])), file('manifest.json', JSON.stringify([{ Config: 'c.json', Layers: ['l.tar'] }]))]);
  await refused([
    file('index.json', JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: `sha256:${'b'.repeat(64)}`, size: 10 }] })),
  ]);
});

test('invalid JSON and archives that are not image archives', async () => {
  await refused([file('manifest.json', '{not json')]);
  await refused([file('manifest.json', JSON.stringify([{ Layers: 'x' }]))]);
  await refused([file('readme', 'hello')]);
});

(isRoot ? test : test.skip)('a layer whose entries climb out of the snapshot is refused at unpack, and its snapshot removed', async () => {
  const layer = await buildTar([dir('etc/'), file('../../../../evil', 'x'), file('etc/ok', 'ok')]);
  const { env } = await refused(
    [file('l.tar', layer), file('c.json', config([sha256(layer)])), file('manifest.json', JSON.stringify([{ Config: 'c.json', RepoTags: ['x:y'], Layers: ['l.tar'] }]))],
    { unpack: true },
  );
  expect(await env.snapshotter.list()).toEqual([]);
  expect(fs.existsSync('/evil')).toBe(false);
});
