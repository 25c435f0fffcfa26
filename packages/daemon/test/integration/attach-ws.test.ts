// GET /containers/{id}/attach/ws against a real skiffd and busybox containers: a `ws` client on
// the unix socket talks to `cat` through stdin and stdout, a container that prints and exits
// closes the socket, logs=1 replays earlier output; and docker-py's attach_socket(ws=True), which
// builds its websocket URL from an http:// base and so only works over tcp (with dockerd too).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import WebSocket from 'ws';
import { canRunSkiffd, SkiffdHarness, until } from '../helpers/skiffd';

const PYTHON = '/usr/bin/python3';
const hasDockerPyWs = fs.existsSync(PYTHON) && fs.existsSync('/usr/lib/python3/dist-packages/docker') && fs.existsSync('/usr/lib/python3/dist-packages/websocket');
const describeRoot = canRunSkiffd ? describe : describe.skip;

describeRoot('attach over a websocket against skiffd', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();
  const clients: WebSocket[] = [];

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
  }, 120_000);
  afterEach(() => {
    for (const ws of clients.splice(0)) ws.terminate();
  });
  afterAll(async () => {
    await h.cleanup();
  });

  /** A client on skiffd's unix socket that collects what it receives. */
  function connect(urlPath: string) {
    const ws = new WebSocket(`ws+unix://${h.socket}:${urlPath}`);
    clients.push(ws);
    const chunks: Buffer[] = [];
    ws.on('message', (data) => chunks.push(data as Buffer));
    const opened = new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    return { ws, opened, closed, text: () => Buffer.concat(chunks).toString() };
  }

  it('writes messages to the stdin of `cat` and sends its output back', async () => {
    const id = await h.dockerOk(['run', '-di', '--name', 'cat', 'busybox', 'cat']);
    const c = connect(`/containers/${id}/attach/ws?stream=1&stdin=1&stdout=1`);
    await c.opened;
    c.ws.send('hello\n');
    await until(() => c.text() === 'hello\n', 10_000, 'the echo of cat');
    c.ws.close(1000);
    expect(await c.closed).toBe(1000);
    // Leaving does not end the input of a container that is not StdinOnce.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await h.dockerOk(['inspect', '-f', '{{.State.Running}}', 'cat'])).toBe('true');

    // logs=1 replays what was said before, then the stream goes on.
    const again = connect(`/v1.44/containers/cat/attach/ws?logs=1&stream=1&stdin=1&stdout=1`);
    await again.opened;
    await until(() => again.text() === 'hello\n', 10_000, 'the replayed log');
    again.ws.send('again\n');
    await until(() => again.text() === 'hello\nagain\n', 10_000, 'the echo after the replay');
  });

  it('closes the socket when the container exits', async () => {
    const id = await h.dockerOk(['create', '--name', 'bye', 'busybox', 'sh', '-c', 'echo out; echo err >&2']);
    const c = connect(`/containers/${id}/attach/ws?stream=1&stdout=1&stderr=1`);
    await c.opened;
    await h.dockerOk(['start', 'bye']);
    await until(() => c.text().length >= 8, 10_000, `the output, so far ${JSON.stringify(c.text())}`);
    expect(await c.closed).toBe(1000);
    expect(c.text().split('\n').sort()).toEqual(['', 'err', 'out']);

    // The log of the exited container, then the end. Waited for: an attach between the end of
    // the output and the recorded exit would wait on FIFOs nobody writes again.
    await h.dockerOk(['wait', 'bye']);
    const replay = connect(`/containers/bye/attach/ws?logs=1&stdout=1`);
    expect(await replay.closed).toBe(1000);
    expect(replay.text()).toBe('out\n');

    // Streaming from an exited container, as with dockerd: the output of its next run, then the end.
    const next = connect(`/containers/bye/attach/ws?stream=1&stdout=1`);
    await next.opened;
    await h.dockerOk(['start', 'bye']);
    expect(await next.closed).toBe(1000);
    expect(next.text()).toBe('out\n');
  });

  it('answers 404 with Docker\'s message for an unknown container', async () => {
    const r = await h.request('GET', '/containers/nope/attach/ws?stream=1');
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body)).toEqual({ message: 'No such container: nope' });
  });

  (hasDockerPyWs ? it : it.skip)('works with docker-py\'s attach_socket(ws=True) over tcp', async () => {
    await h.dockerOk(['run', '-di', '--name', 'pycat', 'busybox', 'cat']);
    const script = [
      'import docker, sys',
      'c = docker.from_env().containers.get("pycat")',
      's = c.attach_socket(params={"stdin": 1, "stream": 1, "stdout": 1}, ws=True)',
      's.send("hello\\n")',
      'data = s.recv()',
      'print(repr(data))',
      's.close()',
    ].join('\n');
    const result = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      let out = '';
      const child = spawn('timeout', ['60', PYTHON, '-c', script], {
        env: { PATH: '/usr/bin:/bin', DOCKER_HOST: `tcp://127.0.0.1:${h.tcpPort}`, HOME: h.dir },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      h.spare(child.pid!);
      child.stdout.on('data', (b: Buffer) => (out += b.toString()));
      child.stderr.on('data', (b: Buffer) => (out += b.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, out }));
    });
    // Binary frames (API >= 1.28) come out of websocket-client as bytes.
    expect(result.out.trim()).toBe("b'hello\\n'");
    expect(result.code).toBe(0);
  });
});
