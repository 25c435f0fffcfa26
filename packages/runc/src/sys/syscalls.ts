import { errnoMessages, errnoNames } from './constants';

/** A failed system call: keeps errno so callers can branch on it, and reads like runc's errors. */
export class SysError extends Error {
  readonly errno: number;
  readonly syscall: string;

  constructor(syscall: string, errno: number, detail?: string) {
    const what = errnoMessages[errno] ?? `errno ${errno}`;
    super(detail ? `${syscall} ${detail}: ${what}` : `${syscall}: ${what}`);
    this.syscall = syscall;
    this.errno = errno;
    this.name = errnoNames[errno] ?? 'SysError';
  }
}

export interface WaitResult {
  pid: number;
  /** Raw wait status as the kernel returns it (decode with exitStatusOf). */
  status: number;
}

/**
 * Every kernel call the runtime makes goes through this interface: the real one is koffi over
 * libc, the test one records calls. Methods throw SysError on failure unless they say otherwise.
 * Pointers and structs are plain Buffers so the fake needs no FFI.
 */
export interface Syscalls {
  /** madvise(DOFORK) over the address space, then fork(); both halves of the kernel-boundary rule. */
  fork(): number;
  /** clone(CLONE_PARENT|SIGCHLD): the new process is our parent's child, not ours. */
  forkSibling(): number;
  exit(code: number): never;
  execve(path: string, argv: string[], envp: string[]): never;
  waitpid(pid: number, options: number): WaitResult;
  kill(pid: number, signal: number): void;
  getpid(): number;

  unshare(flags: number): void;
  setns(fd: number, nstype: number): void;
  mount(source: string | null, target: string, fstype: string | null, flags: number, data: string | null): void;
  umount2(target: string, flags: number): void;
  pivotRoot(newRoot: string, putOld: string): void;
  chroot(path: string): void;
  chdir(path: string): void;
  fchdir(fd: number): void;
  mknod(path: string, mode: number, dev: number): void;
  sethostname(name: string): void;
  setdomainname(name: string): void;
  setsid(): void;
  setresuid(uid: number): void;
  setresgid(gid: number): void;
  setgroups(gids: number[]): void;
  umask(mask: number): number;
  prctl(option: number, arg2: number, arg3?: number): number;
  /** capset with a v3 header: five 64-bit sets are passed as effective/permitted/inheritable bitmasks. */
  capset(effective: bigint, permitted: bigint, inheritable: bigint): void;
  prlimit(resource: number, soft: bigint, hard: bigint): void;
  seccompInstall(program: Buffer, flags: number): void;
  personality(persona: number): void;
  /** keyctl(KEYCTL_JOIN_SESSION_KEYRING): a fresh session keyring, so containers do not share the host's keys. */
  joinSessionKeyring(name: string): void;

  open(path: string, flags: number, mode?: number): number;
  close(fd: number): void;
  read(fd: number, buf: Buffer): number;
  write(fd: number, buf: Buffer): number;
  dup2(oldfd: number, newfd: number): void;
  fcntl(fd: number, cmd: number, arg?: number): number;
  pipe2(flags: number): [number, number];
  mkfifo(path: string, mode: number): void;
  closeRange(first: number, last: number, flags: number): void;
  access(path: string, mode: number): boolean;
  /** poll one fd for the given events; returns revents, 0 on timeout or when a signal interrupts. */
  poll(fd: number, events: number, timeoutMs: number): number;
  ioctl(fd: number, request: number, arg: Buffer | number): number;
  ptsname(fd: number): string;

  socket(domain: number, type: number, protocol: number): number;
  socketUnix(): number;
  connectUnix(fd: number, path: string): void;
  sendFd(socketFd: number, fdToSend: number, payload: Buffer): void;
  socketPair(): [number, number];
  /** Receives one fd passed with SCM_RIGHTS; blocks until it arrives. */
  recvFd(socketFd: number): number;

  eventfd(initval: number, flags: number): number;
  pidfdOpen(pid: number): number;
  pidfdSendSignal(pidfd: number, signal: number): void;

  resetSignals(): void;
}

/** Exit code as a shell reports it: the code for a normal exit, 128+signal for a signal death. */
export function exitStatusOf(status: number): number {
  const signal = status & 0x7f;
  if (signal === 0) return (status >> 8) & 0xff;
  return 128 + signal;
}

export function signaledBy(status: number): number | undefined {
  const signal = status & 0x7f;
  return signal !== 0 && signal !== 0x7f ? signal : undefined;
}
