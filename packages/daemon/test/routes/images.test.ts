// The image routes over the fake: list, inspect, tag, delete with Docker's conflict rules, pull
// and push with their JSON message streams and credentials, save/load, import and commit.
import { fakeDaemon } from '../helpers/fake-containerd';

let d: ReturnType<typeof fakeDaemon>;
beforeEach(() => {
  d = fakeDaemon();
});
afterEach(async () => {
  await d.close();
});

const get = (url: string) => d.app.inject({ method: 'GET', url });
const post = (url: string, payload?: string | object, headers: Record<string, string> = {}) => d.app.inject({ method: 'POST', url, payload, headers });
const lines = (body: string) =>
  body
    .split('\r\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

async function createContainer(image = 'busybox'): Promise<string> {
  const r = await post('/containers/create', { Image: image });
  expect(r.statusCode).toBe(201);
  return r.json().Id;
}

describe('list and inspect', () => {
  it('lists one entry per image id with its tags and digests', async () => {
    expect((await post('/images/busybox/tag?repo=localhost:5000/bb&tag=v1')).statusCode).toBe(201);
    const r = await get('/v1.44/images/json');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toHaveLength(1);
    expect(r.json()[0]).toMatchObject({ Id: d.busyboxId, ParentId: '', RepoTags: ['busybox:latest', 'localhost:5000/bb:v1'], SharedSize: -1, Containers: 0 });
    expect(r.json()[0].RepoDigests[0]).toMatch(/^busybox@sha256:[0-9a-f]{64}$/);
  });

  it('filters by reference glob and label', async () => {
    d.port.addImage('docker.io/library/alpine:3', { Labels: { tier: 'base' } });
    const names = async (filters: object) => ((await get(`/images/json?filters=${encodeURIComponent(JSON.stringify(filters))}`)).json() as Array<{ RepoTags: string[] }>).flatMap((i) => i.RepoTags);
    expect(await names({ reference: ['alp*'] })).toEqual(['alpine:3']);
    expect(await names({ reference: { 'busybox:latest': true } })).toEqual(['busybox:latest']);
    expect(await names({ label: ['tier=base'] })).toEqual(['alpine:3']);
    expect((await get(`/images/json?filters=${encodeURIComponent('{"color":["x"]}')}`)).json()).toEqual({ message: "invalid filter 'color'" });
  });

  it('inspects by name, full id and short id; unknown is 404 with Docker\'s wording', async () => {
    const byName = (await get('/images/busybox/json')).json();
    expect(byName).toMatchObject({ Id: d.busyboxId, RepoTags: ['busybox:latest'], Os: 'linux', Architecture: 'amd64', Config: { Cmd: ['sh'] }, RootFS: { Type: 'layers', Layers: [] } });
    expect((await get(`/images/${d.busyboxId}/json`)).json().Id).toBe(d.busyboxId);
    expect((await get(`/images/${d.busyboxId.slice(7, 19)}/json`)).json().Id).toBe(d.busyboxId);
    const missing = await get('/images/nope/json');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ message: 'No such image: nope' });
  });

  it('finds names with a registry host and path in the URL', async () => {
    await post('/images/busybox/tag?repo=localhost:5000/team/app&tag=v2');
    expect((await get('/images/localhost:5000/team/app:v2/json')).json().RepoTags).toContain('localhost:5000/team/app:v2');
  });

  it('history is newest first; only the top entry has the id and tags', async () => {
    const id = d.port.addImage('docker.io/library/h:1', { Cmd: ['x'] }, {
      history: [
        { created: '2026-01-01T00:00:00Z', created_by: 'ADD rootfs' },
        { created: '2026-01-02T00:00:00Z', created_by: 'CMD ["x"]', empty_layer: true },
      ],
    });
    expect((await get('/images/h:1/history')).json()).toEqual([
      { Id: id, Created: 1767312000, CreatedBy: 'CMD ["x"]', Tags: ['h:1'], Size: 0, Comment: '' },
      { Id: '<missing>', Created: 1767225600, CreatedBy: 'ADD rootfs', Tags: null, Size: 0, Comment: '' },
    ]);
  });

  it('search answers not implemented', async () => {
    expect((await get('/images/search?term=x')).statusCode).toBe(501);
  });
});

