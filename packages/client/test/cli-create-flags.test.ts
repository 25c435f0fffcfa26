// docker's run/create flags (ports, volumes and mounts, networks, name resolution, labels and env
// files, restart, resources, security, healthcheck, logging, runtime): for each command line, the
// real docker CLI 28 and skiff send their create request to the same recording server, and the
// two bodies must agree; a refused value must give docker's text and status, before any request.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { EngineClient } from '../src';
import { parseGoDuration, parseNanoCpus, parseRamSize } from '../src/cli/container-values';
import { capture } from './helpers/capture';
import { DOCKER, run } from './helpers/dockerd';

interface Recorded {
  url: string;
  body: unknown;
}

/** A daemon that answers only _ping and containers/create, and records each create. */
class RecordingDaemon {
  readonly creates: Recorded[] = [];
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-create-flags-'));
  readonly socket = path.join(this.dir, 'd.sock');
  private readonly server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      if (req.url === '/_ping' && (req.method === 'GET' || req.method === 'HEAD')) {
        res.writeHead(200, { 'Api-Version': '1.51', OSType: 'linux', 'Content-Type': 'text/plain; charset=utf-8' });
        res.end(req.method === 'GET' ? 'OK' : undefined);
      } else if (req.method === 'POST' && /^\/v1\.\d+\/containers\/create(\?|$)/.test(req.url ?? '')) {
        this.creates.push({ url: req.url!, body: JSON.parse(text) });
        res.writeHead(201, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ Id: 'c0ffee'.repeat(10).slice(0, 60) + '0123', Warnings: [] }));
      } else {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: 'page not found' }));
      }
    });
  });

  listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(this.socket, resolve));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => (fs.rmSync(this.dir, { recursive: true, force: true }), resolve())));
  }
}

/** Maps whose entries are kept even when empty ({} for a port, "" for a label). */
const MAPS = new Set(['ExposedPorts', 'Volumes', 'EndpointsConfig', 'Labels', 'Sysctls', 'Tmpfs', 'Config', 'Options', 'PortBindings', 'DriverOpts']);
/** What docker sends that skiff leaves to the daemon's default: the terminal size. */
const DOCKER_ONLY = new Set(['ConsoleSize']);

/** Lists docker 28 builds from Go maps: the same command line twice gives two orders. */
const ORDERLESS = new Set(['Env', 'Binds']);

const empty = (v: unknown) => v === null || v === undefined || v === '' || v === 0 || v === false || (Array.isArray(v) && !v.length) || (typeof v === 'object' && !Array.isArray(v) && !Object.keys(v as object).length);

/** A body without its empty, zero and null values, as both clients send many of those by default. */
function normalize(value: unknown, isMap = false): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (DOCKER_ONLY.has(key)) continue;
    const n = ORDERLESS.has(key) && Array.isArray(v) ? [...v].sort() : normalize(v, MAPS.has(key));
    if (isMap || !empty(n)) out[key] = n;
  }
  return out;
}

const daemon = new RecordingDaemon();
const files = path.join(daemon.dir, 'files');
const env = { PATH: process.env.PATH, HOME: files, DOCKER_CONFIG: files, FROM_ENV: 'from the environment' };
const envFile = path.join(files, 'env');
const labelFile = path.join(files, 'labels');
const badEnvFile = path.join(files, 'bad-env');
const seccomp = path.join(files, 'seccomp.json');

beforeAll(async () => {
  await daemon.listen();
  fs.mkdirSync(files);
  fs.writeFileSync(envFile, 'A=1\n# a comment\nFROM_ENV\n  C=2 \nUNSET\nE= x \n\n');
  fs.writeFileSync(labelFile, 'x=y\n# c\nz\nk=v=w\n');
  fs.writeFileSync(badEnvFile, '=x\n');
  fs.writeFileSync(seccomp, '{\n  "defaultAction": "SCMP_ACT_ALLOW",\n  "syscalls": []\n}\n');
});
afterAll(() => daemon.close());

const usable = fs.existsSync(DOCKER);

/** The create request `verb argv busybox` makes through the docker CLI, and its outcome. */
async function viaDocker(verb: string, argv: string[]) {
  const before = daemon.creates.length;
  const result = await run(DOCKER, ['-H', `unix://${daemon.socket}`, verb, ...argv, 'busybox'], env);
  return { code: result.code, stderr: result.stderr.replace(/docker/g, 'skiff'), sent: daemon.creates.slice(before)[0] };
}

