// skiff's help pages and command-line errors against what the docker CLI 28 prints for the same
// command line (no daemon needed), with "docker" read as "skiff". docker's pages list commands and
// flags skiff does not have, so pages are compared by their lines and flags; errors byte for byte.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { capture } from './helpers/capture';
import { DOCKER } from './helpers/dockerd';

const skiff = capture({});

/** docker's output for `args`, as skiff would word it; stdin is not a terminal, as in capture(). */
function docker(...args: string[]) {
  const result = spawnSync(DOCKER, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH, HOME: process.env.HOME } });
  const asSkiff = (text: string) => text.replace(/docker/g, 'skiff');
  return { code: result.status, stdout: asSkiff(result.stdout), stderr: asSkiff(result.stderr) };
}

/** The flags of a help page's option table: type word and description, unwrapped. */
function flagTable(page: string, title = 'Options:'): Map<string, { short: string; type: string; usage: string }> {
  const flags = new Map<string, { short: string; type: string; usage: string }>();
  let current: { short: string; type: string; usage: string } | undefined;
  for (const line of (page.split(`\n${title}\n`)[1] ?? '').split('\n\n')[0]!.split('\n')) {
    const flag = /^ {2}(?:-(\w), | {4})--([\w-]+)(?: ([a-z-]+))? {2,}(.*)$/.exec(line);
    if (flag) flags.set(flag[2]!, (current = { short: flag[1] ?? '', type: flag[3] ?? '', usage: flag[4]! }));
    else if (current) current.usage += ` ${line.trim()}`;
  }
  return flags;
}

const titles = (page: string) => page.split('\n').filter((line) => /^[A-Z][A-Za-z ]+:$/.test(line));

