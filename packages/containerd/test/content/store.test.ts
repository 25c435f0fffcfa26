import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSkiffError } from '@skiff/errors';
import { ContentStore } from '../../src/content/store';
import { Fixtures } from '../helpers/images/fixtures';
import { readAll } from '../helpers/images/tars';

jest.setTimeout(60_000);

const fx = new Fixtures();
afterEach(() => fx.cleanup());

const digestOf = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

async function open(root?: string, clock?: () => Date): Promise<ContentStore> {
  const store = new ContentStore(root ?? path.join(fx.tempDir(), 'content'), clock);
  await store.open();
  return store;
}

async function failure(p: Promise<unknown>): Promise<{ kind: string; message: string }> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isSkiffError(err)).toBe(true);
  return err as { kind: string; message: string };
}

async function put(store: ContentStore, data: string, labels: Record<string, string> = {}): Promise<string> {
  const w = await store.writer(`ref-${data}`);
  await w.write(Buffer.from(data));
  return (await w.commit(digestOf(data), data.length, labels)).digest;
}

test('write, commit, info, read (whole, from an offset, a range), blob file is read-only', async () => {
  const store = await open(undefined, () => new Date('2024-01-01T00:00:00Z'));
  const data = Buffer.from('hello, content store');
  const w = await store.writer('pull-1', { total: data.length, expected: digestOf(data) });
  expect(await w.write(data.subarray(0, 5))).toBe(5);
  expect((await store.status('pull-1')).offset).toBe(5);
  await w.write(data.subarray(5), 5);
  const info = await w.commit(undefined, undefined, { 'containerd.io/gc.root': 'yes' });
  expect(info).toEqual({ digest: digestOf(data), size: data.length, createdAt: new Date('2024-01-01T00:00:00Z'), updatedAt: new Date('2024-01-01T00:00:00Z'), labels: { 'containerd.io/gc.root': 'yes' } });
  expect(await store.info(digestOf(data))).toEqual(info);
  const file = path.join(store.root, 'blobs', 'sha256', digestOf(data).slice(7));
  expect(fs.statSync(file).mode & 0o777).toBe(0o444);
  expect((await readAll(await store.reader(info.digest))).toString()).toBe('hello, content store');
  expect((await readAll(await store.reader(info.digest, { offset: 7 }))).toString()).toBe('content store');
  expect((await readAll(await store.reader(info.digest, { offset: 7, size: 7 }))).toString()).toBe('content');
  expect((await readAll(await store.reader(info.digest, { offset: data.length }))).length).toBe(0);
  expect((await failure(store.reader(info.digest, { offset: data.length + 1 }))).kind).toBe('OutOfRange');
  expect((await store.readBlob(info.digest)).equals(data)).toBe(true);
  await expect(store.status('pull-1')).rejects.toThrow(/no ingest/);
});

test('an interrupted ingest resumes at the offset already written, across a re-open', async () => {
  const root = path.join(fx.tempDir(), 'content');
  const data = Buffer.alloc(200_000, 3);
  data.write('start');
  const s1 = await open(root);
  const w1 = await s1.writer('layer-ref', { total: data.length });
  await w1.write(data.subarray(0, 70_000));
  await w1.close();
  await expect(w1.write(Buffer.from('x'))).rejects.toThrow(/closed/);

  const s2 = await open(root);
  expect(await s2.status('layer-ref')).toMatchObject({ ref: 'layer-ref', offset: 70_000, total: data.length });
  expect((await s2.listStatuses()).map((s) => s.ref)).toEqual(['layer-ref']);
  expect((await s2.listStatuses(['ref~=^other'])).length).toBe(0);
  const w2 = await s2.writer('layer-ref');
  expect(w2.offset).toBe(70_000);
  expect((await failure(w2.write(data.subarray(0, 10), 0))).kind).toBe('OutOfRange');
  await w2.write(data.subarray(70_000), 70_000);
  const info = await w2.commit(digestOf(data));
  expect(info.size).toBe(data.length);
  expect((await s2.readBlob(info.digest)).equals(data)).toBe(true);
});

test('digest or size mismatch: FAILED_PRECONDITION naming both, and the partial data is gone', async () => {
  const store = await open();
  const w = await store.writer('bad');
  await w.write(Buffer.from('not what you expected'));
  const wrongDigest = digestOf('something else');
  const err = await failure(w.commit(wrongDigest));
  expect(err.kind).toBe('FailedPrecondition');
  expect(err.message).toContain(`expected digest ${wrongDigest}, got ${digestOf('not what you expected')}`);
  await expect(store.status('bad')).rejects.toThrow(/no ingest/);
  expect(fs.readdirSync(path.join(store.root, 'ingest'))).toEqual([]);
  expect(await store.list()).toEqual([]);

  const w2 = await store.writer('short');
  await w2.write(Buffer.from('abc'));
  const err2 = await failure(w2.commit(digestOf('abc'), 4));
  expect([err2.kind, err2.message]).toEqual(['FailedPrecondition', expect.stringContaining('expected size 4, got 3 bytes')]);
  expect(fs.readdirSync(path.join(store.root, 'ingest'))).toEqual([]);

  const w3 = await store.writer('over', { total: 2 });
  expect((await failure(w3.write(Buffer.from('abc')))).message).toMatch(/exceed the expected size 2/);
  await w3.close();
  expect((await failure(store.writer('x', { expected: 'md5:abc' }))).kind).toBe('InvalidArgument');
  const w4 = await store.writer('nodigest');
  expect((await failure(w4.commit())).message).toMatch(/expected digest is required/);
  await w4.close();
});

