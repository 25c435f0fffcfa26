import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { realSyscalls } from '@skiff/runc';

/**
 * Children this process spawned through Node, whichever harness or test spawned them: libuv
 * reaps them and reports their exit; a hand-made reaper that took one would leave its
 * ChildProcess waiting for ever (and jest unable to exit). Every reaper spares them.
 */
const nodeChildren = new Set<number>();

/** Registers a child libuv owns; it leaves the set when libuv reports its exit. */
export function trackNodeChild<T extends ChildProcess>(child: T): T {
  const pid = child.pid;
  if (pid !== undefined) {
    nodeChildren.add(pid);
    child.once('exit', () => nodeChildren.delete(pid));
  }
  return child;
}

/** A child spawned by code that does not hand out its ChildProcess (a registry helper). */
export function spareChild(pid: number): void {
  nodeChildren.add(pid);
}

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
    if (s?.state !== 'Z' || s.ppid !== process.pid || spared.has(pid) || nodeChildren.has(pid)) continue;
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
