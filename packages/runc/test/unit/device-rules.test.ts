import type { LinuxResources } from '@skiff/oci-spec';
import { effectiveResources } from '../../src/lib/device-rules';
import type { DeviceStep } from '../../src/lib/plan';

const denyAll: LinuxResources = { devices: [{ allow: false, access: 'rwm' }], memory: { limit: 1 << 30 } };

// What runc allows every container whatever the config says (mknod, ptys, /dev/pts/ptmx, /dev/net/tun).
const ALWAYS = [
  { allow: true, type: 'c', access: 'm' },
  { allow: true, type: 'b', access: 'm' },
  { allow: true, type: 'c', major: 136, access: 'rwm' },
  { allow: true, type: 'c', major: 5, minor: 2, access: 'rwm' },
  { allow: true, type: 'c', major: 10, minor: 200, access: 'rwm' },
];

function device(path: string, type: DeviceStep['type'], major: number, minor: number): DeviceStep {
  return { path, type, major, minor, mode: 0o666, uid: 0, gid: 0 };
}

describe('effectiveResources', () => {
  it('leaves configs without device rules alone', () => {
    const resources: LinuxResources = { memory: { limit: 1 } };
    expect(effectiveResources(undefined, [device('/dev/null', 'c', 1, 3)])).toBeUndefined();
    expect(effectiveResources(resources, [device('/dev/null', 'c', 1, 3)])).toBe(resources);
  });

  it('appends the always-allowed rules and one rwm rule per node the container gets', () => {
    const result = effectiveResources(denyAll, [device('/dev/null', 'c', 1, 3), device('/dev/sda', 'b', 8, 0)]);
    expect(result).toEqual({
      devices: [
        { allow: false, access: 'rwm' },
        ...ALWAYS,
        { allow: true, type: 'c', major: 1, minor: 3, access: 'rwm' },
        { allow: true, type: 'b', major: 8, minor: 0, access: 'rwm' },
      ],
      memory: { limit: 1 << 30 },
    });
  });

  it('keeps the config\'s own rules first and does not modify the input', () => {
    const before = JSON.stringify(denyAll);
    const result = effectiveResources(denyAll, []);
    expect(result!.devices).toEqual([{ allow: false, access: 'rwm' }, ...ALWAYS]);
    expect(JSON.stringify(denyAll)).toBe(before);
  });

  it('adds no rule for fifos, which the device cgroup does not govern', () => {
    const result = effectiveResources(denyAll, [device('/dev/initctl', 'p', 0, 0)]);
    expect(result!.devices).toHaveLength(1 + ALWAYS.length);
  });

  // 'u' is an unbuffered character device: mknod makes it S_IFCHR, and runc (stringToDeviceRune maps
  // "u" to CharDevice) allows it with a 'c' rule. Without one, a deny-all config makes the node unusable.
  it('allows an unbuffered character device ("u") with a "c" rule', () => {
    const result = effectiveResources(denyAll, [device('/dev/ttyX', 'u', 4, 64)]);
    expect(result!.devices).toContainEqual({ allow: true, type: 'c', major: 4, minor: 64, access: 'rwm' });
  });
});
