import type { Hook } from '@skiff/oci-spec';
import { O, SIGKILL, WNOHANG } from '../sys/constants';
import { Syscalls, exitStatusOf } from '../sys/syscalls';

/**
 * Runs a hook from inside a forked runtime child (createContainer, startContainer hooks run in the
 * container's namespaces), with the container state on its stdin and the hook's timeout. No libuv
 * here: the child never returns to the event loop.
 */
export function runHookInChild(sys: Syscalls, hook: Hook, index: number, kind: string, stateJson: string): void {
  const [readEnd, writeEnd] = sys.pipe2(O.CLOEXEC);
  const pid = sys.fork();
  if (pid === 0) {
    try {
      sys.dup2(readEnd, 0);
      sys.resetSignals();
      sys.execve(hook.path, hook.args && hook.args.length > 0 ? hook.args : [hook.path], hook.env ?? []);
    } catch {
      sys.exit(127);
    }
  }
  sys.close(readEnd);
  try {
    sys.write(writeEnd, Buffer.from(stateJson));
  } catch {
    // A hook that does not read its stdin is allowed to exit early (EPIPE is ignored in Node).
  }
  sys.close(writeEnd);
  const deadline = hook.timeout ? Date.now() + hook.timeout * 1000 : Infinity;
  for (;;) {
    const waited = sys.waitpid(pid, WNOHANG);
    if (waited.pid === pid) {
      const code = exitStatusOf(waited.status);
      if (code !== 0) throw new Error(`error running ${kind} hook #${index}: exit status ${code}`);
      return;
    }
    if (Date.now() > deadline) {
      sys.kill(pid, SIGKILL);
      sys.waitpid(pid, 0);
      throw new Error(`error running ${kind} hook #${index}: timeout after ${hook.timeout}s`);
    }
    sys.poll(-1, 0, 5);
  }
}
