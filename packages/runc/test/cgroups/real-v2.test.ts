/**
 * The v2 backend against this host's real cgroup2 mount. On a hybrid host that mount has no
 * controllers, so only the core files are exercised (cgroup.procs, cgroup.freeze, cgroup.events,
 * cgroup.kill, cpu.stat). The test's own dir stands in for the mount root so that nothing above
 * it (the host's subtree_control) is touched.
 */
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectLayout, newCgroupManager } from '../../src/cgroups';
import type { CgroupLayout, CgroupManager } from '../../src/cgroups';
import { cgroupOf, exitSignal, forceRemove, sleeper, uniqueName } from './real-helpers';

const detected = fs.existsSync('/proc/self/mountinfo') ? detectLayout() : undefined;
const cgroup2 = detected?.version === 2 ? detected.root : detected?.unified;
const runnable = process.getuid?.() === 0 && cgroup2 !== undefined;
const describeReal = runnable ? describe : describe.skip;

describeReal('cgroup v2 core files on this host', () => {
  let testRoot: string;
  let m: CgroupManager;
  const children: ChildProcess[] = [];

  beforeEach(() => {
    testRoot = path.join(cgroup2!, uniqueName());
    fs.mkdirSync(testRoot);
    const layout: CgroupLayout = { version: 2, root: testRoot };
    m = newCgroupManager({ layout, cgroupsPath: '/c1', containerId: 'c1' });
  });

  afterEach(async () => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    await forceRemove(testRoot);
  });

  it('creates, joins, freezes, thaws, kills and destroys', async () => {
    m.create();
    expect(m.paths['']).toBe(path.join(testRoot, 'c1'));
    for (const f of ['cgroup.procs', 'cgroup.kill', 'cgroup.freeze', 'cgroup.events']) {
      expect(fs.existsSync(path.join(m.paths['']!, f))).toBe(true);
    }

    const child = sleeper(children);
    m.addProcess(child.pid!);
    expect(m.pids()).toEqual([child.pid]);
    expect(cgroupOf(child.pid!)).toContain(`0::/${path.relative(cgroup2!, m.paths['']!)}\n`);

    m.freeze();
    expect(fs.readFileSync(path.join(m.paths['']!, 'cgroup.events'), 'utf8')).toContain('frozen 1');
    expect(m.freezerState()).toBe('frozen');
    m.thaw();
    expect(m.freezerState()).toBe('thawed');

    expect(m.stats().cpu.usage?.total).toBeGreaterThanOrEqual(0);
    expect(m.oomKillCount()).toBe(0);

    m.killAll(9);
    expect(await exitSignal(child)).toBe('SIGKILL');
    m.destroy();
    expect(m.exists()).toBe(false);
    expect(fs.readdirSync(testRoot, { withFileTypes: true }).filter((e) => e.isDirectory())).toEqual([]);
  });

  it('signals each process under cgroup.freeze for signals other than SIGKILL', async () => {
    m.create();
    const child = sleeper(children);
    m.addProcess(child.pid!);
    m.killAll(15);
    expect(await exitSignal(child)).toBe('SIGTERM');
    expect(m.freezerState()).toBe('thawed');
    m.destroy();
    expect(m.exists()).toBe(false);
  });
});
