import { POLLHUP, POLLIN } from '../../src/sys/constants';
import type { Syscalls, WaitResult } from '../../src/sys/syscalls';

/**
 * A `Syscalls` that touches no kernel: every call is recorded as `{ name, args }` in order and
 * answered with a harmless default, so tests can assert what the runtime asks the kernel and in
 * which order. Each method is written out against the interface (no Proxy) so that a change to
 * `Syscalls` breaks this file at compile time instead of silently passing.
 */

type Name = keyof Syscalls;
export type CallArgs<K extends Name> = Parameters<Syscalls[K]>;
type Result<K extends Name> = ReturnType<Syscalls[K]>;
type Impl<K extends Name> = (...args: CallArgs<K>) => Result<K>;

/** One recorded call; `args` is narrowed by `name`, Buffers are snapshots taken at call time. */
export type RecordedCall = { [K in Name]: { name: K; args: CallArgs<K> } }[Name];

export type Ending = { kind: 'exit'; code: number } | { kind: 'execve'; path: string; argv: string[]; env: string[] };

/** Thrown by exit() and execve(): neither returns in a real process, so the code under test must stop. */
export class ProcessEnded extends Error {
  constructor(readonly ending: Ending) {
    super(ending.kind === 'exit' ? `process exited with ${ending.code}` : `process replaced by execve ${ending.path}`);
    this.name = 'ProcessEnded';
  }
}

export interface RecordingSyscallsOptions {
  /** What fork() and forkSibling() return: 0 runs the child branch, anything else the parent's. */
  forkPid?: number;
  /** What getpid() returns. */
  pid?: number;
}

/** A scripted read result: bytes, or end of file. */
type Chunk = Buffer | 'EOF';

// Trailing optional arguments the caller left out are not recorded, so prctl(8, 1) reads [8, 1].
function snapshot(args: readonly unknown[]): unknown[] {
  const copy = args.map((a) => (Buffer.isBuffer(a) ? Buffer.from(a) : Array.isArray(a) ? [...a] : a));
  while (copy.length > 0 && copy[copy.length - 1] === undefined) copy.pop();
  return copy;
}

export class RecordingSyscalls implements Syscalls {
  readonly calls: RecordedCall[] = [];
  forkPid: number;
  pid: number;
  /** The first exit/execve; later calls come from code that caught the sentinel and never ran for real. */
  ending: Ending | undefined;

  private nextFd = 100;
  private mask = 0o022;
  private readonly overrides: { [K in Name]?: Impl<K> } = {};
  private readonly reads = new Map<number, Chunk[]>();
  private readonly writes = new Map<number, Buffer[]>();

  constructor(opts: RecordingSyscallsOptions = {}) {
    this.forkPid = opts.forkPid ?? 4242;
    this.pid = opts.pid ?? 1;
  }

  /** Replaces one method's behaviour (the call is still recorded); e.g. make mount throw a SysError. */
  override<K extends Name>(name: K, impl: Impl<K>): this {
    (this.overrides as Record<K, Impl<K>>)[name] = impl;
    return this;
  }

  /** Bytes for later read() calls on fd, one chunk per read (a chunk larger than the buffer is split). */
  queueRead(fd: number, ...chunks: Array<string | Buffer>): this {
    const queue = this.reads.get(fd) ?? [];
    queue.push(...chunks.map((c) => Buffer.from(c)));
    this.reads.set(fd, queue);
    return this;
  }

  /** After the queued chunks, read() on fd returns 0 and poll() reports POLLHUP, as for a closed pipe. */
  queueEof(fd: number): this {
    const queue = this.reads.get(fd) ?? [];
    queue.push('EOF');
    this.reads.set(fd, queue);
    return this;
  }

  /** Everything written to fd so far, concatenated. */
  written(fd: number): Buffer {
    return Buffer.concat(this.writes.get(fd) ?? []);
  }

  names(): Name[] {
    return this.calls.map((c) => c.name);
  }

  /** The arguments of every call to one method, in order. */
  argsOf<K extends Name>(name: K): Array<CallArgs<K>> {
    return this.calls.filter((c) => c.name === name).map((c) => c.args as CallArgs<K>);
  }

  /** Position of the first call to name (whose args match, if given) in `calls`; -1 when absent. */
  indexOf<K extends Name>(name: K, match: (args: CallArgs<K>) => boolean = () => true): number {
    return this.calls.findIndex((c) => c.name === name && match(c.args as CallArgs<K>));
  }

