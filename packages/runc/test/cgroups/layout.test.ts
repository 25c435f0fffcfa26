import { isSkiffError } from '@skiff/errors';
import { cgroupPathsOfProcess, detectLayout, loadCgroupManager, newCgroupManager, ownCgroupPaths } from '../../src/cgroups';
import { cleanPath } from '../../src/cgroups/layout';
import type { CgroupLayout } from '../../src/cgroups';

// mountinfo of a hybrid host (the one these tests were written on): each v1 controller on its own
// mount, name=systemd, and an empty cgroup2 at /sys/fs/cgroup/unified.
const HYBRID_MOUNTINFO = `22 1 0:21 / / rw,relatime - ext4 /dev/vda rw
30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
32 30 0:29 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
33 30 0:30 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset
34 30 0:31 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
35 30 0:32 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices
36 30 0:33 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
37 30 0:34 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio
38 30 0:35 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
39 30 0:36 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
40 30 0:37 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
`;

const V2_MOUNTINFO = `25 1 0:21 / / rw - ext4 /dev/sda1 rw
35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
`;

const HYBRID_LAYOUT: CgroupLayout = detectLayout(HYBRID_MOUNTINFO);
const V2_LAYOUT: CgroupLayout = detectLayout(V2_MOUNTINFO);

const HYBRID_OWN = ownCgroupPaths(`9:name=systemd:/user.slice/session-1.scope
8:pids:/user.slice
4:memory:/process_api/abc
2:cpuacct:/
1:cpu:/
0::/user.slice/session-1.scope
`);

function expectSkiffError(fn: () => unknown, kind: string, message?: RegExp): void {
  try {
    fn();
  } catch (err) {
    expect(isSkiffError(err)).toBe(true);
    expect((err as { kind: string }).kind).toBe(kind);
    if (message) expect((err as Error).message).toMatch(message);
    return;
  }
  throw new Error('expected a SkiffError');
}

describe('detectLayout', () => {
  it('reads a hybrid host: separate v1 mounts, name=systemd, cgroup2 as unified', () => {
    expect(HYBRID_LAYOUT).toEqual({
      version: 1,
      root: '/sys/fs/cgroup',
      v1Mounts: {
        cpu: '/sys/fs/cgroup/cpu',
        cpuacct: '/sys/fs/cgroup/cpuacct',
        cpuset: '/sys/fs/cgroup/cpuset',
        memory: '/sys/fs/cgroup/memory',
        devices: '/sys/fs/cgroup/devices',
        freezer: '/sys/fs/cgroup/freezer',
        blkio: '/sys/fs/cgroup/blkio',
        pids: '/sys/fs/cgroup/pids',
        'name=systemd': '/sys/fs/cgroup/systemd',
      },
      unified: '/sys/fs/cgroup/unified',
    });
  });

  it('reads a pure v2 host', () => {
    expect(V2_LAYOUT).toEqual({ version: 2, root: '/sys/fs/cgroup' });
  });

  it('maps co-mounted controllers to one directory and ignores mount options', () => {
    const layout = detectLayout(
      '31 30 0:28 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,nosuid,cpu,cpuacct\n' +
        '32 30 0:29 / /sys/fs/cgroup/net_cls,net_prio rw - cgroup cgroup rw,net_cls,net_prio,clone_children\n',
    );
    expect(layout.version).toBe(1);
    expect(layout.v1Mounts).toEqual({
      cpu: '/sys/fs/cgroup/cpu,cpuacct',
      cpuacct: '/sys/fs/cgroup/cpu,cpuacct',
      net_cls: '/sys/fs/cgroup/net_cls,net_prio',
      net_prio: '/sys/fs/cgroup/net_cls,net_prio',
    });
    expect(layout.unified).toBeUndefined();
  });

  it('stays v2 when the only v1 mount is a controller-less name=systemd', () => {
    const layout = detectLayout(V2_MOUNTINFO + '40 35 0:40 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,xattr,name=systemd\n');
    expect(layout).toEqual({ version: 2, root: '/sys/fs/cgroup' });
  });

  it('prefers the mount of the hierarchy root over a bind mount of a sub-cgroup, and decodes escapes', () => {
    const layout = detectLayout(
      '50 1 0:31 /docker/abc /mnt/inner rw - cgroup cgroup rw,memory\n' +
        '51 1 0:31 / /sys/fs/cgroup/my\\040memory rw - cgroup cgroup rw,memory\n',
    );
    expect(layout.v1Mounts).toEqual({ memory: '/sys/fs/cgroup/my memory' });
  });

  it('fails when no cgroup filesystem is mounted', () => {
    expectSkiffError(() => detectLayout('22 1 0:21 / / rw - ext4 /dev/vda rw\n'), 'FailedPrecondition');
  });

  it('reads this host when given no text, once per process', () => {
    const layout = detectLayout();
    expect([1, 2]).toContain(layout.version);
    expect(detectLayout()).toBe(layout);
  });
});

