import type { ProcessPlan } from '../lib/plan';
import { sendError, sendLine, waitForAck } from '../lib/sync-channel';
import { Syscalls } from '../sys/syscalls';
import { CompiledSeccompFilter, finalizeAndExec } from './finalize';

export interface ExecResources {
  syncWrite: number;
  /** The parent's acknowledgement that it put the joiner into the container's cgroups. */
  ackRead: number;
  parentEnds: number[];
  consoleFd?: number;
  stdio?: [number, number, number];
  preserveFds: number;
  /** The container's namespaces, user first; the mount namespace is joined last. */
  joinFds: Array<{ fd: number; flag: number }>;
  seccomp?: CompiledSeccompFilter;
  newSession: boolean;
}

/**
 * A fork of the runtime that joins a running container's namespaces and, once the parent has put
 * it into the container's cgroups (meanwhile: that write can wait an RCU grace period), clones
 * the process to exec as a sibling, which lands it inside the container's pid namespace and
 * cgroups as the runtime's own child. Never returns.
 */
export function runExecJoiner(sys: Syscalls, proc: ProcessPlan, res: ExecResources): never {
  try {
    for (const fd of res.parentEnds) sys.close(fd);
    for (const join of res.joinFds) sys.setns(join.fd, join.flag);
    for (const join of res.joinFds) sys.close(join.fd);
    waitForAck(sys, res.ackRead);
    sys.close(res.ackRead);
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

