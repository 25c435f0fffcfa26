import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { isSkiffError } from '@skiff/errors';
import { newCgroupManager } from '../../src/cgroups';
import type { CgroupManager } from '../../src/cgroups';
import { timing } from '../../src/cgroups/kernfs';
import { runDeviceProgram } from './ebpf-interpreter';
import { FakeKernel } from './fake-kernel';

const MiB = 1024 * 1024;

let kernel: FakeKernel;
const children: ChildProcess[] = [];
const saved = { ...timing };

function manager(cgroupsPath = '/skiff/c1', ownCgroups: Record<string, string> = { '': '/' }): CgroupManager {
  return newCgroupManager({ layout: kernel.layout, cgroupsPath, containerId: 'c1', ownCgroups });
}

function kindOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (!isSkiffError(err)) throw err;
    return err.kind;
  }
}

const c = (rel: string): string => kernel.read(rel).trim();

beforeEach(() => {
  kernel = FakeKernel.v2().install();
});

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  kernel.dispose();
  Object.assign(timing, saved);
});

describe('v2 create', () => {
  it('enables the controllers in every ancestor before making the next level', () => {
    const m = manager();
    m.create();
    expect(m.paths).toEqual({ '': kernel.at('skiff/c1') });
    expect(c('cgroup.subtree_control')).toBe('cpuset cpu io memory hugetlb pids');
    expect(c('skiff/cgroup.subtree_control')).toBe('cpuset cpu io memory hugetlb pids');
    // The container's own cgroup holds processes, so it delegates nothing.
    expect(c('skiff/c1/cgroup.subtree_control')).toBe('');
    expect(fs.existsSync(kernel.at('skiff/c1/memory.max'))).toBe(true);
  });

  it('enables only what the host offers, and what it can when one controller is refused', () => {
    kernel.set('cgroup.controllers', 'cpu memory pids\n');
    kernel.options.refuseControllers = ['cpu'];
    const m = manager();
    m.create({ memory: { limit: 64 * MiB } });
    expect(c('cgroup.subtree_control')).toBe('memory pids');
    expect(c('skiff/c1/memory.max')).toBe(String(64 * MiB));
    expect(kindOf(() => m.update({ cpu: { shares: 512 } }))).toBe('FailedPrecondition');
    expect(kindOf(() => m.update({ blockIO: { weight: 100 } }))).toBe('FailedPrecondition');
  });

  it('writes each limit in its v2 form', () => {
    const m = manager();
    m.create({
      memory: { limit: 512 * MiB, swap: 768 * MiB, reservation: 128 * MiB, swappiness: 10, kernel: 1, kernelTCP: 1, disableOOMKiller: true },
      cpu: { shares: 1024, quota: 50000, period: 100000, burst: 1000, idle: 0, cpus: '0-1', mems: '0' },
      pids: { limit: 100 },
      blockIO: {
        weight: 1000,
        weightDevice: [{ major: 8, minor: 0, weight: 10 }],
        throttleReadBpsDevice: [{ major: 8, minor: 0, rate: 1048576 }],
        throttleWriteIOPSDevice: [{ major: 8, minor: 0, rate: 0 }],
      },
      hugepageLimits: [{ pageSize: '2MB', limit: -1 }],
    });
    expect(c('skiff/c1/memory.max')).toBe(String(512 * MiB));
    expect(c('skiff/c1/memory.swap.max')).toBe(String(256 * MiB));
    expect(c('skiff/c1/memory.low')).toBe(String(128 * MiB));
    expect(c('skiff/c1/cpu.weight')).toBe('39');
    expect(c('skiff/c1/cpu.max')).toBe('50000 100000');
    expect(c('skiff/c1/cpu.max.burst')).toBe('1000');
    expect(c('skiff/c1/cpuset.cpus')).toBe('0-1');
    expect(c('skiff/c1/cpuset.mems')).toBe('0');
    expect(c('skiff/c1/pids.max')).toBe('100');
    expect(kernel.writesTo('io.weight')).toEqual(['10000', '8:0 1']);
    expect(kernel.writesTo('io.max')).toEqual(['8:0 rbps=1048576', '8:0 wiops=max']);
    expect(c('skiff/c1/hugetlb.2MB.max')).toBe('max');
    // No v2 files for swappiness, kernel memory or the OOM killer switch: nothing else was written.
    expect(kernel.writes.map((w) => w.file.split('/').pop()).filter((f) => f!.startsWith('memory.'))).toEqual(['memory.max', 'memory.swap.max', 'memory.low']);
  });

  it('uses io.bfq.weight on the blkio scale when BFQ is there', () => {
    kernel.options.extra = { 'io.bfq.weight': 'default 100\n' };
    manager().create({ blockIO: { weight: 500, weightDevice: [{ major: 8, minor: 16, weight: 200 }] } });
    expect(kernel.writesTo('io.bfq.weight')).toEqual(['500', '8:16 200']);
    expect(kernel.writesTo('io.weight')).toEqual([]);
  });

  it('maps OCI swap (memory+swap) onto memory.swap.max', () => {
    const m = manager();
    m.create({ memory: { limit: 64 * MiB, swap: 64 * MiB } });
    expect(c('skiff/c1/memory.swap.max')).toBe('0');
    m.update({ memory: { limit: 64 * MiB, swap: -1 } });
    expect(c('skiff/c1/memory.swap.max')).toBe('max');
    m.update({ memory: { limit: 64 * MiB, swap: 64 * MiB } });
    m.update({ memory: { limit: -1 } });
    expect(c('skiff/c1/memory.max')).toBe('max');
    expect(c('skiff/c1/memory.swap.max')).toBe('max');
  });

  it('keeps the quota when only the period changes', () => {
    const m = manager();
    m.create({ cpu: { quota: 50000 } });
    expect(c('skiff/c1/cpu.max')).toBe('50000');
    kernel.set('skiff/c1/cpu.max', '50000 100000\n');
    m.update({ cpu: { period: 200000 } });
    expect(c('skiff/c1/cpu.max')).toBe('50000 200000');
    m.update({ cpu: { quota: -1 } });
    expect(c('skiff/c1/cpu.max')).toBe('max');
  });

  it('writes unified entries verbatim, after and over the structured ones', () => {
    const m = manager();
    m.create({ memory: { limit: 64 * MiB }, unified: { 'memory.max': '1G', 'memory.high': '512M' } });
    expect(kernel.writesTo('memory.max')).toEqual([String(64 * MiB), '1G']);
    expect(c('skiff/c1/memory.high')).toBe('512M');
    expect(kindOf(() => m.update({ unified: { 'rdma.max': 'mlx4_0 hca_handle=2' } }))).toBe('FailedPrecondition');
    expect(kindOf(() => m.update({ unified: { '../cgroup.procs': '1' } }))).toBe('InvalidArgument');
  });

  it('attaches a device program on create, replaces it on update, and leaves none for allow-all', () => {
    const m = manager();
    const nullOnly = [{ allow: false, access: 'rwm' }, { allow: true, type: 'c', major: 1, minor: 3 }];
    m.create({ devices: nullOnly, memory: { limit: 64 * MiB } });
    const created = kernel.devicePrograms.get('skiff/c1')!;
    expect(runDeviceProgram(created, { type: 2, major: 1, minor: 3, access: 6 })).toBe(1);
    expect(runDeviceProgram(created, { type: 2, major: 1, minor: 5, access: 2 })).toBe(0);

    m.update({ devices: [{ allow: true }, { allow: false, type: 'c', major: 1, minor: 3, access: 'w' }] });
    const updated = kernel.devicePrograms.get('skiff/c1')!;
    expect(runDeviceProgram(updated, { type: 2, major: 1, minor: 3, access: 4 })).toBe(0);
    expect(runDeviceProgram(updated, { type: 2, major: 1, minor: 5, access: 2 })).toBe(1);

    m.update({ devices: [{ allow: true }] });
    expect(kernel.devicePrograms.has('skiff/c1')).toBe(false);
    // An update without devices leaves the device program alone.
    m.update({ devices: nullOnly });
    m.update({ pids: { limit: 10 } });
    expect(kernel.devicePrograms.has('skiff/c1')).toBe(true);
  });

  it('refuses device rules the filter cannot express before creating anything', () => {
    const m = manager();
    const holePunch = [{ allow: false }, { allow: true, type: 'c', major: 1, access: 'rw' }, { allow: false, type: 'c', major: 1, minor: 3, access: 'w' }];
    expect(kindOf(() => m.create({ devices: holePunch }))).toBe('InvalidArgument');
    expect(m.exists()).toBe(false);
  });

  it('puts a relative path under the parent of the runtime own cgroup', () => {
    manager('/user.slice/session-1.scope').create();
    const m = manager('', { '': '/user.slice/session-1.scope' });
    m.create();
    expect(m.paths['']).toBe(kernel.at('user.slice/c1'));
    expect(c('user.slice/c1/pids.max')).toBe('max');
  });

  it('removes the dirs it made when a limit fails', () => {
    const m = manager('/skiff/deep/c1');
    expect(kindOf(() => m.create({ hugepageLimits: [{ pageSize: '1GB', limit: 1 }] }))).toBe('FailedPrecondition');
    expect(fs.existsSync(kernel.at('skiff'))).toBe(false);
  });
});

