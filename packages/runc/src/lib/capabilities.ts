import * as fs from 'node:fs';
import { invalidArgument } from '@skiff/errors';

// Numbers from linux/capability.h; the kernel's highest is read at run time so newer names that
// this kernel lacks are skipped (as runc does) rather than failing the container.
const capabilityNumbers: Record<string, number> = {
  CAP_CHOWN: 0,
  CAP_DAC_OVERRIDE: 1,
  CAP_DAC_READ_SEARCH: 2,
  CAP_FOWNER: 3,
  CAP_FSETID: 4,
  CAP_KILL: 5,
  CAP_SETGID: 6,
  CAP_SETUID: 7,
  CAP_SETPCAP: 8,
  CAP_LINUX_IMMUTABLE: 9,
  CAP_NET_BIND_SERVICE: 10,
  CAP_NET_BROADCAST: 11,
  CAP_NET_ADMIN: 12,
  CAP_NET_RAW: 13,
  CAP_IPC_LOCK: 14,
  CAP_IPC_OWNER: 15,
  CAP_SYS_MODULE: 16,
  CAP_SYS_RAWIO: 17,
  CAP_SYS_CHROOT: 18,
  CAP_SYS_PTRACE: 19,
  CAP_SYS_PACCT: 20,
  CAP_SYS_ADMIN: 21,
  CAP_SYS_BOOT: 22,
  CAP_SYS_NICE: 23,
  CAP_SYS_RESOURCE: 24,
  CAP_SYS_TIME: 25,
  CAP_SYS_TTY_CONFIG: 26,
  CAP_MKNOD: 27,
  CAP_LEASE: 28,
  CAP_AUDIT_WRITE: 29,
  CAP_AUDIT_CONTROL: 30,
  CAP_SETFCAP: 31,
  CAP_MAC_OVERRIDE: 32,
  CAP_MAC_ADMIN: 33,
  CAP_SYSLOG: 34,
  CAP_WAKE_ALARM: 35,
  CAP_BLOCK_SUSPEND: 36,
  CAP_AUDIT_READ: 37,
  CAP_PERFMON: 38,
  CAP_BPF: 39,
  CAP_CHECKPOINT_RESTORE: 40,
};

export const knownCapabilities = Object.keys(capabilityNumbers);

let cachedLastCap: number | undefined;
export function lastCap(): number {
  if (cachedLastCap === undefined) {
    try {
      cachedLastCap = Number(fs.readFileSync('/proc/sys/kernel/cap_last_cap', 'utf8').trim());
    } catch {
      cachedLastCap = 40;
    }
  }
  return cachedLastCap;
}

export interface CapabilitySets {
  bounding: bigint;
  effective: bigint;
  inheritable: bigint;
  permitted: bigint;
  ambient: bigint;
}

export interface CapabilitiesInput {
  bounding?: string[];
  effective?: string[];
  inheritable?: string[];
  permitted?: string[];
  ambient?: string[];
}

/**
 * Names to a bitmask. Like runc, names newer than this runtime or this kernel are skipped (the
 * config validator warns about them); only a name that cannot be a capability is an error.
 */
export function capabilityMask(names: string[] | undefined, kernelLast = lastCap()): bigint {
  let mask = 0n;
  for (const name of names ?? []) {
    const upper = name.toUpperCase();
    const canonical = upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
    if (!/^CAP_[A-Z_]+$/.test(canonical)) throw invalidArgument(`invalid capability name ${JSON.stringify(name)}`);
    const n = capabilityNumbers[canonical];
    if (n !== undefined && n <= kernelLast) mask |= 1n << BigInt(n);
  }
  return mask;
}

export function capabilitySets(caps: CapabilitiesInput | undefined, kernelLast = lastCap()): CapabilitySets {
  return {
    bounding: capabilityMask(caps?.bounding, kernelLast),
    effective: capabilityMask(caps?.effective, kernelLast),
    inheritable: capabilityMask(caps?.inheritable, kernelLast),
    permitted: capabilityMask(caps?.permitted, kernelLast),
    ambient: capabilityMask(caps?.ambient, kernelLast),
  };
}

export function capabilityNumbersIn(mask: bigint, kernelLast = lastCap()): number[] {
  const out: number[] = [];
  for (let n = 0; n <= kernelLast; n++) if (mask & (1n << BigInt(n))) out.push(n);
  return out;
}
