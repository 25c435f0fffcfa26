// The pure parts of mounts and HostConfig: Binds and Mounts parsing, the OCI mounts they give,
// capabilities and resources (golden objects, no root, no daemon).
import * as fs from 'node:fs';
import { ALL_CAPABILITIES, capabilities, hostCapabilities, resourcesOf } from '../../src/core/hostconfig';
import { parseBind, parseMount, parseVolumesFrom, specMounts } from '../../src/core/mounts';

describe('parseBind', () => {
  it('reads host paths, named volumes and bare destinations', () => {
    expect(parseBind('/host/dir/:/ctr:ro,rshared').point).toEqual({ Type: 'bind', Source: '/host/dir', Destination: '/ctr', Mode: 'ro,rshared', RW: false, Propagation: 'rshared' });
    expect(parseBind('/h:/c:z').point).toMatchObject({ RW: true, Propagation: 'rprivate', Mode: 'z' });
    expect(parseBind('/h:/c').createSource).toBe(true);
    expect(parseBind('vol:/c').point).toEqual({ Type: 'volume', Name: 'vol', Source: '', Destination: '/c', Driver: 'local', Mode: 'z', RW: true, Propagation: '' });
    expect(parseBind('vol:/c:ro,nocopy')).toMatchObject({ point: { RW: false }, noCopy: true });
    expect(parseBind('/anon').point).toMatchObject({ Type: 'volume', Destination: '/anon', Anonymous: true });
  });

  it('refuses what dockerd refuses', () => {
    expect(() => parseBind('/a:/b:ro,rw')).toThrow('invalid mode: ro,rw');
    expect(() => parseBind('/a:/b:bogus')).toThrow('invalid mode: bogus');
    expect(() => parseBind('/a:/')).toThrow("destination can't be '/'");
    expect(() => parseBind('::')).toThrow("invalid volume specification: '::'");
    expect(() => parseBind('vv:/b:rshared')).toThrow('propagation is not supported for volumes');
  });
});

describe('parseMount', () => {
  it('reads bind, volume and tmpfs mounts', () => {
    expect(parseMount({ Type: 'bind', Source: '/s', Target: '/t', ReadOnly: true, BindOptions: { Propagation: 'rslave' } })).toEqual({
      point: { Type: 'bind', Source: '/s', Destination: '/t', Mode: '', RW: false, Propagation: 'rslave' },
      createSource: false,
    });
    expect(parseMount({ Type: 'volume', Target: '/v', VolumeOptions: { NoCopy: true, Labels: { a: 'b' } } })).toEqual({
      point: { Type: 'volume', Anonymous: true, Source: '', Destination: '/v', Driver: 'local', Mode: '', RW: true, Propagation: '' },
      volumeLabels: { a: 'b' },
      volumeOptions: null,
      noCopy: true,
    });
    expect(parseMount({ Type: 'tmpfs', Target: '/t', TmpfsOptions: { SizeBytes: 4096, Mode: 0o1777 } }).point).toMatchObject({ TmpfsSize: 4096, TmpfsMode: 0o1777 });
  });

  it('refuses missing and misplaced fields', () => {
    expect(() => parseMount({ Type: 'volume', Source: 'v' })).toThrow('invalid mount config for type "volume": field Target must not be empty');
    expect(() => parseMount({ Type: 'volume', Target: '/x', BindOptions: {} })).toThrow('field BindOptions must not be specified');
    expect(() => parseMount({ Type: 'bind', Source: 'rel', Target: '/x' })).toThrow("invalid mount path: 'rel' mount path must be absolute");
  });
});

it('parses --volumes-from', () => {
  expect(parseVolumesFrom('c')).toEqual({ container: 'c' });
  expect(parseVolumesFrom('c:ro')).toEqual({ container: 'c', rw: false });
  expect(() => parseVolumesFrom('c:xx')).toThrow('invalid mode: xx');
});

it('builds OCI mounts: defaults replaced at the same destination, parents first', () => {
  const defaults = [
    { destination: '/proc', type: 'proc', source: 'proc' },
    { destination: '/dev/shm', type: 'tmpfs', source: 'shm', options: ['size=65536k'] },
  ];
  const mounts = specMounts(
    defaults,
    [
      { Type: 'bind', Source: '/h/a/b', Destination: '/a/b', Mode: '', RW: true, Propagation: 'rprivate' },
      { Type: 'volume', Name: 'v', Source: '/vols/v/_data', Destination: '/a', Mode: 'z', RW: false, Propagation: '' },
    ],
    { '/dev/shm': 'size=1m' },
  );
  expect(mounts).toEqual([
    { destination: '/proc', type: 'proc', source: 'proc' },
    { destination: '/a', type: 'bind', source: '/vols/v/_data', options: ['rbind', 'ro', 'rprivate'] },
    { destination: '/a/b', type: 'bind', source: '/h/a/b', options: ['rbind', 'rw', 'rprivate'] },
    { destination: '/dev/shm', type: 'tmpfs', source: 'tmpfs', options: ['noexec', 'nosuid', 'nodev', 'size=1m'] },
  ]);
});

it('computes capabilities as dockerd does', () => {
  expect(capabilities({})).toHaveLength(14);
  expect(capabilities({ CapDrop: ['chown', 'CAP_KILL'] })).not.toEqual(expect.arrayContaining(['CAP_CHOWN']));
  expect(capabilities({ CapDrop: ['ALL'], CapAdd: ['sys_admin'] })).toEqual(['CAP_SYS_ADMIN']);
  expect(capabilities({ CapAdd: ['ALL'], CapDrop: ['MKNOD'] }, ALL_CAPABILITIES)).toHaveLength(40);
  expect(capabilities({ Privileged: true, CapDrop: ['ALL'] }, ALL_CAPABILITIES)).toHaveLength(41);
  expect(capabilities({ Privileged: true }, ['CAP_KILL'])).toEqual(['CAP_KILL']);
  expect(() => capabilities({ CapDrop: ['bogus'] })).toThrow('invalid CapDrop: unknown capability: "CAP_BOGUS"');
});

it('takes "all capabilities" from the bounding set skiffd runs with', () => {
  const bounding = BigInt(`0x${/^CapBnd:\s*([0-9a-f]+)$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))![1]}`);
  expect(hostCapabilities()).toEqual(ALL_CAPABILITIES.filter((_c, i) => (bounding >> BigInt(i)) & 1n));
});

it('computes resources with Docker\'s swap and period rules', () => {
  expect(resourcesOf({ Memory: 100, MemorySwap: -1 })).toEqual({ memory: { limit: 100, swap: -1 } });
  expect(resourcesOf({ Memory: 100 })).toEqual({ memory: { limit: 100, swap: 200 } });
  expect(resourcesOf({ NanoCpus: 1_500_000_000, CpusetMems: '0' })).toEqual({ cpu: { period: 100000, quota: 150000, mems: '0' } });
  expect(resourcesOf({ PidsLimit: -1, CpuQuota: 0 })).toEqual({});
});
