/**
 * Against this host's real cgroup v1 hierarchies (hybrid: plus the cgroup2 dir). Needs root; every
 * cgroup is /skiff-test-<random> and is removed after each test, leftover processes killed first.
 */
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isSkiffError } from '@skiff/errors';
import { detectLayout, newCgroupManager } from '../../src/cgroups';
import type { CgroupLayout, CgroupManager } from '../../src/cgroups';
import { cgroupOf, exitSignal, forceRemove, lateSleeper, sleeper, uniqueName } from './real-helpers';

const MiB = 1024 * 1024;
const layout: CgroupLayout | undefined = fs.existsSync('/proc/self/mountinfo') ? detectLayout() : undefined;
const runnable = process.getuid?.() === 0 && fs.existsSync('/sys/fs/cgroup/memory') && layout?.version === 1;
const describeReal = runnable ? describe : describe.skip;

describeReal('cgroup v1 on this host', () => {
  const v1 = layout!;
  const mounts = [...new Set([...Object.values(v1.v1Mounts ?? {}), ...(v1.unified ? [v1.unified] : [])])];
  let name: string;
  let m: CgroupManager;
  const children: ChildProcess[] = [];

  const leftovers = (): string[] => mounts.map((mnt) => path.join(mnt, name)).filter((d) => fs.existsSync(d));
  const read = (controller: string, file: string): string => fs.readFileSync(path.join(m.paths[controller]!, file), 'utf8').trim();

  beforeEach(() => {
    name = uniqueName();
    m = newCgroupManager({ layout: v1, cgroupsPath: `/${name}`, containerId: name });
  });

  afterEach(async () => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    for (const mnt of mounts) await forceRemove(path.join(mnt, name));
  });

  it('creates the cgroups and writes limits the kernel reads back', () => {
    m.create({
      memory: { limit: 64 * MiB, reservation: 32 * MiB, swappiness: 0 },
      cpu: { shares: 512, quota: 20000, period: 100000, cpus: '0', mems: '0' },
      pids: { limit: 32 },
      devices: [
        { allow: false, access: 'rwm' },
        { allow: true, type: 'c', major: 1, minor: 3, access: 'rwm' },
        { allow: true, type: 'c', major: 1, minor: 5, access: 'r' },
      ],
    });
    expect(m.exists()).toBe(true);
    for (const dir of Object.values(m.paths)) expect(fs.statSync(dir).isDirectory()).toBe(true);
    if (v1.unified) expect(m.paths['']).toBe(path.join(v1.unified, name));
    expect(read('memory', 'memory.limit_in_bytes')).toBe(String(64 * MiB));
    expect(read('memory', 'memory.soft_limit_in_bytes')).toBe(String(32 * MiB));
    expect(read('memory', 'memory.swappiness')).toBe('0');
    expect(read('cpu', 'cpu.shares')).toBe('512');
    expect(read('cpu', 'cpu.cfs_quota_us')).toBe('20000');
    expect(read('cpuset', 'cpuset.cpus')).toBe('0');
    expect(read('pids', 'pids.max')).toBe('32');
    expect(read('devices', 'devices.list').split('\n')).toEqual(['c 1:3 rwm', 'c 1:5 r']);
  });

  it('runs a process through join, freeze, thaw, SIGKILL and destroy', async () => {
    m.create({ memory: { limit: 64 * MiB }, pids: { limit: 32 } });
    const { child, go } = lateSleeper(children);
    m.addProcess(child.pid!);
    await go();
    expect(m.pids()).toEqual([child.pid]);
    const membership = cgroupOf(child.pid!);
    expect(membership).toContain(`:memory:/${name}\n`);
    expect(membership).toContain(`:pids:/${name}\n`);
    if (v1.unified) expect(membership).toContain(`0::/${name}\n`);
    expect(read('pids', 'pids.current')).toBe('1');

    expect(m.freezerState()).toBe('thawed');
    m.freeze();
    expect(m.freezerState()).toBe('frozen');
    m.thaw();
    expect(m.freezerState()).toBe('thawed');

    expect(m.oomKillCount()).toBe(0);
    const stats = m.stats();
    expect(stats.memory.usage?.usage).toBeGreaterThan(0);
    expect(stats.memory.usage?.limit).toBe(64 * MiB);
    expect(stats.pids).toEqual({ current: 1, limit: 32 });
    expect(stats.cpu.usage?.total).toBeGreaterThanOrEqual(0);
    expect(m.oomWatch()).toEqual({
      kind: 'eventfd',
      eventControl: path.join(m.paths.memory!, 'cgroup.event_control'),
      oomControl: path.join(m.paths.memory!, 'memory.oom_control'),
    });

    m.killAll(9);
    expect(await exitSignal(child)).toBe('SIGKILL');
    m.destroy();
    expect(m.exists()).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it('delivers other signals with the freezer around the loop', async () => {
    m.create();
    const a = sleeper(children);
    const b = sleeper(children);
    m.addProcess(a.pid!);
    m.addProcess(b.pid!);
    m.killAll(15);
    expect(await exitSignal(a)).toBe('SIGTERM');
    expect(await exitSignal(b)).toBe('SIGTERM');
    expect(m.freezerState()).toBe('thawed');
    m.destroy();
    expect(leftovers()).toEqual([]);
  });

  it('lets the kernel accept memory and memory+swap changes in both directions', () => {
    m.create({ memory: { limit: 64 * MiB, swap: 128 * MiB } });
    const hasMemsw = fs.existsSync(path.join(m.paths.memory!, 'memory.memsw.limit_in_bytes'));
    m.update({ memory: { limit: 256 * MiB, swap: 512 * MiB } });
    expect(read('memory', 'memory.limit_in_bytes')).toBe(String(256 * MiB));
    if (hasMemsw) expect(read('memory', 'memory.memsw.limit_in_bytes')).toBe(String(512 * MiB));
    m.update({ memory: { limit: 32 * MiB, swap: 48 * MiB } });
    expect(read('memory', 'memory.limit_in_bytes')).toBe(String(32 * MiB));
    if (hasMemsw) expect(read('memory', 'memory.memsw.limit_in_bytes')).toBe(String(48 * MiB));
    m.update({ memory: { limit: -1 } });
    expect(BigInt(read('memory', 'memory.limit_in_bytes'))).toBeGreaterThan(1n << 60n);
  });

  it('removes everything it made when the kernel refuses a value', () => {
    let kind: string | undefined;
    try {
      m.create({ pids: { limit: 10 }, cpu: { cpus: '4095' } });
    } catch (err) {
      kind = isSkiffError(err) ? err.kind : 'not a SkiffError';
    }
    expect(kind).toBe('InvalidArgument');
    expect(leftovers()).toEqual([]);
  });
});
