// Restart policies over the fake containerd: create-time validation, restarts after exits with
// Docker's events, on-failure's limit, stops that cancel, `docker update --restart`, start-up.
import { fakeDaemon } from '../helpers/fake-containerd';

let d: ReturnType<typeof fakeDaemon>;
beforeEach(() => {
  d = fakeDaemon();
});
afterEach(async () => {
  await d.close();
});

const post = (url: string, payload?: object) => d.app.inject({ method: 'POST', url, payload });
const inspect = async (ref: string) => (await d.app.inject({ method: 'GET', url: `/containers/${ref}/json` })).json();

async function until(cond: () => Promise<boolean> | boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function run(name: string, RestartPolicy: object): Promise<string> {
  const res = await post(`/containers/create?name=${name}`, { Image: 'busybox', Cmd: ['sh'], HostConfig: { RestartPolicy } });
  expect(res.statusCode).toBe(201);
  const id = res.json().Id as string;
  expect((await post(`/containers/${id}/start`)).statusCode).toBe(204);
  return id;
}

it("validates the policy with Docker's messages and shows it in inspect", async () => {
  const bad = async (HostConfig: object) => {
    const r = await post('/containers/create', { Image: 'busybox', HostConfig });
    expect(r.statusCode).toBe(400);
    return r.json().message as string;
  };
  expect(await bad({ RestartPolicy: { Name: 'always', MaximumRetryCount: 3 } })).toBe("invalid restart policy: maximum retry count can only be used with 'on-failure'");
  expect(await bad({ RestartPolicy: { Name: 'on-failure', MaximumRetryCount: -2 } })).toBe('invalid restart policy: maximum retry count cannot be negative');
  expect(await bad({ AutoRemove: true, RestartPolicy: { Name: 'always' } })).toBe("can't create 'AutoRemove' container with restart policy");
  const id = (await post('/containers/create', { Image: 'busybox', HostConfig: { RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 2 } } })).json().Id;
  const i = await inspect(id);
  expect(i.HostConfig.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 2 });
  expect(i.RestartCount).toBe(0);
  const plain = await inspect((await post('/containers/create', { Image: 'busybox' })).json().Id);
  expect(plain.HostConfig.RestartPolicy).toEqual({ Name: 'no', MaximumRetryCount: 0 });
});

it('restarts on-failure containers at most N times, with die then start events', async () => {
  const actions: string[] = [];
  const unsubscribe = d.events.subscribe((e) => {
    if (e.Type === 'container' && (e.Action === 'die' || e.Action === 'start')) actions.push(e.Action);
  });
  const id = await run('onfail', { Name: 'on-failure', MaximumRetryCount: 2 });
  for (let n = 1; n <= 3; n++) {
    d.port.exit(id, 3);
    if (n <= 2) {
      await until(() => actions.filter((a) => a === 'start').length === n + 1);
    }
  }
  await until(async () => (await inspect(id)).State.Status === 'exited');
  const i = await inspect(id);
  expect(i.RestartCount).toBe(2);
  expect(i.State.ExitCode).toBe(3);
  expect(actions).toEqual(['start', 'die', 'start', 'die', 'start', 'die']);
  unsubscribe();
});

it('does not restart on-failure after a zero exit', async () => {
  const id = await run('zero', { Name: 'on-failure' });
  d.port.exit(id, 0);
  await until(async () => (await inspect(id)).State.Status === 'exited');
  await new Promise((r) => setTimeout(r, 150));
  expect((await inspect(id)).State.Status).toBe('exited');
});

it('shows "restarting" while waiting; stop and rm -f cancel the restart', async () => {
  const id = await run('always', { Name: 'always' });
  d.port.exit(id, 1);
  await until(async () => (await inspect(id)).RestartCount === 1 && d.port.tasks.get(id)?.status === 'RUNNING');
  // Second exit within 10 s: 200 ms of back-off, long enough to look.
  d.port.exit(id, 2);
  await until(async () => (await inspect(id)).State.Status === 'restarting');
  const ps = (await d.app.inject({ method: 'GET', url: '/containers/json' })).json();
  expect(ps[0].Status).toMatch(/^Restarting \(2\) .* ago$/);
  expect((await post(`/containers/${id}/stop`)).statusCode).toBe(204);
  await new Promise((r) => setTimeout(r, 300));
  const i = await inspect(id);
  expect(i.State.Status).toBe('exited');

  // A user start clears the manual stop and the count.
  expect((await post(`/containers/${id}/start`)).statusCode).toBe(204);
  expect((await inspect(id)).RestartCount).toBe(0);
  d.port.exit(id, 1);
  await until(async () => (await inspect(id)).RestartCount === 1 && d.port.tasks.get(id)?.status === 'RUNNING');
  d.port.exit(id, 1);
  await until(async () => (await inspect(id)).State.Status === 'restarting');
  const rm = await d.app.inject({ method: 'DELETE', url: `/containers/${id}` });
  expect(rm.statusCode).toBe(409);
  expect(rm.json().message).toBe(`You cannot remove a restarting container ${id}. Stop the container before attempting removal or force remove`);
  expect((await d.app.inject({ method: 'DELETE', url: `/containers/${id}?force=1` })).statusCode).toBe(204);
  await new Promise((r) => setTimeout(r, 300));
  expect((await d.app.inject({ method: 'GET', url: `/containers/${id}/json` })).statusCode).toBe(404);
});

