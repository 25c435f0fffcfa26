import * as fs from 'node:fs';
import { realSyscalls } from '@skiff/runc';
import type { Syscalls } from '@skiff/runc';

const WNOHANG = 1;

/**
 * As a child subreaper the shim inherits every orphan below it (processes of a container that
 * shares the host's pid namespace, daemons started by an exec...), and nothing else reaps them.
 * waitpid(-1) is out of the question: it would steal the exits libuv and the pidfd watchers wait
 * for. So this looks in /proc for zombies whose parent is the shim and reaps exactly those pids
 * that no watcher owns.
 */
export function reapOrphans(owned: (pid: number) => boolean, sys: Syscalls = realSyscalls()): number {
  let reaped = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
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
