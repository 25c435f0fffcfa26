// GET /events over the fake: the container lifecycle published by the core, Docker's message
// shape, since/until, filters, and live delivery.
import type { EngineEvent } from '../../src/core/events';
import { fakeDaemon } from '../helpers/fake-containerd';

let d: ReturnType<typeof fakeDaemon>;
beforeEach(() => {
  d = fakeDaemon();
});
afterEach(async () => {
  await d.close();
});

const post = (url: string, payload?: object) => d.app.inject({ method: 'POST', url, payload });
// Exact decimal seconds (a float would round); `until` a little ahead, as events in the same
// millisecond get distinct nanoseconds after it.
const nowSeconds = (aheadMs = 0): string => {
  const ms = Date.now() + aheadMs;
  return `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, '0')}`;
};
const lines = (body: string): EngineEvent[] => body.split('\n').filter(Boolean).map((l) => JSON.parse(l) as EngineEvent);
const events = async (query: Record<string, string>) => {
  const r = await d.app.inject({ method: 'GET', url: `/events?${new URLSearchParams(query).toString()}` });
  expect(r.statusCode).toBe(200);
  expect(r.headers['content-type']).toBe('application/json');
  return lines(r.body);
};

async function lifecycle(name: string): Promise<string> {
  const id = (await post(`/containers/create?name=${name}`, { Image: 'busybox', Cmd: ['sleep', '100'], Labels: { team: 'a' } })).json().Id as string;
  expect((await post(`/containers/${id}/start`)).statusCode).toBe(204);
  expect((await post(`/containers/${id}/kill?signal=TERM`)).statusCode).toBe(204);
  d.port.exit(id, 143);
  expect((await d.app.inject({ method: 'DELETE', url: `/containers/${id}` })).statusCode).toBe(204);
  return id;
}

it('replays the lifecycle between since and until in Docker\'s shape', async () => {
  const since = nowSeconds();
  const id = await lifecycle('ev1');
  const got = await events({ since, until: nowSeconds(5) });
  expect(got.map((e) => e.Action)).toEqual(['create', 'start', 'kill', 'die', 'destroy']);
  const die = got[3]!;
  expect(die).toMatchObject({
    Type: 'container',
    Action: 'die',
    Actor: { ID: id, Attributes: { name: 'ev1', image: 'busybox', exitCode: '143', team: 'a' } },
    scope: 'local',
    status: 'die',
    id,
    from: 'busybox',
  });
  expect(got[2]!.Actor.Attributes.signal).toBe('15');
  expect(die.time).toBe(Math.floor(die.timeNano / 1e9));
  // Strictly ordered, so a client resuming `since` the last time sees nothing twice.
  for (let i = 1; i < got.length; i++) expect(got[i]!.timeNano).toBeGreaterThan(got[i - 1]!.timeNano);
});

it('filters by type, container, event and label; a bad filter is a 400', async () => {
  const since = nowSeconds();
  await lifecycle('ev2');
  await lifecycle('ev3');
  const until = nowSeconds(5);
  const die = await events({ since, until, filters: JSON.stringify({ type: ['container'], container: ['ev3'], event: ['die'] }) });
  expect(die.map((e) => [e.Action, e.Actor.Attributes.name])).toEqual([['die', 'ev3']]);
  const legacy = await events({ since, until, filters: JSON.stringify({ event: { create: true }, label: { 'team=a': true } }) });
  expect(legacy.map((e) => e.Actor.Attributes.name)).toEqual(['ev2', 'ev3']);
  expect(await events({ since, until, filters: JSON.stringify({ type: ['image'] }) })).toEqual([]);
  const bad = await d.app.inject({ method: 'GET', url: `/events?filters=${encodeURIComponent('{"nope":["x"]}')}` });
  expect(bad.statusCode).toBe(400);
  expect(bad.json()).toEqual({ message: "invalid filter 'nope'" });
});

it('streams live events until `until`, with pause, rename and exec events', async () => {
  const id = (await post('/containers/create?name=ev4', { Image: 'busybox', Cmd: ['sleep', '100'] })).json().Id as string;
  const pending = d.app.inject({ method: 'GET', url: `/events?until=${((Date.now() + 1500) / 1000).toFixed(3)}` });
  await new Promise((r) => setTimeout(r, 200));
  await post(`/containers/${id}/start`);
  await post(`/containers/${id}/pause`);
  await post(`/containers/${id}/unpause`);
  await post(`/containers/${id}/rename?name=ev5`);
  const execId = (await post(`/containers/${id}/exec`, { Cmd: ['sh', '-c', 'exit 2'] })).json().Id as string;
  await post(`/exec/${execId}/start`, { Detach: true });
  d.port.execExit(execId, 2);
  const got = lines((await pending).body);
  expect(got.map((e) => e.Action)).toEqual(['start', 'pause', 'unpause', 'rename', 'exec_create: sh -c exit 2', 'exec_start: sh -c exit 2', 'exec_die']);
  expect(got[3]!.Actor.Attributes).toMatchObject({ name: 'ev5', oldName: '/ev4' });
  expect(got[6]!.Actor.Attributes).toMatchObject({ execID: execId, exitCode: '2', name: 'ev5' });
});

it('publishes image events for other services through the same bus', async () => {
  const since = nowSeconds();
  d.events.publish('image', 'tag', 'sha256:abc', { name: 'busybox:mine' });
  const got = await events({ since, until: nowSeconds(5), filters: JSON.stringify({ image: ['busybox:mine'] }) });
  expect(got).toEqual([expect.objectContaining({ Type: 'image', Action: 'tag', status: 'tag', id: 'sha256:abc', Actor: { ID: 'sha256:abc', Attributes: { name: 'busybox:mine' } } })]);
});