(fs.existsSync(DOCKER) ? describe : describe.skip)('help and command-line errors as the docker CLI 28', () => {
  it('skiff --help: docker\'s header, sections and trailer, with only the commands and flags skiff has', async () => {
    const ours = await skiff('--help');
    const theirs = docker('--help');
    expect(ours.code).toBe(0);
    const lines = ours.stdout.split('\n');
    expect(lines.slice(0, 3)).toEqual(theirs.stdout.split('\n').slice(0, 3));
    expect(lines.slice(0, 3)).toEqual(['Usage:  skiff [OPTIONS] COMMAND', '', 'A self-sufficient runtime for containers']);
    expect(titles(ours.stdout)).toEqual(['Common Commands:', 'Management Commands:', 'Commands:', 'Global Options:']);
    expect(titles(theirs.stdout).filter((t) => titles(ours.stdout).includes(t))).toEqual(titles(ours.stdout));
    // Every command and flag line is docker's own (the TLS defaults name skiff's certificate directory).
    const docker_ = new Set(theirs.stdout.split('\n'));
    expect(lines.filter((line) => !docker_.has(line) && !/^ +"\/.*\.pem"\)$/.test(line))).toEqual([]);
    expect(lines).toContain('  run         Create and run a new container from an image');
    expect(lines).toContain('  volume      Manage volumes');
    expect(lines).not.toContain('  build       Build an image from a Dockerfile');
    expect(lines.slice(-3)).toEqual(['', "Run 'skiff COMMAND --help' for more information on a command.", '']);
  });

  it('skiff alone prints the same page on stderr and exits 0, as docker', async () => {
    const ours = await skiff();
    expect(docker()).toMatchObject({ code: 0, stdout: '' });
    expect(ours).toEqual({ code: 0, stdout: '', stderr: (await skiff('--help')).stdout });
  });

  it('run --help: docker\'s usage line, description and flags (skiff\'s own), in docker\'s columns', async () => {
    const ours = await skiff('run', '--help');
    const theirs = docker('run', '--help');
    expect(ours.code).toBe(0);
    expect(ours.stdout.split('\n').slice(0, 3)).toEqual(theirs.stdout.split('\n').slice(0, 3));
    expect(ours.stdout.split('\n').slice(0, 3)).toEqual(['Usage:  skiff run [OPTIONS] IMAGE [COMMAND] [ARG...]', '', 'Create and run a new container from an image']);
    expect(titles(ours.stdout)).toEqual(['Aliases:', 'Options:']);
    expect(ours.stdout).toContain('\nAliases:\n  skiff container run, skiff run\n');
    const flags = flagTable(ours.stdout);
    const dockers = flagTable(theirs.stdout);
    expect([...flags.keys()]).toEqual(expect.arrayContaining(['detach', 'detach-keys', 'entrypoint', 'env', 'help', 'interactive', 'name', 'rm', 'sig-proxy', 'tty', 'user', 'workdir']));
    expect([...flags.keys()]).toEqual(expect.arrayContaining(['publish', 'publish-all', 'volume', 'mount', 'network', 'restart', 'memory', 'cpus', 'ulimit', 'health-start-interval', 'log-opt', 'runtime']));
    for (const [name, flag] of flags) expect({ name, ...flag }).toEqual({ name, ...dockers.get(name) });
    // With the same longest flag as docker's, every line of skiff's table is one of docker's.
    const docker_ = new Set(theirs.stdout.split('\n'));
    expect(ours.stdout.split('\n').filter((line) => !docker_.has(line))).toEqual([]);
    expect(ours.stdout).toContain('  -e, --env list                         Set environment variables\n');
    expect(ours.stdout).toContain('      --sig-proxy                        Proxy received signals to the\n                                         process (default true)\n');
  });

  it('lists docker\'s aliases where skiff has the other name, and management groups as docker', async () => {
    for (const args of [['volume', 'ls'], ['info'], ['system', 'events']]) {
      const ours = (await skiff(...args, '--help')).stdout;
      expect(ours.split('Aliases:\n')[1]!.split('\n')[0]).toBe(docker(...args, '--help').stdout.split('Aliases:\n')[1]!.split('\n')[0]);
    }
    expect(await skiff('network', '--help')).toEqual(docker('network', '--help'));
    expect(flagTable((await skiff('logs', '--help')).stdout).get('tail')).toEqual(flagTable(docker('logs', '--help').stdout).get('tail'));
  });

  it.each([
    [['run', '--foo']],
    [['run', '--foo=bar', 'busybox']],
    [['run', '-z']],
    [['run', '-dz']],
    [['run', '-zd']],
    [['ps', '--bogus']],
    [['--foo']],
  ])('unknown flag %j: docker\'s lines on stderr, 125', async (args) => {
    const ours = await skiff(...args);
    expect(ours.code).toBe(125);
    expect(ours).toEqual(docker(...args));
  });

  it.each([
    [['run', '--name']],
    [['run', '-e']],
    [['run', '-de']],
    [['ps', '--format']],
    [['--host']],
    [['stop', '-t', 'x', 'web']],
  ])('flag value missing or wrong %j: docker\'s lines, 125', async (args) => {
    const ours = await skiff(...args);
    expect(ours.code).toBe(125);
    expect(ours).toEqual(docker(...args));
  });

  it.each([
    [['run']],
    [['exec', 'web']],
    [['rename', 'web']],
    [['logs', 'a', 'b']],
    [['port']],
    [['images', 'a', 'b']],
    [['ps', 'extra']],
    [['volume', 'ls', 'extra']],
    [['network', 'connect', 'n']],
  ])('argument count %j: docker\'s lines, exit 1', async (args) => {
    const ours = await skiff(...args);
    expect(ours.code).toBe(1);
    // docker 28 prints "SRun" for at-most rules (a typo in its format string); skiff says "Run".
    const theirs = docker(...args);
    expect(ours).toEqual({ ...theirs, stderr: theirs.stderr.replace(/^SRun /m, 'Run ') });
  });

  it('run without an image: docker\'s exact text', async () => {
    expect(await skiff('run')).toEqual({
      code: 1,
      stdout: '',
      stderr: "skiff: 'skiff run' requires at least 1 argument\n\nUsage:  skiff run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'skiff run --help' for more information\n",
    });
  });

  it.each([[['foo']], [['foo', 'bar']], [['volume', 'foo']], [['network', 'foo']], [['help', 'foo']]])('unknown command %j: docker\'s lines, exit 1', async (args) => {
    const ours = await skiff(...args);
    expect(ours.code).toBe(1);
    expect(ours).toEqual(docker(...args));
  });

  it('stop and restart take docker\'s -t/--timeout, and its hidden --time', async () => {
    const times: (number | undefined)[] = [];
    const cli = capture({ stopContainer: async (_id: string, t?: number) => void times.push(t), restartContainer: async (_id: string, t?: number) => void times.push(t) });
    expect(await cli('stop', '-t', '3', 'web')).toEqual({ code: 0, stdout: 'web\n', stderr: '' });
    await cli('stop', '--timeout', '4', 'web');
    await cli('restart', '--time=5', 'web');
    await cli('restart', 'web');
    expect(times).toEqual([3, 4, 5, undefined]);
  });

  it('help COMMAND prints the command\'s page on stdout', async () => {
    expect(await skiff('help', 'volume', 'ls')).toEqual(await skiff('volume', 'ls', '--help'));
    expect((await skiff('help')).stdout).toBe((await skiff('--help')).stdout);
  });
});
