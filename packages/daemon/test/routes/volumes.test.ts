// /volumes over the fake containerd: Docker's shapes, filters, in-use refusals, prune, restart.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VolumeStore } from '../../src/volumes/store';
import { fakeDaemon } from '../helpers/fake-containerd';

let d: ReturnType<typeof fakeDaemon>;
beforeEach(() => {
  d = fakeDaemon();
  // Creates read the new container's files (copy-up, user names): here an empty root filesystem,
  // which needs no mount; the copy itself is tested in test/core and the integration test.
  d.port.snapshotMounts = async () => [];
});
afterEach(async () => {
  await d.close();
});

const req = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => d.app.inject({ method, url, ...(payload ? { payload } : {}) });

it('creates, inspects, lists and removes a named volume', async () => {
  const created = await req('POST', '/volumes/create', { Name: 'data1', Labels: { team: 'a' }, DriverOpts: {} });
  expect(created.statusCode).toBe(201);
  const v = created.json();
  expect(v).toEqual({
    Name: 'data1',
    Driver: 'local',
    Mountpoint: path.join(d.dir, 'data', 'volumes', 'data1', '_data'),
    CreatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    Labels: { team: 'a' },
    Scope: 'local',
    Options: {},
  });
  expect(fs.statSync(v.Mountpoint).isDirectory()).toBe(true);
  // Creating it again returns the existing one.
  expect((await req('POST', '/volumes/create', { Name: 'data1' })).json().Labels).toEqual({ team: 'a' });
  expect((await req('GET', '/volumes/data1')).json()).toEqual(v);
  expect((await req('GET', '/volumes')).json()).toEqual({ Volumes: [v], Warnings: null });
  expect((await req('DELETE', '/volumes/data1')).statusCode).toBe(204);
  expect(fs.existsSync(v.Mountpoint)).toBe(false);
  const gone = await req('GET', '/volumes/data1');
  expect(gone.statusCode).toBe(404);
  expect(gone.json().message).toBe('get data1: no such volume');
  expect((await req('DELETE', '/volumes/data1')).statusCode).toBe(404);
  expect((await req('DELETE', '/volumes/data1?force=1')).statusCode).toBe(204);
});

it('refuses local driver options dockerd does not know', async () => {
  const r = await req('POST', '/volumes/create', { Name: 'opts', DriverOpts: { bogus: '1' } });
  expect(r.statusCode).toBe(400);
  expect(r.json().message).toBe('invalid option: "bogus"');
});

it('generates a 64-hex name and refuses bad names and drivers', async () => {
  expect((await req('POST', '/volumes/create', {})).json().Name).toMatch(/^[0-9a-f]{64}$/);
  const bad = await req('POST', '/volumes/create', { Name: 'a/b' });
  expect(bad.statusCode).toBe(400);
  expect(bad.json().message).toContain('includes invalid characters for a local volume name');
  expect((await req('POST', '/volumes/create', { Name: 'x', Driver: 'nfs' })).statusCode).toBe(404);
});

it('filters by name, label, driver and dangling', async () => {
  await req('POST', '/volumes/create', { Name: 'alpha', Labels: { k: 'v' } });
  await req('POST', '/volumes/create', { Name: 'beta' });
  await req('POST', '/containers/create?name=user', { Image: 'busybox', HostConfig: { Binds: ['beta:/b'] } });
  const names = async (filters: object) =>
    ((await req('GET', `/volumes?filters=${encodeURIComponent(JSON.stringify(filters))}`)).json().Volumes as Array<{ Name: string }>).map((v) => v.Name).sort();
  expect(await names({ name: ['alp'] })).toEqual(['alpha']);
  expect(await names({ label: ['k=v'] })).toEqual(['alpha']);
  expect(await names({ label: ['k=w'] })).toEqual([]);
  expect(await names({ driver: ['local'] })).toEqual(['alpha', 'beta']);
  expect(await names({ dangling: ['true'] })).toEqual(['alpha']);
  expect(await names({ dangling: ['0'] })).toEqual(['beta']);
  expect((await req('GET', `/volumes?filters=${encodeURIComponent('{"nope":["x"]}')}`)).statusCode).toBe(400);
});

it('refuses to remove a volume in use, even with force', async () => {
  const id = (await req('POST', '/containers/create', { Image: 'busybox', HostConfig: { Binds: ['shared:/data'] } })).json().Id as string;
  for (const url of ['/volumes/shared', '/volumes/shared?force=1']) {
    const r = await req('DELETE', url);
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toBe(`remove shared: volume is in use - [${id}]`);
  }
  expect((await req('DELETE', `/containers/${id}?v=1`)).statusCode).toBe(204);
  // rm -v removes only anonymous volumes.
  expect((await req('GET', '/volumes/shared')).statusCode).toBe(200);
  expect((await req('DELETE', '/volumes/shared')).statusCode).toBe(204);
});

it('prunes unused anonymous volumes, all of them with all=true, and old API versions prune all', async () => {
  await req('POST', '/volumes/create', { Name: 'named' });
  const id = (await req('POST', '/containers/create', { Image: 'busybox', Volumes: { '/anon': {} } })).json().Id as string;
  const anon = (await req('GET', `/containers/${id}/json`)).json().Mounts[0].Name as string;
  expect(anon).toMatch(/^[0-9a-f]{64}$/);
  expect((await req('GET', `/volumes/${anon}`)).json().Labels).toEqual({ 'com.docker.volume.anonymous': '' });
  expect((await req('POST', '/volumes/prune')).json()).toEqual({ VolumesDeleted: [], SpaceReclaimed: 0 });
  await req('DELETE', `/containers/${id}`);
  fs.writeFileSync(path.join(d.dir, 'data', 'volumes', anon, '_data', 'f'), 'hello');
  expect((await req('POST', '/volumes/prune')).json()).toEqual({ VolumesDeleted: [anon], SpaceReclaimed: 5 });
  expect((await req('POST', '/v1.44/volumes/prune')).json().VolumesDeleted).toEqual([]);
  expect((await req('POST', '/v1.41/volumes/prune')).json().VolumesDeleted).toEqual(['named']);
  await req('POST', '/volumes/create', { Name: 'named2' });
  expect((await req('POST', `/volumes/prune?filters=${encodeURIComponent('{"all":["true"]}')}`)).json().VolumesDeleted).toEqual(['named2']);
});

it('keeps volumes across a restart (metadata on disk)', async () => {
  await req('POST', '/volumes/create', { Name: 'kept', Labels: { a: 'b' } });
  const again = new VolumeStore(path.join(d.dir, 'data', 'volumes'), () => []);
  expect(again.get('kept')).toMatchObject({ Name: 'kept', Labels: { a: 'b' }, Options: null });
});

it('counts volumes in system df', async () => {
  await req('POST', '/volumes/create', { Name: 'dfvol' });
  await req('POST', '/containers/create', { Image: 'busybox', HostConfig: { Binds: ['dfvol:/x'] } });
  fs.writeFileSync(path.join(d.dir, 'data', 'volumes', 'dfvol', '_data', 'f'), 'abc');
  expect((await req('GET', '/system/df')).json().Volumes).toEqual([expect.objectContaining({ Name: 'dfvol', UsageData: { Size: 3, RefCount: 1 } })]);
});
