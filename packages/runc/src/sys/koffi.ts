import * as fs from 'node:fs';
import koffi from 'koffi';
import {
  AF_UNIX,
  CLONE,
  MADV_DOFORK,
  PR,
  SCM_RIGHTS,
  SECCOMP_MODE_FILTER,
  SIGCHLD,
  SOCK_CLOEXEC,
  SOCK_NONBLOCK,
  SOCK_STREAM,
  SOL_SOCKET,
  SYS,
} from './constants';
import { SysError, Syscalls, WaitResult } from './syscalls';

const libc = koffi.load('libc.so.6');

const fn = {
  fork: libc.func('int fork()'),
  exit: libc.func('void _exit(int status)'),
  execve: libc.func('int execve(const char *path, const char **argv, const char **envp)'),
  waitpid: libc.func('int waitpid(int pid, _Out_ int *status, int options)'),
  kill: libc.func('int kill(int pid, int sig)'),
  getpid: libc.func('int getpid()'),
  madvise: libc.func('int madvise(uintptr_t addr, size_t len, int advice)'),
  unshare: libc.func('int unshare(int flags)'),
  setns: libc.func('int setns(int fd, int nstype)'),
  mount: libc.func(
    'int mount(const char *source, const char *target, const char *fstype, unsigned long flags, const char *data)',
  ),
  umount2: libc.func('int umount2(const char *target, int flags)'),
  chroot: libc.func('int chroot(const char *path)'),
  chdir: libc.func('int chdir(const char *path)'),
  fchdir: libc.func('int fchdir(int fd)'),
  mknod: libc.func('int mknod(const char *path, unsigned int mode, unsigned long dev)'),
  sethostname: libc.func('int sethostname(const char *name, size_t len)'),
  setdomainname: libc.func('int setdomainname(const char *name, size_t len)'),
  setsid: libc.func('int setsid()'),
  setresuid: libc.func('int setresuid(unsigned int r, unsigned int e, unsigned int s)'),
  setresgid: libc.func('int setresgid(unsigned int r, unsigned int e, unsigned int s)'),
  setgroups: libc.func('int setgroups(size_t size, const uint32_t *list)'),
  umask: libc.func('unsigned int umask(unsigned int mask)'),
  prctl: libc.func('int prctl(int option, ...)'),
  syscall: libc.func('long syscall(long number, ...)'),
  prlimit: libc.func('int prlimit(int pid, int resource, const void *newLimit, void *oldLimit)'),
  personality: libc.func('int personality(unsigned long persona)'),
  open: libc.func('int open(const char *path, int flags, ...)'),
  close: libc.func('int close(int fd)'),
  read: libc.func('long read(int fd, _Out_ void *buf, size_t count)'),
  write: libc.func('long write(int fd, const void *buf, size_t count)'),
  dup2: libc.func('int dup2(int oldfd, int newfd)'),
  fcntl: libc.func('int fcntl(int fd, int cmd, ...)'),
  pipe2: libc.func('int pipe2(_Out_ int *fds, int flags)'),
  mkfifo: libc.func('int mkfifo(const char *path, unsigned int mode)'),
  access: libc.func('int access(const char *path, int mode)'),
  poll: libc.func('int poll(_Inout_ void *fds, unsigned long nfds, int timeout)'),
  ioctl: libc.func('int ioctl(int fd, unsigned long request, ...)'),
  ptsname_r: libc.func('int ptsname_r(int fd, _Out_ void *buf, size_t len)'),
  socket: libc.func('int socket(int domain, int type, int protocol)'),
  connect: libc.func('int connect(int fd, const void *addr, unsigned int len)'),
  bind: libc.func('int bind(int fd, const void *addr, unsigned int len)'),
  listen: libc.func('int listen(int fd, int backlog)'),
  accept4: libc.func('int accept4(int fd, void *addr, void *len, int flags)'),
  sendmsg: libc.func('long sendmsg(int fd, const void *msg, int flags)'),
  recvmsg: libc.func('long recvmsg(int fd, void *msg, int flags)'),
  socketpair: libc.func('int socketpair(int domain, int type, int protocol, _Out_ int *fds)'),
  eventfd: libc.func('int eventfd(unsigned int initval, int flags)'),
  signal: libc.func('uintptr_t signal(int signum, uintptr_t handler)'),
  sigprocmask: libc.func('int sigprocmask(int how, const void *set, void *oldset)'),
};

