// --device and --device-cgroup-rule turned into spec devices and cgroup rules, as dockerd does:
// the host's node under the container's path, a directory standing for the nodes below it, and
// dockerd's messages for what is not a device or not a rule.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultSpec } from '@skiff/oci-spec';
import { applyHostConfig } from '../../src/core/hostconfig';
import { customDevices, deviceCgroupRule } from '../../src/core/hostconfig-devices';

const nullNode = { type: 'c', major: 1, minor: 3, fileMode: fs.statSync('/dev/null').mode & 0o777, uid: 0, gid: 0 };

describe('--device', () => {
  it('a node under another path, with the permissions as its cgroup rule (rwm by default)', () => {
    expect(customDevices({ PathOnHost: '/dev/null', PathInContainer: '/dev/mynull', CgroupPermissions: 'r' })).toEqual({
      devices: [{ path: '/dev/mynull', ...nullNode }],
      rules: [{ allow: true, type: 'c', major: 1, minor: 3, access: 'r' }],
    });
    expect(customDevices({ PathOnHost: '/dev/null', PathInContainer: '', CgroupPermissions: '' })).toEqual({
      devices: [{ path: '/dev/null', ...nullNode }],
      rules: [{ allow: true, type: 'c', major: 1, minor: 3, access: 'rwm' }],
    });
  });

  it('a symlink to a node is followed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-dev-'));
    try {
      fs.symlinkSync('/dev/null', path.join(dir, 'link'));
      expect(customDevices({ PathOnHost: path.join(dir, 'link'), PathInContainer: '/dev/l', CgroupPermissions: 'rw' }).devices).toEqual([{ path: '/dev/l', ...nullNode }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  (process.getuid?.() === 0 ? it : it.skip)('a directory stands for every node below it, at the same place under the container path', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-dev-'));
    try {
      fs.mkdirSync(path.join(dir, 'sub'));
      execFileSync('mknod', [path.join(dir, 'a'), 'c', '1', '3']);
      execFileSync('mknod', [path.join(dir, 'sub', 'b'), 'b', '7', '0']);
      fs.writeFileSync(path.join(dir, 'not-a-device'), '');
      const { devices, rules } = customDevices({ PathOnHost: dir, PathInContainer: '/dev/set', CgroupPermissions: 'rw' });
      expect(devices.map((d) => `${d.path} ${d.type} ${d.major}:${d.minor}`)).toEqual(['/dev/set/a c 1:3', '/dev/set/sub/b b 7:0']);
      expect(rules).toEqual([
        { allow: true, type: 'c', major: 1, minor: 3, access: 'rw' },
        { allow: true, type: 'b', major: 7, minor: 0, access: 'rw' },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing path, a file and an empty directory get dockerd\'s error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-dev-'));
    try {
      const at = (p: string) => () => customDevices({ PathOnHost: p, PathInContainer: '', CgroupPermissions: '' });
      expect(at('/dev/nope')).toThrow('error gathering device information while adding custom device "/dev/nope": no such file or directory');
      expect(at('/etc/hostname')).toThrow('error gathering device information while adding custom device "/etc/hostname": not a device node');
      expect(at(dir)).toThrow(`error gathering device information while adding custom device "${dir}": not a device node`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('in the spec: devices added, rules appended after the defaults; nothing for a privileged container, which has them all', () => {
    const spec = defaultSpec();
    applyHostConfig(spec, { Devices: [{ PathOnHost: '/dev/null', PathInContainer: '/dev/n', CgroupPermissions: 'rw' }], DeviceCgroupRules: ['c 1:1 r', 'a *:* m'] });
    expect(spec.linux!.devices).toEqual([{ path: '/dev/n', ...nullNode }]);
    expect(spec.linux!.resources!.devices!.slice(-3)).toEqual([
      { allow: true, type: 'c', major: 1, minor: 3, access: 'rw' },
      { allow: true, type: 'c', major: 1, minor: 1, access: 'r' },
      { allow: true, type: 'a', access: 'm' },
    ]);
    const privileged = defaultSpec();
    applyHostConfig(privileged, { Privileged: true, Devices: [{ PathOnHost: '/dev/null', PathInContainer: '/dev/n', CgroupPermissions: 'rw' }] });
    expect(privileged.linux!.devices!.some((d) => d.path === '/dev/n')).toBe(false);
  });
});

describe('--device-cgroup-rule', () => {
  it('numbers or * (any), and dockerd\'s message for anything else', () => {
    expect(deviceCgroupRule('b 7:* rw')).toEqual({ allow: true, type: 'b', major: 7, access: 'rw' });
    expect(() => deviceCgroupRule('c 1:3')).toThrow("invalid device cgroup rule format: 'c 1:3'");
    expect(() => deviceCgroupRule('x 1:3 r')).toThrow("invalid device cgroup rule format: 'x 1:3 r'");
  });
});
