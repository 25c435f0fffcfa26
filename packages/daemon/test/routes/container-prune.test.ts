import { untilCutoff } from '../../src/routes/containers/prune';
import { fakeDaemon } from '../helpers/fake-containerd';

let d: ReturnType<typeof fakeDaemon>;
beforeEach(() => {
  d = fakeDaemon();
});
afterEach(async () => {
  await d.close();
});

const create = async (name: string, Labels: Record<string, string> = {}) =>
  (await d.app.inject({ method: 'POST', url: `/containers/create?name=${name}`, payload: { Image: 'busybox', Labels } })).json().Id as string;

it('parses Docker\'s until values', () => {
  expect(untilCutoff('1h30m', 10_000_000)).toBe(10_000_000 - 5_400_000);
  expect(untilCutoff('1700000000')).toBe(1_700_000_000_000);
  expect(untilCutoff('2024-01-01T00:00:00Z')).toBe(Date.parse('2024-01-01T00:00:00Z'));
  expect(() => untilCutoff('soon')).toThrow('failed to parse value "soon" as a duration or timestamp');
});

it('removes containers that are not running, narrowed by label and until filters', async () => {
  const keep = await create('keep', { keep: 'yes' });
  const gone = await create('gone', { team: 'a' });
  const live = await create('live');
  await d.app.inject({ method: 'POST', url: `/containers/${live}/start` });
  const filters = (f: object) => `/containers/prune?filters=${encodeURIComponent(JSON.stringify(f))}`;
  expect((await d.app.inject({ method: 'POST', url: filters({ until: ['1h'] }) })).json()).toEqual({ ContainersDeleted: null, SpaceReclaimed: 0 });
  const r = await d.app.inject({ method: 'POST', url: filters({ 'label!': ['keep'] }) });
  expect(r.statusCode).toBe(200);
  expect(r.json()).toEqual({ ContainersDeleted: [gone], SpaceReclaimed: 0 });
  expect(d.containers.all().map((c) => c.Id).sort()).toEqual([keep, live].sort());
  expect((await d.app.inject({ method: 'POST', url: filters({ bogus: ['x'] }) })).json().message).toBe("invalid filter 'bogus'");
});
