import type { LinuxResources } from '@skiff/oci-spec';
import { effectiveResources } from '../../src/lib/device-rules';

const denyAll: LinuxResources = { devices: [{ allow: false, access: 'rwm' }], memory: { limit: 1 << 30 } };

// What runc allows every container whatever the config says (mknod, ptys, /dev/pts/ptmx, /dev/net/tun).
const ALWAYS = [
  { allow: true, type: 'c', access: 'm' },
  { allow: true, type: 'b', access: 'm' },
  { allow: true, type: 'c', major: 136, access: 'rwm' },
  { allow: true, type: 'c', major: 5, minor: 2, access: 'rwm' },
  { allow: true, type: 'c', major: 10, minor: 200, access: 'rwm' },
];

// The default nodes every container gets: null, zero, full, random, urandom, tty.
const DEFAULT_NODES = [
  [1, 3],
  [1, 5],
  [1, 7],
  [1, 8],
  [1, 9],
  [5, 0],
].map(([major, minor]) => ({ allow: true, type: 'c', major, minor, access: 'rwm' }));

describe('effectiveResources', () => {
  it('leaves configs without device rules alone', () => {
    const resources: LinuxResources = { memory: { limit: 1 } };
    expect(effectiveResources(undefined, [])).toBeUndefined();
    expect(effectiveResources(resources, [])).toBe(resources);
  });

  it('keeps the config\'s own rules first, then the always-allowed ones and the default nodes\', and does not modify the input', () => {
    const before = JSON.stringify(denyAll);
    expect(effectiveResources(denyAll, [])).toEqual({ devices: [{ allow: false, access: 'rwm' }, ...ALWAYS, ...DEFAULT_NODES], memory: { limit: 1 << 30 } });
    expect(JSON.stringify(denyAll)).toBe(before);
  });

  // As runc 1.1 (checked with Debian's runc: a listed node with an "r" rule refuses writes): a node
  // the config lists gets the config's rules only, so Docker's `--device ...:r` stays read-only.
  it('gives a node the config lists no rule of its own, not even a default node listed under its path', () => {
    const rules = effectiveResources({ devices: [{ allow: false, access: 'rwm' }, { allow: true, type: 'c', major: 42, minor: 42, access: 'r' }] }, ['/dev/d42', '/dev/null'])!.devices!;
    expect(rules).toEqual([{ allow: false, access: 'rwm' }, { allow: true, type: 'c', major: 42, minor: 42, access: 'r' }, ...ALWAYS, ...DEFAULT_NODES.filter((r) => r.minor !== 3 || r.major !== 1)]);
  });
});