function check(name: string, result: number | bigint, detail?: string): number {
  const value = Number(result);
  if (value < 0) throw new SysError(name, koffi.errno(), detail);
  return value;
}

/**
 * End of the range madvise(DOFORK) must cover: everything below [vvar]/[vdso]/the stack. Read once
 * at load time, because allocating between the madvise and the fork would create a fresh V8 page
 * that is DONTFORK again (see docs: kernel-boundary).
 */
function userSpaceEnd(): bigint {
  const maps = fs.readFileSync('/proc/self/maps', 'utf8');
  for (const line of maps.split('\n')) {
    if (line.endsWith('[vvar]') || line.endsWith('[vvar_vclock]') || line.endsWith('[vdso]')) {
      return BigInt('0x' + line.slice(0, line.indexOf('-')));
    }
  }
  return 0x7ff000000000n;
}

const FORK_RANGE_START = 0x10000n;
const forkRangeLength = userSpaceEnd() - FORK_RANGE_START;

/** Node marks the V8 heap MADV_DONTFORK; without this a forked child has no heap and segfaults. */
function allowHeapInChild(): void {
  // Holes in the range make madvise return ENOMEM after it has applied to every mapping: expected.
  fn.madvise(FORK_RANGE_START, forkRangeLength, MADV_DOFORK);
}

const SIGSET_BYTES = 128;
const emptySigset = Buffer.alloc(SIGSET_BYTES);
const SIG_SETMASK = 2;
const SIG_DFL = 0;

// Reused scratch buffers: allocations between madvise and fork must be avoided, and the child
// should not churn the heap either.
const statusOut = [0];
const pipeOut = [0, 0];

export class KoffiSyscalls implements Syscalls {
  fork(): number {
    allowHeapInChild();
    return check('fork', fn.fork());
  }

  forkSibling(): number {
    allowHeapInChild();
    return check('clone', fn.syscall(SYS.clone, 'unsigned long', CLONE.PARENT | SIGCHLD, 'unsigned long', 0, 'unsigned long', 0, 'unsigned long', 0, 'unsigned long', 0));
  }

  exit(code: number): never {
    fn.exit(code);
    throw new Error('unreachable: _exit returned');
  }

  execve(path: string, argv: string[], envp: string[]): never {
    fn.execve(path, [...argv, null], [...envp, null]);
    throw new SysError('exec', koffi.errno(), JSON.stringify(path));
  }

  waitpid(pid: number, options: number): WaitResult {
    const got = check('waitpid', fn.waitpid(pid, statusOut, options));
    return { pid: got, status: statusOut[0] ?? 0 };
  }

  kill(pid: number, signal: number): void {
    check('kill', fn.kill(pid, signal));
  }

  getpid(): number {
    return fn.getpid();
  }

  unshare(flags: number): void {
    check('unshare', fn.unshare(flags));
  }

  setns(fd: number, nstype: number): void {
    check('setns', fn.setns(fd, nstype));
  }

  mount(source: string | null, target: string, fstype: string | null, flags: number, data: string | null): void {
    check('mount', fn.mount(source, target, fstype, flags, data), `${source ?? 'none'} to ${target}`);
  }

  umount2(target: string, flags: number): void {
    check('umount', fn.umount2(target, flags), target);
  }

  pivotRoot(newRoot: string, putOld: string): void {
    check('pivot_root', fn.syscall(SYS.pivot_root, 'const char *', newRoot, 'const char *', putOld));
  }

