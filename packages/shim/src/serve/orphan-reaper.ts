import * as fs from 'node:fs';
import { realSyscalls } from '@skiff/runc';
import type { Syscalls } from '@skiff/runc';

const WNOHANG = 1;

/**
 * The shim's children, zombies included, from the `children` file of each of its threads (an
 * orphan is re-parented to any live thread of the subreaper); undefined when the kernel has no
 * such files (CONFIG_PROC_CHILDREN).
 */
function childPids(): number[] | undefined {
  const pids: number[] = [];
  for (const tid of fs.readdirSync('/proc/self/task')) {
    let text: string;
    try {
      text = fs.readFileSync(`/proc/self/task/${tid}/children`, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && fs.existsSync(`/proc/self/task/${tid}`)) return undefined;
      // The thread ended meanwhile: its children went to another one, read next.
      continue;
    }
    for (const pid of text.split(' ')) if (pid.trim()) pids.push(Number(pid));
  }
  return pids;
}

/** Every pid in /proc: what there is to look through when the kernel cannot list children. */
function allPids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

/**
 * As a child subreaper the shim inherits every orphan below it (processes of a container that
 * shares the host's pid namespace, daemons started by an exec...), and nothing else reaps them.
 * waitpid(-1) is out of the question: it would steal the exits libuv and the pidfd watchers wait
 * for. So this looks for zombies whose parent is the shim and reaps exactly those pids that no
 * watcher owns. It runs on every SIGCHLD and around every task exit: it reads the shim's own
 * children (a few files), not the whole of /proc (hundreds on a busy host).
 */
export function reapOrphans(owned: (pid: number) => boolean, sys: Syscalls = realSyscalls()): number {
  let reaped = 0;
  for (const pid of childPids() ?? allPids()) {
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      continue;
    }
    // comm may hold spaces and parentheses: the fields start after the last ')'.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (state !== 'Z' || Number(ppid) !== process.pid || owned(pid)) continue;
    try {
      if (sys.waitpid(pid, WNOHANG).pid === pid) reaped++;
    } catch {
      // Reaped meanwhile by its owner.
    }
  }
  return reaped;
}
