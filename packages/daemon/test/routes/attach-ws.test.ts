// GET /containers/{id}/attach/ws over a real unix socket (the upgrade path of http/listen.ts) with
// a `ws` client, the test playing the shim on the container's FIFOs: unframed output as binary
// (API >= 1.28) or text (older) messages, messages to stdin, the close when the output ends, the
// log replay, and errors answered before any upgrade.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import WebSocket from 'ws';
import { listen, type Listeners } from '../../src/http/listen';
import { silentLogger } from '../../src/log';
import { fakeDaemon } from '../helpers/fake-containerd';

const { O_RDONLY, O_WRONLY, O_NONBLOCK } = fs.constants;

let d: ReturnType<typeof fakeDaemon>;
let listeners: Listeners;
let sock: string;
const open: Array<{ terminate?(): void; destroy?(): void }> = [];
beforeEach(async () => {
  d = fakeDaemon();
  sock = path.join(d.dir, 'api.sock');
  listeners = await listen(d.app, [`unix://${sock}`], { group: 'no-such-group-here', log: silentLogger() });
});
afterEach(async () => {
  for (const o of open.splice(0)) (o.terminate ?? o.destroy)?.call(o);
  await listeners.close();
  await d.close();
});

interface Client {
  ws: WebSocket;
  messages: Array<{ data: Buffer; binary: boolean }>;
  opened: Promise<void>;
  closed: Promise<number>;
}

