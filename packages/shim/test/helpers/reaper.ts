import * as fs from 'node:fs';
import { realSyscalls } from '@skiff/runc';

const PR_SET_CHILD_SUBREAPER = 36;
const WNOHANG = 1;

/**
 * A shim started by `skiff-shim start` outlives its parent, and a container outlives a shim killed
 * with SIGKILL: both are re-parented to the nearest subreaper. PID 1 on this VM never reaps, so
 * the test process takes that role, as containerd's host init would.
 */
export function becomeSubreaper(): void {
  realSyscalls().prctl(PR_SET_CHILD_SUBREAPER, 1);
}

function stat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: state!, ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** Reaps this process's zombie children, except `spared` (libuv's own, which it reaps itself). */
export function reapZombieChildren(spared: ReadonlySet<number> = new Set()): number {
  let reaped = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const s = stat(pid);
    if (s?.state !== 'Z' || s.ppid !== process.pid || spared.has(pid)) continue;
    try {
      if (realSyscalls().waitpid(pid, WNOHANG).pid === pid) reaped++;
    } catch {
      // Reaped meanwhile.
    }
  }
  return reaped;
}

/** Alive and not a zombie. */
export function isLive(pid: number): boolean {
  const s = stat(pid);
  return s !== undefined && s.state !== 'Z' && s.state !== 'X';
}