describe('ownCgroupPaths', () => {
  it('maps each controller, named hierarchies and the cgroup2 entry', () => {
    expect(ownCgroupPaths('5:cpu,cpuacct:/a/b\n9:name=systemd:/s\n0::/u:with:colons\n')).toEqual({
      cpu: '/a/b',
      cpuacct: '/a/b',
      'name=systemd': '/s',
      '': '/u:with:colons',
    });
  });
});

describe('cleanPath', () => {
  it.each([
    ['', ''],
    ['/a/b/', '/a/b'],
    ['a//b/./c', 'a/b/c'],
    ['../../etc', 'etc'],
    ['/../etc', '/etc'],
    ['/', '/'],
    ['.', ''],
  ])('%j → %j', (input, expected) => {
    expect(cleanPath(input)).toBe(expected);
  });
});

describe('cgroup paths of a new container (runc cgroupfs semantics)', () => {
  it('absolute cgroupsPath: under each mount, plus the unified dir in hybrid mode', () => {
    const m = newCgroupManager({ layout: HYBRID_LAYOUT, cgroupsPath: '/skiff/c1', containerId: 'c1', ownCgroups: HYBRID_OWN });
    expect(m.version).toBe(1);
    expect(m.paths).toEqual({
      cpuset: '/sys/fs/cgroup/cpuset/skiff/c1',
      cpu: '/sys/fs/cgroup/cpu/skiff/c1',
      cpuacct: '/sys/fs/cgroup/cpuacct/skiff/c1',
      memory: '/sys/fs/cgroup/memory/skiff/c1',
      devices: '/sys/fs/cgroup/devices/skiff/c1',
      freezer: '/sys/fs/cgroup/freezer/skiff/c1',
      blkio: '/sys/fs/cgroup/blkio/skiff/c1',
      pids: '/sys/fs/cgroup/pids/skiff/c1',
      'name=systemd': '/sys/fs/cgroup/systemd/skiff/c1',
      '': '/sys/fs/cgroup/unified/skiff/c1',
    });
  });

  it('relative cgroupsPath: under the runtime own cgroup of each hierarchy (v1)', () => {
    const m = newCgroupManager({ layout: HYBRID_LAYOUT, cgroupsPath: 'skiff/c1', containerId: 'c1', ownCgroups: HYBRID_OWN });
    expect(m.paths.memory).toBe('/sys/fs/cgroup/memory/process_api/abc/skiff/c1');
    expect(m.paths.pids).toBe('/sys/fs/cgroup/pids/user.slice/skiff/c1');
    expect(m.paths.cpu).toBe('/sys/fs/cgroup/cpu/skiff/c1');
    // A hierarchy missing from /proc/self/cgroup counts as the root.
    expect(m.paths.freezer).toBe('/sys/fs/cgroup/freezer/skiff/c1');
    expect(m.paths['name=systemd']).toBe('/sys/fs/cgroup/systemd/user.slice/session-1.scope/skiff/c1');
    expect(m.paths['']).toBe('/sys/fs/cgroup/unified/user.slice/session-1.scope/skiff/c1');
  });

  it('absent or empty cgroupsPath: the container id, relative (as runc 1.1 with cgroupfs)', () => {
    for (const cgroupsPath of [undefined, '']) {
      const m = newCgroupManager({ layout: HYBRID_LAYOUT, cgroupsPath, containerId: 'web', ownCgroups: HYBRID_OWN });
      expect(m.paths.memory).toBe('/sys/fs/cgroup/memory/process_api/abc/web');
      expect(m.paths.devices).toBe('/sys/fs/cgroup/devices/web');
    }
  });

  it('v2: absolute under the mount; relative under the parent of the own cgroup', () => {
    const own = { '': '/user.slice/user-1000.slice/session-2.scope' };
    expect(newCgroupManager({ layout: V2_LAYOUT, cgroupsPath: '/machine/c1', containerId: 'c1', ownCgroups: own }).paths).toEqual({
      '': '/sys/fs/cgroup/machine/c1',
    });
    expect(newCgroupManager({ layout: V2_LAYOUT, containerId: 'c1', ownCgroups: own }).paths).toEqual({
      '': '/sys/fs/cgroup/user.slice/user-1000.slice/c1',
    });
    expect(newCgroupManager({ layout: V2_LAYOUT, containerId: 'c1', ownCgroups: { '': '/' } }).paths).toEqual({ '': '/sys/fs/cgroup/c1' });
  });

  it('keeps ".." from leaving the hierarchy', () => {
    const m = newCgroupManager({ layout: V2_LAYOUT, cgroupsPath: '/../../etc', containerId: 'c1' });
    expect(m.paths['']).toBe('/sys/fs/cgroup/etc');
  });

  it('reads /proc/self/cgroup only for relative paths when ownCgroups is not given', () => {
    const m = newCgroupManager({ layout: V2_LAYOUT, cgroupsPath: 'c1', containerId: 'c1' });
    expect(m.paths[''].startsWith('/sys/fs/cgroup/')).toBe(true);
    expect(m.paths[''].endsWith('/c1')).toBe(true);
  });

  it('rejects the systemd driver syntax', () => {
    expectSkiffError(
      () => newCgroupManager({ layout: V2_LAYOUT, cgroupsPath: 'system.slice:docker:abc', containerId: 'abc' }),
      'InvalidArgument',
      /systemd cgroup driver is not supported/,
    );
  });

  it('rejects a cgroupsPath naming the root and an id that cannot be a cgroup name', () => {
    expectSkiffError(() => newCgroupManager({ layout: V2_LAYOUT, cgroupsPath: '/', containerId: 'c' }), 'InvalidArgument');
    expectSkiffError(() => newCgroupManager({ layout: V2_LAYOUT, cgroupsPath: '/./', containerId: 'c' }), 'InvalidArgument');
    expectSkiffError(() => newCgroupManager({ layout: V2_LAYOUT, containerId: '..' }), 'InvalidArgument');
    expectSkiffError(() => newCgroupManager({ layout: V2_LAYOUT, containerId: 'a/b' }), 'InvalidArgument');
  });
});

