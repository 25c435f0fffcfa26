// The container routes over a fake containerd: create, inspect, list and filters, lookups by
// name and prefix, start/stop/kill/wait/remove and their Docker error messages, AutoRemove, and
// recovery of the records after a restart.
import { fakeDaemon } from '../helpers/fake-containerd';

let d: ReturnType<typeof fakeDaemon>;
beforeEach(() => {
  d = fakeDaemon();
});
afterEach(async () => {
  await d.close();
});

async function create(body: object, name?: string): Promise<string> {
  const r = await d.app.inject({ method: 'POST', url: `/v1.44/containers/create${name ? `?name=${name}` : ''}`, payload: body });
  expect(r.statusCode).toBe(201);
  expect(r.json().Warnings).toEqual([]);
  return r.json().Id as string;
}

const inspect = async (ref: string) => (await d.app.inject({ method: 'GET', url: `/containers/${ref}/json` })).json();
const post = (url: string) => d.app.inject({ method: 'POST', url });

describe('create and inspect', () => {
  it('builds the container from the image and the request, as Docker does', async () => {
    const id = await create({ Image: 'busybox', Cmd: ['echo', 'hi'], Env: ['A=1', 'PATH=/bin'], Labels: { team: 'skiff' }, WorkingDir: '/tmp', HostConfig: { AutoRemove: false } }, 'web');
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const c = await inspect('web');
    expect(c).toMatchObject({
      Id: id,
      Name: '/web',
      Path: 'echo',
      Args: ['hi'],
      Image: d.busyboxId,
      State: { Status: 'created', Running: false, ExitCode: 0, Pid: 0, StartedAt: '0001-01-01T00:00:00Z' },
      Config: { Image: 'busybox', Cmd: ['echo', 'hi'], Entrypoint: null, Env: ['PATH=/bin', 'A=1'], Labels: { team: 'skiff' }, WorkingDir: '/tmp', Hostname: id.slice(0, 12) },
      HostConfig: { NetworkMode: 'default', AutoRemove: false },
    });
    expect(c.LogPath).toBe(`${d.dir}/data/containers/${id}/${id}-json.log`);
    const spec = JSON.parse(JSON.stringify(d.port.containers.get(id)!.spec));
    expect(spec.process).toMatchObject({ args: ['echo', 'hi'], cwd: '/tmp', terminal: false, env: ['PATH=/bin', `HOSTNAME=${id.slice(0, 12)}`, 'A=1'] });
    expect(spec.hostname).toBe(id.slice(0, 12));
    expect(spec.root).toEqual({ path: 'rootfs', readonly: false });
    expect(spec.linux.namespaces.map((n: { type: string }) => n.type)).toContain('network');
    expect(d.port.snapshots.get(id)).toMatch(/^sha256:/);
  });

  it('uses the image Cmd when the request has none; host networking drops the network namespace', async () => {
    const id = await create({ Image: 'docker.io/library/busybox:latest', HostConfig: { NetworkMode: 'host' } });
    expect(await inspect(id)).toMatchObject({ Path: 'sh', Args: [], Config: { Cmd: ['sh'] } });
    const spec = JSON.parse(JSON.stringify(d.port.containers.get(id)!.spec));
    expect(spec.linux.namespaces.map((n: { type: string }) => n.type)).not.toContain('network');
  });

  it('a generated name is adjective_surname', async () => {
    const id = await create({ Image: 'busybox' });
    expect((await inspect(id)).Name).toMatch(/^\/[a-z]+_[a-z]+\d?$/);
  });

  it('refuses a taken name with Docker\'s conflict message (409)', async () => {
    const id = await create({ Image: 'busybox' }, 'taken');
    const r = await d.app.inject({ method: 'POST', url: '/containers/create?name=/taken', payload: { Image: 'busybox' } });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toEqual({
      message: `Conflict. The container name "/taken" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.`,
    });
  });

  it('an unknown image is 404 "No such image"; a bad name and a missing image are 400', async () => {
    const r = await d.app.inject({ method: 'POST', url: '/containers/create', payload: { Image: 'alpine' } });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ message: 'No such image: alpine:latest' });
    const bad = await d.app.inject({ method: 'POST', url: '/containers/create?name=-x', payload: { Image: 'busybox' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toBe('Invalid container name (-x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed');
    expect((await d.app.inject({ method: 'POST', url: '/containers/create', payload: {} })).statusCode).toBe(400);
    expect((await d.app.inject({ method: 'POST', url: '/containers/create', payload: { Image: 'busybox', Cmd: 'not-a-list', Tty: 'yes' } })).statusCode).toBe(400);
    expect(d.port.containers.size).toBe(0);
  });
});

describe('lookup', () => {
  it('unknown is 404 "No such container"; ids match by unique prefix, ambiguous prefixes are 400', async () => {
    const r = await d.app.inject({ method: 'GET', url: '/containers/nope/json' });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ message: 'No such container: nope' });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await create({ Image: 'busybox' }));
    expect((await inspect(ids[0]!.slice(0, 12))).Id).toBe(ids[0]);
    // With 20 ids, some share their first hex digit.
    const first = ids.map((id) => id[0]!);
    const shared = first.find((c, i) => first.indexOf(c) !== i)!;
    const amb = await d.app.inject({ method: 'GET', url: `/containers/${shared}/json` });
    expect(amb.statusCode).toBe(400);
    expect(amb.json()).toEqual({ message: `multiple IDs found with provided prefix: ${shared}` });
  });
});

