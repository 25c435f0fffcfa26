// --cgroup-parent with the docker CLI against skiffd: the container's cgroups are made under the
// given parent (named after the container, as dockerd's cgroupfs driver names them), inspect
// shows the parent, and removing the container removes its cgroups but not the parent, as with
// dockerd. The parent directories this test makes are removed at the end.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { canRunSkiffd, describeWithSkiffd, SkiffdHarness } from '../helpers/skiffd';

const PARENT = `skiff-test-parent-${process.pid}`;
const DAEMON_PARENT = `skiff-test-daemon-parent-${process.pid}`;

/** Every directory with that name under a cgroup hierarchy (v1 controllers, or the v2 root). */
function parentDirs(name = PARENT): string[] {
  const roots = fs.existsSync('/sys/fs/cgroup/cgroup.controllers')
    ? ['/sys/fs/cgroup']
    : fs.readdirSync('/sys/fs/cgroup').map((h) => path.join('/sys/fs/cgroup', h)).filter((d) => fs.statSync(d).isDirectory());
  return roots.map((r) => path.join(r, name)).filter((d) => fs.existsSync(d));
}

function removeParentDirs(name: string): void {
  for (const dir of parentDirs(name)) {
    // Children first: a container's cgroup left by a failed run.
    for (const child of fs.readdirSync(dir, { withFileTypes: true })) if (child.isDirectory()) fs.rmdirSync(path.join(dir, child.name));
    fs.rmdirSync(dir);
  }
}

describeWithSkiffd('docker run --cgroup-parent against skiffd', (h) => {
  afterAll(() => removeParentDirs(PARENT));

  it('puts the container in <parent>/<id> in every hierarchy, and inspect shows the parent', async () => {
    const id = await h.dockerOk(['run', '-d', '--cgroup-parent', `/${PARENT}`, 'busybox', 'sleep', '1000']);
    const lines = (await h.dockerOk(['exec', id, 'cat', '/proc/self/cgroup'])).split('\n');
    // With the host's cgroup namespace (dockerd's default on v1) the paths are the host's.
    const cgroupns = await h.dockerOk(['inspect', '-f', '{{.HostConfig.CgroupnsMode}}', id]);
    if (cgroupns === 'host') {
      for (const line of lines) expect(line.split(':')[2]).toBe(`/${PARENT}/${id}`);
    }
    expect(await h.dockerOk(['inspect', '-f', '{{.HostConfig.CgroupParent}}', id])).toBe(`/${PARENT}`);
    expect(parentDirs().length).toBeGreaterThan(0);
    for (const dir of parentDirs()) expect(fs.existsSync(path.join(dir, id))).toBe(true);
    await h.dockerOk(['rm', '-f', id]);
    for (const dir of parentDirs()) expect(fs.existsSync(path.join(dir, id))).toBe(false);
  });

  it('without it inspect shows an empty parent', async () => {
    const id = await h.dockerOk(['create', 'busybox', 'true']);
    expect(await h.dockerOk(['inspect', '-f', '[{{.HostConfig.CgroupParent}}]', id])).toBe('[]');
    await h.dockerOk(['rm', id]);
  });
});

(canRunSkiffd ? describe : describe.skip)('skiffd --cgroup-parent (daemon.json cgroup-parent)', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();
  beforeAll(async () => {
    const config = JSON.parse(fs.readFileSync(h.configFile, 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(h.configFile, JSON.stringify({ ...config, 'cgroup-parent': `/${DAEMON_PARENT}` }));
    await h.start();
    await h.importBusybox();
  }, 60_000);
  afterAll(async () => {
    await h.cleanup();
    removeParentDirs(DAEMON_PARENT);
  }, 60_000);

  it("is the parent of containers that name none; a container's own wins; inspect shows only the container's", async () => {
    const byDaemon = await h.dockerOk(['run', '-d', 'busybox', 'sleep', '1000']);
    const own = await h.dockerOk(['run', '-d', '--cgroup-parent', `/${DAEMON_PARENT}/own`, 'busybox', 'sleep', '1000']);
    for (const dir of parentDirs(DAEMON_PARENT)) {
      expect(fs.existsSync(path.join(dir, byDaemon))).toBe(true);
      expect(fs.existsSync(path.join(dir, 'own', own))).toBe(true);
    }
    expect(parentDirs(DAEMON_PARENT).length).toBeGreaterThan(0);
    expect(await h.dockerOk(['inspect', '-f', '[{{.HostConfig.CgroupParent}}]', byDaemon])).toBe('[]');
    await h.dockerOk(['rm', '-f', byDaemon, own]);
    for (const dir of parentDirs(DAEMON_PARENT)) fs.rmdirSync(path.join(dir, 'own'));
  });
});
