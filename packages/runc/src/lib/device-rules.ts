import type { LinuxResources } from '@skiff/oci-spec';
import { defaultDevices } from './plan';

type DeviceRule = NonNullable<LinuxResources['devices']>[number];

// What every container may use whatever its config says, as runc allows it: mknod of anything
// (using a node still needs an allow rule), ptys, and /dev/net/tun.
const alwaysAllowed: DeviceRule[] = [
  { allow: true, type: 'c', access: 'm' },
  { allow: true, type: 'b', access: 'm' },
  { allow: true, type: 'c', major: 136, access: 'rwm' },
  { allow: true, type: 'c', major: 5, minor: 2, access: 'rwm' },
  { allow: true, type: 'c', major: 10, minor: 200, access: 'rwm' },
];

/**
 * The device rules to program into the cgroup: the config's own, then, as runc, allow rules for
 * the default nodes every container gets (/dev/null, zero, full, random, urandom, tty), so a
 * deny-all config (runc spec, Docker) still has a usable /dev. A node the config lists itself
 * gets only the rules the config gives it (Docker's `--device /dev/x:/dev/y:r` stays read-only);
 * that includes a default node it lists under the same path.
 */
export function effectiveResources(resources: LinuxResources | undefined, configDevicePaths: readonly string[]): LinuxResources | undefined {
  if (!resources?.devices) return resources;
  const listed = new Set(configDevicePaths);
  const defaults: DeviceRule[] = defaultDevices
    .filter((d) => !listed.has(d.path))
    .map((d) => ({ allow: true, type: 'c', major: d.major, minor: d.minor, access: 'rwm' }));
  return { ...resources, devices: [...resources.devices, ...alwaysAllowed, ...defaults] };
}