describe('loadCgroupManager', () => {
  it('rebuilds a manager from persisted paths', () => {
    const m = newCgroupManager({ layout: HYBRID_LAYOUT, cgroupsPath: '/x', containerId: 'x' });
    const again = loadCgroupManager(HYBRID_LAYOUT, JSON.parse(JSON.stringify(m.paths)));
    expect(again.version).toBe(1);
    expect(again.paths).toEqual(m.paths);
    expect(loadCgroupManager(V2_LAYOUT, { '': '/sys/fs/cgroup/x' }).version).toBe(2);
  });

  it('rejects paths that do not fit the layout', () => {
    expectSkiffError(() => loadCgroupManager(V2_LAYOUT, {}), 'InvalidArgument');
    expectSkiffError(() => loadCgroupManager(V2_LAYOUT, { memory: '/sys/fs/cgroup/memory/x' }), 'InvalidArgument');
    expectSkiffError(() => loadCgroupManager(HYBRID_LAYOUT, { memory: 'relative/x' }), 'InvalidArgument');
  });
});

describe('cgroupPathsOfProcess', () => {
  it('maps a process\'s /proc/<pid>/cgroup onto the hierarchies mounted here (hybrid: v1 and unified)', () => {
    const text = `10:name=systemd:/docker/c1
4:memory:/docker/c1
2:cpu,cpuacct:/docker/c1
0::/docker/c1
`;
    expect(cgroupPathsOfProcess(HYBRID_LAYOUT, text)).toEqual({
      'name=systemd': '/sys/fs/cgroup/systemd/docker/c1',
      memory: '/sys/fs/cgroup/memory/docker/c1',
      cpu: '/sys/fs/cgroup/cpu/docker/c1',
      cpuacct: '/sys/fs/cgroup/cpuacct/docker/c1',
      '': '/sys/fs/cgroup/unified/docker/c1',
    });
  });

  it('on v2 the one unified path; a process in no hierarchy of this host is refused', () => {
    expect(cgroupPathsOfProcess(V2_LAYOUT, '0::/system.slice/c2\n')).toEqual({ '': '/sys/fs/cgroup/system.slice/c2' });
    expectSkiffError(() => cgroupPathsOfProcess(V2_LAYOUT, '4:memory:/x\n'), 'InvalidArgument', /no cgroup/);
  });
});