describe('remove', () => {
  it('untags while another name is left, then deletes', async () => {
    await post('/images/busybox/tag?repo=other');
    expect((await d.app.inject({ method: 'DELETE', url: '/images/other' })).json()).toEqual([{ Untagged: 'other:latest' }]);
    const last = (await d.app.inject({ method: 'DELETE', url: '/images/busybox' })).json();
    expect(last).toContainEqual({ Untagged: 'busybox:latest' });
    expect(last).toContainEqual({ Deleted: d.busyboxId });
    expect(d.port.images.size).toBe(0);
  });

  it('refuses an image a container uses, with Docker\'s messages; force untags a stopped one\'s', async () => {
    const id = await createContainer();
    const byName = await d.app.inject({ method: 'DELETE', url: '/images/busybox' });
    expect(byName.statusCode).toBe(409);
    expect(byName.json().message).toBe(`conflict: unable to remove repository reference "busybox" (must force) - container ${id.slice(0, 12)} is using its referenced image ${d.busyboxId.slice(7, 19)}`);
    const byId = await d.app.inject({ method: 'DELETE', url: `/images/${d.busyboxId.slice(7, 19)}` });
    expect(byId.statusCode).toBe(409);
    expect(byId.json().message).toContain('image is being used by stopped container');
    await post(`/containers/${id}/start`);
    const running = await d.app.inject({ method: 'DELETE', url: `/images/${d.busyboxId}?force=1` });
    expect(running.statusCode).toBe(409);
    expect(running.json().message).toContain('(cannot be forced) - image is being used by running container');
  });

  it('by id with several names needs force', async () => {
    await post('/images/busybox/tag?repo=other');
    const r = await d.app.inject({ method: 'DELETE', url: `/images/${d.busyboxId}` });
    expect(r.statusCode).toBe(409);
    expect(r.json().message).toContain('image is referenced in multiple repositories');
    expect((await d.app.inject({ method: 'DELETE', url: `/images/${d.busyboxId}?force=true` })).statusCode).toBe(200);
  });
});

describe('pull and push', () => {
  it('streams Docker\'s progress messages and passes the credentials', async () => {
    d.transfer.registry.set('localhost:5000/app:v1', { Cmd: ['app'] });
    const auth = Buffer.from(JSON.stringify({ username: 'u', password: 'p', serveraddress: 'localhost:5000' })).toString('base64url');
    const r = await post('/images/create?fromImage=localhost:5000/app&tag=v1', undefined, { 'x-registry-auth': auth });
    expect(r.statusCode).toBe(200);
    const messages = lines(r.body);
    expect(messages[0]).toEqual({ status: 'Pulling from library/busybox', progressDetail: {}, id: 'latest' });
    expect(messages[1]).toMatchObject({ status: 'Downloading', id: 'abc', progressDetail: { current: 50, total: 100 } });
    expect(messages[1].progress).toMatch(/^\[=+>\s+\] 50B\/100B$/);
    expect(d.transfer.pulls[0]).toEqual({ reference: 'localhost:5000/app:v1', auth: { username: 'u', password: 'p', serverAddress: 'localhost:5000' } });
    expect((await get('/images/localhost:5000/app:v1/json')).json().Config).toEqual({ Cmd: ['app'] });
  });

  it('a pull that fails before any output is an HTTP error', async () => {
    const r = await post('/images/create?fromImage=nothere&tag=latest');
    expect(r.statusCode).toBe(404);
    expect(r.json().message).toContain('not found');
  });

  it('a platform (docker pull --platform) goes to the pull as the platforms library reads it; a bad one is a 400', async () => {
    d.transfer.registry.set('docker.io/library/busybox:latest', { Cmd: ['sh'] });
    expect((await post('/images/create?fromImage=busybox&tag=latest&platform=linux%2Farm64%2Fv8')).statusCode).toBe(200);
    expect(d.transfer.pulls[0]!.platform).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
    const bad = await post('/images/create?fromImage=busybox&tag=latest&platform=a%2Fb%2Fc%2Fd');
    expect({ status: bad.statusCode, message: bad.json().message }).toEqual({ status: 400, message: '"a/b/c/d": cannot parse platform specifier: invalid argument' });
    expect(d.transfer.pulls).toHaveLength(1);
  });

  it('a digest given as the tag pulls by digest', async () => {
    await post(`/images/create?fromImage=busybox&tag=sha256:${'a'.repeat(64)}`);
    expect(d.transfer.pulls[0]!.reference).toBe(`docker.io/library/busybox@sha256:${'a'.repeat(64)}`);
  });

  it('pushes a local tag; an unknown one is Docker\'s error', async () => {
    await post('/images/busybox/tag?repo=localhost:5000/bb&tag=v1');
    const r = await post('/images/localhost:5000/bb/push?tag=v1', undefined, { 'x-registry-auth': 'e30' });
    expect(lines(r.body)[0].status).toBe('The push refers to repository [localhost:5000/bb:v1]');
    expect(d.transfer.pushed).toEqual([{ name: 'localhost:5000/bb:v1', auth: undefined }]);
    const missing = await post('/images/localhost:5000/none/push?tag=v1');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe('An image does not exist locally with the tag: localhost:5000/none');
  });
});