/** The same through skiff's command line (runCli, the SDK, a real socket). */
async function viaSkiff(verb: string, argv: string[]) {
  const before = daemon.creates.length;
  const cli = capture(new EngineClient({ endpoint: { kind: 'unix', socketPath: daemon.socket } }), { env });
  const result = await cli(verb, ...argv, 'busybox');
  return { code: result.code, stderr: result.stderr, sent: daemon.creates.slice(before)[0] };
}

const name = (url: string) => new URL(`http://x${url}`).searchParams.get('name');

(usable ? describe : describe.skip)('run/create flags: the body docker sends', () => {
  const cases: [string, string[]][] = [
    ['ports', ['-p', '127.0.0.1:8080:80/udp', '-p', '9000-9001:9000-9001', '-p', '[::1]:82:82/tcp', '-p', '127.0.0.1::81', '-p', '80', '-p', '8080:80', '-p', '7000-7010:53/udp', '-P', '--expose', '7000-7001', '--expose', '90/udp']],
    ['ports, long form', ['-p', 'target=80,published=8081', '-p', 'target=53,published=5353,protocol=udp', '-p', 'target=90', '-p', 'published=9090,target=9091,mode=host']],
    ['volumes and mounts', ['-v', '/tmp:/data:ro', '-v', 'vol1:/v', '-v', '/anon', '-v', './rel:/r:rw', '-v', 'a:b:c:d', '--tmpfs', '/run:rw,size=64m', '--tmpfs', '/x', '--volumes-from', 'other:ro', '--volumes-from', 'third']],
    [
      '--mount',
      [
        '--mount', 'type=tmpfs,dst=/t,tmpfs-size=64m,tmpfs-mode=1770',
        '--mount', 'type=bind,source=/h,target=/c,bind-propagation=rshared,ro=true',
        '--mount', 'type=volume,src=v,dst=/v2,volume-opt=type=nfs,volume-opt=o=addr=x,readonly,volume-nocopy,volume-label=a=b,volume-driver=local',
        '--mount', 'src=./rel,destination=/rel',
        '--mount', '"type=bind,src=/a,b",dst=/q',
      ],
    ],
    ['a user-defined network', ['--network', 'mynet', '--network-alias', 'foo', '--network-alias', 'bar', '--ip', '10.0.0.5', '-h', 'myhost', '--domainname', 'example.com']],
    ['several networks, --net and the csv form', ['--net', 'a', '--network', 'name=c,alias=x,ip=10.1.0.2']],
    ['a lone network without settings', ['--network', 'solo']],
    ['host network and name resolution', ['--network', 'host', '--dns', '1.1.1.1', '--dns', '::1', '--dns', '0:0:0:0:0:0:0:2', '--dns-search', 'ex.com', '--dns-option', 'ndots:2', '--add-host', 'h:1.2.3.4', '--add-host', 'h2=::1', '--add-host', 'h3:host-gateway', '--add-host', 'h4=[::2]']],
    ['the default network with --ip', ['--ip', '172.17.0.9']],
    ['labels and environment', ['-l', 'a=b', '-l', 'c', '--label-file', labelFile, '-l', 'x=override', '--env-file', envFile, '-e', 'X=1', '-e', 'FROM_ENV', '-e', 'NOPE']],
    ['restart on-failure', ['--restart', 'on-failure:3', '--stop-signal', 'SIGUSR1', '--stop-timeout', '5']],
    ['restart unless-stopped', ['--restart', 'unless-stopped']],
    ['restart no with --rm', ['--rm', '--restart', 'no']],
    ['resources', ['-m', '512m', '--memory-swap', '1g', '--memory-reservation', '100k', '--cpus', '1.5', '-c', '512', '--cpu-period', '100000', '--cpu-quota', '50000', '--cpuset-cpus', '0-1', '--cpuset-mems', '0', '--pids-limit', '100', '--shm-size', '64MiB', '--ulimit', 'nofile=1024:2048', '--ulimit', 'core=-1', '--ulimit', 'nproc=10', '--ulimit', 'nofile=5']],
    ['unlimited swap and pids, fractional sizes', ['--memory-swap', '-1', '-m', '1.5g', '--pids-limit', '-1', '--cpus', '3/2', '--shm-size', '1024']],
    [
      'security',
      ['--cap-add', 'net_admin', '--cap-add', 'CAP_SYS_TIME', '--cap-drop', 'all', '--cap-drop', 'net_admin', '--privileged', '--read-only', '--security-opt', 'no-new-privileges', '--security-opt', 'label:disable', '--security-opt', 'seccomp=unconfined', '--security-opt', `seccomp=${seccomp}`, '--sysctl', 'net.ipv4.ip_forward=1', '--sysctl', 'kernel.msgmax=5', '--group-add', '10', '--group-add', 'audio', '--init'],
    ],
    ['--cap-add ALL', ['--cap-add', 'ALL', '--cap-add', 'chown', '--cap-drop', 'chown']],
    ['healthcheck', ['--health-cmd', 'wget -q localhost || exit 1', '--health-interval', '1m30s', '--health-timeout', '500ms', '--health-start-period', '1.5s', '--health-start-interval', '2h', '--health-retries', '3']],
    ['healthcheck interval only', ['--health-interval', '10s']],
    ['--no-healthcheck', ['--no-healthcheck']],
    ['logging and runtime', ['--log-driver', 'json-file', '--log-opt', 'max-size=1m', '--log-opt', 'max-file=2', '--runtime', 'runc']],
    ['namespaces of the host', ['--pid', 'host', '--ipc', 'host', '--uts', 'host']],
    ['cgroup namespace', ['--cgroupns', 'private']],
    ['cgroup namespace left to the daemon', ['--cgroupns', '']],
    ['a parent cgroup', ['--cgroup-parent', '/ci/jobs']],
    ['a relative parent cgroup', ['--cgroup-parent', 'batch']],
    ['blkio device weights', ['--blkio-weight-device', '/dev/vda:300', '--blkio-weight-device', '/dev/vdb:0']],
    ['a blkio weight', ['--blkio-weight', '300']],
    ['the host\'s user namespace', ['--userns', 'host']],
    ['storage options, which the daemon judges', ['--storage-opt', 'size=1G', '--storage-opt', 'x=']],
    ['real-time CPU limits', ['--cpu-rt-period', '1000000', '--cpu-rt-runtime', '10000']],
    ['a zero real-time runtime', ['--cpu-rt-runtime', '0']],
    ['attached streams', ['-a', 'stdout']],
    ['annotations', ['--annotation', 'org.example.a=1', '--annotation', 'flag', '--annotation', 'b=x=y']],
    ['a MAC address', ['--mac-address', '02:42:AC:11:00:99']],
    ['a MAC address on a named network', ['--network', 'name=web,mac-address=02-42-ac-11-00-98', '--network', 'db']],
    ['attached streams in any case, stdin with -i', ['-a', 'STDIN', '-a', 'Stderr', '-i']],
    ['stdin attached without -i', ['-a', 'stdin']],
    ['a blkio weight in hex', ['--blkio-weight', '0x64']],
    ['a blkio weight of 0 (unset)', ['--blkio-weight', '0']],
    ['an out-of-range blkio weight, which the daemon checks', ['--blkio-weight', '5']],
    ['blkio throttles', ['--device-read-bps', '/dev/vda:1mb', '--device-read-bps', '/dev/vdb:1.5kb', '--device-write-bps', '/dev/vda:4096', '--device-read-iops', '/dev/vda:100', '--device-write-iops', '/dev/vda:0']],
    ['OOM and swappiness', ['--oom-kill-disable', '--oom-score-adj', '-500', '--memory-swappiness', '10', '-m', '64m']],
    ['an out-of-range OOM score, which the daemon checks', ['--oom-score-adj', '2000']],
    ['devices and device cgroup rules', ['--device', '/dev/null', '--device', '/dev/zero:/dev/z:r', '--device', '/dev/full:rw', '--device', '/dev/./random:/dev/r/../rnd/', '--device', '/dev/sda:/x//y/:m', '--device-cgroup-rule', 'c 1:3 rwm', '--device-cgroup-rule', 'a *:* m']],
    ['namespaces of another container, ipc modes', ['--pid', 'container:db', '--ipc', 'container:db']],
    ['ipc shareable', ['--ipc', 'shareable']],
    ['an ipc mode the CLI leaves to the daemon', ['--ipc', 'bogus']],
    ['the basic flags alongside', ['--name', 'web', '-e', 'A=1', '-w', '/tmp', '-u', '1000:1000', '--entrypoint', 'sh', '-i', '-t', '-p', '80', '-v', '/srv:/srv']],
  ];

  it.each(cases)('create with %s', async (_label, argv) => {
    const theirs = await viaDocker('create', argv);
    const ours = await viaSkiff('create', argv);
    expect(theirs.code).toBe(0);
    // stderr is empty but for docker's warnings (a loopback --dns).
    expect(ours).toMatchObject({ code: 0, stderr: theirs.stderr });
    expect(normalize(ours.sent!.body)).toEqual(normalize(theirs.sent!.body));
    expect(name(ours.sent!.url)).toBe(name(theirs.sent!.url));
  });

  it('--platform goes in the query, normalized as the docker CLI sends it; a bad one is refused before the create', async () => {
    for (const platform of ['linux/amd64', 'Linux/X86_64', 'linux/arm64/v8', 'linux/arm', 'arm64', 'nope/x']) {
      const theirs = await viaDocker('create', ['--platform', platform]);
      const ours = await viaSkiff('create', ['--platform', platform]);
      const sent = (r: typeof ours) => new URL(`http://x${r.sent!.url}`).searchParams.get('platform');
      expect(sent(ours)).toBe(sent(theirs));
      expect(normalize(ours.sent!.body)).toEqual(normalize(theirs.sent!.body));
    }
    for (const bad of ['a/b/c/d', 'linux//x']) {
      for (const verb of ['create', 'run']) {
        const theirs = await viaDocker(verb, ['--platform', bad]);
        expect(theirs.code).toBe(verb === 'create' ? 1 : 125);
        expect(await viaSkiff(verb, ['--platform', bad])).toEqual(theirs);
      }
    }
  });

  it('run -d sends the same body as docker run -d', async () => {
    const argv = ['-d', '-p', '8080:80', '-v', 'data:/data', '--restart', 'always', '-m', '64m', '--network', 'mynet', '--network-alias', 'web'];
    const theirs = await viaDocker('run', argv);
    const ours = await viaSkiff('run', argv);
    // Both fail at the start (the server has no start route), after the create.
    expect(normalize(ours.sent!.body)).toEqual(normalize(theirs.sent!.body));
  });

  const refused: string[][] = [
    ['-m', 'foo'],
    ['-m', '-5'],
    ['--memory-swap', 'foo'],
    ['--shm-size', '1x'],
    ['--memory-reservation', '1kb2'],
    ['--cpus', 'foo'],
    ['--cpus', '1.0000000001'],
    ['-c', 'x'],
    ['--cpu-period', '1.5'],
    ['--pids-limit', 'x'],
    ['--stop-timeout', 'x'],
    ['-p', 'abc'],
    ['-p', 'target=80,published'],
    ['-p', 'published=80'],
    ['-p', '80:abc'],
    ['-p', '1-2:3-5'],
    ['-p', '70000'],
    ['-p', '80/xyz'],
    ['-p', '1.2.3:80:80'],
    ['--expose', 'abc'],
    ['--expose', '1:2'],
    ['--restart', 'on-failure:x'],
    ['--restart', ':3'],
    ['--rm', '--restart', 'always'],
    ['--ulimit', 'x'],
    ['--ulimit', 'nofile=a'],
    ['--ulimit', 'nofile=2:1'],
    ['--ulimit', 'foo=1'],
    ['--sysctl', 'x'],
    ['--sysctl', 'kernel.foo=1'],
    ['--health-interval', 'x'],
    ['--health-timeout', '1x'],
    ['--health-retries', 'x'],
    ['--health-interval', '-1s'],
    ['--health-start-period', '-1s'],
    ['--health-retries', '-1'],
    ['--no-healthcheck', '--health-cmd', 'x'],
    ['-v', ':/x'],
    ['-v', '/a:'],
    ['--mount', 'foo'],
    ['--mount', 'type=bind'],
    ['--mount', 'type=bind,src=/x,dst=/y,ro=maybe'],
    ['--mount', 'type=bind,src=/x,dst=/y,tmpfs-size=1'],
    ['--mount', 'type=tmpfs,dst=/y,tmpfs-size=big'],
    ['--mount', 'type=tmpfs,dst=/y,bind-propagation=shared'],
    ['--mount', 'type=bind,src=/x,dst=/y,bogus=1'],
    ['--add-host', 'x'],
    ['--add-host', 'x:notip'],
    ['--dns', 'x'],
    ['--dns-search', '-bad'],
    ['-l', '=x'],
    ['-e', '=x'],
    ['--label-file', '/nonexistent'],
    ['--env-file', '/nonexistent'],
    ['--env-file', badEnvFile],
    ['--log-driver', 'none', '--log-opt', 'a=b'],
    ['--network-alias', 'x'],
    ['--network', 'bridge', '--network-alias', 'x'],
    ['--network', 'a', '--network', 'host'],
    ['--network', 'a', '--network', 'a'],
    ['--security-opt', 'x'],
    ['--security-opt', 'seccomp=/nonexistent'],
    ['--pid', 'bogus'],
    ['--pid', 'container:'],
    ['--uts', 'container:db'],
    ['--oom-score-adj', 'x'],
    ['--cgroupns', 'bogus'],
    ['--memory-swappiness', '1.5'],
    ['--memory-swappiness', '200'],
    ['--memory-swappiness', '-2'],
    ['--device', 'null'],
    ['--device', '/dev/null:rel'],
    ['--device', '/dev/null:/x:zz'],
    ['--device', '/dev/null:/x:rr'],
    ['--device', 'a:b:c:d'],
    ['--device', ':/x'],
    ['--device', 'null:rw'],
    ['--device-cgroup-rule', 'x'],
    ['--device-cgroup-rule', 'c 1:3 rwmx'],
    ['-a', 'bogus'],
    ['--userns', 'private'],
    ['--storage-opt', 'size'],
    ['--cpu-rt-runtime', 'x'],
    ['--mac-address', 'zz'],
    ['--mac-address', '02:42:ac:11:00'],
    ['--mac-address', '02:42:ac:11:00:99', '--network', 'name=web,mac-address=02:42:ac:11:00:98'],
    ['--blkio-weight', 'x'],
    ['--blkio-weight', '70000'],
    ['--blkio-weight', '-1'],
    ['--blkio-weight-device', 'nocolon'],
    ['--blkio-weight-device', ':5'],
    ['--blkio-weight-device', '/tmp/x:10'],
    ['--blkio-weight-device', '/dev/vda:5'],
    ['--blkio-weight-device', '/dev/vda:1001'],
    ['--blkio-weight-device', '/dev/vda:-1'],
    ['--blkio-weight-device', '/dev/vda:70000'],
    ['--blkio-weight-device', '/dev/vda:1:2'],
    ['--device-read-bps', 'nocolon'],
    ['--device-read-bps', ':1'],
    ['--device-write-bps', '/tmp/x:1'],
    ['--device-read-bps', '/dev/vda:abc'],
    ['--device-write-bps', '/dev/vda:-1'],
    ['--device-read-bps', '/dev/vda:1:2'],
    ['--device-read-iops', '/dev/vda:1mb'],
    ['--device-write-iops', '/dev/vda:-1'],
  ];

  it.each(refused)('refuses %s %s as docker does, before any request', async (...argv) => {
    const before = daemon.creates.length;
    const theirs = await viaDocker('create', argv);
    const ours = await viaSkiff('create', argv);
    expect(theirs.code).toBe(125);
    expect(ours).toEqual({ ...theirs, sent: undefined });
    expect(daemon.creates.length).toBe(before);
  });

  it('run refuses with its own usage and help pointer', async () => {
    for (const argv of [['-m', 'foo'], ['-p', 'abc'], ['-a', 'stdout', '-d']]) {
      const theirs = await viaDocker('run', argv);
      expect(await viaSkiff('run', argv)).toEqual(theirs);
    }
  });
});

describe('value syntaxes', () => {
  it('sizes are go-units RAMInBytes (1024-based), durations Go, CPUs a rational', () => {
    expect([parseRamSize('512m'), parseRamSize('1.5g'), parseRamSize('64MiB'), parseRamSize('100k'), parseRamSize('7'), parseRamSize('2 GB')]).toEqual([
      512 * 1024 ** 2, 1.5 * 1024 ** 3, 64 * 1024 ** 2, 102400, 7, 2 * 1024 ** 3,
    ]);
    expect(() => parseRamSize('1q')).toThrow("invalid suffix: 'q'");
    expect([parseGoDuration('30s'), parseGoDuration('1m30s'), parseGoDuration('500ms'), parseGoDuration('1.5h'), parseGoDuration('0'), parseGoDuration('-2us')]).toEqual([
      30e9, 90e9, 500e6, 5400e9, 0, -2000,
    ]);
    expect(() => parseGoDuration('1')).toThrow('time: missing unit in duration "1"');
    expect([parseNanoCpus('1.5'), parseNanoCpus('3/2'), parseNanoCpus('.25'), parseNanoCpus('2e-3')]).toEqual([1.5e9, 1.5e9, 0.25e9, 2e6]);
  });
});
