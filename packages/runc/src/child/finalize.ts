import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Hook } from '@skiff/oci-spec';
import type { ProcessPlan } from '../lib/plan';
import { sendLine } from '../lib/sync-channel';
import {
  CLOSE_RANGE_CLOEXEC,
  F,
  FD_CLOEXEC,
  O,
  PR,
  PR_CAP_AMBIENT_CLEAR_ALL,
  PR_CAP_AMBIENT_RAISE,
  TIOCSCTTY,
  TIOCSPTLCK,
  TIOCSWINSZ,
} from '../sys/constants';
import { SysError, Syscalls } from '../sys/syscalls';
import { runHookInChild } from './hooks';

export interface CompiledSeccompFilter {
  program: Buffer;
  flags: number;
}

export interface FinalizeOptions {
  syncFd: number;
  /** exec.fifo opened O_PATH by the parent; absent for exec'd processes, which start at once. */
  fifoFd?: number;
  consoleFd?: number;
  stdio?: [number, number, number];
  preserveFds: number;
  seccomp?: CompiledSeccompFilter;
  startContainerHooks?: Hook[];
  stateJson?: string;
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function envValue(env: string[], name: string): string | undefined {
  const prefix = `${name}=`;
  const entry = env.find((e) => e.startsWith(prefix));
  return entry?.slice(prefix.length);
}

function isExecutableFile(sys: Syscalls, file: string): boolean {
  try {
    return fs.statSync(file).isFile() && sys.access(file, 1 /* X_OK */);
  } catch {
    return false;
  }
}

/** PATH lookup as execvp does it, but inside the container's own filesystem and PATH. */
export function resolveExecutable(sys: Syscalls, name: string, env: string[]): string {
  if (name.includes('/')) {
    try {
      fs.statSync(name);
    } catch {
      throw new Error(`exec: ${JSON.stringify(name)}: stat ${name}: no such file or directory`);
    }
    if (!isExecutableFile(sys, name)) throw new Error(`exec: ${JSON.stringify(name)}: permission denied`);
    return name;
  }
  for (const dir of (envValue(env, 'PATH') ?? DEFAULT_PATH).split(':')) {
    const candidate = path.join(dir || '.', name);
    if (isExecutableFile(sys, candidate)) return candidate;
  }
  throw new Error(`exec: ${JSON.stringify(name)}: executable file not found in $PATH`);
}

function homeOf(uid: number): string {
  try {
    for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
      const fields = line.split(':');
      if (fields.length >= 6 && Number(fields[2]) === uid) return fields[5] || '/';
    }
  } catch {
    // Images without /etc/passwd are common (scratch, busybox variants).
  }
  return '/';
}

function setupConsole(sys: Syscalls, consoleFd: number, proc: ProcessPlan): void {
  const master = sys.open('/dev/ptmx', O.RDWR | O.NOCTTY | O.CLOEXEC);
  const unlock = Buffer.alloc(4);
  sys.ioctl(master, TIOCSPTLCK, unlock);
  const slaveName = sys.ptsname(master);
  const slave = sys.open(slaveName, O.RDWR | O.NOCTTY);
  // The user process may not be root; give it the terminal it will write to.
  fs.fchownSync(slave, proc.uid, proc.gid);
  if (proc.consoleSize) {
    const size = Buffer.alloc(8);
    size.writeUInt16LE(proc.consoleSize.height, 0);
    size.writeUInt16LE(proc.consoleSize.width, 2);
    sys.ioctl(master, TIOCSWINSZ, size);
  }
  sys.sendFd(consoleFd, master, Buffer.from(slaveName));
  sys.close(master);
  sys.close(consoleFd);
  for (let fd = 0; fd < 3; fd++) sys.dup2(slave, fd);
  if (slave > 2) sys.close(slave);
  sys.ioctl(0, TIOCSCTTY, 0);
}

/** close_range(CLOEXEC), or on kernels without it a walk of /proc/self/fd, as runc does. */
function markCloseOnExec(sys: Syscalls, first: number): void {
  try {
    sys.closeRange(first, 0xffffffff, CLOSE_RANGE_CLOEXEC);
    return;
  } catch (err) {
    if (!(err instanceof SysError && (err.errno === 38 || err.errno === 1 || err.errno === 22))) throw err;
  }
  for (const entry of fs.readdirSync('/proc/self/fd')) {
    const fd = Number(entry);
    if (fd >= first) {
      try {
        sys.fcntl(fd, F.SETFD, FD_CLOEXEC);
      } catch {
        // The directory's own fd is gone by now.
      }
    }
  }
}

