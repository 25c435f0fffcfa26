import { WNOHANG } from '../sys/constants';
import { koffi, realSyscalls } from '../sys/koffi';
import { Syscalls } from '../sys/syscalls';

/**
 * Resolves with the raw wait status when a child of this process exits, without blocking the
 * event loop and without a thread: a pidfd becomes readable on exit and libuv polls it.
 */
export function waitForChildExit(pid: number, sys: Syscalls = realSyscalls()): Promise<number> {
  const pidfd = sys.pidfdOpen(pid);
  return new Promise((resolve, reject) => {
    const handle = koffi.node.poll(pidfd, { readable: true }, () => {
      try {
        const waited = sys.waitpid(pid, WNOHANG);
        if (waited.pid !== pid) return;
        handle.close();
        sys.close(pidfd);
        resolve(waited.status);
      } catch (err) {
        handle.close();
        sys.close(pidfd);
        reject(err);
      }
    });
  });
}
