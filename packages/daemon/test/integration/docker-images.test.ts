// The real docker CLI's image commands against skiffd, with Debian's registry on 127.0.0.1:
// tag, push, rmi, pull, run of the pulled image (and the CLI's own pull on `run`), images and
// its filters, save -> load keeping the id, import with changes, commit, history, and the
// refusal to remove an image in use.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { canRunSkiffd, SkiffdHarness } from '../helpers/skiffd';
import { useRegistry } from '../../../containerd/test/helpers/registry/registry';
import { seed } from '../../../containerd/test/helpers/pull/env';
import { twoPlatformIndex } from '../../../containerd/test/helpers/pull/images';
import { makeRootfs } from '../../../shim/test/helpers/bundle';

const describeRoot = canRunSkiffd && fs.existsSync('/usr/bin/docker-registry') ? describe : describe.skip;

describeRoot('docker image commands against skiffd', () => {
  jest.setTimeout(180_000);
  const h = new SkiffdHarness();
  const registry = useRegistry();

  beforeAll(async () => {
    h.spare(registry().pid);
    await h.start();
    await h.importBusybox();
  }, 120_000);
  afterAll(async () => {
    await h.cleanup();
  });
  afterEach(async () => {
    if (!h.current) return;
    const left = (await h.docker(['ps', '-aq'])).stdout.split('\n').filter(Boolean);
    if (left.length > 0) await h.docker(['rm', '-f', ...left]);
  });

  const id = (ref: string) => h.dockerOk(['image', 'inspect', '--format', '{{.Id}}', ref]);

  it('tag, push, rmi, pull and run the pulled image; run pulls a missing image itself', async () => {
    const repo = `${registry().host}/team/bb`;
    await h.dockerOk(['tag', 'busybox', `${repo}:v1`]);
    const push = await h.dockerOk(['push', `${repo}:v1`]);
    expect(push).toMatch(/v1: digest: sha256:[0-9a-f]{64} size: \d+/);

    expect(await h.dockerOk(['rmi', `${repo}:v1`])).toContain(`Untagged: ${repo}:v1`);
    const pull = await h.dockerOk(['pull', `${repo}:v1`]);
    expect(pull).toMatch(/Digest: sha256:[0-9a-f]{64}/);
    expect(pull).toContain(`${repo}:v1`);
    expect(await h.dockerOk(['run', '--rm', `${repo}:v1`, 'echo', 'from the registry'])).toBe('from the registry');

    await h.dockerOk(['tag', 'busybox', `${repo}:auto`]);
    await h.dockerOk(['push', `${repo}:auto`]);
    await h.dockerOk(['rmi', `${repo}:auto`]);
    const run = await h.docker(['run', '--rm', `${repo}:auto`, 'echo', 'pulled on run']);
    expect(run.stderr).toContain(`Unable to find image '${repo}:auto' locally`);
    expect(run.stdout.trim()).toBe('pulled on run');
    expect(run.code).toBe(0);

    const missing = await h.docker(['pull', `${registry().host}/team/none:1`]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('Error response from daemon');
  });

  it('pull --platform takes that platform\'s manifest of an index; the host\'s is preferred once pulled', async () => {
    const repo = `${registry().host}/team/multi`;
    await seed(registry().host, 'team/multi', '1', await twoPlatformIndex());
    const archOf = async (ref: string) => h.dockerOk(['image', 'inspect', '--format', '{{.Os}}/{{.Architecture}}', ref]);
    /** The /arch file of a container created from ref: which platform's layers its root is made of. */
    const fileIn = async (args: string[]) => {
      const created = await h.docker(['create', ...args]);
      expect(created.code).toBe(0);
      const id = created.stdout.trim();
      // A tar of one short file: its header (ASCII) is 512 bytes, then the content.
      const tar = await h.docker(['cp', `${id}:/arch`, '-']);
      await h.dockerOk(['rm', id]);
      return { stderr: created.stderr, arch: tar.stdout.slice(512, 512 + 6) };
    };

    await h.dockerOk(['pull', '--platform', 'linux/arm64', `${repo}:1`]);
    expect(await archOf(`${repo}:1`)).toBe('linux/arm64');
    const armOnly = await fileIn([`${repo}:1`]);
    expect(armOnly.arch).toBe('arm64\n');
    expect(armOnly.stderr).toContain("The requested image's platform (linux/arm64) does not match the detected host platform (linux/amd64) and no specific platform was requested");

    await h.dockerOk(['pull', `${repo}:1`]);
    expect(await archOf(`${repo}:1`)).toBe('linux/amd64');
    expect((await fileIn([`${repo}:1`])).arch).toBe('amd64\n');
    expect((await fileIn(['--platform', 'linux/arm64', `${repo}:1`])).arch).toBe('arm64\n');
    await h.dockerOk(['rmi', `${repo}:1`]);
  });

  it('images lists tags, -q ids, and filters by reference', async () => {
    await h.dockerOk(['tag', 'busybox', 'local/one:1']);
    const table = await h.dockerOk(['images', '--format', '{{.Repository}}:{{.Tag}} {{.ID}}']);
    const busyboxId = (await id('busybox')).slice(7, 19);
    expect(table.split('\n')).toEqual(expect.arrayContaining([`busybox:latest ${busyboxId}`, `local/one:1 ${busyboxId}`]));
    expect((await h.dockerOk(['images', '-q'])).split('\n')).toContain(busyboxId);
    expect(await h.dockerOk(['images', '--filter', 'reference=local/*', '--format', '{{.Repository}}:{{.Tag}}'])).toBe('local/one:1');
    expect(await h.dockerOk(['rmi', 'local/one:1'])).toBe('Untagged: local/one:1');
  });

  it('save -o, rmi, load -i brings the image back with the same id', async () => {
    await h.dockerOk(['tag', 'busybox', 'saved:1']);
    const before = await id('saved:1');
    const archive = path.join(h.dir, 'saved.tar');
    await h.dockerOk(['save', '-o', archive, 'saved:1']);
    expect(fs.statSync(archive).size).toBeGreaterThan(100_000);
    await h.dockerOk(['rmi', 'saved:1']);
    expect(await h.dockerOk(['load', '-i', archive])).toContain('Loaded image: saved:1');
    expect(await id('saved:1')).toBe(before);
    await h.dockerOk(['rmi', 'saved:1']);
  });

  it('import a rootfs tarball with a change, then run it', async () => {
    const rootfs = path.join(h.dir, 'import-rootfs');
    makeRootfs(rootfs);
    const tarball = path.join(h.dir, 'rootfs.tar');
    expect(spawnSync('tar', ['-C', rootfs, '--numeric-owner', '-cf', tarball, '.']).status).toBe(0);
    const imported = await h.dockerOk(['import', '-c', 'CMD ["echo", "imported"]', '-m', 'from a tarball', tarball, 'imp:1']);
    expect(imported).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await h.dockerOk(['run', '--rm', 'imp:1'])).toBe('imported');
    expect(await h.dockerOk(['image', 'inspect', '--format', '{{json .Config.Cmd}}', 'imp:1'])).toBe('["echo","imported"]');
  });

  it('commit a container, run the new image, see it in history; an image in use is not removed', async () => {
    await h.dockerOk(['run', '--name', 'maker', 'busybox', 'sh', '-c', 'echo kept > /made']);
    const committed = await h.dockerOk(['commit', '-a', 'tester', '-m', 'adds /made', '-c', 'CMD ["cat", "/made"]', 'maker', 'snap:1']);
    expect(committed).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(await h.dockerOk(['run', '--rm', 'snap:1'])).toBe('kept');
    const history = await h.dockerOk(['history', '--no-trunc', '--format', '{{.CreatedBy}}|{{.Comment}}', 'snap:1']);
    expect(history.split('\n')[0]).toContain('adds /made');
    expect(await h.dockerOk(['image', 'inspect', '--format', '{{.Author}}', 'snap:1'])).toBe('tester');

    // Its only name: Docker refuses to untag it while a container uses it (another name would just go).
    await h.dockerOk(['create', '--name', 'user', 'snap:1']);
    const refused = await h.docker(['rmi', 'snap:1']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/conflict: unable to remove repository reference "snap:1" \(must force\) - container [0-9a-f]{12} is using its referenced image/);
    await h.dockerOk(['rm', 'maker', 'user']);
    await h.dockerOk(['rmi', 'snap:1']);
  });
});
