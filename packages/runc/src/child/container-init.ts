import * as fs from 'node:fs';
import type { CgroupMountSource } from '../lib/cgroup-hierarchies';
import type { InitPlan } from '../lib/plan';
import { enterChild, sendError, sendLine, waitForAck } from '../lib/sync-channel';
import { AF_INET, CLONE, IFF_UP, O, PR, SIGKILL, SIOCGIFFLAGS, SIOCSIFFLAGS, SOCK_DGRAM } from '../sys/constants';
import { SysError, Syscalls } from '../sys/syscalls';
import { CompiledSeccompFilter, finalizeAndExec } from './finalize';
import { runHookInChild } from './hooks';
import { setupRootfs } from './rootfs';

/** File descriptors and facts the parent prepared for its children before forking. */
export interface InitResources {
  syncWrite: number;
  ackRead: number;
  /** The parent's ends, which children must close so that EOF means what it says. */
  parentEnds: number[];
  fifo: number;
  consoleFd?: number;
  stdio?: [number, number, number];
  preserveFds: number;
  /** Namespace files opened by the parent, in the order to join them. */
  joinFds: Array<{ fd: number; flag: number }>;
  cgroupProcs: string[];
  /**
   * The parent writes the init's pid into its cgroups and acknowledges, while the init goes on
   * setting up. The first write into a cgroup.procs file can wait a whole RCU grace period (over
   * 10 ms here); done by the parent, that wait overlaps the init's mounts instead of preceding them.
   */
  cgroupsByParent: boolean;
  cgroupMountSource: CgroupMountSource;
  seccomp?: CompiledSeccompFilter;
  /** runc creates a session keyring per container unless --no-new-keyring is given. */
  newKeyring: boolean;
  /** Whether the parent has prestart/createRuntime hooks to run at the HOOKS point. */
  parentHooks: boolean;
  /** State JSON for hooks that run inside the container; the pid is filled in by the init. */
  stateJson: (pid: number) => string;
}

function closeParentEnds(sys: Syscalls, res: InitResources): void {
  for (const fd of res.parentEnds) sys.close(fd);
}

function joinCgroups(res: InitResources): void {
  for (const procs of res.cgroupProcs) fs.writeFileSync(procs, '0');
}

/** Joins the namespaces given by path, but the user namespace (handled first), the mount namespace last. */
function joinNamespaces(sys: Syscalls, res: InitResources): void {
  for (const join of res.joinFds) {
    if (join.flag !== CLONE.NEWUSER && join.flag !== CLONE.NEWNS) sys.setns(join.fd, join.flag);
  }
  const mountJoin = res.joinFds.find((j) => j.flag === CLONE.NEWNS);
  if (mountJoin) sys.setns(mountJoin.fd, CLONE.NEWNS);
}

/**
 * Whether the runtime can fork the init itself, without a stage 1 in between (one fork of the
 * runtime's large process instead of two). Not when a user namespace is involved (it must exist
 * before the others, which it then owns), nor for a pid namespace to join or a time namespace:
 * those only apply to children of the process that enters them. A new pid namespace is fine: the
 * runtime makes its next child PID 1 of one.
 */
export function initForksDirectly(plan: InitPlan): boolean {
  if (plan.newUserNamespace || plan.unshareFlags & CLONE.NEWTIME) return false;
  return !plan.joins.some((j) => j.flag === CLONE.NEWUSER || j.flag === CLONE.NEWPID);
}

/**
 * The init when the runtime forked it straight into its new pid namespace (initForksDirectly): it
 * does what stage 1 would have done for it (cgroups, while still in the host's cgroup namespace,
 * then the namespaces), then sets itself up. Never returns.
 */
export function runDirectInit(sys: Syscalls, plan: InitPlan, res: InitResources): never {
  enterChild();
  // A new cgroup namespace is rooted where the process is when it unshares: after the parent's ack.
  const afterCgroups = res.cgroupsByParent ? plan.unshareFlags & CLONE.NEWCGROUP : 0;
  try {
    closeParentEnds(sys, res);
    if (!res.cgroupsByParent) joinCgroups(res);
    joinNamespaces(sys, res);
    sys.unshare(plan.unshareFlags & ~CLONE.NEWPID & ~afterCgroups);
  } catch (err) {
    sendError(sys, res.syncWrite, err);
    return sys.exit(1);
  }
  let inCgroups = !res.cgroupsByParent;
  return runInit(sys, plan, res, () => {
    if (inCgroups) return;
    inCgroups = true;
    waitForAck(sys, res.ackRead);
    if (afterCgroups) sys.unshare(afterCgroups);
  });
}

