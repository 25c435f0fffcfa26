// Progress of pulls and pushes, worded as Docker's JSON progress messages so skiffd can relay them
// to a `docker pull`/`docker push` client unchanged: an id (a layer's short id, a tag, or ""), a
// status, and byte counts for the steps that have them.
import type { ImageRecord } from '../images/store';

export interface ProgressEvent {
  id: string;
  status: string;
  /** Bytes done and expected, for "Downloading", "Extracting", "Pushing". */
  current?: number;
  total?: number;
  /** On the last event of a pull: the image record created or updated. */
  image?: ImageRecord;
}

export type ProgressSink = (event: ProgressEvent) => void;

/** Docker's short id of a layer: the first 12 hex digits of its digest. */
export function shortId(digest: string): string {
  return digest.slice(digest.indexOf(':') + 1, digest.indexOf(':') + 13);
}

/**
 * Byte progress of one step, at most one event per interval (a 70 MB layer arrives in thousands
 * of chunks; a client redraws a bar, it does not need each one). The last count is always sent.
 */
export class ThrottledProgress {
  private last = 0;
  private pending: { current: number; total: number } | undefined;

  constructor(
    private readonly sink: ProgressSink,
    private readonly id: string,
    private readonly status: string,
    private readonly intervalMs = 100,
  ) {}

  update(current: number, total: number): void {
    const now = Date.now();
    if (now - this.last >= this.intervalMs || current === total) {
      this.last = now;
      this.pending = undefined;
      this.sink({ id: this.id, status: this.status, current, total });
    } else {
      this.pending = { current, total };
    }
  }

  /** Sends the count held back by the throttle, if any. */
  flush(): void {
    if (this.pending) this.sink({ id: this.id, status: this.status, ...this.pending });
    this.pending = undefined;
  }
}

/**
 * At most `limit` tasks at once, started in call order. `onWait` runs when a task has to wait for
 * a slot (Docker says "Waiting" for such a layer).
 */
export class Limiter {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>, onWait?: () => void): Promise<T> {
    if (this.active >= this.limit) {
      onWait?.();
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      // The slot passes straight to the next waiter, so `active` counts it still.
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}
