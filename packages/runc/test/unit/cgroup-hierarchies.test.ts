import { cgroupHierarchies, hierarchyKey } from '../../src/lib/cgroup-hierarchies';

// A hybrid host: one v1 mount per controller, name=systemd, and an empty cgroup2 as "unified".
const HYBRID = `22 1 0:21 / / rw,relatime - ext4 /dev/vda rw
30 22 0:27 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
31 30 0:28 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
32 30 0:29 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:12 - cgroup cgroup rw,memory
33 30 0:30 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices
34 30 0:31 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,xattr,name=systemd
35 30 0:32 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw,nsdelegate
`;

// A pure v2 host (systemd's unified mode).
const V2 = `25 1 0:21 / / rw - ext4 /dev/sda1 rw
35 24 0:30 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:9 - cgroup2 cgroup2 rw,nsdelegate,memory_recursiveprot
`;

// Debian/Ubuntu/RHEL with v1: co-mounted controllers under their joined name (the host also has
// symlinks cpu -> cpu,cpuacct, which mountinfo does not show).
const COMOUNTED = `24 18 0:20 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:9 - tmpfs tmpfs ro,mode=755
28 24 0:24 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:14 - cgroup cgroup rw,cpu,cpuacct
29 24 0:25 / /sys/fs/cgroup/net_cls,net_prio rw,nosuid,nodev,noexec,relatime shared:15 - cgroup cgroup rw,net_cls,net_prio
30 24 0:26 / /sys/fs/cgroup/cpuset rw,nosuid,nodev,noexec,relatime shared:16 - cgroup cgroup rw,cpuset,clone_children
`;

describe('cgroupHierarchies', () => {
  it('reads a hybrid host: each v1 hierarchy with its selecting options, and the unified dir', () => {
    expect(cgroupHierarchies(HYBRID)).toEqual({
      v1: [
        { name: 'cpu', options: 'cpu' },
        { name: 'memory', options: 'memory' },
        { name: 'devices', options: 'devices' },
        { name: 'systemd', options: 'name=systemd' },
      ],
      unified: 'unified',
    });
  });

  it('reads a pure v2 host as a unified tree at the root itself', () => {
    expect(cgroupHierarchies(V2)).toEqual({ v1: [], unified: '' });
  });

  it('keeps co-mounted controllers together under their joined directory name', () => {
    expect(cgroupHierarchies(COMOUNTED)).toEqual({
      v1: [
        { name: 'cpu,cpuacct', options: 'cpu,cpuacct' },
        { name: 'net_cls,net_prio', options: 'net_cls,net_prio' },
        { name: 'cpuset', options: 'cpuset' },
      ],
    });
  });

  it('ignores mounts elsewhere and deeper than one level under the root', () => {
    const text = `${V2}40 35 0:30 /sub /sys/fs/cgroup/a/b rw - cgroup2 cgroup2 rw
41 1 0:33 / /mnt/cgroup rw - cgroup cgroup rw,pids
no separator on this line
`;
    expect(cgroupHierarchies(text)).toEqual({ v1: [], unified: '' });
  });

  it('takes the root to look under from its caller', () => {
    const text = '50 1 0:40 / /custom/cg/pids rw - cgroup cgroup rw,pids\n';
    expect(cgroupHierarchies(text, '/custom/cg')).toEqual({ v1: [{ name: 'pids', options: 'pids' }] });
    expect(cgroupHierarchies(text)).toEqual({ v1: [] });
  });

  // RHEL/CentOS 7 (systemd 219) mount the systemd hierarchy with release_agent= before name=. runc
  // keeps only controllers and name=X; here the agent path becomes the hierarchy's key, so the
  // container's systemd cgroup is never bound (no cgroup namespace), and the host's release agent
  // is passed as mount data (with a cgroup namespace; refused from a user namespace).
  it('drops release_agent= from a hierarchy\'s options, as runc does', () => {
    const text = '25 24 0:21 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:9 - cgroup cgroup rw,xattr,release_agent=/usr/lib/systemd/systemd-cgroups-agent,name=systemd\n';
    const [systemd] = cgroupHierarchies(text).v1;
    expect(systemd).toEqual({ name: 'systemd', options: 'name=systemd' });
    expect(hierarchyKey(systemd!.options)).toBe('name=systemd');
  });
});

describe('hierarchyKey', () => {
  it('names a hierarchy by its first controller, as cgroup managers key their paths', () => {
    expect(hierarchyKey('cpu,cpuacct')).toBe('cpu');
    expect(hierarchyKey('memory')).toBe('memory');
    expect(hierarchyKey('name=systemd')).toBe('name=systemd');
  });
});