/**
 * Stage 1 (a fork of the runtime): joins the cgroups while still in the host's cgroup namespace,
 * enters or creates the namespaces, then clones the init as a sibling so the runtime itself, not
 * this short-lived process, is the init's parent. Never returns.
 */
export function runStage1(sys: Syscalls, plan: InitPlan, res: InitResources): never {
  enterChild();
  try {
    closeParentEnds(sys, res);
    joinCgroups(res);
    const userJoin = res.joinFds.find((j) => j.flag === CLONE.NEWUSER);
    if (userJoin) sys.setns(userJoin.fd, CLONE.NEWUSER);
    if (plan.newUserNamespace) {
      sys.unshare(CLONE.NEWUSER);
      sendLine(sys, res.syncWrite, 'USERNS');
      waitForAck(sys, res.ackRead);
    }
    if (userJoin || plan.newUserNamespace) {
      // Become root of the new user namespace, so what follows is owned by the container's root.
      sys.setresgid(0);
      sys.setresuid(0);
    }
    joinNamespaces(sys, res);
    sys.unshare(plan.unshareFlags);
    if (plan.timeOffsets) fs.writeFileSync('/proc/self/timens_offsets', plan.timeOffsets);
    const initPid = sys.forkSibling();
    if (initPid === 0) runInit(sys, plan, res);
    sendLine(sys, res.syncWrite, `PID ${initPid}`);
    return sys.exit(0);
  } catch (err) {
    sendError(sys, res.syncWrite, err);
    return sys.exit(1);
  }
}

/** A new network namespace starts with lo down; runc brings it up, and programs expect it. */
function bringLoopbackUp(sys: Syscalls): void {
  const fd = sys.socket(AF_INET, SOCK_DGRAM | O.CLOEXEC, 0);
  try {
    const ifreq = Buffer.alloc(40);
    ifreq.write('lo', 0);
    sys.ioctl(fd, SIOCGIFFLAGS, ifreq);
    ifreq.writeInt16LE(ifreq.readInt16LE(16) | IFF_UP, 16);
    sys.ioctl(fd, SIOCSIFFLAGS, ifreq);
  } finally {
    sys.close(fd);
  }
}

function joinKeyring(sys: Syscalls, id: string): void {
  try {
    sys.joinSessionKeyring(`_ses.${id}`);
  } catch (err) {
    // Kernels without keyrings (ENOSYS) or with them disabled for the namespace (EACCES) run
    // containers without one, as runc does.
    if (!(err instanceof SysError && (err.errno === 38 || err.errno === 13))) throw err;
  }
}

/**
 * `inCgroups` returns once the init is in its cgroups (and its cgroup namespace, when that had to
 * wait): before a cgroup filesystem that shows the namespace is mounted, before the parent's hooks
 * (they may look the init's cgroups up) and anything of the container's own runs.
 */
function runInit(sys: Syscalls, plan: InitPlan, res: InitResources, inCgroups: () => void = () => undefined): never {
  try {
    // The runtime is our parent: if it dies mid-setup, so do we (cleared right before READY).
    sys.prctl(PR.SET_PDEATHSIG, SIGKILL);
    sys.setsid();
    if (res.newKeyring) joinKeyring(sys, plan.id);
    const inUserNamespace = plan.newUserNamespace || res.joinFds.some((j) => j.flag === CLONE.NEWUSER);
    if (plan.unshareFlags & CLONE.NEWNET) bringLoopbackUp(sys);
    setupRootfs(sys, plan, res.cgroupMountSource, inUserNamespace, {
      beforeCgroupMount: inCgroups,
      beforePivot: () => {
        inCgroups();
        if (res.parentHooks) {
          sendLine(sys, res.syncWrite, 'HOOKS');
          waitForAck(sys, res.ackRead);
        }
        plan.createContainerHooks.forEach((hook, i) =>
          runHookInChild(sys, hook, i, 'createContainer', res.stateJson(1)),
        );
      },
    });
    if (plan.personality !== undefined) sys.personality(plan.personality);
    sys.close(res.ackRead);
    return finalizeAndExec(sys, plan.process, {
      syncFd: res.syncWrite,
      fifoFd: res.fifo,
      ...(res.consoleFd !== undefined ? { consoleFd: res.consoleFd } : {}),
      ...(res.stdio ? { stdio: res.stdio } : {}),
      preserveFds: res.preserveFds,
      ...(res.seccomp ? { seccomp: res.seccomp } : {}),
      startContainerHooks: plan.startContainerHooks,
      stateJson: res.stateJson(1),
    });
  } catch (err) {
    sendError(sys, res.syncWrite, err);
    return sys.exit(1);
  }
}