  chroot(path: string): void {
    check('chroot', fn.chroot(path), path);
  }

  chdir(path: string): void {
    check('chdir', fn.chdir(path), path);
  }

  fchdir(fd: number): void {
    check('fchdir', fn.fchdir(fd));
  }

  mknod(path: string, mode: number, dev: number): void {
    check('mknod', fn.mknod(path, mode, dev), path);
  }

  sethostname(name: string): void {
    check('sethostname', fn.sethostname(name, Buffer.byteLength(name)));
  }

  setdomainname(name: string): void {
    check('setdomainname', fn.setdomainname(name, Buffer.byteLength(name)));
  }

  setsid(): void {
    check('setsid', fn.setsid());
  }

  setresuid(uid: number): void {
    check('setresuid', fn.setresuid(uid, uid, uid));
  }

  setresgid(gid: number): void {
    check('setresgid', fn.setresgid(gid, gid, gid));
  }

  setgroups(gids: number[]): void {
    check('setgroups', fn.setgroups(gids.length, gids.length ? Uint32Array.from(gids) : null));
  }

  umask(mask: number): number {
    return fn.umask(mask);
  }

  prctl(option: number, arg2: number, arg3 = 0): number {
    return check('prctl', fn.prctl(option, 'unsigned long', arg2, 'unsigned long', arg3, 'unsigned long', 0, 'unsigned long', 0));
  }

  capset(effective: bigint, permitted: bigint, inheritable: bigint): void {
    const header = Buffer.alloc(8);
    header.writeUInt32LE(0x20080522, 0); // _LINUX_CAPABILITY_VERSION_3
    header.writeInt32LE(0, 4);
    const data = Buffer.alloc(24);
    const lo = (v: bigint) => Number(v & 0xffffffffn);
    const hi = (v: bigint) => Number((v >> 32n) & 0xffffffffn);
    data.writeUInt32LE(lo(effective), 0);
    data.writeUInt32LE(lo(permitted), 4);
    data.writeUInt32LE(lo(inheritable), 8);
    data.writeUInt32LE(hi(effective), 12);
    data.writeUInt32LE(hi(permitted), 16);
    data.writeUInt32LE(hi(inheritable), 20);
    check('capset', fn.syscall(SYS.capset, 'void *', header, 'void *', data));
  }

  prlimit(resource: number, soft: bigint, hard: bigint): void {
    const limits = Buffer.alloc(16);
    limits.writeBigUInt64LE(soft, 0);
    limits.writeBigUInt64LE(hard, 8);
    check('setrlimit', fn.prlimit(0, resource, limits, null));
  }

  seccompInstall(program: Buffer, flags: number): void {
    const fprog = Buffer.alloc(16);
    fprog.writeUInt16LE(program.length / 8, 0);
    fprog.writeBigUInt64LE(koffi.address(program), 8);
    if (flags === 0) {
      check('prctl(PR_SET_SECCOMP)', fn.prctl(PR.SET_SECCOMP, 'unsigned long', SECCOMP_MODE_FILTER, 'void *', fprog));
    } else {
      check('seccomp', fn.syscall(SYS.seccomp, 'unsigned int', 1 /* SECCOMP_SET_MODE_FILTER */, 'unsigned int', flags, 'void *', fprog));
    }
  }

  personality(persona: number): void {
    check('personality', fn.personality(persona));
  }

  joinSessionKeyring(name: string): void {
    check('keyctl(KEYCTL_JOIN_SESSION_KEYRING)', fn.syscall(SYS.keyctl, 'int', 1, 'const char *', name));
  }

  open(path: string, flags: number, mode = 0): number {
    return check('open', fn.open(path, flags, 'unsigned int', mode), path);
  }

  close(fd: number): void {
    check('close', fn.close(fd));
  }