test('a second writer on the same ref is refused while the first holds it; abort drops an ingest', async () => {
  const store = await open();
  const w = await store.writer('same');
  await w.write(Buffer.from('abc'));
  const err = await failure(store.writer('same'));
  expect([err.kind, err.message]).toEqual(['Unavailable', expect.stringMatching(/ref "same" is locked/)]);
  // Even through another instance over the same root.
  expect((await failure((await open(store.root)).writer('same'))).kind).toBe('Unavailable');
  expect((await failure(store.abort('same'))).kind).toBe('Unavailable');
  await w.close();
  await store.abort('same');
  await expect(store.status('same')).rejects.toThrow(/no ingest/);
  expect((await failure(store.abort('same'))).kind).toBe('NotFound');
  const again = await store.writer('same');
  expect(again.offset).toBe(0);
  await again.close();
});

test('committing content that exists already is ALREADY_EXISTS and drops the ingest', async () => {
  const store = await open();
  await put(store, 'dup');
  const w = await store.writer('dup-again');
  await w.write(Buffer.from('dup'));
  expect((await failure(w.commit(digestOf('dup')))).kind).toBe('AlreadyExists');
  await expect(store.status('dup-again')).rejects.toThrow(/no ingest/);
});

test('labels: update replaces all, or single keys by field path; persisted', async () => {
  let now = new Date('2024-01-01T00:00:00Z');
  const store = await open(undefined, () => now);
  const d = await put(store, 'labelled', { a: '1', b: '2' });
  now = new Date('2024-02-01T00:00:00Z');
  expect((await store.update(d, { b: '3', c: '4' }, ['labels.b', 'labels.a'])).labels).toEqual({ b: '3' });
  const info = await store.update(d, { x: 'y' });
  expect(info).toMatchObject({ labels: { x: 'y' }, createdAt: new Date('2024-01-01T00:00:00Z'), updatedAt: new Date('2024-02-01T00:00:00Z') });
  expect((await (await open(store.root)).info(d)).labels).toEqual({ x: 'y' });
  expect((await failure(store.update(d, {}, ['size']))).kind).toBe('InvalidArgument');
  expect((await failure(store.update(d, { k: 'v'.repeat(5000) }))).message).toMatch(/exceed 4096 bytes/);
  expect((await failure(store.update(digestOf('absent'), {}))).kind).toBe('NotFound');
});

test('list with filters; delete', async () => {
  const store = await open();
  const a = await put(store, 'aaa', { kind: 'manifest', 'containerd.io/gc.ref.content.config': digestOf('x') });
  const b = await put(store, 'bbbb', { kind: 'layer' });
  const c = await put(store, 'c');
  const names = async (filters: string[]) => (await store.list(filters)).map((i) => i.digest).sort();
  expect(await names([])).toEqual([a, b, c].sort());
  expect(await names(['labels.kind==layer'])).toEqual([b]);
  expect(await names(['labels.kind'])).toEqual([a, b].sort());
  expect(await names(['labels.kind!=layer'])).toEqual([a, c].sort());
  expect(await names(['labels.kind==manifest', 'size==4'])).toEqual([a, b].sort());
  expect(await names(['labels.containerd.io/gc.ref.content.config~=^sha256:'])).toEqual([a]);
  expect(await names([`digest==${c}`])).toEqual([c]);
  await store.delete(b);
  expect(await names([])).toEqual([a, c].sort());
  expect((await failure(store.delete(b))).kind).toBe('NotFound');
  expect((await failure(store.info(b))).kind).toBe('NotFound');
  expect((await failure(store.info('sha256:XYZ'))).kind).toBe('InvalidArgument');
  expect(fs.readdirSync(path.join(store.root, 'metadata', 'sha256')).sort()).toEqual([`${a.slice(7)}.json`, `${c.slice(7)}.json`].sort());
});

test('a blob without metadata (crash between the renames) still reads; corrupt metadata is an error', async () => {
  const store = await open();
  const d = await put(store, 'orphan', { l: 'v' });
  const meta = path.join(store.root, 'metadata', 'sha256', `${d.slice(7)}.json`);
  fs.rmSync(meta);
  expect(await store.info(d)).toMatchObject({ digest: d, size: 6, labels: {} });
  fs.writeFileSync(meta, '{"labels": 5}');
  await expect(store.info(d)).rejects.toThrow(/unexpected content/);
});

test('writes of several buffers at once, past the background flush, commit the bytes in order', async () => {
  const store = await open();
  const pieces = Array.from({ length: 40 }, (_, i) => Buffer.alloc(700 * 1024 + i, i));
  const data = Buffer.concat(pieces);
  const w = await store.writer('pull-many', { total: data.length, expected: digestOf(data) });
  for (let i = 0; i < pieces.length; i += 8) await w.write(pieces.slice(i, i + 8));
  await w.write([Buffer.alloc(0)]);
  expect(w.offset).toBe(data.length);
  const info = await w.commit();
  expect(info.size).toBe(data.length);
  expect(fs.readFileSync(store.blobPath(info.digest)).equals(data)).toBe(true);
});
