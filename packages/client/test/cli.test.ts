// The verbs against a fake engine, output compared with what docker prints for the same data.
import { PassThrough } from 'node:stream';
import { DaemonError } from '../src';
import { capture, seconds } from './helpers/capture';

const containers = [
  {
    Id: '4c01db0b339c4f5e8a6d2f1b7e0a9c3d5f6b8a7e9c1d2f3a4b5c6d7e8f9a0b1c',
    Names: ['/web'],
    Image: 'busybox',
    Command: 'sh -c \'while true; do echo hello; sleep 1; done\'',
    Created: seconds('2026-11-28T11:55:00Z'),
    State: 'running',
    Status: 'Up 5 minutes',
    Ports: [],
  },
  {
    Id: 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2',
    Names: ['/done'],
    Image: 'busybox:latest',
    Command: 'true',
    Created: seconds('2026-11-26T12:00:00Z'),
    State: 'exited',
    Status: 'Exited (0) 2 days ago',
    Ports: [],
  },
];

describe('skiff verbs against a fake engine', () => {
  it('ps prints docker\'s table', async () => {
    const cli = capture({ listContainers: async () => containers });
    expect(await cli('ps', '-a')).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'CONTAINER ID   IMAGE            COMMAND                  CREATED         STATUS                  PORTS     NAMES',
        '4c01db0b339c   busybox          "sh -c \'while true; …"   5 minutes ago   Up 5 minutes                      web',
        'a1b2c3d4e5f6   busybox:latest   "true"                   2 days ago      Exited (0) 2 days ago             done',
        '',
      ].join('\n'),
    });
  });

  it('ps -q, --no-trunc and --format', async () => {
    const cli = capture({ listContainers: async () => containers });
    expect((await cli('ps', '-q')).stdout).toBe('4c01db0b339c\na1b2c3d4e5f6\n');
    expect((await cli('ps', '-q', '--no-trunc')).stdout).toBe(`${containers[0]!.Id}\n${containers[1]!.Id}\n`);
    expect((await cli('ps', '--format', '{{.ID}} {{.Names}} {{.Image}} {{.Status}}')).stdout).toBe(
      '4c01db0b339c web busybox Up 5 minutes\na1b2c3d4e5f6 done busybox:latest Exited (0) 2 days ago\n',
    );
    expect((await cli('ps', '--format', 'table {{.Names}}\\t{{.State}}')).stdout).toBe('NAMES     STATE\nweb       running\ndone      exited\n');
    const json = JSON.parse((await cli('ps', '--format', '{{json .}}')).stdout.split('\n')[0]!);
    expect(json).toMatchObject({ ID: '4c01db0b339c', Names: 'web', Command: '"sh -c \'while true; …"', RunningFor: '5 minutes ago' });
  });

  it('images prints docker\'s table and -q', async () => {
    const images = [
      { Id: 'sha256:af4709625109fa1ed4e8b1d3a7d6c8e2f0b9a1c3d5e7f9a0b2c4d6e8f0a1b3c5', RepoTags: ['busybox:latest', 'localhost:5000/bb:1'], Created: seconds('2026-10-28T12:00:00Z'), Size: 4_261_999 },
      { Id: 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', RepoTags: [], Created: seconds('2026-11-28T09:00:00Z'), Size: 1234 },
    ];
    const cli = capture({ listImages: async () => images });
    expect((await cli('images')).stdout).toBe(
      [
        'REPOSITORY          TAG       IMAGE ID       CREATED       SIZE',
        'busybox             latest    af4709625109   4 weeks ago   4.26MB',
        'localhost:5000/bb   1         af4709625109   4 weeks ago   4.26MB',
        '<none>              <none>    0123456789ab   3 hours ago   1.23kB',
        '',
      ].join('\n'),
    );
    expect((await cli('images', '-q')).stdout).toBe('af4709625109\n0123456789ab\n');
    expect((await cli('images', '--format', '{{.Repository}}:{{.Tag}}')).stdout).toBe('busybox:latest\nlocalhost:5000/bb:1\n<none>:<none>\n');
  });

  // docker's version template goes through a tabwriter with minwidth 20: labels fill 20 columns.
  it('version prints the client and the server', async () => {
    const cli = capture({
      version: async () => '1.44',
      serverVersion: async () => ({ Version: '0.1.0', ApiVersion: '1.44', MinAPIVersion: '1.24', Os: 'linux', Arch: 'amd64', Platform: { Name: 'Skiff' }, Components: [{ Name: 'skiff-containerd', Version: '0.1.0' }] }),
    });
    const { code, stdout } = await cli('version');
    expect(code).toBe(0);
    expect(stdout.replace(/^( Version: +).*$/m, '$1X').replace(/^( Node version: +).*$/m, '$1X').replace(/^( OS\/Arch: +).*$/m, '$1X')).toBe(
      [
        'Client: Skiff',
        ' Version:           X',
        ' API version:       1.44',
        ' Node version:      X',
        ' OS/Arch:           X',
        '',
        'Server: Skiff',
        ' Engine:',
        '  Version:          0.1.0',
        '  API version:      1.44 (minimum version 1.24)',
        '  OS/Arch:          linux/amd64',
        ' skiff-containerd:',
        '  Version:          0.1.0',
        '',
      ].join('\n'),
    );
    expect((await cli('version', '--format', '{{.Server.Version}}')).stdout).toBe('0.1.0\n');
  });

  it('inspect --format, and docker\'s "No such object"', async () => {
    const notFound = async (name: string) => Promise.reject(new DaemonError(404, `No such container: ${name}`));
    const cli = capture({
      inspectContainer: (async (name: string) =>
        name === 'web' ? { Id: 'abc', Name: '/web', State: { Running: true, ExitCode: 0 }, Config: { Env: ['A=1', 'B=2'] } } : notFound(name)) as never,
      inspectImage: (async (name: string) => Promise.reject(new DaemonError(404, `No such image: ${name}`))) as never,
    });
    expect(await cli('inspect', '-f', '{{.Name}} {{.State.Running}} {{join .Config.Env ","}}', 'web')).toEqual({ code: 0, stdout: '/web true A=1,B=2\n', stderr: '' });
    expect(await cli('inspect', 'nope')).toEqual({ code: 1, stdout: '[]\n', stderr: 'Error: No such object: nope\n' });
  });

  it('prints daemon errors as docker does, with docker\'s exit statuses', async () => {
    const cli = capture({
      removeContainer: async (name: string) => {
        if (name === 'x') throw new DaemonError(404, 'No such container: x');
      },
      createContainer: async () => Promise.reject(new DaemonError(400, 'invalid reference format')),
      listContainers: async () => Promise.reject(new DaemonError(500, 'boom')),
    });
    expect(await cli('rm', 'x', 'y')).toEqual({ code: 1, stdout: 'y\n', stderr: 'Error response from daemon: No such container: x\n' });
    // docker run words its own failures "docker: <error>" with the pointer to --help.
    expect(await cli('run', 'BAD')).toEqual({ code: 125, stdout: '', stderr: "skiff: Error response from daemon: invalid reference format\n\nRun 'skiff run --help' for more information\n" });
    expect(await cli('ps')).toEqual({ code: 1, stdout: '', stderr: 'Error response from daemon: boom\n' });
    expect((await cli('ps', '--bogus')).code).toBe(125);
  });

  it('run maps a failed start to 127 and 126 as docker does', async () => {
    let startError = '';
    const removed: string[] = [];
    const cli = capture({
      createContainer: async () => ({ Id: 'c1' }),
      inspectContainer: (async () => ({ Config: { Tty: false } })) as never,
      attachContainer: async () => new PassThrough(),
      registerWait: async () => ({ result: new Promise(() => undefined) }) as never,
      startContainer: async () => Promise.reject(new DaemonError(400, startError)),
      removeContainer: async (id: string) => {
        removed.push(id);
      },
    });
    startError = 'failed to create task: exec: "nope": executable file not found in $PATH';
    expect((await cli('run', '--rm', 'busybox', 'nope')).code).toBe(127);
    expect(removed).toEqual(['c1']);
    startError = 'exec /etc/passwd: permission denied';
    expect((await cli('run', 'busybox', '/etc/passwd')).code).toBe(126);
    startError = 'cannot start';
    expect((await cli('run', 'busybox')).code).toBe(125);
  });
});