function dropPrivileges(sys: Syscalls, proc: ProcessPlan): void {
  for (const cap of proc.boundingDrops) {
    try {
      sys.prctl(PR.CAPBSET_DROP, cap);
    } catch (err) {
      // Already gone from the bounding set (e.g. joined user namespace): nothing to drop.
      if (!(err instanceof SysError && err.errno === 22)) throw err;
    }
  }
  sys.prctl(PR.SET_KEEPCAPS, 1);
  sys.setgroups(proc.additionalGids);
  sys.setresgid(proc.gid);
  sys.setresuid(proc.uid);
  sys.capset(proc.caps.effective, proc.caps.permitted, proc.caps.inheritable);
  sys.prctl(PR.CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL);
  for (const cap of proc.ambientRaises) sys.prctl(PR.CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, cap);
  sys.prctl(PR.SET_KEEPCAPS, 0);
}

/**
 * The common tail of a container's init and of an exec'd process: stdio, limits, identity,
 * capabilities, seccomp, then execve. Runs in a forked child and never returns.
 */
export function finalizeAndExec(sys: Syscalls, proc: ProcessPlan, opts: FinalizeOptions): never {
  if (proc.terminal) {
    if (opts.consoleFd === undefined) throw new Error('a terminal was requested but no console socket was given');
    setupConsole(sys, opts.consoleFd, proc);
  } else if (opts.stdio) {
    opts.stdio.forEach((fd, target) => {
      if (fd !== target) sys.dup2(fd, target);
    });
  }
  for (const limit of proc.rlimits) sys.prlimit(limit.resource, limit.soft, limit.hard);
  if (proc.oomScoreAdj !== undefined) fs.writeFileSync('/proc/self/oom_score_adj', String(proc.oomScoreAdj));
  sys.chdir(proc.cwd);
  // Without no_new_privs, installing a filter needs CAP_SYS_ADMIN, which is about to go.
  // Every fd opened from here on is O_CLOEXEC, so marking the inherited ones now is enough, and it
  // must happen before a filter that may deny close_range (runtime-tools' default profile does).
  const firstClosed = 3 + opts.preserveFds;
  markCloseOnExec(sys, firstClosed);
  if (opts.seccomp && !proc.noNewPrivileges) sys.seccompInstall(opts.seccomp.program, opts.seccomp.flags);
  dropPrivileges(sys, proc);
  if (proc.noNewPrivileges) sys.prctl(PR.SET_NO_NEW_PRIVS, 1);
  sys.umask(proc.umask ?? 0o022);

  const env = [...proc.env];
  if (envValue(env, 'HOME') === undefined) env.push(`HOME=${homeOf(proc.uid)}`);
  const executable = resolveExecutable(sys, proc.args[0]!, env);

  sys.prctl(PR.SET_PDEATHSIG, 0);
  sendLine(sys, opts.syncFd, 'READY');
  sys.close(opts.syncFd);

  try {
    if (opts.fifoFd !== undefined) {
      // Blocks until `start` opens the fifo for reading.
      const fifo = sys.open(`/proc/self/fd/${opts.fifoFd}`, O.WRONLY | O.CLOEXEC);
      sys.write(fifo, Buffer.from('0'));
      sys.close(fifo);
      sys.close(opts.fifoFd);
    }
    (opts.startContainerHooks ?? []).forEach((hook, i) =>
      runHookInChild(sys, hook, i, 'startContainer', opts.stateJson ?? '{}'),
    );
    sys.resetSignals();
    for (let fd = 0; fd < 3; fd++) sys.fcntl(fd, F.SETFD, 0);
    for (let fd = 3; fd < firstClosed; fd++) sys.fcntl(fd, F.SETFD, 0);
    // As late as possible: a profile may deny the very calls made above (close_range, fcntl).
    if (opts.seccomp && proc.noNewPrivileges) sys.seccompInstall(opts.seccomp.program, opts.seccomp.flags);
    return sys.execve(executable, proc.args, env);
  } catch (err) {
    // The runtime stopped listening at READY: the container's stderr is the only witness left.
    try {
      sys.write(2, Buffer.from(`skiff-runc: ${(err as Error).message}\n`));
    } finally {
      sys.exit(127);
    }
  }
}
