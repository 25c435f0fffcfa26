// Linux x86_64/aarch64 ABI values the runtime passes to the kernel. Kept in one place so the
// real syscall layer and the recording fake agree on them.

export const CLONE = {
  NEWTIME: 0x00000080,
  NEWNS: 0x00020000,
  NEWCGROUP: 0x02000000,
  NEWUTS: 0x04000000,
  NEWIPC: 0x08000000,
  NEWUSER: 0x10000000,
  NEWPID: 0x20000000,
  NEWNET: 0x40000000,
  PARENT: 0x00008000,
} as const;

export const MS = {
  RDONLY: 0x1,
  NOSUID: 0x2,
  NODEV: 0x4,
  NOEXEC: 0x8,
  SYNCHRONOUS: 0x10,
  REMOUNT: 0x20,
  MANDLOCK: 0x40,
  DIRSYNC: 0x80,
  NOSYMFOLLOW: 0x100,
  NOATIME: 0x400,
  NODIRATIME: 0x800,
  BIND: 0x1000,
  MOVE: 0x2000,
  REC: 0x4000,
  SILENT: 0x8000,
  UNBINDABLE: 0x20000,
  PRIVATE: 0x40000,
  SLAVE: 0x80000,
  SHARED: 0x100000,
  RELATIME: 0x200000,
  STRICTATIME: 0x1000000,
  LAZYTIME: 0x2000000,
} as const;

export const MNT_DETACH = 0x2;

export const O = {
  RDONLY: 0,
  WRONLY: 1,
  RDWR: 2,
  CREAT: 0o100,
  EXCL: 0o200,
  NOCTTY: 0o400,
  TRUNC: 0o1000,
  APPEND: 0o2000,
  NONBLOCK: 0o4000,
  DIRECTORY: 0o200000,
  NOFOLLOW: 0o400000,
  CLOEXEC: 0o2000000,
  PATH: 0o10000000,
} as const;

export const F = { GETFD: 1, SETFD: 2, GETFL: 3, SETFL: 4 } as const;
export const FD_CLOEXEC = 1;

export const PR = {
  SET_PDEATHSIG: 1,
  SET_DUMPABLE: 4,
  SET_KEEPCAPS: 8,
  SET_NAME: 15,
  SET_SECCOMP: 22,
  CAPBSET_READ: 23,
  CAPBSET_DROP: 24,
  SET_CHILD_SUBREAPER: 36,
  SET_NO_NEW_PRIVS: 38,
  CAP_AMBIENT: 47,
} as const;
export const PR_CAP_AMBIENT_RAISE = 2;
export const PR_CAP_AMBIENT_CLEAR_ALL = 4;
export const SECCOMP_MODE_FILTER = 2;

export const SYS = {
  capget: 125,
  capset: 126,
  pivot_root: 155,
  seccomp: 317,
  pidfd_send_signal: 424,
  pidfd_open: 434,
  clone: 56,
  close_range: 436,
  keyctl: 250,
} as const;

export const CLOSE_RANGE_CLOEXEC = 1 << 2;

export const WNOHANG = 1;
export const WUNTRACED = 2;
export const __WALL = 0x40000000;

export const S_IFMT = 0o170000;
export const S_IFCHR = 0o020000;
export const S_IFBLK = 0o060000;
export const S_IFIFO = 0o010000;

export const SIGCHLD = 17;
export const SIGKILL = 9;

export const TIOCSCTTY = 0x540e;
export const TIOCSWINSZ = 0x5414;
export const TIOCSPTLCK = 0x40045431;
export const TIOCGPTN = 0x80045430;

export const POLLIN = 0x1;
export const POLLHUP = 0x10;

export const AF_UNIX = 1;
export const AF_INET = 2;
export const SOCK_DGRAM = 2;
export const SIOCGIFFLAGS = 0x8913;
export const SIOCSIFFLAGS = 0x8914;
export const IFF_UP = 0x1;
export const SOCK_STREAM = 1;
export const SOCK_CLOEXEC = 0o2000000;
export const SOCK_NONBLOCK = 0o4000;
export const SOL_SOCKET = 1;
export const SCM_RIGHTS = 1;

export const EFD_CLOEXEC = 0o2000000;

export const MADV_DOFORK = 11;

export const RLIMIT: Record<string, number> = {
  RLIMIT_CPU: 0,
  RLIMIT_FSIZE: 1,
  RLIMIT_DATA: 2,
  RLIMIT_STACK: 3,
  RLIMIT_CORE: 4,
  RLIMIT_RSS: 5,
  RLIMIT_NPROC: 6,
  RLIMIT_NOFILE: 7,
  RLIMIT_MEMLOCK: 8,
  RLIMIT_AS: 9,
  RLIMIT_LOCKS: 10,
  RLIMIT_SIGPENDING: 11,
  RLIMIT_MSGQUEUE: 12,
  RLIMIT_NICE: 13,
  RLIMIT_RTPRIO: 14,
  RLIMIT_RTTIME: 15,
};

export const errnoNames: Record<number, string> = {
  1: 'EPERM',
  2: 'ENOENT',
  3: 'ESRCH',
  4: 'EINTR',
  5: 'EIO',
  9: 'EBADF',
  10: 'ECHILD',
  11: 'EAGAIN',
  12: 'ENOMEM',
  13: 'EACCES',
  16: 'EBUSY',
  17: 'EEXIST',
  19: 'ENODEV',
  20: 'ENOTDIR',
  21: 'EISDIR',
  22: 'EINVAL',
  24: 'EMFILE',
  25: 'ENOTTY',
  28: 'ENOSPC',
  30: 'EROFS',
  32: 'EPIPE',
  38: 'ENOSYS',
  40: 'ELOOP',
  95: 'EOPNOTSUPP',
  110: 'ETIMEDOUT',
};

export const errnoMessages: Record<number, string> = {
  1: 'operation not permitted',
  2: 'no such file or directory',
  3: 'no such process',
  4: 'interrupted system call',
  5: 'input/output error',
  9: 'bad file descriptor',
  10: 'no child processes',
  11: 'resource temporarily unavailable',
  12: 'cannot allocate memory',
  13: 'permission denied',
  16: 'device or resource busy',
  17: 'file exists',
  19: 'no such device',
  20: 'not a directory',
  21: 'is a directory',
  22: 'invalid argument',
  24: 'too many open files',
  25: 'inappropriate ioctl for device',
  28: 'no space left on device',
  30: 'read-only file system',
  32: 'broken pipe',
  38: 'function not implemented',
  40: 'too many levels of symbolic links',
  95: 'operation not supported',
  110: 'connection timed out',
};
