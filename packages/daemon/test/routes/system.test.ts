// /_ping, /version, /info and API versioning, through fastify's inject over a fake containerd.
import { fakeDaemon } from '../helpers/fake-containerd';

let d: ReturnType<typeof fakeDaemon>;
beforeEach(() => {
  d = fakeDaemon();
});
afterEach(async () => {
  await d.close();
});

describe('/_ping', () => {
  it.each(['/_ping', '/v1.44/_ping', '/v1.24/_ping'])('GET %s answers OK with the engine headers', async (url) => {
    const r = await d.app.inject({ method: 'GET', url });
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe('OK');
    expect(r.headers).toMatchObject({
      'api-version': '1.44',
      ostype: 'linux',
      'docker-experimental': 'false',
      'cache-control': 'no-cache, no-store, must-revalidate',
      pragma: 'no-cache',
    });
    expect(r.headers.server).toMatch(/^Docker\/\S+ \(linux\) skiffd$/);
  });

  it('HEAD has the same headers and no body', async () => {
    const r = await d.app.inject({ method: 'HEAD', url: '/_ping' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe('');
    expect(r.headers).toMatchObject({ 'api-version': '1.44', ostype: 'linux', pragma: 'no-cache', 'cache-control': 'no-cache, no-store, must-revalidate' });
  });
});

describe('API versions', () => {
  it('a version above 1.44 is refused with Docker\'s message', async () => {
    const r = await d.app.inject({ method: 'GET', url: '/v1.52/version' });
    expect(r.statusCode).toBe(400);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.json()).toEqual({ message: 'client version 1.52 is too new. Maximum supported API version is 1.44' });
  });

  it('a version below 1.24 is refused with Docker\'s message', async () => {
    const r = await d.app.inject({ method: 'GET', url: '/v1.10/containers/json' });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toEqual({ message: 'client version 1.10 is too old. Minimum supported API version is 1.24, please upgrade your client to a newer version' });
  });

  it('every route answers with and without a version prefix; unknown paths are 404', async () => {
    for (const url of ['/containers/json', '/v1.41/containers/json', '/v1.44/containers/json?all=1']) {
      expect((await d.app.inject({ method: 'GET', url })).statusCode).toBe(200);
    }
    const r = await d.app.inject({ method: 'GET', url: '/v1.44/nope' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ message: 'page not found' });
  });
});

describe('/version and /info', () => {
  it('/version advertises 1.44 and the 1.24 minimum', async () => {
    const v = (await d.app.inject({ method: 'GET', url: '/version' })).json();
    expect(v).toMatchObject({ ApiVersion: '1.44', MinAPIVersion: '1.24', Os: 'linux', Components: [{ Name: 'Engine' }, { Name: 'skiff-containerd', Version: 'fake' }] });
  });

  it('/info counts containers by state and describes the host', async () => {
    await d.app.inject({ method: 'POST', url: '/containers/create', payload: { Image: 'busybox', Cmd: ['true'] } });
    const info = (await d.app.inject({ method: 'GET', url: '/info' })).json();
    expect(info).toMatchObject({
      Containers: 1,
      ContainersRunning: 0,
      ContainersStopped: 1,
      Images: 1,
      OSType: 'linux',
      CgroupDriver: 'cgroupfs',
      DefaultRuntime: 'builtin',
      Runtimes: { builtin: expect.any(Object) },
      DockerRootDir: `${d.dir}/data`,
      Swarm: { LocalNodeState: 'inactive' },
    });
    expect(['1', '2']).toContain(info.CgroupVersion);
    expect(info.NCPU).toBeGreaterThan(0);
    expect(info.ID).toMatch(/^[0-9a-f-]{36}$/);
  });
});