describe('v2 processes, freezer, kill', () => {
  it('joins through cgroup.procs and lists nested processes', () => {
    const m = manager();
    m.create();
    expect(m.procsFiles()).toEqual([kernel.at('skiff/c1/cgroup.procs')]);
    m.addProcess(77);
    fs.mkdirSync(kernel.at('skiff/c1/sub'));
    fs.writeFileSync(kernel.at('skiff/c1/sub/cgroup.procs'), '78\n');
    expect(m.pids().sort()).toEqual([77, 78]);
  });

  it('freezes through cgroup.freeze and waits for cgroup.events', () => {
    const m = manager();
    m.create();
    expect(m.freezerState()).toBe('thawed');
    m.freeze();
    expect(c('skiff/c1/cgroup.freeze')).toBe('1');
    expect(m.freezerState()).toBe('frozen');
    m.thaw();
    expect(m.freezerState()).toBe('thawed');
  });

  it('reports freezing while the kernel is not done, and gives up after the deadline', () => {
    timing.freezeTimeoutMs = 30;
    kernel.options.stuckFreezing = true;
    const m = manager();
    m.create();
    expect(kindOf(() => m.freeze())).toBe('DeadlineExceeded');
    expect(kernel.writesTo('cgroup.freeze')).toEqual(['1', '0']);
    kernel.set('skiff/c1/cgroup.freeze', '1\n');
    expect(m.freezerState()).toBe('freezing');
  });

  it('reports frozen when an ancestor froze the cgroup', () => {
    const m = manager();
    m.create();
    kernel.set('skiff/c1/cgroup.events', 'populated 1\nfrozen 1\n');
    expect(m.freezerState()).toBe('frozen');
  });

  it('is unsupported on kernels without cgroup.freeze', () => {
    kernel.options.omit = ['cgroup.freeze'];
    const m = manager();
    m.create();
    expect(m.freezerState()).toBe('unsupported');
    expect(kindOf(() => m.freeze())).toBe('FailedPrecondition');
  });

  it('SIGKILLs through cgroup.kill', () => {
    const m = manager();
    m.create();
    m.killAll(9);
    expect(kernel.writesTo('cgroup.kill')).toEqual(['1']);
  });

  it('sends other signals to each process while frozen', async () => {
    const m = manager();
    m.create();
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    children.push(child);
    const exited = new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    m.addProcess(child.pid!);
    m.killAll(15);
    expect(await exited).toBe('SIGTERM');
    expect(kernel.writesTo('cgroup.freeze')).toEqual(['1', '0']);
  });
});