describe('life cycle', () => {
  it('start, list, remove refused while running (409), stop, wait, remove', async () => {
    const id = await create({ Image: 'busybox', Cmd: ['sleep', '100'] }, 'sleeper');
    expect((await d.app.inject({ method: 'GET', url: '/containers/json' })).json()).toEqual([]);
    expect((await post('/containers/sleeper/start')).statusCode).toBe(204);
    expect((await post('/containers/sleeper/start')).statusCode).toBe(304);
    const list = (await d.app.inject({ method: 'GET', url: '/containers/json' })).json();
    expect(list).toMatchObject([{ Id: id, Names: ['/sleeper'], Image: 'busybox', Command: 'sleep 100', State: 'running' }]);
    expect(list[0].Status).toMatch(/^Up /);
    expect(await inspect(id)).toMatchObject({ State: { Status: 'running', Running: true, Pid: 1000 } });

    const rm = await d.app.inject({ method: 'DELETE', url: '/containers/sleeper' });
    expect(rm.statusCode).toBe(409);
    expect(rm.json()).toEqual({ message: `You cannot remove a running container ${id}. Stop the container before attempting removal or force remove` });

    // The next exit: registered before the stop, answered after it.
    const waiting = post(`/containers/${id}/wait?condition=next-exit`);
    expect((await post('/containers/sleeper/stop?t=5')).statusCode).toBe(204);
    expect(d.port.signals).toEqual([{ id, signal: 15 }]);
    const waited = await waiting;
    expect(waited.statusCode).toBe(200);
    expect(waited.json()).toEqual({ StatusCode: 143, Error: null });
    expect(await inspect(id)).toMatchObject({ State: { Status: 'exited', Running: false, ExitCode: 143, Pid: 0 } });
    expect(d.port.tasks.has(id)).toBe(false);
    expect((await post('/containers/sleeper/stop')).statusCode).toBe(304);
    expect((await post(`/containers/${id}/wait`)).json()).toEqual({ StatusCode: 143, Error: null });
    const kill = await post('/containers/sleeper/kill');
    expect(kill.statusCode).toBe(409);
    expect(kill.json()).toEqual({ message: `Container ${id} is not running` });

    expect((await d.app.inject({ method: 'DELETE', url: '/containers/sleeper' })).statusCode).toBe(204);
    expect(d.port.containers.has(id)).toBe(false);
    expect(d.port.snapshots.has(id)).toBe(false);
    expect((await d.app.inject({ method: 'GET', url: `/containers/${id}/json` })).statusCode).toBe(404);
  });

  it('stop escalates to SIGKILL after the timeout when the process ignores the stop signal', async () => {
    d.port.lethalSignals = new Set([9]);
    const id = await create({ Image: 'busybox', Cmd: ['sleep', '100'] });
    await post(`/containers/${id}/start`);
    const started = Date.now();
    expect((await post(`/containers/${id}/stop?t=1`)).statusCode).toBe(204);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(d.port.signals.map((s) => s.signal)).toEqual([15, 9]);
    expect((await inspect(id)).State.ExitCode).toBe(137);
  });

  it('kill sends the signal asked for; rm -f kills and removes', async () => {
    d.port.lethalSignals = new Set([9]);
    const id = await create({ Image: 'busybox', Cmd: ['sleep', '100'] });
    await post(`/containers/${id}/start`);
    expect((await post(`/containers/${id}/kill?signal=HUP`)).statusCode).toBe(204);
    expect((await post(`/containers/${id}/kill?signal=NOPE`)).statusCode).toBe(400);
    expect(d.port.signals).toEqual([{ id, signal: 1 }]);
    expect((await d.app.inject({ method: 'DELETE', url: `/containers/${id}?force=1&v=1` })).statusCode).toBe(204);
    expect(d.port.signals.at(-1)).toEqual({ id, signal: 9 });
    expect(d.port.containers.size).toBe(0);
  });

  it('AutoRemove: the exit event removes the container, and wait?condition=removed returns its code', async () => {
    const id = await create({ Image: 'busybox', Cmd: ['sh', '-c', 'exit 3'], HostConfig: { AutoRemove: true } }, 'once');
    const waiting = post(`/containers/${id}/wait?condition=removed`);
    await post(`/containers/${id}/start`);
    d.port.exit(id, 3);
    expect((await waiting).json()).toEqual({ StatusCode: 3, Error: null });
    expect((await d.app.inject({ method: 'GET', url: '/containers/once/json' })).statusCode).toBe(404);
    expect(d.port.containers.size).toBe(0);
    expect(d.port.snapshots.size).toBe(0);
  });

  it('list: all, limit and the status, name, id and label filters', async () => {
    const a = await create({ Image: 'busybox', Labels: { app: 'web', tier: 'front' } }, 'alpha');
    const b = await create({ Image: 'busybox', Labels: { app: 'db' } }, 'beta');
    await post(`/containers/${b}/start`);
    const ids = async (query: string) => ((await d.app.inject({ method: 'GET', url: `/containers/json?${query}` })).json() as Array<{ Id: string }>).map((c) => c.Id);
    expect(await ids('')).toEqual([b]);
    expect((await ids('all=1')).sort()).toEqual([a, b].sort());
    expect(await ids('limit=1')).toHaveLength(1);
    const f = (filters: object) => `all=1&filters=${encodeURIComponent(JSON.stringify(filters))}`;
    expect(await ids(f({ status: ['created'] }))).toEqual([a]);
    expect(await ids(f({ name: ['alp'] }))).toEqual([a]);
    expect(await ids(f({ id: [b.slice(0, 8)] }))).toEqual([b]);
    expect(await ids(f({ label: ['app=db'] }))).toEqual([b]);
    expect(await ids(f({ label: ['tier'] }))).toEqual([a]);
    expect(await ids(f({ label: { 'app=web': true } }))).toEqual([a]);
    expect((await d.app.inject({ method: 'GET', url: `/containers/json?${f({ color: ['red'] })}` })).statusCode).toBe(400);
    expect((await d.app.inject({ method: 'GET', url: `/containers/json?${f({ status: ['sleeping'] })}` })).statusCode).toBe(400);
  });
});

describe('restart of skiffd', () => {
  it('records come back from disk; exits missed while down are recorded from the task list', async () => {
    const running = await create({ Image: 'busybox', Cmd: ['sleep', '100'] }, 'running');
    const exited = await create({ Image: 'busybox', Cmd: ['sleep', '100'] }, 'exited');
    const created = await create({ Image: 'busybox' }, 'created');
    await post(`/containers/${running}/start`);
    await post(`/containers/${exited}/start`);
    // The exit happens while "skiffd is down": the task is stopped, nobody hears of it.
    const task = d.port.tasks.get(exited)!;
    Object.assign(task, { status: 'STOPPED', exitStatus: 7, exitedAt: new Date() });

    const again = d.newService();
    again.load();
    await again.resync();
    expect(again.get('running').State).toMatchObject({ Status: 'running', Pid: d.port.tasks.get(running)!.pid });
    expect(again.get('exited').State).toMatchObject({ Status: 'exited', ExitCode: 7, Pid: 0 });
    expect(again.get('created').State.Status).toBe('created');
    expect(again.get(created.slice(0, 12)).Id).toBe(created);
    expect(d.port.tasks.has(exited)).toBe(false);
  });
});
