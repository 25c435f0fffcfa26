// The real docker CLI against skiffd: a container's own user, resolved as dockerd resolves it in
// the image's /etc/passwd and /etc/group (also a bare uid and the default root), with GroupAdd.
// The expected lines are what Debian's dockerd 28 printed for the same images and flags.
import { canRunSkiffd, SkiffdHarness } from '../helpers/skiffd';

const describeRoot = canRunSkiffd ? describe : describe.skip;

describeRoot('docker run -u against skiffd, as dockerd', () => {
  jest.setTimeout(180_000);
  const h = new SkiffdHarness();

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
    // Committed images: the files live in an upper layer, and one layer deletes /etc/group.
    await h.dockerOk([
      'run', '--name', 'mk', '--network', 'none', 'busybox', 'sh', '-c',
      'echo nobody:x:65534:65534:nobody:/nonexistent:/bin/false >> /etc/passwd; echo app:x:1000:1001:app:/home/app:/bin/sh >> /etc/passwd; ' +
        'echo nogroup:x:65534: >> /etc/group; echo appgrp:x:1001: >> /etc/group; echo staff:x:50:nobody,app >> /etc/group; ' +
        'echo wheel:x:10:root,app >> /etc/group; echo audio:x:29:nobody,root >> /etc/group',
    ]);
    await h.dockerOk(['commit', 'mk', 'users:latest']);
    await h.dockerOk(['run', '--name', 'mk2', '--network', 'none', 'users', 'rm', '/etc/group']);
    await h.dockerOk(['commit', 'mk2', 'nogroupfile:latest']);
    await h.dockerOk(['rm', 'mk', 'mk2']);
  }, 180_000);
  afterAll(async () => {
    if (h.current) {
      const left = (await h.docker(['ps', '-aq'])).stdout.split('\n').filter(Boolean);
      if (left.length > 0) await h.docker(['rm', '-f', ...left]);
    }
    await h.cleanup();
  });

  const ids = (...args: string[]) => h.dockerOk(['run', '--rm', '--network', 'none', ...args, 'sh', '-c', 'echo "$(id -u):$(id -g) [$(id -G)]"']);

  it('gives a bare uid, a name and the default root their entry\'s group and memberships', async () => {
    expect(await ids('busybox')).toBe('0:0 [0]');
    expect(await ids('users')).toBe('0:0 [0 10 29]');
    expect(await ids('-u', '65534', 'users')).toBe('65534:65534 [65534 29 50]');
    expect(await ids('-u', 'nobody', 'users')).toBe('65534:65534 [65534 29 50]');
    expect(await ids('-u', '1000', 'users')).toBe('1000:1001 [1001 10 50]');
    expect(await ids('-u', 'app', 'users')).toBe('1000:1001 [1001 10 50]');
    expect(await ids('-u', 'root', 'users')).toBe('0:0 [0 10 29]');
  });

  it('an explicit group drops the memberships; a uid without an entry keeps gid 0 or the one given', async () => {
    expect(await ids('-u', '0:0', 'users')).toBe('0:0 [0]');
    expect(await ids('-u', '1000:1000', 'users')).toBe('1000:1000 [1000]');
    expect(await ids('-u', '1000:50', 'users')).toBe('1000:50 [50]');
    expect(await ids('-u', '1000:appgrp', 'users')).toBe('1000:1001 [1001]');
    expect(await ids('-u', '4242', 'users')).toBe('4242:0 [0]');
    expect(await ids('-u', '4242:4343', 'users')).toBe('4242:4343 [4343]');
  });

  it('adds GroupAdd, by number or by name, after the user\'s groups', async () => {
    expect(await ids('--group-add', '60', 'users')).toBe('0:0 [0 10 29 60]');
    expect(await ids('--group-add', '60', '-u', '65534', 'users')).toBe('65534:65534 [65534 29 50 60]');
    expect(await ids('--group-add', 'staff', '-u', '4242', 'users')).toBe('4242:0 [0 50]');
  });

  it('sees a layer that deleted /etc/group, and refuses unknown names with dockerd\'s words', async () => {
    expect(await ids('-u', '65534', 'nogroupfile')).toBe('65534:65534 [65534]');
    expect(await ids('-u', 'app', 'nogroupfile')).toBe('1000:1001 [1001]');
    expect(await ids('nogroupfile')).toBe('0:0 [0]');
    const user = await h.docker(['run', '--rm', '--network', 'none', '-u', 'nobody2', 'users', 'id']);
    expect(user.code).not.toBe(0);
    expect(user.stderr).toContain('unable to find user nobody2: no matching entries in passwd file');
    const group = await h.docker(['run', '--rm', '--network', 'none', '-u', 'app:ghost', 'users', 'id']);
    expect(group.code).not.toBe(0);
    expect(group.stderr).toContain('unable to find group ghost: no matching entries in group file');
  });
});