describe('archives, import and commit', () => {
  it('saves by path and by names; loads with Docker\'s "Loaded image" lines', async () => {
    const one = await get('/images/busybox/get');
    expect(one.headers['content-type']).toBe('application/x-tar');
    expect(JSON.parse(one.body)).toEqual(['docker.io/library/busybox:latest']);
    await post('/images/busybox/tag?repo=b2');
    expect(JSON.parse((await get('/images/get?names=busybox&names=b2')).body)).toEqual(['docker.io/library/busybox:latest', 'docker.io/library/b2:latest']);
    const loaded = await post('/images/load?quiet=1', JSON.stringify(['docker.io/library/loaded:1']), { 'content-type': 'application/x-tar' });
    expect(lines(loaded.body)).toEqual([{ stream: 'Loaded image: docker.io/library/loaded:1\n' }]);
  });

  it('imports a tarball body with changes', async () => {
    const r = await post('/images/create?fromSrc=-&repo=imported&tag=v1&changes=CMD%20%5B%22sh%22%5D&changes=ENV%20A%3D1&message=hello', 'not really a tar', {
      'content-type': 'application/tar',
    });
    expect(r.statusCode).toBe(200);
    const [{ status }] = lines(r.body);
    expect(status).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await get('/images/imported:v1/json')).json()).toMatchObject({ Id: status, Config: { Cmd: ['sh'], Env: ['A=1'] }, Comment: 'hello' });
  });

  it('refuses an unknown change instruction', async () => {
    const r = await post('/images/create?fromSrc=-&repo=x&changes=RUN%20ls', 'x', { 'content-type': 'application/tar' });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toBe('run is not a valid change command');
  });

  it('commits a container with changes, author and comment', async () => {
    const id = await createContainer();
    const r = await post(`/commit?container=${id.slice(0, 8)}&repo=snap&tag=1&author=me&comment=c1&changes=WORKDIR%20%2Fsrv`, { Cmd: ['run'], Env: [] });
    expect(r.statusCode).toBe(201);
    expect(r.json().Id).toMatch(/^sha256:/);
    expect(d.transfer.commits[0]).toEqual({ containerId: id, reference: 'docker.io/library/snap:1', config: { Cmd: ['run'], WorkingDir: '/srv' }, author: 'me', comment: 'c1', pause: true });
    expect((await post('/commit?container=nope')).statusCode).toBe(404);
  });

  it('prunes only untagged images by default, unused ones with dangling=false', async () => {
    d.port.addImage('docker.io/library/unused:1', { Cmd: ['u'] });
    await createContainer();
    expect((await post('/images/prune')).json()).toEqual({ ImagesDeleted: [], SpaceReclaimed: 0 });
    const all = (await post(`/images/prune?filters=${encodeURIComponent('{"dangling":["false"]}')}`)).json();
    expect(all.ImagesDeleted).toContainEqual({ Untagged: 'unused:1' });
    expect(d.port.images.has('docker.io/library/busybox:latest')).toBe(true);
  });
});
