// The second slice of verbs against a fake engine: docker's tables, --format, -q, errors and
// exit statuses, for the same data docker was seen printing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { DaemonError } from '../src';
import { configDir, registryAuthHeader } from '../src/sdk/auth';
import { escapeFilter, parseDetachKeys } from '../src/cli/commands/detach-keys';
import { eventLine, timestampArgument } from '../src/cli/commands/events';
import { statsRow } from '../src/cli/commands/stats';
import { bytesSize } from '../src/cli/format';
import { capture, NOW, seconds } from './helpers/capture';

const notFound = (what: string) => async (name: string) => Promise.reject(new DaemonError(404, `No such ${what}: ${name}`));
async function* lines<T>(items: T[]) {
  yield* items;
}

describe('container verbs', () => {
  it('restart, pause, unpause print each name; failures make 1', async () => {
    const ok = async (name: string) => {
      if (name === 'nope') throw new DaemonError(404, 'No such container: nope');
    };
    const cli = capture({ restartContainer: ok, pauseContainer: ok, unpauseContainer: ok });
    for (const verb of ['restart', 'pause', 'unpause'])
      expect(await cli(verb, 'a', 'nope', 'b')).toEqual({ code: 1, stdout: 'a\nb\n', stderr: 'Error response from daemon: No such container: nope\n' });
  });

  it('rename is silent, and adds docker\'s second line on failure', async () => {
    const cli = capture({ renameContainer: async (id: string) => (id === 'nope' ? Promise.reject(new DaemonError(404, 'No such container: nope')) : undefined) });
    expect(await cli('rename', 'a', 'b')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await cli('rename', 'nope', 'b')).toEqual({ code: 1, stdout: '', stderr: 'Error response from daemon: No such container: nope\nError: failed to rename container named nope\n' });
  });

  it('top aligns the ps columns with docker\'s minimum width of 20', async () => {
    const cli = capture({ topContainer: async () => ({ Titles: ['UID', 'PID', 'CMD'], Processes: [['root', '1234', 'sleep 300']] }) });
    expect((await cli('top', 'web')).stdout).toBe('UID                 PID                 CMD\nroot                1234                sleep 300\n');
  });

  it('port lists bindings and one private port, with docker\'s error', async () => {
    const cli = capture({
      inspectContainer: (async () => ({ NetworkSettings: { Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }, { HostIp: '::', HostPort: '8080' }], '53/udp': null } } })) as never,
    });
    expect((await cli('port', 'web')).stdout).toBe('80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n');
    expect((await cli('port', 'web', '80')).stdout).toBe('0.0.0.0:8080\n[::]:8080\n');
    expect(await cli('port', 'web', '81')).toEqual({ code: 1, stdout: '', stderr: "Error: No public port '81' published for web\n" });
  });

  it('diff prints C/A/D in the daemon\'s order', async () => {
    const cli = capture({ containerChanges: async () => [{ Path: '/new', Kind: 1 }, { Path: '/bin', Kind: 0 }, { Path: '/bin/ls', Kind: 2 }] });
    expect((await cli('diff', 'web')).stdout).toBe('A /new\nC /bin\nD /bin/ls\n');
  });

  it('stats --no-stream computes docker\'s columns from two samples', async () => {
    const sample = {
      id: '4c01db0b339c4f5e8a6d2f1b7e0a9c3d5f6b8a7e9c1d2f3a4b5c6d7e8f9a0b1c',
      name: '/web',
      cpu_stats: { cpu_usage: { total_usage: 2_000_000_000 }, system_cpu_usage: 20_000_000_000, online_cpus: 2 },
      precpu_stats: { cpu_usage: { total_usage: 1_000_000_000 }, system_cpu_usage: 10_000_000_000 },
      memory_stats: { usage: 10 * 1024 * 1024, limit: 2 * 1024 ** 3, stats: { total_inactive_file: 2 * 1024 * 1024 } },
      networks: { eth0: { rx_bytes: 1500, tx_bytes: 700 } },
      blkio_stats: { io_service_bytes_recursive: [{ op: 'Read', value: 4096 }, { op: 'Write', value: 1_200_000 }, { op: 'Total', value: 1 }] },
      pids_stats: { current: 3 },
    };
    const cli = capture({ containerStats: (async () => lines([sample])) as never });
    expect((await cli('stats', '--no-stream', 'web')).stdout).toBe(
      [
        'CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O        BLOCK I/O       PIDS',
        '4c01db0b339c   web       20.00%    8MiB / 2GiB         0.39%     1.5kB / 700B   4.1kB / 1.2MB   3',
        '',
      ].join('\n'),
    );
    expect((await cli('stats', '--no-stream', '--no-trunc', '--format', '{{.ID}} {{.Container}} {{.MemPerc}}', 'web')).stdout).toBe(`${sample.id} web 0.39%\n`);
    expect(statsRow({}, 'abc', false)).toMatchObject({ CPUPerc: '0.00%', MemUsage: '0B / 0B', PIDs: '0', Name: '--' });
    expect(bytesSize(1536)).toBe('1.5KiB');
  });

  it('live stats redraw the table in place on a terminal', async () => {
    async function* slow() {
      yield { id: 'a'.repeat(64), name: '/web', pids_stats: { current: 2 } };
      await new Promise((r) => setTimeout(r, 600));
    }
    const cli = capture({ containerStats: (async () => slow()) as never, listContainers: (async () => [{ Id: 'a'.repeat(64) }]) as never }, { stdoutTTY: true });
    const { code, stdout } = await cli('stats', '--format', '{{.Name}} {{.PIDs}}');
    expect(code).toBe(0);
    const frames = stdout.split('\x1b[2J\x1b[H').filter(Boolean);
    expect(frames.length).toBeGreaterThanOrEqual(2);
    expect(frames.at(-1)).toBe('web 2\n');
  });

  it('attach refuses a stopped container as docker', async () => {
    const cli = capture({ inspectContainer: (async () => ({ State: { Running: false }, Config: {} })) as never });
    expect(await cli('attach', 'web')).toEqual({ code: 1, stdout: '', stderr: 'You cannot attach to a stopped container, start it first\n' });
  });

  it('export refuses a terminal and writes a file', async () => {
    const tty = capture({ exportContainer: (async () => Readable.from([Buffer.from('tar')])) as never }, { stdoutTTY: true });
    expect(await tty('export', 'web')).toEqual({ code: 1, stdout: '', stderr: 'cowardly refusing to save to a terminal. Use the -o flag or redirect\n' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-export-'));
    try {
      expect(await tty('export', '-o', path.join(dir, 'out.tar'), 'web')).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(fs.readFileSync(path.join(dir, 'out.tar'), 'utf8')).toBe('tar');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const piped = capture({ exportContainer: (async () => Readable.from([Buffer.from('tar')])) as never });
    expect(await piped('export', 'web')).toEqual({ code: 0, stdout: 'tar', stderr: '' });
  });

  it('commit prints the new id and passes docker\'s options', async () => {
    const seen: unknown[] = [];
    const cli = capture({ commitContainer: (async (id: string, o: unknown) => (seen.push([id, o]), { Id: 'sha256:abc' })) as never });
    expect(await cli('commit', '-a', 'me', '-m', 'msg', '-c', 'ENV A=1', '-c', 'CMD sh', '-p=false', 'web', 'repo/x:1')).toEqual({ code: 0, stdout: 'sha256:abc\n', stderr: '' });
    expect(seen).toEqual([['web', { repo: 'repo/x', tag: '1', author: 'me', comment: 'msg', changes: ['ENV A=1', 'CMD sh'], pause: false }]]);
  });
});

describe('image verbs', () => {
  it('rmi prints Untagged/Deleted lines, errors per image', async () => {
    const cli = capture({
      removeImage: (async (name: string) =>
        name === 'nope' ? notFound('image')(name) : [{ Untagged: 'busybox:latest' }, { Deleted: 'sha256:aa' }, { Deleted: 'sha256:bb' }]) as never,
    });
    expect(await cli('rmi', 'busybox', 'nope')).toEqual({
      code: 1,
      stdout: 'Untagged: busybox:latest\nDeleted: sha256:aa\nDeleted: sha256:bb\n',
      stderr: 'Error response from daemon: No such image: nope\n',
    });
  });

  it('tag splits the target and refuses a digest', async () => {
    const seen: string[][] = [];
    const cli = capture({ tagImage: async (...args: string[]) => void seen.push(args) });
    expect(await cli('tag', 'busybox', 'localhost:5000/bb')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(seen).toEqual([['busybox', 'localhost:5000/bb', 'latest']]);
    expect((await cli('tag', 'busybox', `bb@sha256:${'a'.repeat(64)}`)).code).toBe(1);
  });

  it('history: docker\'s table, -q, --no-trunc, -H=false', async () => {
    const layers = [
      { Id: 'sha256:af4709625109fa1ed4e8b1d3a7d6c8e2f0b9a1c3d5e7f9a0b2c4d6e8f0a1b3c5', Created: seconds('2026-11-28T09:00:00Z'), CreatedBy: '/bin/sh -c #(nop)  CMD ["sh"] and some more words here', Size: 0, Comment: '' },
      { Id: '<missing>', Created: seconds('2026-10-28T12:00:00Z'), CreatedBy: '/bin/sh -c #(nop) ADD file:abc in / ', Size: 4_261_999, Comment: 'imported' },
    ];
    const cli = capture({ imageHistory: async () => layers });
    expect((await cli('history', 'busybox')).stdout).toBe(
      [
        'IMAGE          CREATED       CREATED BY                                      SIZE      COMMENT',
        'af4709625109   3 hours ago   /bin/sh -c #(nop)  CMD ["sh"] and some more …   0B        ',
        '<missing>      4 weeks ago   /bin/sh -c #(nop) ADD file:abc in /             4.26MB    imported',
        '',
      ].join('\n'),
    );
    expect((await cli('history', '-q', 'busybox')).stdout).toBe('af4709625109\n<missing>\n');
    expect((await cli('history', '-H=false', '--format', '{{.CreatedSince}} {{.Size}}', 'busybox')).stdout).toBe('2026-11-28T09:00:00Z 0\n2026-10-28T12:00:00Z 4261999\n');
    expect((await cli('history', '--no-trunc', '--format', '{{.ID}}', 'busybox')).stdout).toBe(`${layers[0]!.Id}\n<missing>\n`);
  });

  it('push renders the progress and the digest line', async () => {
    const cli = capture({
      push: (async () =>
        lines([
          { status: 'The push refers to repository [localhost:5000/bb]' },
          { id: 'abc', status: 'Preparing', progressDetail: {} },
          { id: 'abc', status: 'Pushing', progressDetail: { current: 10, total: 20 }, progress: '[==>  ]' },
          { id: 'abc', status: 'Pushed', progressDetail: {} },
          { status: 'latest: digest: sha256:dd size: 527' },
        ])) as never,
    });
    expect(await cli('push', 'localhost:5000/bb')).toEqual({
      code: 0,
      stdout: 'Using default tag: latest\nThe push refers to repository [localhost:5000/bb]\nabc: Preparing\nabc: Pushed\nlatest: digest: sha256:dd size: 527\n',
      stderr: '',
    });
    const failing = capture({ push: (async () => lines([{ error: 'denied: requested access to the resource is denied' }])) as never });
    expect(await failing('push', 'bb:1')).toEqual({ code: 1, stdout: '', stderr: 'denied: requested access to the resource is denied\n' });
  });

  it('save refuses a terminal; load and import print the daemon\'s lines', async () => {
    const tty = capture({ saveImages: (async () => Readable.from([Buffer.from('x')])) as never }, { stdoutTTY: true });
    expect(await tty('save', 'busybox')).toEqual({ code: 1, stdout: '', stderr: 'cowardly refusing to save to a terminal. Use the -o flag or redirect\n' });
    let body = '';
    const drain = async (s: Readable) => {
      for await (const c of s) body += c.toString();
    };
    const cli = capture(
      {
        loadImages: (async (s: Readable) => (await drain(s), lines([{ stream: 'Loaded image: busybox:latest\n' }]))) as never,
        importImage: (async (s: Readable, o: unknown) => (await drain(s), (body += JSON.stringify(o)), lines([{ status: 'sha256:abc' }]))) as never,
      },
      { stdin: 'TAR' },
    );
    expect(await cli('load')).toEqual({ code: 0, stdout: 'Loaded image: busybox:latest\n', stderr: '' });
    expect(body).toBe('TAR');
    body = '';
    expect(await cli('import', '-c', 'ENV A=1', '-m', 'hi', '-', 'x:2')).toEqual({ code: 0, stdout: 'sha256:abc\n', stderr: '' });
    expect(body).toBe('TAR{"repo":"x","tag":"2","changes":["ENV A=1"],"message":"hi"}');
  });
});

describe('volumes, networks, system', () => {
  const volumes = [
    { Name: 'vol2', Driver: 'local', Mountpoint: '/var/lib/docker/volumes/vol2/_data', Scope: 'local', Labels: null },
    { Name: 'vol1', Driver: 'local', Mountpoint: '/var/lib/docker/volumes/vol1/_data', Scope: 'local', Labels: { a: 'b' } },
  ];
  it('volume create, ls, inspect, rm, prune', async () => {
    const cli = capture(
      {
        createVolume: (async (b: { Name?: string }) => ({ ...volumes[0], Name: b.Name ?? 'anon' })) as never,
        listVolumes: (async () => ({ Volumes: volumes })) as never,
        inspectVolume: (async (name: string) => (name === 'vol1' ? volumes[1] : Promise.reject(new DaemonError(404, `get ${name}: no such volume`)))) as never,
        removeVolume: async () => undefined,
        pruneVolumes: (async () => ({ VolumesDeleted: ['a1'], SpaceReclaimed: 2048 })) as never,
      },
      { stdin: 'y\n' },
    );
    expect((await cli('volume', 'create', 'vol3')).stdout).toBe('vol3\n');
    expect((await cli('volume', 'ls')).stdout).toBe('DRIVER    VOLUME NAME\nlocal     vol1\nlocal     vol2\n');
    expect((await cli('volume', 'ls', '-q')).stdout).toBe('vol1\nvol2\n');
    expect((await cli('volume', 'ls', '--format', '{{.Name}}:{{.Labels}}')).stdout).toBe('vol1:a=b\nvol2:\n');
    expect(await cli('volume', 'inspect', '-f', '{{.Mountpoint}}', 'vol1', 'nope')).toEqual({
      code: 1,
      stdout: '/var/lib/docker/volumes/vol1/_data\n',
      stderr: 'Error response from daemon: get nope: no such volume\n',
    });
    expect(JSON.parse((await cli('volume', 'inspect', 'vol1')).stdout)).toEqual([volumes[1]]);
    expect((await cli('volume', 'rm', 'vol1')).stdout).toBe('vol1\n');
    expect((await cli('volume', 'prune')).stdout).toBe(
      'WARNING! This will remove anonymous local volumes not used by at least one container.\nAre you sure you want to continue? [y/N] Deleted Volumes:\na1\n\nTotal reclaimed space: 2.05kB\n',
    );
  });

  it('volume prune without a yes does nothing', async () => {
    let pruned = false;
    const cli = capture({ pruneVolumes: (async () => ((pruned = true), {})) as never }, { stdin: 'n\n' });
    expect((await cli('volume', 'prune')).code).toBe(0);
    expect(pruned).toBe(false);
  });

  it('network create, ls, rm with docker\'s extra error line', async () => {
    const nets = [
      { Name: 'none', Id: 'c'.repeat(64), Driver: 'null', Scope: 'local' },
      { Name: 'host', Id: 'b'.repeat(64), Driver: 'host', Scope: 'local' },
    ];
    const created: unknown[] = [];
    const cli = capture({
      createNetwork: (async (b: unknown) => (created.push(b), { Id: 'f'.repeat(64) })) as never,
      listNetworks: (async () => nets) as never,
      removeNetwork: async (name: string) => (name === 'nope' ? Promise.reject(new DaemonError(404, 'network nope not found')) : undefined),
    });
    expect((await cli('network', 'create', '--subnet', '10.9.0.0/24', '--gateway', '10.9.0.1', 'n1')).stdout).toBe(`${'f'.repeat(64)}\n`);
    expect(created).toEqual([{ Name: 'n1', Driver: 'bridge', Internal: false, Labels: {}, IPAM: { Driver: 'default', Config: [{ Subnet: '10.9.0.0/24', Gateway: '10.9.0.1' }] } }]);
    expect((await cli('network', 'ls')).stdout).toBe('NETWORK ID     NAME      DRIVER    SCOPE\nbbbbbbbbbbbb   host      host      local\ncccccccccccc   none      null      local\n');
    expect((await cli('network', 'ls', '-q')).stdout).toBe('bbbbbbbbbbbb\ncccccccccccc\n');
    expect(await cli('network', 'rm', 'n1', 'nope')).toEqual({ code: 1, stdout: 'n1\n', stderr: 'Error response from daemon: network nope not found\nexit status 1\n' });
  });

  it('network connect and disconnect are silent; errors are docker\'s', async () => {
    const calls: unknown[][] = [];
    const cli = capture({
      connectNetwork: async (...args: unknown[]) => void calls.push(['connect', ...args]),
      disconnectNetwork: async (net: string, ...rest: unknown[]) =>
        net === 'nope' ? Promise.reject(new DaemonError(404, 'network nope not found')) : void calls.push(['disconnect', net, ...rest]),
    });
    expect(await cli('network', 'connect', 'n1', 'web')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await cli('network', 'disconnect', '-f', 'n1', 'web')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(calls).toEqual([['connect', 'n1', 'web'], ['disconnect', 'n1', 'web', true]]);
    expect(await cli('network', 'disconnect', 'nope', 'web')).toEqual({ code: 1, stdout: '', stderr: 'Error response from daemon: network nope not found\n' });
  });

  it('system prune asks, then reports each kind and the total', async () => {
    const cli = capture(
      {
        pruneContainers: (async () => ({ ContainersDeleted: ['c1'], SpaceReclaimed: 1000 })) as never,
        pruneNetworks: (async () => ({ NetworksDeleted: ['n1'] })) as never,
        pruneImages: (async () => ({ ImagesDeleted: [{ Untagged: 'x:1' }, { Deleted: 'sha256:aa' }], SpaceReclaimed: 2000 })) as never,
      },
      { stdin: 'y\n' },
    );
    expect((await cli('system', 'prune')).stdout).toBe(
      [
        'WARNING! This will remove:',
        '  - all stopped containers',
        '  - all networks not used by at least one container',
        '  - all dangling images',
        '',
        'Are you sure you want to continue? [y/N] Deleted Containers:',
        'c1',
        '',
        'Deleted Networks:',
        'n1',
        '',
        'Deleted Images:',
        'untagged: x:1',
        'deleted: sha256:aa',
        '',
        'Total reclaimed space: 3kB',
        '',
      ].join('\n'),
    );
  });

  it('system df sums as docker does', async () => {
    const cli = capture({
      diskUsage: (async () => ({
        LayersSize: 1_982_305,
        Images: [{ Id: 'a', Size: 1_982_305, SharedSize: 0, Containers: 1 }],
        Containers: [{ Id: 'c', State: 'exited', SizeRw: 1000 }],
        Volumes: [],
        BuildCache: [],
      })) as never,
    });
    expect((await cli('system', 'df')).stdout).toBe(
      [
        'TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE',
        'Images          1         1         1.982MB   0B (0%)',
        'Containers      1         0         1kB       1kB (100%)',
        'Local Volumes   0         0         0B        0B',
        'Build Cache     0         0         0B        0B',
        '',
      ].join('\n'),
    );
  });

  it("system df: images in use keep only what they hold alone (unknown sizes hold nothing), paused containers are active, as docker's formatter", async () => {
    const cli = capture({
      diskUsage: (async () => ({
        LayersSize: 170,
        Images: [
          { Id: 'a', Size: 100, SharedSize: 60, Containers: 1 },
          { Id: 'b', Size: 80, SharedSize: 60, Containers: 0 },
          { Id: 'c', Size: 50, SharedSize: -1, Containers: 2 },
        ],
        Containers: [
          { Id: 'p', State: 'paused', SizeRw: 10 },
          { Id: 'x', State: 'exited', SizeRw: 5 },
        ],
        Volumes: [],
        BuildCache: [],
      })) as never,
    });
    const lines = (await cli('system', 'df')).stdout.split('\n');
    expect(lines[1]).toBe('Images          3         2         170B      130B (76%)');
    expect(lines[2]).toBe('Containers      2         1         15B       5B (33%)');
  });

  it('events prints docker\'s line with exact nanoseconds, --since durations', async () => {
    const event = { Type: 'container', Action: 'start', Actor: { ID: 'abc', Attributes: { name: 'web', image: 'busybox' } }, time: 1764331200, timeNano: '1764331200123456789' };
    expect(eventLine(event)).toBe('2025-11-28T12:00:00.123456789Z container start abc (image=busybox, name=web)');
    expect(timestampArgument('10m', NOW)).toBe(String(NOW.getTime() / 1000 - 600));
    expect(timestampArgument('1h30m', NOW)).toBe(String(NOW.getTime() / 1000 - 5400));
    expect(timestampArgument('2026-11-28T11:00:00Z', NOW)).toBe(String(NOW.getTime() / 1000 - 3600));
    expect(timestampArgument('1700000000', NOW)).toBe('1700000000');
    let query: unknown;
    const cli = capture({ events: (async (o: unknown) => ((query = o), lines([event]))) as never });
    expect((await cli('events', '--since', '10m', '-f', 'container=web', '-f', 'event=start', '--format', '{{.Action}} {{.Actor.Attributes.name}}')).stdout).toBe('start web\n');
    expect(query).toEqual({ since: String(NOW.getTime() / 1000 - 600), until: undefined, filters: { container: ['web'], event: ['start'] } });
  });
});

describe('login, logout and the registry auth header', () => {
  it('login stores base64 user:password from --password-stdin; logout removes it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-login-'));
    try {
      const env = { DOCKER_CONFIG: dir };
      let sent: unknown;
      const cli = capture({ auth: (async (b: unknown) => ((sent = b), { Status: 'Login Succeeded' })) as never }, { stdin: 'secret\n', env });
      const result = await cli('login', '-u', 'alice', '--password-stdin', 'localhost:5000');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('Login Succeeded\n');
      expect(sent).toEqual({ username: 'alice', password: 'secret', serveraddress: 'localhost:5000' });
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'))).toEqual({ auths: { 'localhost:5000': { auth: Buffer.from('alice:secret').toString('base64') } } });
      const header = JSON.parse(Buffer.from(registryAuthHeader(configDir(env), 'localhost:5000/bb:1')!, 'base64url').toString());
      expect(header).toEqual({ username: 'alice', password: 'secret', serveraddress: 'localhost:5000' });
      expect(registryAuthHeader(dir, 'busybox')).toBeUndefined();
      expect(await cli('logout', 'localhost:5000')).toEqual({ code: 0, stdout: 'Removing login credentials for localhost:5000\n', stderr: '' });
      expect(registryAuthHeader(dir, 'localhost:5000/bb')).toBeUndefined();
      expect((await capture({}, { env })('login', '--password-stdin')).stderr).toBe('Must provide --username with --password-stdin\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('detach keys', () => {
  it('parses docker\'s notation', () => {
    expect([...parseDetachKeys('ctrl-p,ctrl-q')]).toEqual([16, 17]);
    expect([...parseDetachKeys('ctrl-x,x,ctrl-@,ctrl-[')]).toEqual([24, 120, 0, 27]);
    expect(() => parseDetachKeys('ctrl-1')).toThrow("Unknown character: 'ctrl-1'");
  });

  it('holds back a partial match and lets it through when it is input after all', () => {
    const sent: string[] = [];
    let detached = 0;
    const filter = escapeFilter(parseDetachKeys('ctrl-p,ctrl-q'), (b) => sent.push(b.toString('latin1')), () => detached++);
    filter(Buffer.from('ab\x10'));
    filter(Buffer.from('c\x10'));
    expect(sent).toEqual(['ab', '\x10c']);
    filter(Buffer.from('\x11zz'));
    expect(detached).toBe(1);
    filter(Buffer.from('more'));
    expect(sent).toEqual(['ab', '\x10c']);
  });
});