  read(fd: number, buf: Buffer): number {
    return check('read', fn.read(fd, buf, buf.length));
  }

  write(fd: number, buf: Buffer): number {
    return check('write', fn.write(fd, buf, buf.length));
  }

  dup2(oldfd: number, newfd: number): void {
    check('dup2', fn.dup2(oldfd, newfd));
  }

  fcntl(fd: number, cmd: number, arg = 0): number {
    return check('fcntl', fn.fcntl(fd, cmd, 'int', arg));
  }

  pipe2(flags: number): [number, number] {
    check('pipe2', fn.pipe2(pipeOut, flags));
    return [pipeOut[0] ?? -1, pipeOut[1] ?? -1];
  }

  mkfifo(path: string, mode: number): void {
    check('mkfifo', fn.mkfifo(path, mode), path);
  }

  closeRange(first: number, last: number, flags: number): void {
    check('close_range', fn.syscall(SYS.close_range, 'unsigned int', first, 'unsigned int', last, 'unsigned int', flags));
  }

  access(path: string, mode: number): boolean {
    return fn.access(path, mode) === 0;
  }

  poll(fd: number, events: number, timeoutMs: number): number {
    const pfd = Buffer.alloc(8);
    pfd.writeInt32LE(fd, 0);
    pfd.writeInt16LE(events, 4);
    const n = fn.poll(pfd, 1, timeoutMs);
    // A signal (SIGCHLD, a profiler's SIGPROF) is just an early wake-up: callers poll in a loop.
    if (n < 0 && koffi.errno() === 4) return 0;
    return check('poll', n) === 0 ? 0 : pfd.readInt16LE(6);
  }

  ioctl(fd: number, request: number, arg: Buffer | number): number {
    const result =
      typeof arg === 'number' ? fn.ioctl(fd, request, 'unsigned long', arg) : fn.ioctl(fd, request, 'void *', arg);
    return check('ioctl', result);
  }

  ptsname(fd: number): string {
    const buf = Buffer.alloc(128);
    const rc = fn.ptsname_r(fd, buf, buf.length);
    if (rc !== 0) throw new SysError('ptsname', rc);
    return buf.toString('utf8', 0, buf.indexOf(0));
  }

  socket(domain: number, type: number, protocol: number): number {
    return check('socket', fn.socket(domain, type, protocol));
  }

  socketUnix(): number {
    return check('socket', fn.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  }

  connectUnix(fd: number, path: string): void {
    check('connect', fn.connect(fd, unixAddress('connect', path), 2 + Buffer.byteLength(path) + 1), path);
  }

  sendFd(socketFd: number, fdToSend: number, payload: Buffer): void {
    // struct msghdr (56 bytes) → one iovec with the payload and one SCM_RIGHTS cmsg with the fd.
    const iov = Buffer.alloc(16);
    iov.writeBigUInt64LE(koffi.address(payload), 0);
    iov.writeBigUInt64LE(BigInt(payload.length), 8);
    const cmsg = Buffer.alloc(24); // CMSG_SPACE(sizeof(int))
    cmsg.writeBigUInt64LE(20n, 0); // CMSG_LEN(sizeof(int))
    cmsg.writeInt32LE(SOL_SOCKET, 8);
    cmsg.writeInt32LE(SCM_RIGHTS, 12);
    cmsg.writeInt32LE(fdToSend, 16);
    const msg = Buffer.alloc(56);
    msg.writeBigUInt64LE(koffi.address(iov), 16);
    msg.writeBigUInt64LE(1n, 24);
    msg.writeBigUInt64LE(koffi.address(cmsg), 32);
    msg.writeBigUInt64LE(BigInt(cmsg.length), 40);
    check('sendmsg', fn.sendmsg(socketFd, msg, 0));
  }

  socketPair(): [number, number] {
    check('socketpair', fn.socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pipeOut));
    return [pipeOut[0] ?? -1, pipeOut[1] ?? -1];
  }

