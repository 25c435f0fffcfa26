/**
 * A temp-dir cgroup tree with a small kernel simulation behind the manager's kernfs operations:
 * mkdir populates the control files a real cgroupfs would show, rmdir refuses populated cgroups,
 * writes go only to existing files and enforce the few kernel rules the managers must respect
 * (memory <= memory+swap, burst <= quota, joinable cpusets, enabled v2 controllers). Device
 * programs for v2 cgroups are kept per cgroup instead of going to bpf(2).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cgroupDeviceFilters } from '../../src/cgroups/device-filter/load';
import { kernfs } from '../../src/cgroups/kernfs';
import type { CgroupLayout } from '../../src/cgroups/types';

const UNLIMITED_V1 = '9223372036854771712';

type Template = Record<string, string>;

const COMMON_V1: Template = { 'cgroup.procs': '', tasks: '', 'cgroup.clone_children': '0\n', notify_on_release: '0\n' };

/** Files of a non-root v1 cgroup, per hierarchy (as seen on a 6.x kernel). */
const V1_CHILD: Record<string, Template> = {
  cpu: {
    'cpu.shares': '1024\n',
    'cpu.cfs_period_us': '100000\n',
    'cpu.cfs_quota_us': '-1\n',
    'cpu.cfs_burst_us': '0\n',
    'cpu.rt_period_us': '1000000\n',
    'cpu.rt_runtime_us': '0\n',
    'cpu.idle': '0\n',
    'cpu.stat': 'nr_periods 0\nnr_throttled 0\nthrottled_time 0\nnr_bursts 0\nburst_time 0\n',
  },
  cpuacct: {
    'cpuacct.usage': '0\n',
    'cpuacct.usage_percpu': '0 0 \n',
    'cpuacct.usage_percpu_sys': '0 0 \n',
    'cpuacct.usage_percpu_user': '0 0 \n',
    'cpuacct.usage_sys': '0\n',
    'cpuacct.usage_user': '0\n',
    'cpuacct.stat': 'user 0\nsystem 0\n',
  },
  cpuset: { 'cpuset.cpus': '\n', 'cpuset.mems': '\n', 'cpuset.effective_cpus': '\n' },
  memory: {
    'cgroup.event_control': '',
    'memory.limit_in_bytes': `${UNLIMITED_V1}\n`,
    'memory.soft_limit_in_bytes': `${UNLIMITED_V1}\n`,
    'memory.memsw.limit_in_bytes': `${UNLIMITED_V1}\n`,
    'memory.kmem.limit_in_bytes': `${UNLIMITED_V1}\n`,
    'memory.kmem.tcp.limit_in_bytes': `${UNLIMITED_V1}\n`,
    'memory.usage_in_bytes': '0\n',
    'memory.max_usage_in_bytes': '0\n',
    'memory.failcnt': '0\n',
    'memory.memsw.usage_in_bytes': '0\n',
    'memory.memsw.max_usage_in_bytes': '0\n',
    'memory.memsw.failcnt': '0\n',
    'memory.kmem.usage_in_bytes': '0\n',
    'memory.kmem.max_usage_in_bytes': '0\n',
    'memory.kmem.failcnt': '0\n',
    'memory.swappiness': '60\n',
    'memory.oom_control': 'oom_kill_disable 0\nunder_oom 0\noom_kill 0\n',
    'memory.use_hierarchy': '1\n',
    'memory.stat': 'cache 0\nrss 0\n',
  },
  devices: { 'devices.allow': '', 'devices.deny': '', 'devices.list': 'a *:* rwm\n' },
  freezer: { 'freezer.state': 'THAWED\n', 'freezer.self_freezing': '0\n', 'freezer.parent_freezing': '0\n' },
  blkio: {
    'blkio.bfq.weight': '100\n',
    'blkio.bfq.weight_device': 'default 100\n',
    'blkio.bfq.io_service_bytes_recursive': 'Total 0\n',
    'blkio.bfq.io_serviced_recursive': 'Total 0\n',
    'blkio.throttle.read_bps_device': '',
    'blkio.throttle.write_bps_device': '',
    'blkio.throttle.read_iops_device': '',
    'blkio.throttle.write_iops_device': '',
    'blkio.throttle.io_service_bytes_recursive': 'Total 0\n',
    'blkio.throttle.io_serviced_recursive': 'Total 0\n',
  },
  pids: { 'pids.max': 'max\n', 'pids.current': '0\n', 'pids.events': 'max 0\n' },
  hugetlb: {
    'hugetlb.2MB.limit_in_bytes': `${UNLIMITED_V1}\n`,
    'hugetlb.2MB.usage_in_bytes': '0\n',
    'hugetlb.2MB.max_usage_in_bytes': '0\n',
    'hugetlb.2MB.failcnt': '0\n',
    'hugetlb.2MB.rsvd.limit_in_bytes': `${UNLIMITED_V1}\n`,
  },
  net_cls: { 'net_cls.classid': '0\n' },
  net_prio: { 'net_prio.ifpriomap': 'lo 0\n', 'net_prio.prioidx': '1\n' },
  systemd: {},
};

