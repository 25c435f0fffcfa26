import type { Mount, RuntimeConfig } from './runtime-config';

/** The spec version runc 1.1 writes into the configs it generates. */
export const defaultSpecOciVersion = '1.0.2-dev';

export interface DefaultSpecOptions {
  /** The variant of `runc spec --rootless`: a user namespace, no network namespace, no cgroup rules. */
  rootless?: boolean;
  /** Host uid that container root maps to when rootless; the current effective uid, as runc uses, unless given. */
  hostUid?: number;
  /** Host gid that container root maps to when rootless; the current effective gid unless given. */
  hostGid?: number;
}

const defaultCapabilities = ['CAP_AUDIT_WRITE', 'CAP_KILL', 'CAP_NET_BIND_SERVICE'];

function mounts(rootless: boolean): Mount[] {
  return [
    { destination: '/proc', type: 'proc', source: 'proc' },
    {
      destination: '/dev',
      type: 'tmpfs',
      source: 'tmpfs',
      options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'],
    },
    {
      destination: '/dev/pts',
      type: 'devpts',
      source: 'devpts',
      // Rootless maps only container root, so gid=5 (tty) would name a group that does not exist.
      options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', ...(rootless ? [] : ['gid=5'])],
    },
    {
      destination: '/dev/shm',
      type: 'tmpfs',
      source: 'shm',
      options: ['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=65536k'],
    },
    { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
    // Mounting sysfs needs a network namespace of one's own, which the rootless variant drops, so
    // it binds the host's /sys read-only instead.
    rootless
      ? { destination: '/sys', type: 'none', source: '/sys', options: ['rbind', 'nosuid', 'noexec', 'nodev', 'ro'] }
      : { destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', 'ro'] },
    {
      destination: '/sys/fs/cgroup',
      type: 'cgroup',
      source: 'cgroup',
      options: ['nosuid', 'noexec', 'nodev', 'relatime', 'ro'],
    },
  ];
}

/**
 * The config.json that `runc spec` (runc 1.1.5) writes, field for field and in its key order, so
 * JSON.stringify(defaultSpec(), null, '\t') is byte-identical to runc's file. Each call returns a
 * fresh object that the caller may edit.
 *
 * Capabilities: runc 1.1.5 lists the three defaults in bounding, effective, permitted and ambient,
 * and leaves inheritable out (checked against /usr/sbin/runc from Debian's runc 1.1.5+ds1).
 *
 * The hostname stays "runc": tools compare generated specs against runc's.
 */
export function defaultSpec(options: DefaultSpecOptions = {}): RuntimeConfig {
  const rootless = options.rootless ?? false;
  const namespaces = rootless
    ? [{ type: 'pid' as const }, { type: 'ipc' as const }, { type: 'uts' as const }, { type: 'mount' as const }, { type: 'user' as const }]
    : [{ type: 'pid' as const }, { type: 'network' as const }, { type: 'ipc' as const }, { type: 'uts' as const }, { type: 'mount' as const }];
  const hostUid = options.hostUid ?? process.geteuid?.() ?? 0;
  const hostGid = options.hostGid ?? process.getegid?.() ?? 0;

  return {
    ociVersion: defaultSpecOciVersion,
    process: {
      terminal: true,
      user: { uid: 0, gid: 0 },
      args: ['sh'],
      env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'TERM=xterm'],
      cwd: '/',
      capabilities: {
        bounding: [...defaultCapabilities],
        effective: [...defaultCapabilities],
        permitted: [...defaultCapabilities],
        ambient: [...defaultCapabilities],
      },
      rlimits: [{ type: 'RLIMIT_NOFILE', hard: 1024, soft: 1024 }],
      noNewPrivileges: true,
    },
    root: { path: 'rootfs', readonly: true },
    hostname: 'runc',
    mounts: mounts(rootless),
    linux: {
      ...(rootless
        ? {
            uidMappings: [{ containerID: 0, hostID: hostUid, size: 1 }],
            gidMappings: [{ containerID: 0, hostID: hostGid, size: 1 }],
          }
        : { resources: { devices: [{ allow: false, access: 'rwm' }] } }),
      namespaces,
      maskedPaths: [
        '/proc/acpi',
        '/proc/asound',
        '/proc/kcore',
        '/proc/keys',
        '/proc/latency_stats',
        '/proc/timer_list',
        '/proc/timer_stats',
        '/proc/sched_debug',
        '/sys/firmware',
        '/proc/scsi',
      ],
      readonlyPaths: ['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger'],
    },
  };
}
