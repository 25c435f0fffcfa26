// `docker ... inspect -f '{{json .}}'` re-encodes skiffd's document through the docker CLI's Go
// structs (every field, struct order, omitempty): it prints exactly skiffd's raw JSON only when
// skiffd sends Docker's full field set in Docker's order.
import { canRunSkiffd, SkiffdHarness } from '../helpers/skiffd';

const describeRoot = canRunSkiffd ? describe : describe.skip;

describeRoot('inspect documents through the docker CLI equal skiffd\'s raw JSON', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
  }, 120_000);
  afterAll(async () => {
    await h.docker(['rm', '-f', 'if-plain', 'if-ports', 'if-net']);
    await h.docker(['network', 'rm', 'if-netx']);
    await h.cleanup();
  });

  /** The raw document, re-serialized with its key order kept, next to the CLI's re-encoding. */
  async function both(rawPath: string, cli: string[]): Promise<[string, string]> {
    const raw = await h.request('GET', rawPath);
    expect(raw.status).toBe(200);
    return [JSON.stringify(JSON.parse(raw.body)), JSON.stringify(JSON.parse(await h.dockerOk([...cli, '-f', '{{json .}}'])))];
  }

  it('containers: plain, with -p/-v/-e/--label, on a user network; stopped and running', async () => {
    await h.dockerOk(['network', 'create', 'if-netx']);
    await h.dockerOk(['create', '--name', 'if-plain', 'busybox', 'sleep', '1000']);
    await h.dockerOk(['run', '-d', '--name', 'if-ports', '-p', '127.0.0.1::80', '-v', `${h.dir}:/data`, '-v', 'if-vol:/v', '-e', 'A=1', '--label', 'k=v', '--annotation', 'org.example.team=infra', '--tmpfs', '/t', '--init', 'busybox', 'sleep', '1000']);
    await h.dockerOk(['run', '-d', '--name', 'if-net', '--network', 'if-netx', '--network-alias', 'db', '--health-cmd', 'true', '--stop-signal', 'SIGUSR1', 'busybox', 'sleep', '1000']);
    for (const name of ['if-plain', 'if-ports', 'if-net']) {
      const [raw, cli] = await both(`/v1.44/containers/${name}/json`, ['container', 'inspect', name]);
      expect(cli).toBe(raw);
    }
  });

  it('networks, the image and /info', async () => {
    for (const name of ['bridge', 'if-netx', 'host']) {
      const [raw, cli] = await both(`/v1.44/networks/${name}`, ['network', 'inspect', name]);
      expect(cli).toBe(raw);
    }
    const [raw, cli] = await both('/v1.44/images/busybox/json', ['image', 'inspect', 'busybox']);
    expect(cli).toBe(raw);
    // docker info adds its client's fields after the server's.
    const info = JSON.parse((await h.request('GET', '/v1.44/info')).body) as Record<string, unknown>;
    const printed = JSON.parse(await h.dockerOk(['info', '-f', '{{json .}}'])) as Record<string, unknown>;
    expect(Object.keys(printed).filter((k) => !['ClientInfo', 'ClientErrors', 'ServerErrors'].includes(k))).toEqual(Object.keys(info));
  });
});