  recvFd(socketFd: number): number {
    const payload = Buffer.alloc(4096);
    const iov = Buffer.alloc(16);
    iov.writeBigUInt64LE(koffi.address(payload), 0);
    iov.writeBigUInt64LE(BigInt(payload.length), 8);
    const cmsg = Buffer.alloc(24);
    const msg = Buffer.alloc(56);
    msg.writeBigUInt64LE(koffi.address(iov), 16);
    msg.writeBigUInt64LE(1n, 24);
    msg.writeBigUInt64LE(koffi.address(cmsg), 32);
    msg.writeBigUInt64LE(BigInt(cmsg.length), 40);
    check('recvmsg', fn.recvmsg(socketFd, msg, 0x40000000 /* MSG_CMSG_CLOEXEC */));
    if (cmsg.readInt32LE(8) !== SOL_SOCKET || cmsg.readInt32LE(12) !== SCM_RIGHTS) {
      throw new SysError('recvmsg', 22, 'no file descriptor received');
    }
    return cmsg.readInt32LE(16);
  }

  eventfd(initval: number, flags: number): number {
    return check('eventfd', fn.eventfd(initval, flags));
  }

  pidfdOpen(pid: number): number {
    return check('pidfd_open', fn.syscall(SYS.pidfd_open, 'int', pid, 'unsigned int', 0));
  }

  pidfdSendSignal(pidfd: number, signal: number): void {
    check('pidfd_send_signal', fn.syscall(SYS.pidfd_send_signal, 'int', pidfd, 'int', signal, 'void *', null, 'unsigned int', 0));
  }

  resetSignals(): void {
    // Node ignores SIGPIPE and SIGXFSZ; ignored dispositions survive execve, so put all back.
    for (let sig = 1; sig < 32; sig++) {
      if (sig === 9 || sig === 19) continue;
      fn.signal(sig, SIG_DFL);
    }
    fn.sigprocmask(SIG_SETMASK, emptySigset, null);
  }
}

/** struct sockaddr_un for a path socket. */
function unixAddress(syscall: string, path: string): Buffer {
  if (Buffer.byteLength(path) > 107) throw new SysError(syscall, 36 /* ENAMETOOLONG */, path);
  const addr = Buffer.alloc(110);
  addr.writeUInt16LE(AF_UNIX, 0);
  addr.write(path, 2);
  return addr;
}

/**
 * The receiving end of `--console-socket`, what runc's recvtty is to runc: a unix socket at `path`
 * that an OCI runtime binary connects to and sends the pty master over. Everything is
 * non-blocking, because the caller (a shim's event loop) must never wait on a runtime: it takes
 * the master once the runtime command has returned, when the master is already queued, and gets
 * EAGAIN instead of a hang when the runtime sent nothing.
 */
export class ConsoleSocket {
  private fd: number;

  constructor(readonly path: string) {
    this.fd = check('socket', fn.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    try {
      check('bind', fn.bind(this.fd, unixAddress('bind', path), 2 + Buffer.byteLength(path) + 1), path);
      check('listen', fn.listen(this.fd, 1), path);
    } catch (err) {
      this.close();
      throw err;
    }
  }

  /** The pty master the runtime sent (close-on-exec); the caller owns it. */
  receiveMaster(): number {
    const conn = check('accept4', fn.accept4(this.fd, null, null, SOCK_CLOEXEC | SOCK_NONBLOCK), this.path);
    try {
      return realSyscalls().recvFd(conn);
    } finally {
      fn.close(conn);
    }
  }

  /** Stops listening and removes the socket file. */
  close(): void {
    if (this.fd < 0) return;
    fn.close(this.fd);
    this.fd = -1;
    fs.rmSync(this.path, { force: true });
  }
}

let shared: KoffiSyscalls | undefined;

export function realSyscalls(): Syscalls {
  shared ??= new KoffiSyscalls();
  return shared;
}

export { koffi };
