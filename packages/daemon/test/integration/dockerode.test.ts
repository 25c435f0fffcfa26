// dockerode, the Node.js Docker client, against skiffd: create, attach before start (the
// multiplexed stream demultiplexed by docker-modem), start, wait for the exit code, logs and
// remove, as a Node user scripts it.
import { PassThrough } from 'node:stream';
import Docker from 'dockerode';
import { canRunSkiffd, SkiffdHarness } from '../helpers/skiffd';

const describeRoot = canRunSkiffd ? describe : describe.skip;

function collect(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString()));
  return () => text;
}

describeRoot('dockerode against skiffd', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();
  let docker: Docker;

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
    docker = new Docker({ socketPath: h.socket });
  }, 120_000);
  afterAll(async () => {
    await h.cleanup();
  });

  it('create, attach, start, wait, logs, remove', async () => {
    const container = await docker.createContainer({ Image: 'busybox', Cmd: ['sh', '-c', 'echo to-out; echo to-err >&2; exit 7'], name: 'node-made' });
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const [out, err] = [new PassThrough(), new PassThrough()];
    container.modem.demuxStream(stream, out, err);
    const [stdout, stderr] = [collect(out), collect(err)];
    const ended = new Promise((resolve) => stream.on('end', resolve));
    await container.start();
    expect(await container.wait()).toMatchObject({ StatusCode: 7 });
    await ended;
    expect(stdout()).toBe('to-out\n');
    expect(stderr()).toBe('to-err\n');

    const info = await container.inspect();
    expect(info).toMatchObject({ Name: '/node-made', State: { Status: 'exited', ExitCode: 7 } });
    const logs = await container.logs({ stdout: true, stderr: true, follow: false });
    // Without a TTY the log comes framed: 8-byte headers before each line.
    expect(logs.toString()).toContain('to-out\n');
    expect(logs.toString()).toContain('to-err\n');

    expect((await docker.listContainers({ all: true })).map((c) => c.Names[0])).toEqual(['/node-made']);
    await container.remove();
    expect(await docker.listContainers({ all: true })).toEqual([]);
    await expect(container.inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('version, ping and images through the same client', async () => {
    expect((await docker.ping()).toString()).toBe('OK');
    expect((await docker.version()).ApiVersion).toBe('1.44');
    expect((await docker.listImages()).flatMap((i) => i.RepoTags)).toContain('busybox:latest');
  });
});