/** Root-level v1 files that differ from a child's (the root cpuset owns all CPUs). */
const V1_ROOT: Record<string, Template> = {
  cpuset: { 'cpuset.cpus': '0-3\n', 'cpuset.mems': '0\n', 'cpuset.effective_cpus': '0-3\n' },
  freezer: {},
};

const V2_CORE: Template = {
  'cgroup.procs': '',
  'cgroup.threads': '',
  'cgroup.type': 'domain\n',
  'cgroup.subtree_control': '\n',
  'cgroup.events': 'populated 0\nfrozen 0\n',
  'cgroup.freeze': '0\n',
  'cgroup.kill': '',
  'cgroup.max.depth': 'max\n',
  'cpu.stat': 'usage_usec 0\nuser_usec 0\nsystem_usec 0\n',
};

const V2_CONTROLLER: Record<string, Template> = {
  cpu: { 'cpu.weight': '100\n', 'cpu.max': 'max 100000\n', 'cpu.max.burst': '0\n', 'cpu.idle': '0\n' },
  cpuset: { 'cpuset.cpus': '\n', 'cpuset.mems': '\n', 'cpuset.cpus.effective': '0-3\n' },
  io: { 'io.max': '', 'io.weight': 'default 100\n', 'io.stat': '' },
  memory: {
    'memory.max': 'max\n',
    'memory.high': 'max\n',
    'memory.low': '0\n',
    'memory.min': '0\n',
    'memory.swap.max': 'max\n',
    'memory.current': '0\n',
    'memory.peak': '0\n',
    'memory.swap.current': '0\n',
    'memory.events': 'low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n',
    'memory.stat': 'anon 0\nfile 0\n',
  },
  hugetlb: { 'hugetlb.2MB.max': 'max\n', 'hugetlb.2MB.current': '0\n', 'hugetlb.2MB.events': 'max 0\n', 'hugetlb.2MB.rsvd.max': 'max\n' },
  pids: { 'pids.max': 'max\n', 'pids.current': '0\n' },
};

export const ALL_V2_CONTROLLERS = 'cpuset cpu io memory hugetlb pids';

function errno(code: string, file: string): Error {
  return Object.assign(new Error(`${code}: ${file}`), { code });
}

function populate(dir: string, template: Template, omit: string[] = []): void {
  for (const [name, content] of Object.entries(template)) {
    if (!omit.includes(name)) fs.writeFileSync(path.join(dir, name), content);
  }
}

