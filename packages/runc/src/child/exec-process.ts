import * as fs from 'node:fs';
import type { ProcessPlan } from '../lib/plan';
import { sendError, sendLine } from '../lib/sync-channel';
import { Syscalls } from '../sys/syscalls';
import { CompiledSeccompFilter, finalizeAndExec } from './finalize';

export interface ExecResources {
  syncWrite: number;
  parentEnds: number[];
  consoleFd?: number;
  stdio?: [number, number, number];
  preserveFds: number;
  /** The container's namespaces, user first; the mount namespace is joined last. */
  joinFds: Array<{ fd: number; flag: number }>;
  cgroupProcs: string[];
  seccomp?: CompiledSeccompFilter;
  newSession: boolean;
}

/**
 * A fork of the runtime that joins a running container (cgroups, then namespaces) and clones the
 * process to exec as a sibling, which lands it inside the container's pid namespace as the
 * runtime's own child. Never returns.
 */
export function runExecJoiner(sys: Syscalls, proc: ProcessPlan, res: ExecResources): never {
  try {
    for (const fd of res.parentEnds) sys.close(fd);
    for (const procs of res.cgroupProcs) fs.writeFileSync(procs, '0');
    for (const join of res.joinFds) sys.setns(join.fd, join.flag);
    for (const join of res.joinFds) sys.close(join.fd);
    const pid = sys.forkSibling();
    if (pid === 0) {
      try {
        if (res.newSession || proc.terminal) sys.setsid();
        finalizeAndExec(sys, proc, {
          syncFd: res.syncWrite,
          ...(res.consoleFd !== undefined ? { consoleFd: res.consoleFd } : {}),
          ...(res.stdio ? { stdio: res.stdio } : {}),
          preserveFds: res.preserveFds,
          ...(res.seccomp ? { seccomp: res.seccomp } : {}),
        });
      } catch (err) {
        sendError(sys, res.syncWrite, err);
        sys.exit(1);
      }
    }
    sendLine(sys, res.syncWrite, `PID ${pid}`);
    return sys.exit(0);
  } catch (err) {
    sendError(sys, res.syncWrite, err);
    return sys.exit(1);
  }
}

