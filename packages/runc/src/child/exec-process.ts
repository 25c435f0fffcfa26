import type { ProcessPlan } from '../lib/plan';
import { enterChild, sendError, sendLine, waitForAck } from '../lib/sync-channel';
import { CLONE } from '../sys/constants';
import { Syscalls } from '../sys/syscalls';
import { CompiledSeccompFilter, finalizeAndExec } from './finalize';

export interface ExecResources {
  syncWrite: number;
  /** The parent's acknowledgement that it put this child into the container's cgroups. */
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

/** The last steps of the process that becomes the exec'd one, in the container: its session, then finalize. */
function becomeProcess(sys: Syscalls, proc: ProcessPlan, res: ExecResources): never {
  if (res.newSession || proc.terminal) sys.setsid();
  return finalizeAndExec(sys, proc, {
    syncFd: res.syncWrite,
    ...(res.consoleFd !== undefined ? { consoleFd: res.consoleFd } : {}),
    ...(res.stdio ? { stdio: res.stdio } : {}),
    preserveFds: res.preserveFds,
    ...(res.seccomp ? { seccomp: res.seccomp } : {}),
  });
}

/**
 * A fork of the runtime that joins a running container's namespaces and, once the parent has put
 * it into the container's cgroups (meanwhile: that write can wait an RCU grace period), clones
 * the process to exec as a sibling, which lands it inside the container's pid namespace and
 * cgroups as the runtime's own child. Never returns.
 */
export function runExecJoiner(sys: Syscalls, proc: ProcessPlan, res: ExecResources): never {
  enterChild();
  try {
    for (const fd of res.parentEnds) sys.close(fd);
    for (const join of res.joinFds) sys.setns(join.fd, join.flag);
    for (const join of res.joinFds) sys.close(join.fd);
    waitForAck(sys, res.ackRead);
    sys.close(res.ackRead);
    const pid = sys.forkSibling();
    if (pid === 0) {
      try {
        becomeProcess(sys, proc, res);
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

/**
 * Whether the runtime can fork the exec'd process itself, without a joiner in between (one fork of
 * the runtime's large process instead of two): the runtime points its own next child at the
 * container's pid namespace, and the child joins the others. Not when a user namespace must be
 * joined (it comes before the rest, and only in a single-threaded process), nor a time namespace
 * (it applies to children only, like the pid one, and is rare enough to keep the joiner for).
 */
export function execForksDirectly(joinFds: ExecResources['joinFds']): boolean {
  return !joinFds.some((j) => j.flag === CLONE.NEWUSER || j.flag === CLONE.NEWTIME);
}

/**
 * The exec'd process forked by the runtime straight into the container's pid namespace
 * (execForksDirectly): joins the other namespaces, mount last, while the parent puts it into the
 * container's cgroups, then waits for that before anything of the container's runs. Never returns.
 */
export function runDirectExec(sys: Syscalls, proc: ProcessPlan, res: ExecResources): never {
  enterChild();
  try {
    for (const fd of res.parentEnds) sys.close(fd);
    for (const join of res.joinFds) if (join.flag !== CLONE.NEWPID) sys.setns(join.fd, join.flag);
    for (const join of res.joinFds) sys.close(join.fd);
    waitForAck(sys, res.ackRead);
    sys.close(res.ackRead);
    return becomeProcess(sys, proc, res);
  } catch (err) {
    sendError(sys, res.syncWrite, err);
    return sys.exit(1);
  }
}