describe('v2 stats and OOM', () => {
  it('reads runc-shaped stats, microseconds turned into nanoseconds', () => {
    const m = manager();
    m.create();
    const set = (name: string, text: string): void => kernel.set(`skiff/c1/${name}`, text);
    set('cpu.stat', 'usage_usec 1500\nuser_usec 1000\nsystem_usec 500\nnr_periods 4\nnr_throttled 1\nthrottled_usec 20\nnr_bursts 0\nburst_usec 0\n');
    set('memory.current', '1048576\n');
    set('memory.max', '4194304\n');
    set('memory.peak', '2097152\n');
    set('memory.swap.current', '4096\n');
    set('memory.swap.max', '1048576\n');
    set('memory.events', 'low 0\nhigh 0\nmax 5\noom 1\noom_kill 1\noom_group_kill 0\n');
    set('memory.stat', 'anon 8192\nfile 4096\nkernel 512\n');
    set('pids.current', '3\n');
    set('pids.max', '50\n');
    set('io.stat', '8:0 rbytes=4096 wbytes=8192 rios=1 wios=2 dbytes=0 dios=0\n253:1 rbytes=1 wbytes=0 rios=1 wios=0 dbytes=0 dios=0\n');
    set('hugetlb.2MB.current', '2097152\n');
    set('hugetlb.2MB.events', 'max 2\n');

    const s = m.stats();
    expect(s.cpu).toEqual({
      usage: { total: 1500000, kernel: 500000, user: 1000000 },
      throttling: { periods: 4, throttledPeriods: 1, throttledTime: 20000 },
    });
    expect(s.memory).toEqual({
      cache: 4096,
      usage: { limit: 4194304, usage: 1048576, max: 2097152, failcnt: 5 },
      swap: { usage: 1048576 + 4096, limit: 4194304 + 1048576 },
      raw: { anon: 8192, file: 4096, kernel: 512 },
    });
    expect(s.pids).toEqual({ current: 3, limit: 50 });
    expect(s.blkio).toEqual({
      ioServiceBytesRecursive: [
        { major: 8, minor: 0, op: 'Read', value: 4096 },
        { major: 8, minor: 0, op: 'Write', value: 8192 },
        { major: 253, minor: 1, op: 'Read', value: 1 },
        { major: 253, minor: 1, op: 'Write', value: 0 },
      ],
      ioServicedRecursive: [
        { major: 8, minor: 0, op: 'Read', value: 1 },
        { major: 8, minor: 0, op: 'Write', value: 2 },
        { major: 253, minor: 1, op: 'Read', value: 1 },
        { major: 253, minor: 1, op: 'Write', value: 0 },
      ],
    });
    expect(s.hugetlb).toEqual({ '2MB': { usage: 2097152, failcnt: 2 } });
    expect(m.oomKillCount()).toBe(1);
  });

  it('reports "max" limits as 2^64-1 and omits what has no file', () => {
    kernel.set('cgroup.controllers', 'cpu\n');
    const m = manager();
    m.create();
    const s = m.stats();
    expect(s.memory).toEqual({});
    expect(s.pids).toEqual({});
    expect(m.oomKillCount()).toBe(0);
    expect(m.oomWatch()).toBeUndefined();

    kernel.dispose();
    kernel = FakeKernel.v2().install();
    const m2 = manager();
    m2.create();
    expect(m2.stats().memory.usage).toEqual({ limit: 2 ** 64 - 1, usage: 0, max: 0, failcnt: 0 });
    expect(m2.stats().memory.swap?.limit).toBe(2 ** 64 - 1);
    expect(m2.oomWatch()).toEqual({ kind: 'file', file: kernel.at('skiff/c1/memory.events') });
  });
});

describe('v2 destroy', () => {
  it('removes the cgroup and sub-cgroups, leaving the parent', () => {
    const m = manager();
    m.create();
    fs.mkdirSync(kernel.at('skiff/c1/sub'));
    fs.writeFileSync(kernel.at('skiff/c1/sub/cgroup.procs'), '');
    m.destroy();
    expect(m.exists()).toBe(false);
    expect(fs.existsSync(kernel.at('skiff'))).toBe(true);
    m.destroy();
  });

  it('reports a cgroup that stays populated', () => {
    timing.busyTimeoutMs = 20;
    const m = manager();
    m.create();
    m.addProcess(999999);
    kernel.set('skiff/c1/cgroup.events', 'populated 1\nfrozen 0\n');
    expect(kindOf(() => m.destroy())).toBe('FailedPrecondition');
    expect(m.exists()).toBe(true);
  });
});
