// docker cp's routes over the fake: the stopped container's snapshot is a host directory the
// fake bind-mounts, so the tests see exactly what lands on the host.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { fakeDaemon } from '../helpers/fake-containerd';

let d: ReturnType<typeof fakeDaemon>;
let rootfs: string;
let id: string;

beforeEach(async () => {
  d = fakeDaemon();
  id = (await d.app.inject({ method: 'POST', url: '/containers/create?name=box', payload: { Image: 'busybox' } })).json().Id as string;
  rootfs = path.join(d.dir, 'snapshot');
  fs.mkdirSync(path.join(rootfs, 'etc'), { recursive: true });
  fs.writeFileSync(path.join(rootfs, 'etc', 'hostname'), 'box\n');
  fs.symlinkSync('/', path.join(rootfs, 'hostroot'));
  d.port.snapshotDirs.set(id, rootfs);
});
afterEach(async () => {
  // A GET's view is released once its tar has been read out, just after the reply completes.
  const deadline = Date.now() + 2_000;
  while (fs.readFileSync('/proc/self/mountinfo', 'utf8').includes(d.dir) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const mounts = fs.readFileSync('/proc/self/mountinfo', 'utf8');
  await d.close();
  expect(mounts).not.toContain(d.dir);
});

function statHeader(h: string | string[] | number | undefined) {
  return JSON.parse(Buffer.from(String(h), 'base64').toString());
}

async function tarBuffer(entries: Array<{ name: string; body?: string; type?: 'symlink' | 'directory'; linkname?: string }>): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) pack.entry({ name: e.name, type: e.type ?? 'file', linkname: e.linkname, mode: 0o644 }, e.body ?? '');
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of Readable.from(pack)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function names(body: Buffer): Promise<string[]> {
  const extract = tar.extract();
  Readable.from([body]).pipe(extract as unknown as NodeJS.WritableStream);
  const out: string[] = [];
  for await (const e of extract) {
    out.push(e.header.name);
    e.resume();
  }
  return out;
}

it('HEAD stats a path with Docker\'s header; a missing one is a 404', async () => {
  const r = await d.app.inject({ method: 'HEAD', url: '/containers/box/archive?path=/etc/hostname' });
  expect(r.statusCode).toBe(200);
  expect(statHeader(r.headers['x-docker-container-path-stat'])).toMatchObject({ name: 'hostname', size: 4, mode: 0o644, linkTarget: '' });
  const dir = statHeader((await d.app.inject({ method: 'HEAD', url: '/containers/box/archive?path=/etc' })).headers['x-docker-container-path-stat']);
  expect(dir.mode >>> 31).toBe(1);
  const link = statHeader((await d.app.inject({ method: 'HEAD', url: '/containers/box/archive?path=/hostroot' })).headers['x-docker-container-path-stat']);
  expect(link.linkTarget).toBe('/');
  const missing = await d.app.inject({ method: 'GET', url: '/containers/box/archive?path=/nope' });
  expect(missing.statusCode).toBe(404);
  expect(missing.json().message).toBe('Could not find the file /nope in container box');
  expect((await d.app.inject({ method: 'GET', url: '/containers/nosuch/archive?path=/' })).statusCode).toBe(404);
});

it('GET archives a path named from its base, and a symlink to / stays in the container', async () => {
  const r = await d.app.inject({ method: 'GET', url: '/containers/box/archive?path=/etc' });
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-type']).toBe('application/x-tar');
  expect(await names(r.rawPayload)).toEqual(['etc/', 'etc/hostname']);
  const through = await d.app.inject({ method: 'GET', url: '/containers/box/archive?path=/hostroot/etc/.' });
  expect(await names(through.rawPayload)).toEqual(['./', './hostname']);
});

it('PUT extracts into a directory and keeps the archive\'s escapes inside the container', async () => {
  const body = await tarBuffer([{ name: 'new.txt', body: 'hi' }, { name: 'out', type: 'symlink', linkname: '/' }, { name: 'out/tmp/escaped', body: 'x' }]);
  const r = await d.app.inject({ method: 'PUT', url: '/containers/box/archive?path=/hostroot/etc', payload: body, headers: { 'content-type': 'application/x-tar' } });
  expect(r.statusCode).toBe(200);
  expect(fs.readFileSync(path.join(rootfs, 'etc', 'new.txt'), 'utf8')).toBe('hi');
  expect(fs.readFileSync(path.join(rootfs, 'tmp', 'escaped'), 'utf8')).toBe('x');
  expect(fs.existsSync('/tmp/escaped')).toBe(false);
});

it('PUT answers 404 for a missing directory, 400 for a file and for a dir/non-dir clash', async () => {
  const body = await tarBuffer([{ name: 'etc', body: 'x' }]);
  const put = (query: string) => d.app.inject({ method: 'PUT', url: `/containers/box/archive?${query}`, payload: body, headers: { 'content-type': 'application/x-tar' } });
  expect((await put('path=/missing')).statusCode).toBe(404);
  const file = await put('path=/etc/hostname');
  expect(file.statusCode).toBe(400);
  expect(file.json().message).toBe('extraction point is not a directory');
  const clash = await put('path=/&noOverwriteDirNonDir=1');
  expect(clash.statusCode).toBe(400);
  expect(clash.json().message).toMatch(/cannot overwrite directory "\/etc" with non-directory "etc"/);
});

it('export streams the snapshot as a tar; changes lists what the upper layer holds', async () => {
  const r = await d.app.inject({ method: 'GET', url: '/containers/box/export' });
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-type']).toBe('application/x-tar');
  expect(await names(r.rawPayload)).toEqual(['etc/', 'etc/hostname', 'hostroot']);
  // The fake's snapshot is one directory without parents: everything in it is new.
  const c = await d.app.inject({ method: 'GET', url: '/containers/box/changes' });
  expect(c.json()).toEqual([
    { Path: '/etc', Kind: 1 },
    { Path: '/etc/hostname', Kind: 1 },
    { Path: '/hostroot', Kind: 1 },
  ]);
  expect((await d.app.inject({ method: 'GET', url: '/containers/nosuch/changes' })).statusCode).toBe(404);
});

it('PUT refuses a read-only rootfs (403) and gives the files to the container user with copyUIDGID', async () => {
  const body = await tarBuffer([{ name: 'owned.txt', body: 'x' }]);
  const ro = (await d.app.inject({ method: 'POST', url: '/containers/create?name=ro', payload: { Image: 'busybox', HostConfig: { ReadonlyRootfs: true } } })).json().Id as string;
  d.port.snapshotDirs.set(ro, rootfs);
  const refused = await d.app.inject({ method: 'PUT', url: '/containers/ro/archive?path=/', payload: body, headers: { 'content-type': 'application/x-tar' } });
  expect(refused.statusCode).toBe(403);
  expect(refused.json().message).toBe('container rootfs is marked read-only');

  const user = (await d.app.inject({ method: 'POST', url: '/containers/create?name=user', payload: { Image: 'busybox', User: '1234:5678' } })).json().Id as string;
  d.port.snapshotDirs.set(user, rootfs);
  const r = await d.app.inject({ method: 'PUT', url: '/containers/user/archive?path=/&copyUIDGID=1', payload: body, headers: { 'content-type': 'application/x-tar' } });
  expect(r.statusCode).toBe(200);
  const st = fs.statSync(path.join(rootfs, 'owned.txt'));
  expect([st.uid, st.gid]).toEqual([1234, 5678]);
});
