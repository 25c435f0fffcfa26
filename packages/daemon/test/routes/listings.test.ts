// The read-only listings clients ask for at start-up: networks (host and none), volumes (none
// yet) and system df.
import { fakeDaemon } from '../helpers/fake-containerd';

let d: ReturnType<typeof fakeDaemon>;
beforeEach(() => {
  d = fakeDaemon();
});
afterEach(async () => {
  await d.close();
});

const get = (url: string) => d.app.inject({ method: 'GET', url });

it('lists the host and none networks with stable ids, and finds them by name or id prefix', async () => {
  const list = (await get('/networks')).json() as Array<{ Name: string; Id: string; Driver: string; Scope: string }>;
  expect(list.map((n) => [n.Name, n.Driver, n.Scope])).toEqual([
    ['host', 'host', 'local'],
    ['none', 'null', 'local'],
  ]);
  expect((await get('/networks')).json()).toEqual(list);
  expect((await get(`/networks/${list[1]!.Id.slice(0, 6)}`)).json().Name).toBe('none');
  expect((await get('/networks/host')).json().Id).toBe(list[0]!.Id);
  const missing = await get('/networks/bridge');
  expect(missing.statusCode).toBe(404);
  expect(missing.json()).toEqual({ message: 'network bridge not found' });
});

it('has no volumes yet', async () => {
  expect((await get('/volumes')).json()).toEqual({ Volumes: [], Warnings: null });
});

it('system df counts images and containers', async () => {
  await d.app.inject({ method: 'POST', url: '/containers/create', payload: { Image: 'busybox' } });
  const df = (await get('/v1.44/system/df')).json();
  expect(df.Images).toHaveLength(1);
  expect(df.Images[0]).toMatchObject({ Id: d.busyboxId, Containers: 1 });
  expect(df.Containers).toHaveLength(1);
  expect(df).toMatchObject({ LayersSize: 0, Volumes: [], BuildCache: [] });
});

it("system df: each image's SharedSize is its layers other images have too; LayersSize counts a layer once", async () => {
  const layer = (n: number, size: number) => ({ digest: `sha256:${String(n).repeat(64)}`, size });
  d.port.addImage('docker.io/library/base:1', { Cmd: ['a'] }, {}, [layer(1, 100)]);
  d.port.addImage('docker.io/library/app:1', { Cmd: ['b'] }, {}, [layer(1, 100), layer(2, 30)]);
  d.port.addImage('docker.io/library/other:1', { Cmd: ['c'] }, {}, [layer(3, 7)]);
  const df = (await get('/v1.44/system/df')).json();
  const shared = Object.fromEntries(df.Images.map((i: { RepoTags: string[]; SharedSize: number; Size: number }) => [i.RepoTags[0], [i.Size, i.SharedSize]]));
  expect(shared).toEqual({ 'busybox:latest': [0, 0], 'base:1': [100, 100], 'app:1': [130, 100], 'other:1': [7, 0] });
  expect(df.LayersSize).toBe(137);
  // The image list leaves it unknown, as dockerd does without shared-size.
  expect((await get('/v1.44/images/json')).json().map((i: { SharedSize: number }) => i.SharedSize)).toEqual([-1, -1, -1, -1]);
});
