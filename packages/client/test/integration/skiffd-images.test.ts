// The image verbs of the second slice (tag, history, save, rmi, load, commit) and the system,
// network and volume listings, against skiffd on temporary roots.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canRunSkiffd, SkiffdHarness } from '../../../daemon/test/helpers/skiffd';
import { seed } from '../../../containerd/test/helpers/pull/env';
import { twoPlatformIndex } from '../../../containerd/test/helpers/pull/images';
import { useRegistry } from '../../../containerd/test/helpers/registry/registry';
import { skiffOnSkiffd } from '../helpers/skiff-on-skiffd';

const built = fs.existsSync(path.resolve(__dirname, '../../dist/cli/main.js'));

(canRunSkiffd && built ? describe : describe.skip)('skiff image verbs against skiffd', () => {
  jest.setTimeout(60_000);
  const h = new SkiffdHarness();
  const { skiff } = skiffOnSkiffd(h);

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
  }, 60_000);
  afterAll(() => h.cleanup(), 60_000);

  it('tag, history, save, rmi, load, commit, system df, network ls, volume ls', async () => {
    expect(await skiff('tag', 'busybox', 'mine:1')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await skiff('history', '--format', '{{.ID}} {{.Comment}}', 'mine:1')).stdout).toMatch(/^[0-9a-f]{12} busybox for skiffd tests\n$/);
    const tar = path.join(h.dir, 'saved.tar');
    expect(await skiff('save', '-o', tar, 'mine:1')).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await skiff('rmi', 'mine:1')).toEqual({ code: 0, stdout: 'Untagged: mine:1\n', stderr: '' });
    expect(await skiff('rmi', 'nope')).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^Error response from daemon: No such image: nope/) });
    expect((await skiff('load', '-i', tar)).stdout).toBe('Loaded image: mine:1\n');
    expect((await skiff('run', '--name', 'sc1', 'busybox', 'sh', '-c', 'echo made > /made')).code).toBe(0);
    expect((await skiff('commit', '-m', 'msg', '-c', 'ENV B=2', 'sc1', 'com:1')).stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect(await skiff('run', '--rm', 'com:1', 'sh', '-c', 'cat /made; echo $B')).toEqual({ code: 0, stdout: 'made\n2\n', stderr: '' });
    expect((await skiff('rm', 'sc1')).code).toBe(0);
    expect((await skiff('system', 'df')).stdout).toMatch(/^TYPE +TOTAL +ACTIVE +SIZE +RECLAIMABLE\nImages +2 /);
    expect((await skiff('network', 'ls', '--format', '{{.Name}} {{.Driver}}')).stdout).toMatch(/host host\n/);
    expect(await skiff('volume', 'ls')).toEqual({ code: 0, stdout: 'DRIVER    VOLUME NAME\n', stderr: '' });
  });

  (fs.existsSync('/usr/bin/docker-registry') ? describe : describe.skip)('with a registry', () => {
    const registry = useRegistry();
    beforeAll(() => h.spare(registry().pid));

    it('pull --platform, and run --platform pulling the image for that platform', async () => {
      await seed(registry().host, 'team/plat', '1', await twoPlatformIndex());
      const ref = `${registry().host}/team/plat:1`;
      const arch = async () => (await skiff('image', 'inspect', '--format', '{{.Architecture}}', ref)).stdout;
      expect((await skiff('pull', '--platform', 'linux/arm64', ref)).code).toBe(0);
      expect(await arch()).toBe('arm64\n');
      const bad = await skiff('pull', '--platform', 'a/b/c/d', ref);
      expect(bad).toMatchObject({ code: 1, stderr: 'Error response from daemon: "a/b/c/d": cannot parse platform specifier: invalid argument\n' });
      expect((await skiff('rmi', ref)).code).toBe(0);
      // The image is missing: run pulls it for --platform's platform, then creates on it.
      const created = await skiff('create', '--platform', 'linux/arm64', ref);
      expect(created.stderr).toContain(`Unable to find image '${ref}' locally`);
      expect(created.code).toBe(0);
      expect(await arch()).toBe('arm64\n');
      expect((await skiff('rm', created.stdout.trim())).code).toBe(0);
      expect((await skiff('rmi', ref)).code).toBe(0);

      // Only the host's platform there: a create for another is dockerd's 404, on which it pulls.
      expect((await skiff('pull', ref)).code).toBe(0);
      expect(await arch()).toBe('amd64\n');
      const other = await skiff('create', '--platform', 'linux/arm64', ref);
      expect(other.stderr).toContain(`Unable to find image '${ref}' locally`);
      expect(other.code).toBe(0);
      const id = other.stdout.trim();
      const tar = await skiff('cp', `${id}:/arch`, '-');
      expect(tar.stdout.slice(512, 518)).toBe('arm64\n');
      expect((await skiff('rm', id)).code).toBe(0);
      expect((await skiff('rmi', ref)).code).toBe(0);
    });
  });
});
