// The calls skiffd makes on every container and exec that Node lacks, bound through koffi (as
// skiff-runc and skiff-containerd bind theirs): mkfifo(3), umount2(2), and the few that make a
// container's network namespace. Each used to be a child process (`mkfifo`, `umount`, `unshare
// ip link set lo up`), and a spawn from skiffd costs 10-30 ms on a small VM, on the path of every
// `docker exec` (new FIFOs), every start (the namespace) and every exit (its bind mount). koffi is
// loaded on first use, so skiffd's start-up does not pay for it.
import * as fs from 'node:fs';
import * as os from 'node:os';

interface Libc {
  mkfifo: (path: string, mode: number) => unknown;
  umount2: (path: string, flags: number) => unknown;
  unshare: (flags: number) => unknown;
  setns: (fd: number, nstype: number) => unknown;
  mount: (source: string, target: string, fstype: string | null, flags: number, data: string | null) => unknown;
  socket: (domain: number, type: number, protocol: number) => unknown;
  ioctl: (fd: number, request: number, argType: string, arg: Buffer) => unknown;
  close: (fd: number) => unknown;
  errno: () => number;
}

let bound: Libc | undefined;

function libc(): Libc {
  if (!bound) {
    const koffi = require('koffi') as typeof import('koffi');
    const lib = koffi.load('libc.so.6');
    bound = {
      mkfifo: lib.func('int mkfifo(const char *path, unsigned int mode)'),
      umount2: lib.func('int umount2(const char *target, int flags)'),
      unshare: lib.func('int unshare(int flags)'),
      setns: lib.func('int setns(int fd, int nstype)'),
      mount: lib.func('int mount(const char *source, const char *target, const char *fstype, unsigned long flags, const char *data)'),
      socket: lib.func('int socket(int domain, int type, int protocol)'),
      ioctl: lib.func('int ioctl(int fd, unsigned long request, ...)'),
      close: lib.func('int close(int fd)'),
      errno: () => koffi.errno(),
    };
  }
  return bound;
}

const errnoNames = new Map(Object.entries(os.constants.errno).map(([name, n]) => [n, name]));

/** Shaped like Node's own fs errors, so callers test err.code the same way for both. */
function check(result: unknown, syscall: string, target: string): void {
  if (Number(result) >= 0) return;
  const errno = libc().errno();
  const code = errnoNames.get(errno) ?? `errno ${errno}`;
  const err = new Error(`${syscall} ${target}: ${code}`) as NodeJS.ErrnoException;
  Object.assign(err, { code, errno, syscall, path: target });
  throw err;
}

/** A FIFO with exactly `mode` (as `mkfifo -m`: the umask does not narrow it). */
export function mkfifo(target: string, mode: number): void {
  check(libc().mkfifo(target, mode), 'mkfifo', target);
  fs.chmodSync(target, mode);
}

/** umount(8) of one mount point, without its child process; `lazy` is umount -l. */
export function unmount(target: string, { lazy = false }: { lazy?: boolean } = {}): void {
  check(libc().umount2(target, lazy ? MNT_DETACH : 0), 'umount', target);
}

/** A tmpfs on `target` with mount(8)'s -o flags as numbers and its data string (mode=, size=). */
export function mountTmpfs(target: string, flags: number, data: string): void {
  check(libc().mount('tmpfs', target, 'tmpfs', flags, data), 'mount', target);
}

const MNT_DETACH = 2;
const CLONE_NEWNET = 0x40000000;
const MS_BIND = 0x1000;
const AF_INET = 2;
const SOCK_DGRAM = 2;
const SOCK_CLOEXEC = 0o2000000;
const SIOCGIFFLAGS = 0x8913;
const SIOCSIFFLAGS = 0x8914;
const IFF_UP = 0x1;

/** A new network namespace starts with lo down; containers expect it up, as runc leaves it. */
function loopbackUp(): void {
  const fd = Number(libc().socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  check(fd, 'socket', 'lo');
  try {
    const ifreq = Buffer.alloc(40);
    ifreq.write('lo', 0);
    check(libc().ioctl(fd, SIOCGIFFLAGS, 'void *', ifreq), 'ioctl SIOCGIFFLAGS', 'lo');
    ifreq.writeInt16LE(ifreq.readInt16LE(16) | IFF_UP, 16);
    check(libc().ioctl(fd, SIOCSIFFLAGS, 'void *', ifreq), 'ioctl SIOCSIFFLAGS', 'lo');
  } finally {
    libc().close(fd);
  }
}

/**
 * A new network namespace with loopback up, kept by a bind mount on `file` (an existing empty
 * file), as `ip netns add` makes one. unshare(CLONE_NEWNET) moves only the calling thread, and
 * this one runs all of skiffd's JavaScript: it enters the new namespace and is back in its own
 * before this returns, with no await in between, so nothing else ever runs inside.
 */
export function makeNetns(file: string): void {
  const own = fs.openSync('/proc/thread-self/ns/net', 'r');
  try {
    check(libc().unshare(CLONE_NEWNET), 'unshare', file);
    let failure: unknown;
    try {
      loopbackUp();
      check(libc().mount('/proc/thread-self/ns/net', file, null, MS_BIND, null), 'mount', file);
    } catch (err) {
      failure = err;
    }
    if (Number(libc().setns(own, CLONE_NEWNET)) < 0) {
      // Every socket skiffd opened from here on would be in a container's namespace: stopping is
      // the only safe outcome (containers keep running; a restarted skiffd finds them).
      process.stderr.write(`skiffd: cannot return to its own network namespace (errno ${libc().errno()}); exiting\n`);
      process.exit(70);
    }
    if (failure) throw failure;
  } finally {
    fs.closeSync(own);
  }
}