function read(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

function words(file: string): string[] {
  return fs.existsSync(file) ? read(file).split(/\s+/).filter((w) => w !== '') : [];
}

function asLimit(v: string): bigint {
  const t = v.trim();
  return t === '-1' ? BigInt(UNLIMITED_V1) : BigInt(t);
}

export interface FakeOptions {
  /** freezer.state sticks at FREEZING / cgroup.events never reports frozen. */
  stuckFreezing?: boolean;
  /** Files that new cgroups do not get (a kernel without swap accounting, without BFQ...). */
  omit?: string[];
  /** Files that new cgroups get on top of the usual ones (e.g. io.bfq.weight with BFQ active). */
  extra?: Record<string, string>;
  /** v2 controllers the kernel refuses to enable (EINVAL), as for cpu with realtime tasks around. */
  refuseControllers?: string[];
}

export class FakeKernel {
  /** Every accepted write, with paths relative to the tree's root, in order. */
  readonly writes: Array<{ file: string; value: string }> = [];
  /** The device program attached to each v2 cgroup (relative path) that has one. */
  readonly devicePrograms = new Map<string, Buffer>();
  readonly layout: CgroupLayout;
  options: FakeOptions = {};
  private readonly spies: jest.SpyInstance[] = [];

  private constructor(
    readonly root: string,
    private readonly kind: 'v1' | 'v2',
    layout: CgroupLayout,
  ) {
    this.layout = layout;
  }

  /** v1 hierarchies under root/<controller>, name=systemd under root/systemd, and (hybrid) cgroup2 under root/unified. */
  static v1(controllers: string[], opts: { hybrid?: boolean } = {}): FakeKernel {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-fake-cg1-'));
    const v1Mounts: Record<string, string> = {};
    for (const c of [...controllers, 'systemd']) {
      const dir = path.join(root, c);
      fs.mkdirSync(dir);
      populate(dir, { ...COMMON_V1, ...V1_CHILD[c], ...(V1_ROOT[c] ?? {}) });
      v1Mounts[c === 'systemd' ? 'name=systemd' : c] = dir;
    }
    const layout: CgroupLayout = { version: 1, root, v1Mounts };
    if (opts.hybrid) {
      const dir = path.join(root, 'unified');
      fs.mkdirSync(dir);
      populate(dir, { ...V2_CORE, 'cgroup.controllers': '\n' });
      layout.unified = dir;
    }
    return new FakeKernel(root, 'v1', layout);
  }

  static v2(controllers = ALL_V2_CONTROLLERS): FakeKernel {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-fake-cg2-'));
    populate(root, { 'cgroup.procs': '', 'cgroup.subtree_control': '\n', 'cgroup.controllers': `${controllers}\n`, 'cpu.stat': 'usage_usec 0\n' });
    return new FakeKernel(root, 'v2', { version: 2, root });
  }

  install(): this {
    this.spies.push(
      jest.spyOn(kernfs, 'mkdir').mockImplementation((dir) => this.mkdir(dir)),
      jest.spyOn(kernfs, 'rmdir').mockImplementation((dir) => this.rmdir(dir)),
      jest.spyOn(kernfs, 'write').mockImplementation((file, value) => this.write(file, value)),
      jest.spyOn(cgroupDeviceFilters, 'replace').mockImplementation((dir, program) => this.replaceDeviceProgram(dir, program)),
    );
    return this;
  }

  dispose(): void {
    for (const s of this.spies) s.mockRestore();
    fs.rmSync(this.root, { recursive: true, force: true });
  }

  /** Path inside the tree. */
  at(...parts: string[]): string {
    return path.join(this.root, ...parts);
  }

  read(...parts: string[]): string {
    return read(this.at(...parts));
  }

  /** Sets a file's content as the kernel would report it (stats fixtures, usage...). */
  set(rel: string, content: string): void {
    fs.writeFileSync(this.at(rel), content);
  }

  writesTo(suffix: string): string[] {
    return this.writes.filter((w) => w.file.endsWith(suffix)).map((w) => w.value);
  }

  private hierarchyOf(dir: string): string {
    return path.relative(this.root, dir).split(path.sep)[0]!;
  }

  private mkdir(dir: string): void {
    fs.mkdirSync(dir);
    if (this.kind === 'v2' || this.hierarchyOf(dir) === 'unified') {
      const enabled = read(path.join(path.dirname(dir), 'cgroup.subtree_control')).trim();
      const files: Template = { ...V2_CORE, 'cgroup.controllers': `${enabled}\n` };
      for (const c of enabled.split(/\s+/).filter((w) => w !== '')) Object.assign(files, V2_CONTROLLER[c]);
      populate(dir, { ...files, ...this.options.extra }, this.options.omit);
    } else {
      populate(dir, { ...COMMON_V1, ...V1_CHILD[this.hierarchyOf(dir)] }, this.options.omit);
    }
  }

  private replaceDeviceProgram(dir: string, program: Buffer | undefined): void {
    if (!fs.existsSync(path.join(dir, 'cgroup.procs'))) throw errno('ENOENT', dir);
    const rel = path.relative(this.root, dir);
    if (program) this.devicePrograms.set(rel, program);
    else this.devicePrograms.delete(rel);
  }

  private rmdir(dir: string): void {
    if (!fs.existsSync(dir)) throw errno('ENOENT', dir);
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    if (entries.some((e) => e.isDirectory())) throw errno('ENOTEMPTY', dir);
    if (read(path.join(dir, 'cgroup.procs')).trim() !== '') throw errno('EBUSY', dir);
    for (const e of entries) fs.unlinkSync(path.join(dir, e.name));
    fs.rmdirSync(dir);
    // The kernel detaches a removed cgroup's programs.
    this.devicePrograms.delete(path.relative(this.root, dir));
  }

  private write(file: string, value: string): void {
    if (!fs.existsSync(file)) throw errno('ENOENT', file);
    const dir = path.dirname(file);
    const name = path.basename(file);
    let content = `${value}\n`;
    switch (name) {
      case 'cgroup.procs': {
        if (this.hierarchyOf(dir) === 'cpuset' && (read(path.join(dir, 'cpuset.cpus')).trim() === '' || read(path.join(dir, 'cpuset.mems')).trim() === '')) {
          throw errno('ENOSPC', file);
        }
        content = read(file) + `${value}\n`;
        break;
      }
      case 'memory.limit_in_bytes': {
        const memsw = path.join(dir, 'memory.memsw.limit_in_bytes');
        if (fs.existsSync(memsw) && asLimit(value) > asLimit(read(memsw))) throw errno('EINVAL', file);
        content = `${asLimit(value)}\n`;
        break;
      }
      case 'memory.memsw.limit_in_bytes':
        if (asLimit(value) < asLimit(read(path.join(dir, 'memory.limit_in_bytes')))) throw errno('EINVAL', file);
        content = `${asLimit(value)}\n`;
        break;
      case 'cpu.cfs_quota_us': {
        const burst = BigInt(read(path.join(dir, 'cpu.cfs_burst_us')).trim());
        if (value !== '-1' && BigInt(value) < burst) throw errno('EINVAL', file);
        break;
      }
      case 'cpu.cfs_burst_us': {
        const quota = BigInt(read(path.join(dir, 'cpu.cfs_quota_us')).trim());
        if (quota !== -1n && BigInt(value) > quota) throw errno('EINVAL', file);
        break;
      }
      case 'freezer.state':
        content = value === 'FROZEN' && this.options.stuckFreezing ? 'FREEZING\n' : `${value}\n`;
        break;
      case 'cgroup.freeze': {
        const frozen = value === '1' && !this.options.stuckFreezing ? 1 : 0;
        const events = path.join(dir, 'cgroup.events');
        fs.writeFileSync(events, read(events).replace(/frozen \d/, `frozen ${frozen}`));
        break;
      }
      case 'cgroup.kill':
        fs.writeFileSync(path.join(dir, 'cgroup.procs'), '');
        content = '';
        break;
      case 'cgroup.subtree_control': {
        const enabled = new Set(words(file));
        const available = words(path.join(dir, 'cgroup.controllers'));
        for (const w of value.split(/\s+/)) {
          const c = w.slice(1);
          if (!available.includes(c)) throw errno('ENOENT', file);
          if (this.options.refuseControllers?.includes(c)) throw errno('EINVAL', file);
          if (w.startsWith('+')) enabled.add(c);
          else enabled.delete(c);
        }
        content = `${[...enabled].join(' ')}\n`;
        break;
      }
      default:
        break;
    }
    fs.writeFileSync(file, content);
    this.writes.push({ file: path.relative(this.root, file), value });
  }
}