  /** The calls a real process would have made: everything up to and including the first exit/execve. */
  lifetime(): RecordedCall[] {
    const end = this.calls.findIndex((c) => c.name === 'exit' || c.name === 'execve');
    return end < 0 ? [...this.calls] : this.calls.slice(0, end + 1);
  }

  /** Runs code that must end the process and returns how it first ended; other errors propagate. */
  runToEnd(fn: () => unknown): Ending {
    try {
      fn();
    } catch (err) {
      if (!(err instanceof ProcessEnded)) throw err;
      return this.ending!;
    }
    throw new Error('the code under test returned instead of ending the process');
  }

  private invoke<K extends Name>(name: K, args: CallArgs<K>, fallback: Impl<K>): Result<K> {
    this.calls.push({ name, args: snapshot(args) } as RecordedCall);
    const impl = (this.overrides[name] ?? fallback) as Impl<K>;
    return impl(...args);
  }

  private fd(): number {
    return this.nextFd++;
  }

  private end(ending: Ending): never {
    this.ending ??= ending;
    throw new ProcessEnded(ending);
  }

  fork(): number {
    return this.invoke('fork', [], () => this.forkPid);
  }
  forkSibling(): number {
    return this.invoke('forkSibling', [], () => this.forkPid);
  }
  exit(code: number): never {
    return this.invoke('exit', [code], (c) => this.end({ kind: 'exit', code: c }));
  }
  execve(path: string, argv: string[], envp: string[]): never {
    return this.invoke('execve', [path, argv, envp], (p, a, e) => this.end({ kind: 'execve', path: p, argv: [...a], env: [...e] }));
  }
  /** Reports the awaited child (or the forked pid for -1) as exited with status 0. */
  waitpid(pid: number, options: number): WaitResult {
    return this.invoke('waitpid', [pid, options], (p) => ({ pid: p === -1 ? this.forkPid : p, status: 0 }));
  }
  kill(pid: number, signal: number): void {
    return this.invoke('kill', [pid, signal], () => undefined);
  }
  getpid(): number {
    return this.invoke('getpid', [], () => this.pid);
  }

  unshare(flags: number): void {
    return this.invoke('unshare', [flags], () => undefined);
  }
  setns(fd: number, nstype: number): void {
    return this.invoke('setns', [fd, nstype], () => undefined);
  }
  mount(source: string | null, target: string, fstype: string | null, flags: number, data: string | null): void {
    return this.invoke('mount', [source, target, fstype, flags, data], () => undefined);
  }
  umount2(target: string, flags: number): void {
    return this.invoke('umount2', [target, flags], () => undefined);
  }
  pivotRoot(newRoot: string, putOld: string): void {
    return this.invoke('pivotRoot', [newRoot, putOld], () => undefined);
  }
  chroot(path: string): void {
    return this.invoke('chroot', [path], () => undefined);
  }
  chdir(path: string): void {
    return this.invoke('chdir', [path], () => undefined);
  }
  fchdir(fd: number): void {
    return this.invoke('fchdir', [fd], () => undefined);
  }
  mknod(path: string, mode: number, dev: number): void {
    return this.invoke('mknod', [path, mode, dev], () => undefined);
  }
  sethostname(name: string): void {
    return this.invoke('sethostname', [name], () => undefined);
  }
  setdomainname(name: string): void {
    return this.invoke('setdomainname', [name], () => undefined);
  }
  setsid(): void {
    return this.invoke('setsid', [], () => undefined);
  }
  setresuid(uid: number): void {
    return this.invoke('setresuid', [uid], () => undefined);
  }
  setresgid(gid: number): void {
    return this.invoke('setresgid', [gid], () => undefined);
  }
  setgroups(gids: number[]): void {
    return this.invoke('setgroups', [gids], () => undefined);
  }
  /** Keeps the mask so that umask() returns the previous one, as the kernel does. */
  umask(mask: number): number {
    return this.invoke('umask', [mask], (m) => {
      const old = this.mask;
      this.mask = m;
      return old;
    });
  }
  prctl(option: number, arg2: number, arg3?: number): number {
    return this.invoke('prctl', [option, arg2, arg3], () => 0);
  }
  capset(effective: bigint, permitted: bigint, inheritable: bigint): void {
    return this.invoke('capset', [effective, permitted, inheritable], () => undefined);
  }
  prlimit(resource: number, soft: bigint, hard: bigint): void {
    return this.invoke('prlimit', [resource, soft, hard], () => undefined);
  }
  seccompInstall(program: Buffer, flags: number): void {
    return this.invoke('seccompInstall', [program, flags], () => undefined);
  }
  personality(persona: number): void {
    return this.invoke('personality', [persona], () => undefined);
  }
  joinSessionKeyring(name: string): void {
    return this.invoke('joinSessionKeyring', [name], () => undefined);
  }

