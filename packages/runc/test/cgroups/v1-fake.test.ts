import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { isSkiffError } from '@skiff/errors';
import { loadCgroupManager, newCgroupManager } from '../../src/cgroups';
import type { CgroupManager, LinuxResources } from '../../src/cgroups';
import { timing } from '../../src/cgroups/kernfs';
import { FakeKernel } from './fake-kernel';

const CONTROLLERS = ['cpu', 'cpuacct', 'cpuset', 'memory', 'devices', 'freezer', 'blkio', 'pids', 'hugetlb', 'net_cls', 'net_prio'];
const MiB = 1024 * 1024;

let kernel: FakeKernel;
const children: ChildProcess[] = [];

function manager(cgroupsPath = '/skiff/c1', opts: { ownCgroups?: Record<string, string> } = {}): CgroupManager {
  return newCgroupManager({ layout: kernel.layout, cgroupsPath, containerId: 'c1', ...opts });
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

function sleeper(): ChildProcess {
  const child = spawn('sleep', ['30'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

function exitSignal(child: ChildProcess): Promise<NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.signalCode);
  return new Promise((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
}

const saved = { ...timing };

beforeEach(() => {
  kernel = FakeKernel.v1(CONTROLLERS, { hybrid: true }).install();
});

afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  kernel.dispose();
  Object.assign(timing, saved);
});

describe('v1 create', () => {
  const full: LinuxResources = {
    devices: [
      { allow: false, access: 'rwm' },
      { allow: true, type: 'c', major: 1, minor: 3, access: 'rwm' },
      { allow: true, type: 'c', major: 136, access: 'rw' },
      { allow: false, type: 'b', major: 8, minor: 0, access: 'w' },
    ],
    memory: { limit: 512 * MiB, swap: 1024n * BigInt(MiB), reservation: 256 * MiB, kernelTCP: 16 * MiB, swappiness: 10, disableOOMKiller: true },
    cpu: { shares: 512, quota: 50000, period: 100000, burst: 10000, idle: 0, cpus: '1-2', mems: '0' },
    pids: { limit: 64 },
    blockIO: {
      weight: 300,
      leafWeight: 300,
      weightDevice: [{ major: 8, minor: 0, weight: 200 }],
      throttleReadBpsDevice: [{ major: 8, minor: 0, rate: 1048576 }],
      throttleWriteIOPSDevice: [{ major: 8, minor: 16, rate: 100 }],
    },
    hugepageLimits: [{ pageSize: '2MB', limit: 4 * 2 * MiB }],
    network: { classID: 0x100001, priorities: [{ name: 'eth0', priority: 5 }, { name: 'lo', priority: 1 }] },
  };

  it('makes a dir in every hierarchy, hybrid unified included, and writes each limit to its file', () => {
    const m = manager();
    m.create(full);
    for (const dir of Object.values(m.paths)) expect(fs.statSync(dir).isDirectory()).toBe(true);
    expect(m.paths['']).toBe(kernel.at('unified/skiff/c1'));
    expect(m.paths['name=systemd']).toBe(kernel.at('systemd/skiff/c1'));

    const c = (rel: string): string => kernel.read(rel).trim();
    expect(c('memory/skiff/c1/memory.limit_in_bytes')).toBe(String(512 * MiB));
    expect(c('memory/skiff/c1/memory.memsw.limit_in_bytes')).toBe(String(1024 * MiB));
    expect(c('memory/skiff/c1/memory.soft_limit_in_bytes')).toBe(String(256 * MiB));
    expect(c('memory/skiff/c1/memory.kmem.tcp.limit_in_bytes')).toBe(String(16 * MiB));
    expect(c('memory/skiff/c1/memory.swappiness')).toBe('10');
    expect(c('memory/skiff/c1/memory.oom_control')).toBe('1');
    expect(c('cpu/skiff/c1/cpu.shares')).toBe('512');
    expect(c('cpu/skiff/c1/cpu.cfs_period_us')).toBe('100000');
    expect(c('cpu/skiff/c1/cpu.cfs_quota_us')).toBe('50000');
    expect(c('cpu/skiff/c1/cpu.cfs_burst_us')).toBe('10000');
    expect(c('cpu/skiff/c1/cpu.idle')).toBe('0');
    expect(c('cpuset/skiff/c1/cpuset.cpus')).toBe('1-2');
    expect(c('cpuset/skiff/c1/cpuset.mems')).toBe('0');
    expect(c('pids/skiff/c1/pids.max')).toBe('64');
    expect(c('blkio/skiff/c1/blkio.bfq.weight')).toBe('300');
    expect(c('blkio/skiff/c1/blkio.bfq.weight_device')).toBe('8:0 200');
    expect(c('blkio/skiff/c1/blkio.throttle.read_bps_device')).toBe('8:0 1048576');
    expect(c('blkio/skiff/c1/blkio.throttle.write_iops_device')).toBe('8:16 100');
    expect(c('hugetlb/skiff/c1/hugetlb.2MB.limit_in_bytes')).toBe(String(8 * MiB));
    expect(c('net_cls/skiff/c1/net_cls.classid')).toBe(String(0x100001));
    expect(kernel.writesTo('net_prio.ifpriomap')).toEqual(['eth0 5', 'lo 1']);
    // No CFQ here: the leaf weight has no file to go to and is skipped.
    expect(kernel.writesTo('leaf_weight')).toEqual([]);
  });

  it('applies device rules on top of deny-all, in order', () => {
    manager().create(full);
    const deviceWrites = kernel.writes.filter((w) => w.file.startsWith('devices/')).map((w) => `${w.file.split('/').pop()} ${w.value}`);
    expect(deviceWrites).toEqual([
      'devices.deny a',
      'devices.deny a *:* rwm',
      'devices.allow c 1:3 rwm',
      'devices.allow c 136:* rw',
      'devices.deny b 8:0 w',
    ]);
  });

  it('gives every new cpuset level its parent cpus/mems so that a process can join', () => {
    const m = manager('/a/b/c');
    m.create();
    for (const level of ['a', 'a/b', 'a/b/c']) {
      expect(kernel.read(`cpuset/${level}/cpuset.cpus`).trim()).toBe('0-3');
      expect(kernel.read(`cpuset/${level}/cpuset.mems`).trim()).toBe('0');
    }
    m.addProcess(4242);
    expect(kernel.read('cpuset/a/b/c/cgroup.procs')).toBe('4242\n');
  });

  it('puts relative paths under the runtime own cgroups', () => {
    fs.mkdirSync(kernel.at('memory/runtime'));
    const m = manager('c1', { ownCgroups: { memory: '/runtime', cpu: '/', '': '/' } });
    m.create({ memory: { limit: 64 * MiB } });
    expect(m.paths.memory).toBe(kernel.at('memory/runtime/c1'));
    expect(kernel.read('memory/runtime/c1/memory.limit_in_bytes').trim()).toBe(String(64 * MiB));
    expect(m.paths.pids).toBe(kernel.at('pids/c1'));
  });

  it('removes what it created, and only that, when a limit fails', () => {
    fs.mkdirSync(kernel.at('memory/keep'));
    const m = manager('/keep/c1');
    // The kernel has no 1GB pages here: hugetlb.1GB.limit_in_bytes does not exist.
    const kind = kindOf(() => m.create({ memory: { limit: 64 * MiB }, hugepageLimits: [{ pageSize: '1GB', limit: 0 }] }));
    expect(kind).toBe('FailedPrecondition');
    expect(m.exists()).toBe(false);
    expect(fs.existsSync(kernel.at('memory/keep'))).toBe(true);
    expect(fs.existsSync(kernel.at('pids/keep'))).toBe(false);
  });

  it('validates before creating anything', () => {
    const m = manager();
    expect(kindOf(() => m.create({ cpu: { shares: 1 } }))).toBe('InvalidArgument');
    expect(m.exists()).toBe(false);
    expect(kernel.writes).toEqual([]);
  });
});

describe('v1 update', () => {
  it('orders memory and memory+swap writes so the kernel accepts each one', () => {
    const m = manager();
    m.create({ memory: { limit: 512 * MiB, swap: 1024 * MiB } });
    const order = (): string[] =>
      kernel.writes.filter((w) => /memory\.(memsw\.)?limit_in_bytes$/.test(w.file)).map((w) => (w.file.includes('memsw') ? `memsw=${w.value}` : `mem=${w.value}`));

    kernel.writes.length = 0;
    m.update({ memory: { limit: 2048 * MiB, swap: 4096 * MiB } }); // raise: memory+swap must grow first
    expect(order()).toEqual([`memsw=${4096 * MiB}`, `mem=${2048 * MiB}`]);

    kernel.writes.length = 0;
    m.update({ memory: { limit: 256 * MiB, swap: 512 * MiB } }); // lower: memory must shrink first
    expect(order()).toEqual([`mem=${256 * MiB}`, `memsw=${512 * MiB}`]);

    kernel.writes.length = 0;
    m.update({ memory: { limit: -1 } }); // unlimited memory lifts memory+swap too
    expect(order()).toEqual(['memsw=-1', 'mem=-1']);
    expect(kernel.read('memory/skiff/c1/memory.limit_in_bytes').trim()).toBe('9223372036854771712');
  });

  it('leaves swap alone on a kernel without swap accounting', () => {
    kernel.options.omit = ['memory.memsw.limit_in_bytes'];
    const m = manager();
    m.create({ memory: { limit: 64 * MiB, swap: 128 * MiB } });
    expect(kernel.read('memory/skiff/c1/memory.limit_in_bytes').trim()).toBe(String(64 * MiB));
    expect(kernel.writesTo('memsw.limit_in_bytes')).toEqual([]);
  });

  it('retries CPU bandwidth writes the kernel refuses in the current state', () => {
    const m = manager();
    m.create({ cpu: { quota: 50000, burst: 40000 } });
    m.update({ cpu: { quota: 20000, burst: 10000 } }); // quota first would be below the current burst
    expect(kernel.read('cpu/skiff/c1/cpu.cfs_quota_us').trim()).toBe('20000');
    expect(kernel.read('cpu/skiff/c1/cpu.cfs_burst_us').trim()).toBe('10000');
    expect(kernel.writesTo('cpu.cfs_quota_us')).toEqual(['50000', '20000']);
  });

  it('refuses a memory limit below usage when checkBeforeUpdate is set', () => {
    const m = manager();
    m.create();
    kernel.set('memory/skiff/c1/memory.usage_in_bytes', `${100 * MiB}\n`);
    expect(kindOf(() => m.update({ memory: { limit: 50 * MiB, checkBeforeUpdate: true } }))).toBe('FailedPrecondition');
    m.update({ memory: { limit: 50 * MiB } });
    expect(kernel.read('memory/skiff/c1/memory.limit_in_bytes').trim()).toBe(String(50 * MiB));
  });

  it('writes "max" for pids -1 and 0, and maps kernel refusals to InvalidArgument', () => {
    const m = manager();
    m.create();
    m.update({ pids: { limit: -1 } });
    expect(kernel.read('pids/skiff/c1/pids.max').trim()).toBe('max');
    m.update({ pids: { limit: 0 } });
    expect(kernel.read('pids/skiff/c1/pids.max').trim()).toBe('max');
    m.update({ memory: { limit: 64 * MiB, swap: 64 * MiB } });
    // memory.limit above memory+swap without raising swap: the kernel says EINVAL.
    expect(kindOf(() => m.update({ memory: { limit: 128 * MiB } }))).toBe('InvalidArgument');
  });

  it('fails when a needed hierarchy is not among the saved paths', () => {
    const m = loadCgroupManager(kernel.layout, { memory: kernel.at('memory/x') });
    m.create();
    expect(kindOf(() => m.update({ pids: { limit: 5 } }))).toBe('FailedPrecondition');
  });
});

describe('v1 processes, freezer, kill', () => {
  it('lists join files for every hierarchy and adds a pid to all of them', () => {
    const m = manager();
    m.create();
    expect(m.procsFiles().sort()).toEqual(Object.values(m.paths).map((d) => `${d}/cgroup.procs`).sort());
    m.addProcess(1234);
    for (const f of m.procsFiles()) expect(fs.readFileSync(f, 'utf8')).toBe('1234\n');
    expect(kindOf(() => m.addProcess(-3))).toBe('InvalidArgument');
  });

  it('lists pids of sub-cgroups too', () => {
    const m = manager();
    m.create();
    m.addProcess(10);
    fs.mkdirSync(kernel.at('freezer/skiff/c1/inner'));
    fs.writeFileSync(kernel.at('freezer/skiff/c1/inner/cgroup.procs'), '11\n12\n');
    expect(m.pids().sort()).toEqual([10, 11, 12]);
  });

  it('freezes, reports the state and thaws', () => {
    const m = manager();
    m.create();
    expect(m.freezerState()).toBe('thawed');
    m.freeze();
    expect(m.freezerState()).toBe('frozen');
    m.thaw();
    expect(m.freezerState()).toBe('thawed');
  });

  it('gives up freezing after the deadline, thawing again', () => {
    timing.freezeTimeoutMs = 30;
    kernel.options.stuckFreezing = true;
    const m = manager();
    m.create();
    expect(kindOf(() => m.freeze())).toBe('DeadlineExceeded');
    expect(kernel.writesTo('freezer.state').at(-1)).toBe('THAWED');
    expect(m.freezerState()).toBe('thawed');
  });

  it('is unsupported without a freezer hierarchy', () => {
    const m = loadCgroupManager(kernel.layout, { memory: kernel.at('memory/x') });
    expect(m.freezerState()).toBe('unsupported');
    expect(kindOf(() => m.freeze())).toBe('FailedPrecondition');
  });

  it('uses cgroup.kill of the hybrid unified dir for SIGKILL', () => {
    const m = manager();
    m.create();
    m.killAll(9);
    expect(kernel.writes.filter((w) => w.file.endsWith('cgroup.kill'))).toEqual([{ file: 'unified/skiff/c1/cgroup.kill', value: '1' }]);
  });

  it('signals each process between freeze and thaw otherwise', async () => {
    const m = manager();
    m.create();
    const child = sleeper();
    m.addProcess(child.pid!);
    m.killAll(15);
    expect(await exitSignal(child)).toBe('SIGTERM');
    expect(kernel.writesTo('freezer.state')).toEqual(['FROZEN', 'THAWED']);
  });

  it('leaves a paused container frozen after signalling it', () => {
    const m = manager();
    m.create();
    m.freeze();
    kernel.writes.length = 0;
    m.killAll(0);
    expect(kernel.writesTo('freezer.state')).toEqual([]);
    expect(m.freezerState()).toBe('frozen');
  });

  it('without hybrid, SIGKILL goes process by process', async () => {
    kernel.dispose();
    kernel = FakeKernel.v1(CONTROLLERS).install();
    const m = manager();
    m.create();
    expect(m.paths['']).toBeUndefined();
    const child = sleeper();
    m.addProcess(child.pid!);
    m.killAll(9);
    expect(await exitSignal(child)).toBe('SIGKILL');
  });
});

describe('v1 stats and OOM', () => {
  it('reads runc-shaped stats from the kernel files', () => {
    const m = manager();
    m.create();
    const set = (rel: string, text: string): void => kernel.set(`${rel.split('/')[0]}/skiff/c1/${rel.split('/')[1]}`, text);
    set('cpuacct/cpuacct.usage', '5000000000\n');
    set('cpuacct/cpuacct.usage_percpu', '3000000000 2000000000 \n');
    set('cpuacct/cpuacct.usage_sys', '1000000000\n');
    set('cpuacct/cpuacct.usage_user', '4000000000\n');
    set('cpu/cpu.stat', 'nr_periods 10\nnr_throttled 2\nthrottled_time 123456\nnr_bursts 0\nburst_time 0\n');
    set('memory/memory.usage_in_bytes', '1048576\n');
    set('memory/memory.max_usage_in_bytes', '2097152\n');
    set('memory/memory.failcnt', '3\n');
    set('memory/memory.stat', 'cache 4096\nrss 8192\ntotal_cache 4096\n');
    set('pids/pids.current', '2\n');
    set('blkio/blkio.bfq.io_service_bytes_recursive', '8:0 Read 4096\n8:0 Write 0\n8:0 Sync 4096\n8:0 Async 0\n8:0 Discard 0\n8:0 Total 4096\nTotal 4096\n');
    set('blkio/blkio.throttle.io_serviced_recursive', '8:0 Read 1\n8:0 Write 0\nTotal 1\n');
    set('hugetlb/hugetlb.2MB.usage_in_bytes', '2097152\n');

    const s = m.stats();
    expect(s.cpu).toEqual({
      usage: { total: 5e9, percpu: [3e9, 2e9], percpu_kernel: [0, 0], percpu_user: [0, 0], kernel: 1e9, user: 4e9 },
      throttling: { periods: 10, throttledPeriods: 2, throttledTime: 123456 },
    });
    expect(s.memory.usage).toEqual({ limit: 9223372036854771712, usage: 1048576, max: 2097152, failcnt: 3 });
    expect(s.memory.swap).toEqual({ limit: 9223372036854771712, usage: 0, max: 0, failcnt: 0 });
    expect(s.memory.cache).toBe(4096);
    expect(s.memory.raw).toEqual({ cache: 4096, rss: 8192, total_cache: 4096 });
    expect(s.pids).toEqual({ current: 2 }); // pids.max "max": no limit to report
    expect(s.blkio.ioServiceBytesRecursive).toContainEqual({ major: 8, minor: 0, op: 'Read', value: 4096 });
    expect(s.blkio.ioServiceBytesRecursive).toHaveLength(6);
    // BFQ counted no requests, the throttle layer did.
    expect(s.blkio.ioServicedRecursive).toEqual([
      { major: 8, minor: 0, op: 'Read', value: 1 },
      { major: 8, minor: 0, op: 'Write', value: 0 },
    ]);
    expect(s.hugetlb).toEqual({ '2MB': { usage: 2097152, max: 0, failcnt: 0 } });
  });

  it('falls back to cpuacct.stat ticks, and leaves out what has no file', () => {
    const m = manager();
    m.create();
    for (const f of ['cpuacct.usage_sys', 'cpuacct.usage_user', 'cpuacct.usage_percpu_sys', 'cpuacct.usage_percpu_user']) {
      fs.unlinkSync(kernel.at(`cpuacct/skiff/c1/${f}`));
    }
    kernel.set('cpuacct/skiff/c1/cpuacct.stat', 'user 150\nsystem 50\n');
    fs.rmSync(kernel.at('memory/skiff/c1'), { recursive: true });
    const s = m.stats();
    expect(s.cpu.usage).toEqual({ total: 0, percpu: [0, 0], kernel: 500000000, user: 1500000000 });
    expect(s.memory).toEqual({});
    expect(m.oomKillCount()).toBe(0);
  });

  it('never throws for a cgroup that is gone', () => {
    const m = manager();
    expect(m.stats()).toEqual({ cpu: {}, memory: {}, pids: {}, blkio: {}, hugetlb: {} });
  });

  it('counts OOM kills and names the eventfd files', () => {
    const m = manager();
    m.create();
    expect(m.oomKillCount()).toBe(0);
    kernel.set('memory/skiff/c1/memory.oom_control', 'oom_kill_disable 0\nunder_oom 0\noom_kill 2\n');
    expect(m.oomKillCount()).toBe(2);
    expect(m.oomWatch()).toEqual({
      kind: 'eventfd',
      eventControl: kernel.at('memory/skiff/c1/cgroup.event_control'),
      oomControl: kernel.at('memory/skiff/c1/memory.oom_control'),
    });
    expect(loadCgroupManager(kernel.layout, { pids: kernel.at('pids/x') }).oomWatch()).toBeUndefined();
  });
});

describe('v1 destroy', () => {
  it('removes the container dirs and their sub-cgroups, and tolerates missing ones', () => {
    const m = manager();
    m.create();
    kernel.options = {};
    fs.mkdirSync(kernel.at('memory/skiff/c1/nested'));
    fs.writeFileSync(kernel.at('memory/skiff/c1/nested/cgroup.procs'), '');
    fs.rmSync(kernel.at('pids/skiff/c1'), { recursive: true });
    m.destroy();
    expect(m.exists()).toBe(false);
    for (const dir of Object.values(m.paths)) expect(fs.existsSync(dir)).toBe(false);
    // The parent "skiff" came with the container but is not the container's own dir.
    expect(fs.existsSync(kernel.at('memory/skiff'))).toBe(true);
    m.destroy();
  });

  it('reports a cgroup that stays busy, after removing the others', () => {
    timing.busyTimeoutMs = 20;
    const m = manager();
    m.create();
    fs.writeFileSync(kernel.at('memory/skiff/c1/cgroup.procs'), '999999\n');
    expect(kindOf(() => m.destroy())).toBe('FailedPrecondition');
    expect(fs.existsSync(kernel.at('memory/skiff/c1'))).toBe(true);
    expect(fs.existsSync(kernel.at('pids/skiff/c1'))).toBe(false);
    expect(m.exists()).toBe(true);
  });
});
