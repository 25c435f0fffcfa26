import { isSkiffError } from '@skiff/errors';
import { validateResources } from '../../src/cgroups';
import type { CgroupLayout, LinuxResources } from '../../src/cgroups';
import { blkioToIoWeight, deviceRuleText, sharesToWeight } from '../../src/cgroups/resources';

const V1: CgroupLayout = {
  version: 1,
  root: '/sys/fs/cgroup',
  v1Mounts: Object.fromEntries(['cpu', 'cpuacct', 'cpuset', 'memory', 'devices', 'freezer', 'blkio', 'pids'].map((c) => [c, `/sys/fs/cgroup/${c}`])),
  unified: '/sys/fs/cgroup/unified',
};
const V2: CgroupLayout = { version: 2, root: '/sys/fs/cgroup' };

function kindOf(layout: CgroupLayout, r: LinuxResources): string | undefined {
  try {
    validateResources(layout, r);
    return undefined;
  } catch (err) {
    if (!isSkiffError(err)) throw err;
    return err.kind;
  }
}

describe('validateResources', () => {
  it('accepts a typical Docker spec on both versions, numbers or bigints', () => {
    const r: LinuxResources = {
      devices: [{ allow: false, access: 'rwm' }, { allow: true, type: 'a', access: 'rwm' }],
      memory: { limit: 512n * 1024n * 1024n, swap: 1024 * 1024 * 1024, reservation: 0, swappiness: 60 },
      cpu: { shares: 1024, quota: 50000, period: 100000, cpus: '0-1', mems: '0' },
      pids: { limit: 100 },
      blockIO: { weight: 500, throttleReadBpsDevice: [{ major: 8, minor: 0, rate: 1048576 }] },
    };
    expect(kindOf(V1, r)).toBeUndefined();
    expect(kindOf(V2, r)).toBeUndefined();
  });

  it.each<[string, LinuxResources]>([
    ['fractional limit', { memory: { limit: 1.5 } }],
    ['limit below -1', { memory: { limit: -2 } }],
    ['swap (memory+swap) below memory', { memory: { limit: 200, swap: 100 } }],
    ['swappiness above 200', { memory: { swappiness: 201 } }],
    ['shares below 2', { cpu: { shares: 1 } }],
    ['shares above 262144', { cpu: { shares: 262145 } }],
    ['quota below 1ms', { cpu: { quota: 999 } }],
    ['period above 1s', { cpu: { period: 1000001 } }],
    ['burst above quota', { cpu: { quota: 10000, burst: 20000 } }],
    ['idle 2', { cpu: { idle: 2 } }],
    ['bad cpu list', { cpu: { cpus: '0-a' } }],
    ['pids below -1', { pids: { limit: -5 } }],
    ['blkio weight 5', { blockIO: { weight: 5 } }],
    ['device weight 2000', { blockIO: { weightDevice: [{ major: 8, minor: 0, weight: 2000 }] } }],
    ['negative throttle rate', { blockIO: { throttleWriteIOPSDevice: [{ major: 8, minor: 0, rate: -1 }] } }],
    ['bad page size', { hugepageLimits: [{ pageSize: '2M', limit: 1 }] }],
    ['device type x', { devices: [{ allow: true, type: 'x' }] }],
    ['device access q', { devices: [{ allow: true, access: 'rq' }] }],
    ['unified on v1', { unified: { 'memory.high': '1G' } }],
  ])('v1: %s is InvalidArgument', (_, r) => {
    expect(kindOf(V1, r)).toBe('InvalidArgument');
  });

  it('treats zeros as "not set", like runc', () => {
    expect(kindOf(V1, { memory: { limit: 0, swap: 0 }, cpu: { shares: 0, quota: 0, period: 0 }, blockIO: { weight: 0 } })).toBeUndefined();
  });

  it('v2: swap needs a memory limit (it becomes memory.swap.max = swap - limit)', () => {
    expect(kindOf(V2, { memory: { swap: 1000 } })).toBe('InvalidArgument');
    expect(kindOf(V2, { memory: { swap: -1 } })).toBeUndefined();
    expect(kindOf(V1, { memory: { swap: 1000 } })).toBeUndefined();
  });

  it('v2: unified keys must be plain file names', () => {
    expect(kindOf(V2, { unified: { 'memory.high': '1G', 'cpu.weight.nice': '5' } })).toBeUndefined();
    for (const key of ['../memory.max', 'a/b', '..', '.', '', 'memory high']) {
      expect(kindOf(V2, { unified: { [key]: '1' } })).toBe('InvalidArgument');
    }
  });

  it('reports controllers the host lacks as FailedPrecondition', () => {
    expect(kindOf(V1, { hugepageLimits: [{ pageSize: '2MB', limit: 1 }] })).toBe('FailedPrecondition');
    expect(kindOf(V1, { network: { classID: 0x100001 } })).toBe('FailedPrecondition');
    expect(kindOf(V2, { network: { priorities: [{ name: 'eth0', priority: 1 }] } })).toBe('FailedPrecondition');
    expect(kindOf(V2, { cpu: { realtimeRuntime: 1000 } })).toBe('FailedPrecondition');
    const noDevices: CgroupLayout = { version: 1, root: '/x', v1Mounts: { memory: '/x/memory' } };
    expect(kindOf(noDevices, { devices: [] })).toBe('FailedPrecondition');
    expect(kindOf(noDevices, { memory: { limit: 1 << 20 } })).toBeUndefined();
  });

  it('v2: device rules pass unless the eBPF filter cannot express them as v1 would', () => {
    expect(kindOf(V2, { devices: [{ allow: false, access: 'rwm' }, { allow: true, type: 'c', major: 1, minor: 3, access: 'rwm' }] })).toBeUndefined();
    expect(kindOf(V2, { devices: [] })).toBeUndefined();
    expect(kindOf(V2, { devices: [{ allow: false, access: 'rwm' }, { allow: true, access: 'rwm' }] })).toBeUndefined();
    const holePunch = [{ allow: false }, { allow: true, type: 'c', major: 1, access: 'rw' }, { allow: false, type: 'c', major: 1, minor: 3, access: 'w' }];
    expect(kindOf(V2, { devices: holePunch })).toBe('InvalidArgument');
    expect(kindOf(V2, { devices: [{ allow: true, type: 'c', major: 2 ** 32, minor: 0 }] })).toBe('InvalidArgument');
    // v1 leaves both to the kernel, as before.
    expect(kindOf(V1, { devices: holePunch })).toBeUndefined();
  });
});

describe('conversions', () => {
  it('formats device rules with * for absent or negative numbers', () => {
    expect(deviceRuleText({ allow: true, type: 'c', major: 1, minor: 3, access: 'rwm' })).toBe('c 1:3 rwm');
    expect(deviceRuleText({ allow: false })).toBe('a *:* rwm');
    expect(deviceRuleText({ allow: true, type: 'b', major: 8n, minor: -1, access: 'r' })).toBe('b 8:* r');
  });

  it('maps shares onto cpu.weight and blkio weights onto io.weight like runc', () => {
    expect(sharesToWeight(2n)).toBe(1n);
    expect(sharesToWeight(1024n)).toBe(39n);
    expect(sharesToWeight(262144n)).toBe(10000n);
    expect(blkioToIoWeight(10n)).toBe(1n);
    expect(blkioToIoWeight(1000n)).toBe(10000n);
  });
});
