// --filter on ps, images, volume ls/prune and network ls/prune (the `filters` query the daemon
// receives, docker's usage error for a bad item) and --sig-proxy on run and start -a (the kill
// requests made for the signals skiff receives while attached).
import { PassThrough } from 'node:stream';
import { EngineClient } from '../src';
import { addFilter, boolValue, filterFlag } from '../src/cli/flags';
import { PROXIED_SIGNALS } from '../src/cli/commands/sig-proxy';
import { capture } from './helpers/capture';
import { FakeDaemon } from './helpers/fake-daemon';

describe('--filter', () => {
  let daemon: FakeDaemon;
  let cli: ReturnType<typeof capture>;
  beforeEach(async () => {
    daemon = new FakeDaemon();
    await daemon.listen();
    daemon.json('GET /v1.45/containers/json', 200, []);
    daemon.json('GET /v1.45/images/json', 200, []);
    daemon.json('GET /v1.45/volumes', 200, { Volumes: [], Warnings: null });
    daemon.json('GET /v1.45/networks', 200, []);
    daemon.json('POST /v1.45/volumes/prune', 200, { VolumesDeleted: null, SpaceReclaimed: 0 });
    daemon.json('POST /v1.45/networks/prune', 200, { NetworksDeleted: null });
    cli = capture(new EngineClient({ endpoint: { kind: 'unix', socketPath: daemon.socket } }));
  });
  afterEach(() => daemon.close());

  /** The `filters` parameter of the last request to `path`, parsed. */
  const sentFilters = (path: string) => {
    const url = new URL(`http://x${[...daemon.requests].reverse().find((r) => r.split(' ')[1]!.startsWith(`/v1.45${path}?`) || r.endsWith(`/v1.45${path}`))!.split(' ')[1]}`);
    const text = url.searchParams.get('filters');
    return { all: url.searchParams.get('all'), filters: text === null ? null : JSON.parse(text) };
  };

  it('ps sends repeated items as lists, without an implied all (the daemon lists stopped containers for status)', async () => {
    expect((await cli('ps', '-f', 'status=exited', '--filter', 'status=created', '-f', ' NAME = web ', '-f', '')).code).toBe(0);
    expect(sentFilters('/containers/json')).toEqual({ all: null, filters: { status: ['exited', 'created'], name: ['web'] } });
    await cli('ps', '-a', '-q', '--filter=label=a=b');
    expect(sentFilters('/containers/json')).toEqual({ all: '1', filters: { label: ['a=b'] } });
    await cli('ps');
    expect(sentFilters('/containers/json')).toEqual({ all: null, filters: null });
  });

  it('images adds the positional REPOSITORY[:TAG] as a reference filter', async () => {
    await cli('images', 'busybox');
    expect(sentFilters('/images/json').filters).toEqual({ reference: ['busybox'] });
    await cli('images', '-a', '-f', 'dangling=false', '-f', 'reference=bb*', 'busybox:latest');
    expect(sentFilters('/images/json')).toEqual({ all: '1', filters: { dangling: ['false'], reference: ['bb*', 'busybox:latest'] } });
  });

  it('volume ls, network ls and the prunes send their filters', async () => {
    await cli('volume', 'ls', '-f', 'dangling=true', '-q');
    expect(sentFilters('/volumes').filters).toEqual({ dangling: ['true'] });
    await cli('network', 'ls', '--filter', 'driver=bridge', '-f', 'name=a');
    expect(sentFilters('/networks').filters).toEqual({ driver: ['bridge'], name: ['a'] });
    expect(await cli('volume', 'prune', '-f', '-a', '--filter', 'label=x')).toEqual({ code: 0, stdout: 'Total reclaimed space: 0B\n', stderr: '' });
    expect(sentFilters('/volumes/prune').filters).toEqual({ label: ['x'], all: ['true'] });
    await cli('network', 'prune', '-f', '--filter', 'until=24h');
    expect(sentFilters('/networks/prune').filters).toEqual({ until: ['24h'] });
  });

  it("refuses an item without '=' as docker, before any request, with status 125", async () => {
    const before = daemon.requests.length;
    expect(await cli('ps', '-a', '-f', 'foo')).toEqual({
      code: 125,
      stdout: '',
      stderr: `invalid argument "foo" for "-f, --filter" flag: bad format of filter (expected name=value)\n\nUsage:  skiff ps [OPTIONS]\n\nRun 'skiff ps --help' for more information\n`,
    });
    expect((await cli('images', '--filter', 'x')).stderr).toBe(
      `invalid argument "x" for "-f, --filter" flag: bad format of filter (expected name=value)\n\nUsage:  skiff images [OPTIONS] [REPOSITORY[:TAG]]\n\nRun 'skiff images --help' for more information\n`,
    );
    expect((await cli('volume', 'prune', '--filter', 'x')).stderr).toBe(
      `invalid argument "x" for "--filter" flag: bad format of filter (expected name=value)\n\nUsage:  skiff volume prune [OPTIONS]\n\nRun 'skiff volume prune --help' for more information\n`,
    );
    expect((await cli('network', 'ls', '-f', 'x')).code).toBe(125);
    expect(daemon.requests.length).toBe(before);
  });

  it('volume prune refuses --all with an all filter, as docker', async () => {
    expect(await cli('volume', 'prune', '-a', '-f', '--filter', 'all=1')).toEqual({ code: 1, stdout: '', stderr: 'conflicting options: cannot specify both --all and --filter all=1\n' });
  });

  it('gathers items as docker filter sets', () => {
    const parse = filterFlag('-f, --filter', 'ps [OPTIONS]');
    expect(['a=1', 'A=2', 'a=1', 'b=x=y', 'c='].reduce<Record<string, string[]> | undefined>((prev, item) => parse(item, prev), undefined)).toEqual({ a: ['1', '2'], b: ['x=y'], c: [''] });
    expect(addFilter(undefined, 'reference', 'busybox')).toEqual({ reference: ['busybox'] });
    expect(boolValue('--sig-proxy', 'run')('False')).toBe(false);
    expect(boolValue('--sig-proxy', 'run')('1')).toBe(true);
  });
});

