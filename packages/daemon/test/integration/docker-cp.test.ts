// The real docker CLI's cp, export and diff against skiffd, with running and stopped containers;
// a symlink to / in the container must keep cp inside it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { canRunSkiffd, SkiffdHarness, until } from '../helpers/skiffd';

const describeRoot = canRunSkiffd ? describe : describe.skip;

describeRoot('docker cp against skiffd', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();
  let work: string;

  beforeAll(async () => {
    await h.start();
    await h.importBusybox();
    work = path.join(h.dir, 'cp-work');
    fs.mkdirSync(path.join(work, 'dir', 'sub'), { recursive: true });
    fs.writeFileSync(path.join(work, 'file.txt'), 'from the host\n');
    fs.writeFileSync(path.join(work, 'dir', 'sub', 'deep.txt'), 'deep\n');
    await h.dockerOk(['run', '-d', '--name', 'cp-live', 'busybox', 'sh', '-c', 'ln -s / /hostroot; echo inside > /inside.txt; mkdir -p /data/x; sleep 1000']);
    await h.dockerOk(['create', '--name', 'cp-stopped', 'busybox', 'true']);
  }, 120_000);
  afterAll(async () => {
    await h.cleanup();
  });

  it('copies files and directories into and out of a running container', async () => {
    await h.dockerOk(['cp', path.join(work, 'file.txt'), 'cp-live:/tmp/']);
    expect(await h.dockerOk(['exec', 'cp-live', 'cat', '/tmp/file.txt'])).toBe('from the host');
    await h.dockerOk(['cp', path.join(work, 'dir'), 'cp-live:/data/x/']);
    expect(await h.dockerOk(['exec', 'cp-live', 'cat', '/data/x/dir/sub/deep.txt'])).toBe('deep');

    const out = path.join(work, 'out-live');
    fs.mkdirSync(out);
    await h.dockerOk(['cp', 'cp-live:/inside.txt', out]);
    expect(fs.readFileSync(path.join(out, 'inside.txt'), 'utf8')).toBe('inside\n');
    await h.dockerOk(['cp', 'cp-live:/data/x', path.join(out, 'x')]);
    expect(fs.readFileSync(path.join(out, 'x', 'dir', 'sub', 'deep.txt'), 'utf8')).toBe('deep\n');
    const missing = await h.docker(['cp', 'cp-live:/no/such', out]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('Could not find the file /no/such in container cp-live');
  });

  it('keeps a symlink to / inside the container both ways', async () => {
    const out = path.join(work, 'out-link');
    fs.mkdirSync(out);
    // The host's /etc/hostname differs from busybox's /etc (which has no hostname file).
    await h.dockerOk(['cp', 'cp-live:/hostroot/inside.txt', out]);
    expect(fs.readFileSync(path.join(out, 'inside.txt'), 'utf8')).toBe('inside\n');
    await h.dockerOk(['cp', 'cp-live:/hostroot/etc/passwd', out]);
    expect(fs.readFileSync(path.join(out, 'passwd'), 'utf8')).toBe(await h.dockerOk(['exec', 'cp-live', 'cat', '/etc/passwd']).then((s) => s + '\n'));
    const marker = `/tmp/skiff-cp-escape-${process.pid}`;
    fs.writeFileSync(path.join(work, 'escape'), 'x');
    await h.dockerOk(['cp', path.join(work, 'escape'), `cp-live:/hostroot${path.dirname(marker)}/`]);
    expect(fs.existsSync(path.join(path.dirname(marker), 'escape'))).toBe(false);
    expect(await h.dockerOk(['exec', 'cp-live', 'cat', '/tmp/escape'])).toBe('x');
  });

  it('copies into and out of a stopped container, leaving no mount behind', async () => {
    await h.dockerOk(['cp', path.join(work, 'file.txt'), 'cp-stopped:/file.txt']);
    const out = path.join(work, 'out-stopped');
    await h.dockerOk(['cp', 'cp-stopped:/file.txt', out]);
    expect(fs.readFileSync(out, 'utf8')).toBe('from the host\n');
    await h.dockerOk(['cp', 'cp-stopped:/etc', path.join(work, 'etc-copy')]);
    expect(fs.existsSync(path.join(work, 'etc-copy', 'passwd'))).toBe(true);
    // The view is released once the tar has been read out, just after the CLI has it all.
    await until(() => !fs.readFileSync('/proc/self/mountinfo', 'utf8').includes(path.join(h.execRoot, 'rootfs')), 5_000, 'the stopped container view unmounted');
    await h.dockerOk(['start', 'cp-stopped']);
  });

  it('a stopped container\'s volumes and binds are part of what docker cp sees, read-only ones too', async () => {
    const bind = path.join(work, 'bind-ro');
    fs.mkdirSync(bind);
    fs.writeFileSync(path.join(bind, 'host.txt'), 'bound\n');
    await h.dockerOk(['create', '--name', 'cp-vol', '-v', 'cp-data:/data', '-v', `${bind}:/conf:ro`, 'busybox', 'true']);
    // Before any start: the mount points do not exist in the layer yet.
    await h.dockerOk(['cp', path.join(work, 'file.txt'), 'cp-vol:/data/']);
    expect(await h.dockerOk(['run', '--rm', '-v', 'cp-data:/data', 'busybox', 'cat', '/data/file.txt'])).toBe('from the host');
    const out = path.join(work, 'out-vol');
    fs.mkdirSync(out);
    await h.dockerOk(['cp', 'cp-vol:/conf/host.txt', out]);
    expect(fs.readFileSync(path.join(out, 'host.txt'), 'utf8')).toBe('bound\n');
    const refused = await h.docker(['cp', path.join(work, 'file.txt'), 'cp-vol:/conf/']);
    expect(refused.code).not.toBe(0);
    expect(fs.existsSync(path.join(bind, 'file.txt'))).toBe(false);
    await until(() => !fs.readFileSync('/proc/self/mountinfo', 'utf8').includes(path.join(h.execRoot, 'rootfs')), 5_000, 'the view unmounted');
    await h.dockerOk(['rm', '-v', 'cp-vol']);
    await h.dockerOk(['volume', 'rm', 'cp-data']);
  });

  it('cp - streams a tar both ways', async () => {
    const tarball = execFileSync('tar', ['-C', work, '-c', 'file.txt']);
    const put = await h.docker(['cp', '-', 'cp-live:/tmp/'], { input: tarball.toString('latin1') });
    expect(put.code).toBe(0);
    const listing = execFileSync('sh', ['-c', `DOCKER_CONFIG=${h.dockerConfig} /usr/local/bin/docker -H unix://${h.socket} cp cp-live:/etc - | tar t`]).toString();
    expect(listing.split('\n')).toEqual(expect.arrayContaining(['etc/', 'etc/passwd']));
    const whole = execFileSync('sh', ['-c', `DOCKER_CONFIG=${h.dockerConfig} /usr/local/bin/docker -H unix://${h.socket} cp cp-live:/ - | tar t`], { maxBuffer: 64 * 1024 * 1024 }).toString().split('\n');
    expect(whole).toEqual(expect.arrayContaining(['./bin/busybox', './inside.txt', './proc/']));
    expect(whole.some((l) => l.startsWith('./proc/self'))).toBe(false);
  });

  it('docker export writes the filesystem as a tar, without the live container\'s /proc', async () => {
    const listing = execFileSync('sh', ['-c', `DOCKER_CONFIG=${h.dockerConfig} /usr/local/bin/docker -H unix://${h.socket} export cp-live | tar t`]).toString().split('\n');
    expect(listing).toEqual(expect.arrayContaining(['bin/busybox', 'etc/passwd', 'inside.txt', 'data/x/dir/sub/deep.txt']));
    expect(listing.some((l) => l.startsWith('proc/self'))).toBe(false);
    expect((await h.docker(['export', 'nosuch'])).stderr).toContain('No such container: nosuch');
  });

  it('docker diff lists added, changed and deleted paths', async () => {
    await h.dockerOk(['run', '-d', '--name', 'cp-diff', 'busybox', 'sh', '-c', 'echo new > /added.txt; echo more >> /etc/group; rm /bin/ls; sleep 1000']);
    await until(async () => (await h.dockerOk(['diff', 'cp-diff'])).includes('D /bin/ls'), 10_000, 'the changes made');
    const lines = (await h.dockerOk(['diff', 'cp-diff'])).split('\n');
    expect(lines).toEqual(expect.arrayContaining(['A /added.txt', 'C /etc', 'C /etc/group', 'C /bin', 'D /bin/ls']));
  });

  it('copies out of a paused container', async () => {
    await h.dockerOk(['pause', 'cp-live']);
    try {
      const out = path.join(work, 'out-paused');
      await h.dockerOk(['cp', 'cp-live:/inside.txt', out]);
      expect(fs.readFileSync(out, 'utf8')).toBe('inside\n');
    } finally {
      await h.dockerOk(['unpause', 'cp-live']);
    }
  });

  it('docker container prune removes stopped containers matching the filters', async () => {
    const keep = await h.dockerOk(['create', '--label', 'prune=no', 'busybox', 'true']);
    const gone = await h.dockerOk(['create', '--label', 'prune=yes', 'busybox', 'true']);
    const out = await h.dockerOk(['container', 'prune', '-f', '--filter', 'label=prune=yes']);
    expect(out).toContain(gone);
    expect(out).not.toContain(keep);
    expect((await h.docker(['inspect', gone])).code).not.toBe(0);
    expect(await h.dockerOk(['inspect', '--format', '{{.Id}}', keep])).toBe(keep);
  });
});
