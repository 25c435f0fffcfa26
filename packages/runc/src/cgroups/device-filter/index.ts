/**
 * Device control on cgroup v2: the kernel has no devices controller there, only eBPF programs of
 * type BPF_PROG_TYPE_CGROUP_DEVICE attached to the cgroup. See README.md in the parent folder.
 */
import type { LinuxDeviceCgroup } from '../types';
import { allowsEverything, compileDeviceFilter, reduceDeviceRules } from './compile';
import { cgroupDeviceFilters } from './load';

/**
 * Enforces the rules on the cgroup dir with the meaning the v1 devices controller gives them. A
 * rule set that restricts nothing leaves the cgroup without a program, as a new one is.
 */
export function applyDeviceRules(dir: string, rules: readonly LinuxDeviceCgroup[]): void {
  const policy = reduceDeviceRules(rules);
  cgroupDeviceFilters.replace(dir, allowsEverything(policy) ? undefined : compileDeviceFilter(policy));
}
