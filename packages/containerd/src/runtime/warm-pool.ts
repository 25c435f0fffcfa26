import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ShimHandle, ShimLauncher } from './shim-port';

/** A started shim holding no task yet. */
export interface WarmShim {
  shimId: string;
  namespace: string;
  address: string;
  /** The shim's working directory (its log), removed when the shim retires. */
  dir: string;
  /**
   * A connection made when the shim joined the pool, so the task that takes it does not wait for
   * a socket connect and an HTTP/2 handshake; the taker owns it from then on.
   */
  handle?: ShimHandle;
}

/**
 * Shims started ahead of need, per namespace: a Node process costs ~100 ms and more to start, so
 * a task create takes one of these and a refill starts its replacement in the background. Refills
 * run one at a time, so a burst of creates never starts a herd of processes at once, and begin
 * `refillDelayMs` after a take: a starting Node process takes a whole core for a few hundred ms,
 * which on a small machine would slow down the very task that took the warm shim.
 */
export class WarmShimPool {
  private readonly idle = new Map<string, WarmShim[]>();
  private filling: Promise<void> | undefined;
  private refillTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly launcher: ShimLauncher,
    /** Where warm shims get their working directories: <dir>/<namespace>/<shim id>. */
    private readonly dir: string,
    private readonly size: number,
    private readonly namespaces: string[],
    private readonly log: (msg: string) => void = () => {},
    private readonly refillDelayMs = 0,
  ) {}

  /** A warm shim of this namespace, if one is ready; the pool starts a replacement soon. */
  take(namespace: string): WarmShim | undefined {
    const shim = this.idle.get(namespace)?.shift();
    if (shim) this.refillLater();
    return shim;
  }

  /** Starts a refill `refillDelayMs` from now, unless one is already due. */
  refillLater(): void {
    if (this.stopped || this.refillTimer) return;
    this.refillTimer = setTimeout(() => {
      this.refillTimer = undefined;
      void this.refill();
    }, this.refillDelayMs);
  }

  /** A warm shim just started, or found alive after a restart of containerd. */
  adopt(shim: WarmShim): void {
    const handle = shim.handle ?? this.launcher.connect(shim.address);
    // Any answer (NOT_FOUND: it holds no task) means the connection is up.
    handle.call('Connect', { id: '' }).catch(() => undefined);
    this.enqueue({ ...shim, handle });
  }

  private enqueue(shim: WarmShim): void {
    const list = this.idle.get(shim.namespace) ?? [];
    list.push(shim);
    this.idle.set(shim.namespace, list);
  }

  /**
   * A shim that held a task, deleted since, back in the pool if the pool wants one more; its
   * owner keeps the connection (take() then gives none).
   */
  recycle(shim: Omit<WarmShim, 'handle'>): boolean {
    if (this.stopped || this.idleCount(shim.namespace) >= this.size) return false;
    this.enqueue({ ...shim });
    return true;
  }

  /** A shim that died while idle is not handed out. */
  forget(address: string): void {
    for (const [namespace, list] of this.idle) this.idle.set(namespace, list.filter((s) => s.address !== address));
  }

  idleCount(namespace: string): number {
    return this.idle.get(namespace)?.length ?? 0;
  }

  /** Starts shims until each namespace has `size` idle; resolves when done. */
  refill(): Promise<void> {
    if (this.stopped || this.size === 0) return Promise.resolve();
    this.filling ??= this.fill().finally(() => (this.filling = undefined));
    return this.filling;
  }

  private async fill(): Promise<void> {
    for (const namespace of this.namespaces) {
      while (!this.stopped && this.idleCount(namespace) < this.size) {
        const shimId = `warm/${randomBytes(6).toString('hex')}`;
        const dir = path.join(this.dir, namespace, shimId.replace('/', '-'));
        try {
          const address = await this.launcher.start(shimId, namespace, dir);
          this.adopt({ shimId, namespace, address, dir });
        } catch (err) {
          fs.rmSync(dir, { recursive: true, force: true });
          this.log(`could not start a warm shim: ${(err as Error).message}`);
          return;
        }
      }
    }
  }

  /**
   * Stops refilling and shuts the idle shims down (a start in flight is waited for first): they
   * hold no container, and a clean stop leaves only the shims that do. A containerd that dies
   * without this leaves them for the next one to adopt.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.refillTimer);
    this.refillTimer = undefined;
    await this.filling;
    const idle = [...this.idle.values()].flat();
    this.idle.clear();
    await Promise.all(
      idle.map(async (shim) => {
        const handle = shim.handle ?? this.launcher.connect(shim.address);
        await handle.call('Shutdown', { id: '', now: true }, 2_000).catch((err: Error) => this.log(`shutdown of idle shim ${shim.address}: ${err.message}`));
        handle.close();
        fs.rmSync(shim.dir, { recursive: true, force: true });
      }),
    );
  }
}