function connect(urlPath: string): Client {
  const ws = new WebSocket(`ws+unix://${sock}:${urlPath}`);
  open.push(ws);
  const messages: Client['messages'] = [];
  ws.on('message', (data, binary) => messages.push({ data: data as Buffer, binary }));
  const opened = new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('error', reject);
  });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return { ws, messages, opened, closed };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not met`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const received = (c: Client) => Buffer.concat(c.messages.map((m) => m.data)).toString();

async function create(payload: object): Promise<string> {
  return (await d.app.inject({ method: 'POST', url: '/containers/create', payload: { Image: 'busybox', ...payload } })).json().Id as string;
}

/** The shim's side of a started container's FIFOs. */
function shimSide(id: string) {
  const dir = path.join(d.dir, 'run', 'containers', id);
  const stdin = new net.Socket({ fd: fs.openSync(path.join(dir, 'stdin'), O_RDONLY | O_NONBLOCK), readable: true, writable: false });
  open.push(stdin);
  let input = '';
  stdin.on('data', (b: Buffer) => (input += b.toString()));
  return { input: () => input, dir };
}

it('relays stdin and unframed output as binary messages, and closes with 1000 when the output ends', async () => {
  const id = await create({ OpenStdin: true });
  const c = connect(`/v1.44/containers/${id}/attach/ws?stream=1&stdin=1&stdout=1&stderr=1`);
  await c.opened;
  expect((await d.app.inject({ method: 'POST', url: `/containers/${id}/start` })).statusCode).toBe(204);
  const shim = shimSide(id);
  c.ws.send('hello\n');
  await until(() => shim.input() === 'hello\n', 'input');

  const stdout = fs.openSync(path.join(shim.dir, 'stdout'), O_WRONLY | O_NONBLOCK);
  fs.writeSync(stdout, 'out\n');
  await until(() => received(c) === 'out\n', 'stdout');
  const stderr = fs.openSync(path.join(shim.dir, 'stderr'), O_WRONLY | O_NONBLOCK);
  fs.writeSync(stderr, 'err\n');
  await until(() => received(c) === 'out\nerr\n', 'stderr');
  expect(c.messages.every((m) => m.binary)).toBe(true);

  fs.closeSync(stdout);
  fs.closeSync(stderr);
  expect(await c.closed).toBe(1000);
});

it('sends text messages before API 1.28 and attaches every stream before 1.42, whatever the query says', async () => {
  const id = await create({ OpenStdin: true });
  const c = connect(`/v1.27/containers/${id}/attach/ws?stream=1`);
  await c.opened;
  await d.app.inject({ method: 'POST', url: `/containers/${id}/start` });
  const shim = shimSide(id);
  c.ws.send('in\n');
  await until(() => shim.input() === 'in\n', 'input');
  const stderr = fs.openSync(path.join(shim.dir, 'stderr'), O_WRONLY | O_NONBLOCK);
  fs.writeSync(stderr, 'err\n');
  await until(() => received(c) === 'err\n', 'stderr');
  expect(c.messages[0]!.binary).toBe(false);
  fs.closeSync(stderr);
});

it('with API 1.42+ attaches only the streams asked for', async () => {
  const id = await create({ OpenStdin: true });
  const c = connect(`/containers/${id}/attach/ws?stream=1&stdout=1`);
  await c.opened;
  await d.app.inject({ method: 'POST', url: `/containers/${id}/start` });
  const shim = shimSide(id);
  c.ws.send('ignored\n');
  const stderr = fs.openSync(path.join(shim.dir, 'stderr'), O_WRONLY | O_NONBLOCK);
  const stdout = fs.openSync(path.join(shim.dir, 'stdout'), O_WRONLY | O_NONBLOCK);
  fs.writeSync(stderr, 'err\n');
  fs.writeSync(stdout, 'out\n');
  await until(() => received(c) === 'out\n', 'stdout');
  fs.closeSync(stderr);
  fs.closeSync(stdout);
  expect(await c.closed).toBe(1000);
  expect(received(c)).toBe('out\n');
  expect(shim.input()).toBe('');
});

it('logs=1 replays the log first; without stream the socket then closes', async () => {
  const id = await create({});
  const log = d.containers.get(id).LogPath;
  fs.mkdirSync(path.dirname(log), { recursive: true });
  fs.writeFileSync(
    log,
    [
      { log: 'one\n', stream: 'stdout', time: '2026-01-01T00:00:01Z' },
      { log: 'two\n', stream: 'stderr', time: '2026-01-01T00:00:02Z' },
    ]
      .map((e) => `${JSON.stringify(e)}\n`)
      .join(''),
  );
  const c = connect(`/containers/${id}/attach/ws?logs=1&stdout=1&stderr=1`);
  expect(await c.closed).toBe(1000);
  expect(received(c)).toBe('one\ntwo\n');
});

it('an unknown container is a 404 with Docker\'s message, versioned or not, before any upgrade', async () => {
  for (const url of ['/containers/nope/attach/ws?stream=1', '/v1.44/containers/nope/attach/ws?stream=1']) {
    const r = await d.app.inject({ method: 'GET', url });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toEqual({ message: 'No such container: nope' });
  }
  const ws = new WebSocket(`ws+unix://${sock}:/containers/nope/attach/ws?stream=1`);
  const answer = await new Promise<{ status: number; body: string }>((resolve) =>
    ws.on('unexpected-response', (req, res) => {
      let body = '';
      res.on('data', (b: Buffer) => (body += b.toString()));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body });
      });
    }),
  );
  expect(answer).toEqual({ status: 404, body: '{"message":"No such container: nope"}' });
});

it('a request that is not a websocket handshake is a 400', async () => {
  const id = await create({});
  const r = await d.app.inject({ method: 'GET', url: `/containers/${id}/attach/ws?stream=1` });
  expect(r.statusCode).toBe(400);
  expect(r.json()).toEqual({ message: 'not websocket protocol' });
});

it('a paused container is a 409, as in dockerd', async () => {
  const id = await create({});
  await d.app.inject({ method: 'POST', url: `/containers/${id}/start` });
  expect((await d.app.inject({ method: 'POST', url: `/containers/${id}/pause` })).statusCode).toBe(204);
  const r = await d.app.inject({ method: 'GET', url: `/containers/${id}/attach/ws?stream=1` });
  expect(r.statusCode).toBe(409);
  expect(r.json().message).toBe(`container ${id} is paused, unpause the container before attach`);
});