describe('--sig-proxy', () => {
  /** A fake engine for one attached container that runs until `exit` is called. */
  const attachedEngine = (tty: boolean) => {
    const kills: Array<string | undefined> = [];
    let exit!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (exit = resolve));
    const socket = new PassThrough();
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const engine = {
      createContainer: async () => ({ Id: 'c1', Warnings: [] }),
      inspectContainer: (async () => ({ Config: { Tty: tty } })) as never,
      attachContainer: (async () => socket) as never,
      registerWait: (async () => ({ result: exited.then((StatusCode) => ({ StatusCode })) })) as never,
      startContainer: async () => started(),
      killContainer: async (_id: string, signal?: string) => {
        kills.push(signal);
        if (signal === 'TERM') {
          socket.end();
          exit(3);
        }
      },
      removeContainer: async () => undefined,
    };
    const finish = () => {
      socket.end();
      exit(0);
    };
    return { engine, kills, running, finish };
  };

  const listeners = () => PROXIED_SIGNALS.map((s) => process.listenerCount(s));

  it('forwards the signals skiff receives during an attached run, named as docker names them', async () => {
    const before = listeners();
    const { engine, kills, running } = attachedEngine(false);
    const result = capture(engine)('run', '--rm', 'busybox', 'sh');
    await running;
    process.emit('SIGHUP', 'SIGHUP');
    process.emit('SIGTERM', 'SIGTERM');
    expect(await result).toEqual({ code: 3, stdout: '', stderr: '' });
    expect(kills).toEqual(['HUP', 'TERM']);
    expect(listeners()).toEqual(before);
  });

  it('start -a forwards too, and its first SIGINT ends the attachment (exit 0) as docker 28 does', async () => {
    const { engine, kills, running } = attachedEngine(false);
    const result = capture(engine)('start', '-a', 'c1');
    await running;
    process.emit('SIGINT', 'SIGINT');
    expect(await result).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(kills).toEqual(['INT']);
    // docker 28's start has no --sig-proxy.
    expect(await capture({})('start', '-a', '--sig-proxy=false', 'c1')).toMatchObject({ code: 125, stderr: expect.stringMatching(/^unknown flag: --sig-proxy\n/) });
  });

  it('--sig-proxy=false and a TTY do not forward', async () => {
    const before = listeners();
    const cases: Array<[string[], boolean, Array<string | undefined>]> = [
      [['run', '--sig-proxy=false', 'busybox'], false, []],
      [['run', '-t', 'busybox'], true, []],
    ];
    for (const [args, tty, expected] of cases) {
      const { engine, kills, running, finish } = attachedEngine(tty);
      const result = capture(engine)(...args);
      await running;
      // Emitted, not raised: without a proxy the test process must not take SIGINT's default action.
      if (expected.length) process.emit('SIGINT', 'SIGINT');
      else expect(process.listenerCount('SIGINT')).toBe(before[PROXIED_SIGNALS.indexOf('SIGINT')]);
      finish();
      expect((await result).code).toBe(0);
      expect({ args, kills }).toEqual({ args, kills: expected });
    }
    expect(listeners()).toEqual(before);
  });

  it('forwards what docker does, and not what Node cannot or must not handle', () => {
    expect(PROXIED_SIGNALS).toEqual(expect.arrayContaining(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2', 'SIGWINCH', 'SIGALRM']));
    for (const s of ['SIGCHLD', 'SIGPIPE', 'SIGURG', 'SIGKILL', 'SIGSTOP', 'SIGSEGV', 'SIGIOT']) expect(PROXIED_SIGNALS).not.toContain(s);
  });

  it("refuses a value that is not Go's boolean with docker's wording", async () => {
    expect(await capture({})('run', '--sig-proxy=maybe', 'busybox')).toEqual({
      code: 125,
      stdout: '',
      stderr: `invalid argument "maybe" for "--sig-proxy" flag: strconv.ParseBool: parsing "maybe": invalid syntax\n\nUsage:  skiff run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'skiff run --help' for more information\n`,
    });
  });
});
