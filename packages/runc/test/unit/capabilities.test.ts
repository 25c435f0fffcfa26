import * as fs from 'node:fs';
import { isSkiffError } from '@skiff/errors';
import { knownCapabilities as specCapabilities } from '@skiff/oci-spec';
import { capabilityMask, capabilityNumbersIn, capabilitySets, knownCapabilities, lastCap } from '../../src/lib/capabilities';

const bit = (n: number): bigint => 1n << BigInt(n);

describe('knownCapabilities', () => {
  it('knows the same names, in the same numbering, as the spec package', () => {
    expect(knownCapabilities).toEqual([...specCapabilities]);
  });
});

describe('lastCap', () => {
  it('reads the kernel\'s highest capability, or assumes CAP_CHECKPOINT_RESTORE without /proc', () => {
    const expected = fs.existsSync('/proc/sys/kernel/cap_last_cap')
      ? Number(fs.readFileSync('/proc/sys/kernel/cap_last_cap', 'utf8').trim())
      : 40;
    expect(lastCap()).toBe(expected);
  });
});

describe('capabilityMask', () => {
  it('sets the bit of each named capability', () => {
    expect(capabilityMask(['CAP_CHOWN', 'CAP_KILL', 'CAP_SYS_ADMIN', 'CAP_CHECKPOINT_RESTORE'], 40)).toBe(
      bit(0) | bit(5) | bit(21) | bit(40),
    );
  });

  it('accepts names in any case and without the CAP_ prefix', () => {
    expect(capabilityMask(['net_bind_service', 'Cap_Kill', 'SYS_CHROOT'], 40)).toBe(bit(10) | bit(5) | bit(18));
  });

  it('is empty for no names', () => {
    expect(capabilityMask(undefined, 40)).toBe(0n);
    expect(capabilityMask([], 40)).toBe(0n);
  });

  it('skips capabilities newer than the running kernel', () => {
    // A 5.4 kernel stops at CAP_AUDIT_READ (37): PERFMON, BPF and CHECKPOINT_RESTORE do not exist there.
    expect(capabilityMask(['CAP_AUDIT_READ', 'CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE'], 37)).toBe(bit(37));
  });

  it('refuses a name that is not a capability at all', () => {
    let caught: unknown;
    try {
      capabilityMask(['CAP_CHOWN!'], 40);
    } catch (err) {
      caught = err;
    }
    expect(isSkiffError(caught, 'InvalidArgument')).toBe(true);
    expect((caught as Error).message).toBe('invalid capability name "CAP_CHOWN!"');
  });

  // validateRuntimeConfig accepts well-formed unknown names with the warning "unknown capability X
  // will be ignored", as runc does (it logs "ignoring unknown or unavailable capabilities" and goes
  // on); the runtime must then ignore them rather than refuse the container.
  it('ignores a well-formed capability name it does not know, as the config validator promises', () => {
    expect(capabilityMask(['CAP_KILL', 'CAP_SOMETHING_NEWER'], 40)).toBe(bit(5));
  });
});

describe('capabilitySets', () => {
  it('builds every set, absent ones empty', () => {
    expect(capabilitySets({ bounding: ['CAP_KILL'], ambient: ['CAP_CHOWN'] }, 40)).toEqual({
      bounding: bit(5),
      effective: 0n,
      inheritable: 0n,
      permitted: 0n,
      ambient: bit(0),
    });
    expect(capabilitySets(undefined, 40)).toEqual({ bounding: 0n, effective: 0n, inheritable: 0n, permitted: 0n, ambient: 0n });
  });
});

describe('capabilityNumbersIn', () => {
  it('lists the set bits in ascending order up to the kernel\'s last capability', () => {
    expect(capabilityNumbersIn(bit(40) | bit(0) | bit(21), 40)).toEqual([0, 21, 40]);
    expect(capabilityNumbersIn(bit(40) | bit(3), 37)).toEqual([3]);
    expect(capabilityNumbersIn(0n, 40)).toEqual([]);
  });
});