it('wait on a restarting container ends at the next exit, or at a stop that cancels the restart', async () => {
  const id = await run('waited', { Name: 'always' });
  d.port.exit(id, 1);
  await until(async () => (await inspect(id)).RestartCount === 1 && d.port.tasks.get(id)?.status === 'RUNNING');
  d.port.exit(id, 2);
  await until(async () => (await inspect(id)).State.Status === 'restarting');
  let answered = false;
  const waited = post(`/containers/${id}/wait`).then((r) => ((answered = true), r));
  await new Promise((r) => setTimeout(r, 50));
  expect(answered).toBe(false);
  expect((await post(`/containers/${id}/stop`)).statusCode).toBe(204);
  const res = await waited;
  expect(res.statusCode).toBe(200);
  expect(res.json()).toMatchObject({ StatusCode: 2 });
});

it('does not restart after a stop or kill through the API', async () => {
  const id = await run('stopped', { Name: 'always' });
  expect((await post(`/containers/${id}/kill`)).statusCode).toBe(204);
  await until(async () => (await inspect(id)).State.Status === 'exited');
  await new Promise((r) => setTimeout(r, 150));
  expect((await inspect(id)).State.Status).toBe('exited');
  expect((await inspect(id)).RestartCount).toBe(0);
});

it('changes the policy with update, also on a stopped container', async () => {
  const id = (await post('/containers/create?name=upd', { Image: 'busybox' })).json().Id as string;
  expect((await post(`/containers/${id}/update`, { RestartPolicy: { Name: 'unless-stopped' } })).statusCode).toBe(200);
  expect((await inspect(id)).HostConfig.RestartPolicy).toEqual({ Name: 'unless-stopped', MaximumRetryCount: 0 });
  expect((await post(`/containers/${id}/update`, { RestartPolicy: { Name: 'always', MaximumRetryCount: 1 } })).statusCode).toBe(400);
  const auto = (await post('/containers/create', { Image: 'busybox', HostConfig: { AutoRemove: true } })).json().Id as string;
  const r = await post(`/containers/${auto}/update`, { RestartPolicy: { Name: 'always' } });
  expect(r.statusCode).toBe(409);
  expect(r.json().message).toBe('Restart policy cannot be updated because AutoRemove is enabled for the container');
});

it('applies the policies at start-up', async () => {
  const always = await run('a1', { Name: 'always' });
  const unless = await run('u1', { Name: 'unless-stopped' });
  const stoppedUnless = await run('u2', { Name: 'unless-stopped' });
  const none = await run('n1', {});
  await post(`/containers/${stoppedUnless}/stop`);
  await until(async () => (await inspect(stoppedUnless)).State.Status === 'exited');
  // skiffd goes down; meanwhile its containers exit (no event reaches it).
  d.containers.shutdown();
  for (const id of [always, unless, none]) Object.assign(d.port.tasks.get(id)!, { status: 'STOPPED', exitStatus: 137, exitedAt: new Date() });
  const later = d.newService();
  later.load();
  await later.resync();
  await until(() => later.get(always).State.Status === 'running' && later.get(unless).State.Status === 'running');
  expect(later.get(none).State.Status).toBe('exited');
  expect(later.get(stoppedUnless).State.Status).toBe('exited');
  later.shutdown();
});

it('keeps Config.Healthcheck (request over image), shows State.Health, the ps suffix and the health filter', async () => {
  d.port.addImage('docker.io/library/checked:latest', { Cmd: ['sh'], Healthcheck: { Test: ['CMD-SHELL', 'true'], Interval: 5e9, Retries: 4 } });
  const res = await post('/containers/create?name=hc', { Image: 'checked', Healthcheck: { Interval: 1e9 } });
  expect(res.statusCode).toBe(201);
  const id = res.json().Id as string;
  expect((await inspect(id)).Config.Healthcheck).toEqual({ Test: ['CMD-SHELL', 'true'], Interval: 1e9, Retries: 4 });
  expect((await inspect(id)).State.Health).toBeUndefined();
  expect((await post(`/containers/${id}/start`)).statusCode).toBe(204);
  const ps = async (query = '') => (await d.app.inject({ method: 'GET', url: `/containers/json${query}` })).json() as Array<{ Id: string; Status: string }>;
  d.containers.setHealth(id, { Status: 'starting', FailingStreak: 0, Log: [] });
  expect((await ps())[0]!.Status).toMatch(/^Up .* \(health: starting\)$/);
  d.containers.setHealth(id, { Status: 'healthy', FailingStreak: 0, Log: [{ Start: 'a', End: 'b', ExitCode: 0, Output: 'fine' }] });
  expect((await ps())[0]!.Status).toMatch(/^Up .* \(healthy\)$/);
  expect((await inspect(id)).State.Health).toEqual({ Status: 'healthy', FailingStreak: 0, Log: [{ Start: 'a', End: 'b', ExitCode: 0, Output: 'fine' }] });
  const filter = (f: object) => `?filters=${encodeURIComponent(JSON.stringify(f))}`;
  expect((await ps(filter({ health: ['healthy'] }))).map((c) => c.Id)).toEqual([id]);
  expect(await ps(filter({ health: ['unhealthy'] }))).toEqual([]);
  const none = await run('nohc', {});
  expect((await ps(filter({ health: ['none'] }))).map((c) => c.Id)).toEqual([none]);
  expect((await d.app.inject({ method: 'GET', url: `/containers/json${filter({ health: ['sick'] })}` })).statusCode).toBe(400);
});
