// docker's management commands `container` and `image` (the top-level verbs again, some renamed,
// plus their own inspect and prune), and `update`: help pages against the docker CLI 28, and
// what each sends through a fake SDK.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { capture } from './helpers/capture';
import { DOCKER } from './helpers/dockerd';

/** docker's help for `args` with "docker" read as "skiff", minus the lines of what skiff does not have. */
function dockerHelp(args: string[], without: RegExp[] = []): string {
  const page = spawnSync(DOCKER, [...args, '--help'], { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME } }).stdout.replace(/docker/g, 'skiff');
  return page
    .split('\n')
    .filter((line) => !without.some((w) => w.test(line)))
    .join('\n')
    .replace(/docs\.skiff\.com/g, 'docs.docker.com');
}

(fs.existsSync(DOCKER) ? describe : describe.skip)('help pages as the docker CLI 28', () => {
  const skiff = capture({});
  const header = (page: string) => page.split('\nOptions:\n')[0];

  // Where skiff has every command and flag docker lists, the whole page.
  const titled = (cases: string[][]) => cases.map((args) => [args.join(' '), args] as const);
  it.each(titled([['container'], ['container', 'prune'], ['image', 'prune'], ['update'], ['container', 'update']]))('%s --help: the whole page', async (_title, args) => {
    const ours = await skiff(...args, '--help');
    expect({ code: ours.code, stdout: ours.stdout }).toEqual({ code: 0, stdout: dockerHelp(args) });
  });

  // Where docker has more (build, --platform, --tree, -s...), the usage, description and aliases;
  // the flag tables are compared in cli-help.test.ts.
  it.each(titled([['image'], ['container', 'ls'], ['ps'], ['image', 'inspect'], ['container', 'inspect'], ['images'], ['image', 'ls'], ['rmi'], ['image', 'rm'], ['run'], ['container', 'run'], ['container', 'rm'], ['logs']]))(
    '%s --help: usage, description and aliases',
    async (_title, args) => {
      const ours = await skiff(...args, '--help');
      expect(ours.code).toBe(0);
      expect(header(ours.stdout)).toBe(header(dockerHelp(args, [/^ {2}build /])));
    },
  );
});

describe('the groups run the same verbs', () => {
  it('container ls/list/ps and image ls/list are ps and images; image rm is rmi', async () => {
    const listed: unknown[] = [];
    const skiff = capture({
      listContainers: (async (o: unknown) => (listed.push(o), [])) as never,
      listImages: (async (o: unknown) => (listed.push(o), [])) as never,
      removeImage: (async (name: string) => [{ Untagged: `${name}:latest` }]) as never,
    });
    for (const args of [['container', 'ls', '-a'], ['container', 'list', '-q'], ['container', 'ps'], ['ps']]) expect((await skiff(...args)).code).toBe(0);
    expect((await skiff('image', 'list', '-q')).code).toBe(0);
    expect(listed).toEqual([{ all: true, filters: undefined }, { all: undefined, filters: undefined }, { all: undefined, filters: undefined }, { all: undefined, filters: undefined }, { all: undefined, filters: undefined }]);
    expect(await skiff('image', 'rm', 'web')).toEqual({ code: 0, stdout: 'Untagged: web:latest\n', stderr: '' });
  });

  it('container inspect and image inspect look up one kind of object, with docker\'s error for a missing one', async () => {
    const skiff = capture({
      inspectContainer: (async (name: string) => {
        if (name === 'nope') throw Object.assign(new Error('No such container: nope'), { kind: 'NotFound' });
        return { Id: 'c1', Name: `/${name}` };
      }) as never,
      inspectImage: (async (name: string) => ({ Id: `sha256:${name}` })) as never,
    });
    expect(await skiff('container', 'inspect', '-f', '{{.Name}}', 'web', 'nope')).toEqual({ code: 1, stdout: '/web\n', stderr: 'Error response from daemon: No such container: nope\n' });
    expect(await skiff('image', 'inspect', '--format', 'json', 'busybox')).toEqual({ code: 0, stdout: '[{"Id":"sha256:busybox"}]\n', stderr: '' });
  });

  it('container prune and image prune: docker\'s question, filters, and report', async () => {
    const calls: unknown[] = [];
    const engine = {
      pruneContainers: (async (o: unknown) => (calls.push(['containers', o]), { ContainersDeleted: ['c1'], SpaceReclaimed: 1000 })) as never,
      pruneImages: (async (o: unknown) => (calls.push(['images', o]), { ImagesDeleted: [{ Untagged: 'x:1' }, { Deleted: 'sha256:aa' }], SpaceReclaimed: 2000 })) as never,
    };
    expect(await capture(engine, { stdin: 'n\n' })('container', 'prune')).toEqual({
      code: 0,
      stdout: 'WARNING! This will remove all stopped containers.\nAre you sure you want to continue? [y/N] ',
      stderr: '',
    });
    expect(await capture(engine)('container', 'prune', '-f', '--filter', 'until=1h')).toEqual({ code: 0, stdout: 'Deleted Containers:\nc1\n\nTotal reclaimed space: 1kB\n', stderr: '' });
    expect(await capture(engine, { stdin: 'y\n' })('image', 'prune', '-a')).toEqual({
      code: 0,
      stdout:
        'WARNING! This will remove all images without at least one container associated to them.\nAre you sure you want to continue? [y/N] Deleted Images:\nuntagged: x:1\ndeleted: sha256:aa\n\nTotal reclaimed space: 2kB\n',
      stderr: '',
    });
    expect(calls).toEqual([
      ['containers', { filters: { until: ['1h'] } }],
      ['images', { all: true, filters: undefined }],
    ]);
  });
});

describe('update', () => {
  it('sends the flags given as the update body, names each container, and refuses no flags as docker', async () => {
    const bodies: unknown[] = [];
    const skiff = capture({ updateContainer: (async (id: string, body: unknown) => (bodies.push([id, body]), { Warnings: [] })) as never });
    expect(await skiff('update', '-m', '64m', '--memory-swap', '-1', '--cpus', '0.5', '--pids-limit', '50', '--restart', 'on-failure:3', 'a', 'b')).toEqual({ code: 0, stdout: 'a\nb\n', stderr: '' });
    expect(bodies).toEqual([
      ['a', { Memory: 67108864, MemorySwap: -1, NanoCpus: 500000000, PidsLimit: 50, RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 } }],
      ['b', { Memory: 67108864, MemorySwap: -1, NanoCpus: 500000000, PidsLimit: 50, RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 } }],
    ]);
    expect(await skiff('container', 'update', 'a')).toEqual({ code: 1, stdout: '', stderr: 'you must provide one or more flags when using this command\n' });
    expect((await skiff('update', '-m', 'abc', 'a')).stderr).toBe(
      "invalid argument \"abc\" for \"-m, --memory\" flag: invalid size: 'abc'\n\nUsage:  skiff update [OPTIONS] CONTAINER [CONTAINER...]\n\nRun 'skiff update --help' for more information\n",
    );
  });
});
