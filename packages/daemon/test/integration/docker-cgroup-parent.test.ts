// --cgroup-parent with the docker CLI against skiffd: the container's cgroups are made under the
// given parent (named after the container, as dockerd's cgroupfs driver names them), inspect
// shows the parent, and removing the container removes its cgroups but not the parent, as with
// dockerd. The parent directories this test makes are removed at the end.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeWithSkiffd } from '../helpers/skiffd';

const PARENT = `skiff-test-parent-${process.pid}`;

/** Every directory named PARENT under a cgroup hierarchy (v1 controllers, or the v2 root). */
function parentDirs(): string[] {
  const roots = fs.existsSync('/sys/fs/cgroup/cgroup.controllers')
    ? ['/sys/fs/cgroup']
    : fs.readdirSync('/sys/fs/cgroup').map((h) => path.join('/sys/fs/cgroup', h)).filter((d) => fs.statSync(d).isDirectory());
  return roots.map((r) => path.join(r, PARENT)).filter((d) => fs.existsSync(d));
}

describeWithSkiffd('docker run --cgroup-parent against skiffd', (h) => {
  afterAll(() => {
    for (const dir of parentDirs()) {
      // Children first: a container's cgroup left by a failed run.
      for (const child of fs.readdirSync(dir, { withFileTypes: true })) if (child.isDirectory()) fs.rmdirSync(path.join(dir, child.name));
      fs.rmdirSync(dir);
    }
  });

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