  open(path: string, flags: number, mode?: number): number {
    return this.invoke('open', [path, flags, mode], () => this.fd());
  }
  close(fd: number): void {
    return this.invoke('close', [fd], () => undefined);
  }
  /** Serves queued chunks; with nothing queued a real read would block forever, so that is an error. */
  read(fd: number, buf: Buffer): number {
    return this.invoke('read', [fd, buf], (f, b) => {
      const queue = this.reads.get(f);
      const chunk = queue?.[0];
      if (chunk === undefined) throw new Error(`RecordingSyscalls: read(${f}) with nothing queued would block forever`);
      if (chunk === 'EOF') return 0;
      const n = chunk.copy(b, 0, 0, Math.min(chunk.length, b.length));
      if (n === chunk.length) queue!.shift();
      else queue![0] = chunk.subarray(n);
      return n;
    });
  }
  write(fd: number, buf: Buffer): number {
    return this.invoke('write', [fd, buf], (f, b) => {
      this.writes.set(f, [...(this.writes.get(f) ?? []), Buffer.from(b)]);
      return b.length;
    });
  }
  dup2(oldfd: number, newfd: number): void {
    return this.invoke('dup2', [oldfd, newfd], () => undefined);
  }
  fcntl(fd: number, cmd: number, arg?: number): number {
    return this.invoke('fcntl', [fd, cmd, arg], () => 0);
  }
  pipe2(flags: number): [number, number] {
    return this.invoke('pipe2', [flags], () => [this.fd(), this.fd()]);
  }
  mkfifo(path: string, mode: number): void {
    return this.invoke('mkfifo', [path, mode], () => undefined);
  }
  closeRange(first: number, last: number, flags: number): void {
    return this.invoke('closeRange', [first, last, flags], () => undefined);
  }
  /** Nothing is accessible unless a test says so (override), so results never depend on the host. */
  access(path: string, mode: number): boolean {
    return this.invoke('access', [path, mode], () => false);
  }
  /** POLLIN while queued bytes wait on fd, POLLHUP at a queued EOF, else 0 (a timeout) at once. */
  poll(fd: number, events: number, timeoutMs: number): number {
    return this.invoke('poll', [fd, events, timeoutMs], (f, e) => {
      const next = this.reads.get(f)?.[0];
      if (next === undefined) return 0;
      if (next === 'EOF') return POLLHUP;
      return e & POLLIN;
    });
  }
  ioctl(fd: number, request: number, arg: Buffer | number): number {
    return this.invoke('ioctl', [fd, request, arg], () => 0);
  }
  ptsname(fd: number): string {
    return this.invoke('ptsname', [fd], () => '/dev/pts/0');
  }

  socket(domain: number, type: number, protocol: number): number {
    return this.invoke('socket', [domain, type, protocol], () => this.fd());
  }
  socketUnix(): number {
    return this.invoke('socketUnix', [], () => this.fd());
  }
  connectUnix(fd: number, path: string): void {
    return this.invoke('connectUnix', [fd, path], () => undefined);
  }
  sendFd(socketFd: number, fdToSend: number, payload: Buffer): void {
    return this.invoke('sendFd', [socketFd, fdToSend, payload], () => undefined);
  }
  socketPair(): [number, number] {
    return this.invoke('socketPair', [], () => [this.fd(), this.fd()]);
  }
  recvFd(socketFd: number): number {
    return this.invoke('recvFd', [socketFd], () => this.fd());
  }

  eventfd(initval: number, flags: number): number {
    return this.invoke('eventfd', [initval, flags], () => this.fd());
  }
  pidfdOpen(pid: number): number {
    return this.invoke('pidfdOpen', [pid], () => this.fd());
  }
  pidfdSendSignal(pidfd: number, signal: number): void {
    return this.invoke('pidfdSendSignal', [pidfd, signal], () => undefined);
  }

  resetSignals(): void {
    return this.invoke('resetSignals', [], () => undefined);
  }
}
