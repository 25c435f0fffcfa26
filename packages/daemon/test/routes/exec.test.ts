// Exec instances over the fake: Docker's refusals, detached start, exit codes from exit events,
// inspect, and the ExecIDs of the container.
import { fakeDaemon } from '../helpers/fake-containerd';

let d: ReturnType<typeof fakeDaemon>;
beforeEach(() => {
  d = fakeDaemon();
});
afterEach(async () => {
  await d.close();
});

const post = (url: string, payload?: object) => d.app.inject({ method: 'POST', url, payload });

async function container(start: boolean): Promise<string> {
  const id = (await post('/containers/create', { Image: 'busybox', Cmd: ['sleep', '100'] })).json().Id as string;
  if (start) expect((await post(`/containers/${id}/start`)).statusCode).toBe(204);
  return id;
}

it('refuses an exec in a container that is not running, and one without a command', async () => {
  const id = await container(false);
  const r = await post(`/containers/${id}/exec`, { Cmd: ['true'] });
  expect(r.statusCode).toBe(409);
  expect(r.json().message).toBe(`Container ${id} is not running`);
  const running = await container(true);
  expect((await post(`/containers/${running}/exec`, { Cmd: [] })).statusCode).toBe(400);
  expect((await post('/containers/nope/exec', { Cmd: ['true'] })).statusCode).toBe(404);
});

it('runs a detached exec with the container environment plus its own, and records its exit code', async () => {
  const id = await container(true);
  const created = await post(`/containers/${id}/exec`, { Cmd: ['sh', '-c', 'exit 3'], Env: ['X=1'], WorkingDir: '/tmp', User: '1000:1000' });
  expect(created.statusCode).toBe(201);
  const execId = created.json().Id as string;
  expect((await d.app.inject({ method: 'GET', url: `/exec/${execId}/json` })).json()).toMatchObject({ ID: execId, Running: false, ExitCode: null, ContainerID: id });
  expect((await post(`/exec/${execId}/start`, { Detach: true })).statusCode).toBe(200);
  const proc = d.port.processes.get(execId)!;
  expect(proc.spec).toMatchObject({ args: ['sh', '-c', 'exit 3'], cwd: '/tmp', user: { uid: 1000, gid: 1000 }, terminal: false });
  expect((proc.spec as { env: string[] }).env).toEqual(expect.arrayContaining(['X=1', expect.stringMatching(/^PATH=/)]));
  expect((await d.app.inject({ method: 'GET', url: `/exec/${execId}/json` })).json()).toMatchObject({ Running: true, Pid: proc.pid });
  d.port.execExit(execId, 3);
  expect((await d.app.inject({ method: 'GET', url: `/exec/${execId}/json` })).json()).toMatchObject({ Running: false, ExitCode: 3 });
  expect((await d.app.inject({ method: 'GET', url: `/containers/${id}/json` })).json().ExecIDs).toEqual([execId]);
  const again = await post(`/exec/${execId}/start`, { Detach: true });
  expect(again.statusCode).toBe(409);
  expect(again.json().message).toBe(`Error: Exec command ${execId} has already run`);
});

it('an unknown exec instance is 404 with Docker\'s wording', async () => {
  const r = await d.app.inject({ method: 'GET', url: '/exec/abc/json' });
  expect(r.statusCode).toBe(404);
  expect(r.json()).toEqual({ message: 'No such exec instance: abc' });
});
