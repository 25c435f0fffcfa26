import type { LinuxResources } from '@skiff/oci-spec';
import type { DeviceStep } from './plan';

type DeviceRule = NonNullable<LinuxResources['devices']>[number];

// What every container may use whatever its config says, as runc allows it: mknod of anything
// (using a node still needs an allow rule), the default /dev nodes, ptys, and /dev/net/tun.
const alwaysAllowed: DeviceRule[] = [
  { allow: true, type: 'c', access: 'm' },
  { allow: true, type: 'b', access: 'm' },
  { allow: true, type: 'c', major: 136, access: 'rwm' },
  { allow: true, type: 'c', major: 5, minor: 2, access: 'rwm' },
  { allow: true, type: 'c', major: 10, minor: 200, access: 'rwm' },
];

/**
 * The device rules to program into the cgroup: the config's own, then allow rules for the nodes
 * the container is given, so a deny-all config (runc spec, Docker) still has a usable /dev.
 */
export function effectiveResources(resources: LinuxResources | undefined, devices: DeviceStep[]): LinuxResources | undefined {
  if (!resources?.devices) return resources;
  // An unbuffered character device ("u") is a character device to the kernel.
  const nodeRules: DeviceRule[] = devices
    .filter((d) => d.type !== 'p')
    .map((d) => ({ allow: true, type: d.type === 'b' ? 'b' : 'c', major: d.major, minor: d.minor, access: 'rwm' }));
  return { ...resources, devices: [...resources.devices, ...alwaysAllowed, ...nodeRules] };
}
