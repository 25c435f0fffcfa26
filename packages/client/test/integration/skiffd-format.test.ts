// --format on every listing, through skiff and the docker CLI 28 on the same skiffd: docker's
// keywords ("table", "json"), `{{json .}}` (the fields of docker's formatter contexts, in Go's
// map order) and the default tables print the same bytes; single objects too (inspect -f json).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canRunSkiffd, SkiffdHarness } from '../../../daemon/test/helpers/skiffd';
import { skiffOnSkiffd } from '../helpers/skiff-on-skiffd';

const built = fs.existsSync(path.resolve(__dirname, '../../dist/cli/main.js'));

// Durations move between the two runs (and with them a table's column widths); the rest must be
// the same bytes.
const steady = (text: string) =>
  text
    .replace(/(\d+|About an?|Less than a) (seconds?|minutes?|hours?|second) ago/g, 'N ago')
    .replace(/Up (\d+|About an?|Less than a) (seconds?|minutes?|hours?|second)/g, 'Up N')
    .replace(/ {3,}/g, '   ');

(canRunSkiffd && built ? describe : describe.skip)('--format as the docker CLI prints it, against skiffd', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();
  const { skiff } = skiffOnSkiffd(h);

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
    await h.dockerOk(['volume', 'create', '--label', 'team=a', 'fmt-vol']);
    await h.dockerOk(['network', 'create', '--label', 'team=b', 'fmt-net']);
    await h.dockerOk(['run', '-d', '--name', 'fmt-c', '--network', 'fmt-net', '-v', 'fmt-vol:/data', '-l', 'team=c', 'busybox', 'sleep', '300']);
  }, 120_000);
  afterAll(() => h.cleanup(), 60_000);

  const listings = [['ps'], ['ps', '-a', '--no-trunc'], ['images'], ['images', '--digests'], ['volume', 'ls'], ['network', 'ls'], ['history', 'busybox'], ['system', 'df']];
  const formats = [undefined, 'table', 'json', '{{json .}}', 'table {{.ID}}\\t{{.Names}}'];

  it.each(listings.map((args) => [args.join(' '), args] as const))('%s', async (_title, args) => {
    for (const format of formats) {
      if (format?.includes('Names') && args[0] !== 'ps') continue;
      const argv = [...args, ...(format === undefined ? [] : ['--format', format])];
      const theirs = await h.docker(argv);
      const ours = await skiff(...argv);
      expect({ argv, code: ours.code, stdout: steady(ours.stdout), stderr: ours.stderr }).toEqual({ argv, code: theirs.code, stdout: steady(theirs.stdout), stderr: theirs.stderr });
    }
  });

  it('stats --no-stream: the Container column names the container as it was asked for', async () => {
    for (const argv of [['stats', '--no-stream', '--format', '{{.Container}} {{.Name}} {{.ID}}', 'fmt-c'], ['stats', '--no-stream', '--format', '{{.Container}} {{.Name}}']]) {
      expect(await skiff(...argv)).toEqual(await h.docker(argv));
    }
  });

  it('info: the daemon\'s part line for line as docker info (security options, plugins, registries...)', async () => {
    const theirs = await h.docker(['info']);
    const ours = await skiff('info');
    const server = (text: string) => text.slice(text.indexOf('Server:\n'));
    expect(ours.stdout.startsWith('Client:\n Version:    ')).toBe(true);
    expect({ code: ours.code, server: server(ours.stdout), stderr: ours.stderr }).toEqual({ code: theirs.code, server: server(theirs.stdout), stderr: theirs.stderr });
    expect(server(ours.stdout)).toContain('\n Security Options:\n  seccomp\n   Profile: builtin\n');
  });

  it('inspect -f json prints the array on one line, in the daemon\'s field order', async () => {
    for (const argv of [['inspect', '-f', 'json', 'fmt-c'], ['inspect', 'busybox'], ['volume', 'inspect', '--format', 'json', 'fmt-vol'], ['network', 'inspect', '-f', 'json', 'fmt-net']]) {
      expect({ argv, ...(await skiff(...argv)) }).toEqual({ argv, ...(await h.docker(argv)) });
    }
  });
});
