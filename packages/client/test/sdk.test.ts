import { PassThrough } from 'node:stream';
import { isSkiffError } from '@skiff/errors';
import { DaemonError, EngineClient, FrameDecoder, demultiplex, frame, parseHost } from '../src';
import { FakeDaemon } from './helpers/fake-daemon';

describe('EngineClient against a fake daemon on a unix socket', () => {
  let daemon: FakeDaemon;
  let client: EngineClient;

  beforeEach(async () => {
    daemon = new FakeDaemon();
    await daemon.listen();
    client = new EngineClient({ endpoint: { kind: 'unix', socketPath: daemon.socket } });
  });
  afterEach(() => daemon.close());

  it('negotiates the API version from /_ping and prefixes every path with it', async () => {
    daemon.json('GET /v1.45/version', 200, { Version: '1.0', ApiVersion: '1.45', Os: 'linux', Arch: 'amd64' });
    expect((await client.serverVersion()).Version).toBe('1.0');
    expect(daemon.requests).toEqual(['GET /_ping', 'GET /v1.45/version']);
  });

  it('keeps its own maximum when the daemon is newer', async () => {
    daemon.apiVersion = '1.99';
    expect(await client.version()).toBe('1.51');
  });

  it('turns Docker error bodies into typed errors with Docker\'s message', async () => {
    const cases: Array<[number, string]> = [
      [404, 'NotFound'],
      [409, 'Conflict'],
      [400, 'InvalidArgument'],
      [500, 'Internal'],
    ];
    for (const [status, kind] of cases) {
      daemon.json('DELETE /v1.45/containers/x', status, { message: `refused ${status}` });
      const err = await client.removeContainer('x').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DaemonError);
      expect(isSkiffError(err, kind as never)).toBe(true);
      expect((err as DaemonError).message).toBe(`refused ${status}`);
      expect((err as DaemonError).statusCode).toBe(status);
    }
  });

  it('says when no daemon listens, in docker\'s words', async () => {
    const nowhere = new EngineClient({ endpoint: { kind: 'unix', socketPath: `${daemon.dir}/none.sock` } });
    await expect(nowhere.info()).rejects.toThrow(`Cannot connect to the Docker daemon at unix://${daemon.dir}/none.sock. Is the docker daemon running?`);
  });

  it('streams logs that demultiplex into stdout and stderr', async () => {
    daemon.routes.set('GET /v1.45/containers/c/logs', (_req, res) => {
      res.writeHead(200);
      const data = Buffer.concat([frame(1, 'out 1\n'), frame(2, 'err\n'), frame(1, 'out 2\n')]);
      // Split mid-header and mid-payload: frames must survive arbitrary chunking.
      res.write(data.subarray(0, 5));
      res.write(data.subarray(5, 17));
      res.end(data.subarray(17));
    });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    await demultiplex(await client.containerLogs('c', { tail: '10' }), stdout, stderr);
    expect(stdout.read().toString()).toBe('out 1\nout 2\n');
    expect(stderr.read().toString()).toBe('err\n');
    expect(daemon.requests[1]).toBe('GET /v1.45/containers/c/logs?tail=10&stdout=1&stderr=1');
  });

  it('reads pull progress as JSON lines split anywhere', async () => {
    daemon.routes.set('POST /v1.45/images/create', (_req, res) => {
      res.writeHead(200);
      res.write('{"status":"Pulling from library/busybox","id":"latest"}\n{"status":"Pull');
      res.end('ing fs layer","progressDetail":{},"id":"abc"}\n');
    });
    const messages = [];
    for await (const m of await client.pull('busybox', 'latest')) messages.push(m);
    expect(messages.map((m) => m.status)).toEqual(['Pulling from library/busybox', 'Pulling fs layer']);
  });

  it('a pull for a platform sends it as the platform query', async () => {
    daemon.routes.set('POST /v1.45/images/create', (_req, res) => res.end('{"status":"done"}\n'));
    for await (const _m of await client.pull('busybox', 'latest', 'linux/arm64')) void _m;
    expect(daemon.requests.at(-1)).toBe('POST /v1.45/images/create?fromImage=busybox&tag=latest&platform=linux%2Farm64');
  });

  it('hijacks exec start into a raw duplex', async () => {
    daemon.json('POST /v1.45/containers/c/exec', 201, { Id: 'e1' });
    daemon.upgrades.set('POST /v1.45/exec/e1/start', (socket, body) => {
      expect(JSON.parse(body)).toEqual({ Detach: false, Tty: false });
      socket.once('data', (chunk: Buffer) => {
        socket.end(frame(1, `echo: ${chunk.toString()}`));
      });
    });
    const id = await client.createExec('c', { Cmd: ['cat'], AttachStdin: true, AttachStdout: true });
    const socket = await client.startExec(id, { tty: false });
    socket.write('hi');
    const out = new PassThrough();
    await demultiplex(socket, out, new PassThrough());
    expect(out.read().toString()).toBe('echo: hi');
  });
});

describe('hosts and frames', () => {
  it('parses docker hosts', () => {
    expect(parseHost('unix:///run/x.sock')).toEqual({ kind: 'unix', socketPath: '/run/x.sock' });
    expect(parseHost('tcp://127.0.0.1:2375')).toEqual({ kind: 'tcp', host: '127.0.0.1', port: 2375 });
    expect(parseHost('tcp://10.0.0.1', { verify: false })).toMatchObject({ port: 2376, tls: { verify: false } });
    expect(() => parseHost('ftp://x')).toThrow('unable to parse docker host `ftp://x`');
  });

  it('decodes frames byte by byte', () => {
    const got: string[] = [];
    const decoder = new FrameDecoder((stream, data) => got.push(`${stream}:${data.toString()}`));
    for (const byte of Buffer.concat([frame(1, 'ab'), frame(2, '')])) decoder.push(Buffer.from([byte]));
    expect(got).toEqual(['1:ab', '2:']);
  });
});
