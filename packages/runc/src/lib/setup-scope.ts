import { SIGKILL } from '../sys/constants';
import type { Syscalls } from '../sys/syscalls';

/**
 * What one create or exec opened and started, so every exit path (success or any error) closes
 * the same fds and a failure leaves no half-made child behind.
 */
export class SetupScope {
  private readonly fds = new Set<number>();

  constructor(private readonly sys: Syscalls) {}

  track(fd: number): number {
    this.fds.add(fd);
    return fd;
  }

  /** Closes an fd now, e.g. the parent's copy of a pipe end that now belongs to a child. */
  closeNow(fd: number): void {
    this.fds.delete(fd);
    this.sys.close(fd);
  }

  closeAll(): void {
    for (const fd of this.fds) {
      try {
        this.sys.close(fd);
      } catch {
        // Closing is best effort on the way out.
      }
    }
    this.fds.clear();
  }

  /** SIGKILL and reap children a failed setup started (0 = never started). */
  killChildren(pids: number[]): void {
    for (const pid of pids) {
      if (pid <= 0) continue;
      try {
        this.sys.kill(pid, SIGKILL);
        this.sys.waitpid(pid, 0);
      } catch {
        // Already gone or reaped.
      }
    }
  }
}
