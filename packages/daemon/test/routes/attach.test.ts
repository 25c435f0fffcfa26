// POST /containers/{id}/attach over a real unix socket (the upgrade path of http/listen.ts), with
// the test playing the shim on the container's FIFOs: 101 UPGRADED, framed output, stdin, the
// end of the stream when the output ends, and errors answered before any upgrade.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { listen, type Listeners } from '../../src/http/listen';
import { silentLogger } from '../../src/log';
import { fakeDaemon } from '../helpers/fake-containerd';
import { parseFrames } from '../helpers/stdcopy';

const { O_RDONLY, O_WRONLY, O_NONBLOCK } = fs.constants;

let d: ReturnType<typeof fakeDaemon>;
let listeners: Listeners;
let sock: string;
const open: Array<{ destroy(): void }> = [];
beforeEach(async () => {
  d = fakeDaemon();
  sock = path.join(d.dir, 'api.sock');
  listeners = await listen(d.app, [`unix://${sock}`], { group: 'no-such-group-here', log: silentLogger() });
});
afterEach(async () => {
  for (const o of open.splice(0)) o.destroy();
  await listeners.close();
  await d.close();
});

/** A raw client: sends the request, collects everything that comes back. */
function client(request: string): { socket: net.Socket; received: () => Buffer; ended: Promise<void> } {
  const socket = net.connect(sock);
  open.push(socket);
  const chunks: Buffer[] = [];
  socket.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => socket.on('end', resolve));
  socket.write(request);
  return { socket, received: () => Buffer.concat(chunks), ended };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not met`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const attachRequest = (id: string, query: string) =>
  `POST /v1.44/containers/${id}/attach?${query} HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n`;

it('upgrades, relays framed stdout and stderr and stdin, and ends when the output ends', async () => {
  const created = await d.app.inject({ method: 'POST', url: '/containers/create', payload: { Image: 'busybox', OpenStdin: true, AttachStdin: true } });
  const id = created.json().Id as string;
  const c = client(attachRequest(id, 'stream=1&stdin=1&stdout=1&stderr=1'));
  await until(() => c.received().includes('\r\n\r\n'), 'response head');
  const head = c.received().toString('latin1');
  expect(head).toMatch(/^HTTP\/1\.1 101 UPGRADED\r\n/);
  expect(head).toContain('Content-Type: application/vnd.docker.multiplexed-stream\r\n');
  expect(head).toContain('Connection: Upgrade\r\nUpgrade: tcp\r\n');

  // Input typed before the start reaches the process once the shim reads the FIFO.
  c.socket.write('typed early\n');
  const fifoDir = path.join(d.dir, 'run', 'containers', id);
  const stdin = new net.Socket({ fd: fs.openSync(path.join(fifoDir, 'stdin'), O_RDONLY | O_NONBLOCK), readable: true, writable: false });
  open.push(stdin);
  let input = '';
  stdin.on('data', (b: Buffer) => (input += b.toString()));
  expect((await d.app.inject({ method: 'POST', url: `/containers/${id}/start` })).statusCode).toBe(204);
  expect(d.port.tasks.get(id)!.io).toMatchObject({ stdin: path.join(fifoDir, 'stdin'), stdout: path.join(fifoDir, 'stdout'), stderr: path.join(fifoDir, 'stderr'), terminal: false });
  await until(() => input === 'typed early\n', 'early input');
  c.socket.write('typed later\n');
  await until(() => input === 'typed early\ntyped later\n', 'later input');

  // The shim's side of the output FIFOs.
  const stdout = fs.openSync(path.join(fifoDir, 'stdout'), O_WRONLY | O_NONBLOCK);
  const stderr = fs.openSync(path.join(fifoDir, 'stderr'), O_WRONLY | O_NONBLOCK);
  fs.writeSync(stdout, 'hello\n');
  fs.writeSync(stderr, 'oops\n');
  fs.closeSync(stdout);
  fs.closeSync(stderr);
  await c.ended;
  const body = c.received().subarray(c.received().indexOf('\r\n\r\n') + 4);
  const frames = parseFrames(body).map((f) => `${f.stream}:${f.payload}`);
  expect(frames.sort()).toEqual(['stderr:oops\n', 'stdout:hello\n']);
});

it('an attach after the output ended but before the exit was recorded ends at the exit', async () => {
  const id = (await d.app.inject({ method: 'POST', url: '/containers/create', payload: { Image: 'busybox' } })).json().Id as string;
  await d.app.inject({ method: 'POST', url: `/containers/${id}/start` });
  // The shim wrote and closed its end before this client came: no writer will come again.
  const fifo = path.join(d.dir, 'run', 'containers', id, 'stdout');
  const reader = fs.openSync(fifo, O_RDONLY | O_NONBLOCK);
  const writer = fs.openSync(fifo, O_WRONLY | O_NONBLOCK);
  fs.closeSync(writer);
  fs.closeSync(reader);
  const c = client(attachRequest(id, 'stream=1&stdout=1&stderr=1'));
  await until(() => c.received().includes('\r\n\r\n'), 'response head');
  d.port.exit(id, 0);
  await c.ended;
});

it('a TTY container\'s output is relayed raw', async () => {
  const id = (await d.app.inject({ method: 'POST', url: '/containers/create', payload: { Image: 'busybox', Tty: true } })).json().Id as string;
  const c = client(attachRequest(id, 'stream=1&stdout=1&stderr=1'));
  await until(() => c.received().includes('\r\n\r\n'), 'response head');
  expect(c.received().toString()).toContain('Content-Type: application/vnd.docker.raw-stream\r\n');
  await d.app.inject({ method: 'POST', url: `/containers/${id}/start` });
  expect(d.port.tasks.get(id)!.io).toMatchObject({ stderr: '', terminal: true });
  const out = fs.openSync(path.join(d.dir, 'run', 'containers', id, 'stdout'), O_WRONLY | O_NONBLOCK);
  fs.writeSync(out, 'raw\r\n');
  fs.closeSync(out);
  await c.ended;
  expect(c.received().toString().endsWith('\r\n\r\nraw\r\n')).toBe(true);
});

it('an unknown container is a plain 404 with Docker\'s message, not an upgrade', async () => {
  const c = client(attachRequest('nope', 'stream=1&stdout=1'));
  await c.ended;
  const text = c.received().toString();
  expect(text).toMatch(/^HTTP\/1\.1 404 /);
  expect(text).toContain('{"message":"No such container: nope"}');
});
