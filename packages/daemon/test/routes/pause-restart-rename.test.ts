// pause/unpause, restart and rename over the fake, with Docker's refusals.
import { fakeDaemon } from '../helpers/fake-containerd';

let d: ReturnType<typeof fakeDaemon>;
beforeEach(() => {
  d = fakeDaemon();
});
afterEach(async () => {
  await d.close();
});

const post = (url: string, payload?: object) => d.app.inject({ method: 'POST', url, payload });
const state = async (id: string) => (await d.app.inject({ method: 'GET', url: `/containers/${id}/json` })).json().State;

async function running(name: string): Promise<string> {
  const id = (await post(`/containers/create?name=${name}`, { Image: 'busybox', Cmd: ['sleep', '100'] })).json().Id as string;
  expect((await post(`/containers/${id}/start`)).statusCode).toBe(204);
  return id;
}

it('pauses and unpauses, refusing the wrong state with Docker\'s words', async () => {
  const id = await running('pp');
  expect((await post('/containers/pp/pause')).statusCode).toBe(204);
  expect(await state(id)).toMatchObject({ Status: 'paused', Paused: true, Running: true });
  const again = await post('/containers/pp/pause');
  expect(again.statusCode).toBe(409);
  expect(again.json().message).toBe(`Container ${id} is already paused`);
  expect((await post('/containers/pp/unpause')).statusCode).toBe(204);
  expect((await state(id)).Status).toBe('running');
  expect((await post('/containers/pp/unpause')).json().message).toBe(`Container ${id} is not paused`);
  const created = (await post('/containers/create', { Image: 'busybox' })).json().Id as string;
  expect((await post(`/containers/${created}/pause`)).json().message).toBe(`Container ${created} is not running`);
});

it('restart stops and starts again with a new pid', async () => {
  const id = await running('rr');
  const before = (await state(id)).Pid;
  expect((await post('/containers/rr/restart?t=1')).statusCode).toBe(204);
  const after = await state(id);
  expect(after.Status).toBe('running');
  expect(after.Pid).not.toBe(before);
  expect(d.port.signals).toContainEqual({ id, signal: 15 });
});

it('renames; a taken name is Docker\'s conflict', async () => {
  const a = await running('aa');
  await running('bb');
  expect((await post('/containers/aa/rename?name=cc')).statusCode).toBe(204);
  expect((await d.app.inject({ method: 'GET', url: '/containers/cc/json' })).json().Name).toBe('/cc');
  expect((await d.app.inject({ method: 'GET', url: '/containers/aa/json' })).statusCode).toBe(404);
  const taken = await post('/containers/cc/rename?name=bb');
  expect(taken.statusCode).toBe(409);
  expect(taken.json().message).toMatch(/^Conflict\. The container name "\/bb" is already in use by container "[0-9a-f]{64}"/);
  expect((await post(`/containers/${a}/rename?name=bad%20name`)).statusCode).toBe(400);
});
