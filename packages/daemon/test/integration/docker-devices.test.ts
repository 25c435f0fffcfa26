// --device and --device-cgroup-rule with the docker CLI against skiffd: the host's node appears
// where asked with its numbers, the cgroup lets through what the permissions say and no more,
// inspect shows what was asked, and a path that is not a device gets dockerd's error.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describeWithSkiffd } from '../helpers/skiffd';

/** On a v1 host the container sees its own devices cgroup, whose list shows the rules. */
const devicesV1 = fs.existsSync('/sys/fs/cgroup/devices/devices.list');

describeWithSkiffd('docker run --device against skiffd', (h) => {
  it('a host device under another name, and read-only permissions enforced by the cgroup', async () => {
    const script = 'ls -l /dev/mynull | sed "s/ \\+/ /g" | cut -d" " -f1,5,6,10; echo x > /dev/mynull && echo wrote';
    const out = await h.dockerOk(['run', '--rm', '--device', '/dev/null:/dev/mynull', 'busybox', 'sh', '-c', script]);
    expect(out.split('\n')).toEqual(['crw-rw-rw- 1, 3 /dev/mynull', 'wrote']);
    // A node no driver backs (major 42) and no default rule allows: opening it for reading gets
    // past the cgroup to the missing driver (ENXIO), for writing it stops at the cgroup (EPERM).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-dev-'));
    try {
      execFileSync('mknod', ['-m', '666', path.join(dir, 'd42'), 'c', '42', '42']);
      const probe = 'cat /dev/d42; echo x > /dev/d42';
      const run = await h.docker(['run', '--rm', '--device', `${path.join(dir, 'd42')}:/dev/d42:r`, 'busybox', 'sh', '-c', probe]);
      expect(run.stderr.split('\n').filter(Boolean)).toEqual(["cat: can't open '/dev/d42': No such device or address", "sh: can't create /dev/d42: Operation not permitted"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  (devicesV1 ? it : it.skip)('--device-cgroup-rule adds to the devices cgroup', async () => {
    const list = await h.dockerOk(['run', '--rm', '--device-cgroup-rule', 'c 1:1 r', '--device-cgroup-rule', 'b 7:* rw', 'busybox', 'cat', '/sys/fs/cgroup/devices/devices.list']);
    expect(list.split('\n')).toEqual(expect.arrayContaining(['c 1:1 r', 'b 7:* rw']));
  });

  it('inspect shows the devices and rules as asked', async () => {
    const id = await h.dockerOk(['create', '--device', '/dev/full', '--device', '/dev/zero:/dev/z:rw', '--device-cgroup-rule', 'c 1:1 r', 'busybox', 'true']);
    const shown = JSON.parse(await h.dockerOk(['inspect', '-f', '{{json .HostConfig.Devices}} {{json .HostConfig.DeviceCgroupRules}}', id]).then((s) => `[${s.replace(' ', ',')}]`));
    expect(shown).toEqual([
      [
        { PathOnHost: '/dev/full', PathInContainer: '/dev/full', CgroupPermissions: 'rwm' },
        { PathOnHost: '/dev/zero', PathInContainer: '/dev/z', CgroupPermissions: 'rw' },
      ],
      ['c 1:1 r'],
    ]);
    await h.dockerOk(['rm', id]);
  });

  it('a path that is missing or not a device node gets dockerd\'s error and leaves no container', async () => {
    const before = await h.dockerOk(['ps', '-aq']);
    // The docker CLI exits 127 for any error that says "no such file or directory", as with dockerd.
    const missing = await h.docker(['run', '--rm', '--device', '/dev/nope', 'busybox', 'true']);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain('error gathering device information while adding custom device "/dev/nope": no such file or directory');
    const notDevice = await h.docker(['run', '--rm', '--device', '/etc/hostname', 'busybox', 'true']);
    expect(notDevice.code).toBe(125);
    expect(notDevice.stderr).toContain('error gathering device information while adding custom device "/etc/hostname": not a device node');
    // The docker CLI checks rules itself; other clients reach the daemon's check.
    const badRule = await h.request('POST', '/containers/create', { Image: 'busybox', Cmd: ['true'], HostConfig: { DeviceCgroupRules: ['x 1:1 r'] } });
    expect({ status: badRule.status, body: JSON.parse(badRule.body) }).toEqual({ status: 400, body: { message: "invalid device cgroup rule format: 'x 1:1 r'" } });
    expect(await h.dockerOk(['ps', '-aq'])).toBe(before);
  });
});
