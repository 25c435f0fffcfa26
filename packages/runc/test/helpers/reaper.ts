import * as fs from 'node:fs';
import { PR, WNOHANG } from '../../src/sys/constants';
import { realSyscalls } from '../../src/sys/koffi';

/**
 * Containers started with `create`/`run -d` outlive the CLI; their init is reparented to the
 * nearest subreaper. On this VM PID 1 never reaps, so the test process takes that role (as a shim
 * would) and reaps the zombies that are its own, leaving nothing behind.
 */
export function becomeSubreaper(): void {
  realSyscalls().prctl(PR.SET_CHILD_SUBREAPER, 1);
}

export function reapZombieChildren(): number {
  let reaped = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' && Number(fields[1]) === process.pid) {
      try {
        if (realSyscalls().waitpid(Number(entry), WNOHANG).pid > 0) reaped++;
      } catch {
        // Reaped by someone else (libuv owns its own children).
      }
    }
  }
  return reaped;
}
