// POST /containers/{id}/update over the fake: Docker's fields as OCI linux.resources.
import { fakeDaemon } from '../helpers/fake-containerd';

let d: ReturnType<typeof fakeDaemon>;
beforeEach(() => {
  d = fakeDaemon();
});
afterEach(async () => {
  await d.close();
});

const post = (url: string, payload?: object) => d.app.inject({ method: 'POST', url, payload });

it('sends memory, cpu and pids limits to the running task', async () => {
  const id = (await post('/containers/create?name=up', { Image: 'busybox', Cmd: ['sleep', '100'] })).json().Id as string;
  expect((await post(`/containers/${id}/start`)).statusCode).toBe(204);
  const r = await post('/containers/up/update', { Memory: 64 * 1024 * 1024, NanoCpus: 500_000_000, CpuShares: 512, PidsLimit: 50, RestartPolicy: { Name: '' } });
  expect(r.statusCode).toBe(200);
  expect(r.json()).toEqual({ Warnings: [] });
  expect(d.port.updates).toEqual([{ id, resources: { memory: { limit: 67108864 }, cpu: { period: 100000, quota: 50000, shares: 512 }, pids: { limit: 50 } } }]);
  await post('/containers/up/update', { PidsLimit: -1, Memory: 0 });
  expect(d.port.updates[1]!.resources).toEqual({ pids: { limit: -1 } });
});

it('refuses a stopped container, an unknown one and a malformed body', async () => {
  const id = (await post('/containers/create', { Image: 'busybox' })).json().Id as string;
  const stopped = await post(`/containers/${id}/update`, { Memory: 1 << 26 });
  expect(stopped.statusCode).toBe(409);
  expect(stopped.json().message).toBe(`Container ${id} is not running`);
  expect((await post('/containers/nope/update', { Memory: 1 })).statusCode).toBe(404);
  expect((await post(`/containers/${id}/update`, { Memory: 'lots' })).statusCode).toBe(400);
});
