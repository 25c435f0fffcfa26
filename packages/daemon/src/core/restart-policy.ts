// Restart policies (HostConfig.RestartPolicy): validation with Docker's wording, the decision
// after an exit and at skiffd's start-up, and the back-off timers between restarts (Docker's:
// 100 ms doubling up to a minute, back to 100 ms after a run of 10 s or more).
import { RestartPolicySchema } from '@skiff/engine-api';
import { invalidArgument } from '@skiff/errors';
import { z } from 'zod';

export const RESTART_POLICY_NAMES = ['', 'no', 'always', 'unless-stopped', 'on-failure'] as const;

export type RestartPolicy = z.infer<typeof RestartPolicySchema>;

/** The record fields: the count of automatic restarts and whether the user stopped the container. */
export const restartRecordFields = {
  RestartCount: z.number().int().default(0),
  HasBeenManuallyStopped: z.boolean().default(false),
};

export function isNone(p: RestartPolicy | undefined): boolean {
  return !p || p.Name === '' || p.Name === 'no';
}

export function checkRestartPolicy(p: RestartPolicy | undefined, autoRemove: boolean): void {
  if (!p) return;
  if (!(RESTART_POLICY_NAMES as readonly string[]).includes(p.Name)) {
    throw invalidArgument(`invalid restart policy: unknown policy '${p.Name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`);
  }
  if (p.Name === 'on-failure' && p.MaximumRetryCount < 0) throw invalidArgument('invalid restart policy: maximum retry count cannot be negative');
  // An empty name with any count is what clients before API 1.44 sent by default.
  if (p.Name !== 'on-failure' && p.Name !== '' && p.MaximumRetryCount !== 0) {
    const negative = p.MaximumRetryCount < 0 ? ' and cannot be negative' : '';
    throw invalidArgument(`invalid restart policy: maximum retry count can only be used with 'on-failure'${negative}`);
  }
  if (autoRemove && !isNone(p)) throw invalidArgument("can't create 'AutoRemove' container with restart policy");
}

/** The policy as inspect shows it: "no" for none. */
export function restartPolicyView(p: RestartPolicy | undefined): RestartPolicy {
  return { Name: p?.Name || 'no', MaximumRetryCount: p?.MaximumRetryCount ?? 0 };
}

export interface ExitFacts {
  exitCode: number;
  manuallyStopped: boolean;
  /** Automatic restarts so far (on-failure's limit). */
  restartCount: number;
}

/** Whether an exit is followed by a restart. A stop or kill through the API never is. */
export function shouldRestart(p: RestartPolicy | undefined, f: ExitFacts): boolean {
  if (isNone(p) || f.manuallyStopped) return false;
  if (p!.Name === 'on-failure') return f.exitCode !== 0 && (p!.MaximumRetryCount === 0 || f.restartCount < p!.MaximumRetryCount);
  return true;
}

/** At skiffd's start-up, for a container found stopped: "always" always, "unless-stopped" unless the user stopped it. */
export function startsWithDaemon(p: RestartPolicy | undefined, manuallyStopped: boolean): boolean {
  return p?.Name === 'always' || (p?.Name === 'unless-stopped' && !manuallyStopped);
}

export const FIRST_DELAY_MS = 100;
export const MAX_DELAY_MS = 60_000;
/** A run this long resets the back-off. */
export const RESET_AFTER_MS = 10_000;

/** The delay before the next restart, given the previous one (0: none yet) and how long the container ran. */
export function nextDelay(previousMs: number, ranMs: number): number {
  if (ranMs >= RESET_AFTER_MS || previousMs === 0) return FIRST_DELAY_MS;
  return Math.min(previousMs * 2, MAX_DELAY_MS);
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** The pending restarts and each container's current back-off (in memory, as in dockerd). */
export class RestartScheduler {
  private readonly delays = new Map<string, number>();
  private readonly pending = new Map<string, unknown>();

  constructor(private readonly timers: Timers = realTimers) {}

  /** Schedules fn after the back-off; returns the delay used. */
  schedule(id: string, ranMs: number, fn: () => void): number {
    this.cancel(id);
    const delay = nextDelay(this.delays.get(id) ?? 0, ranMs);
    this.delays.set(id, delay);
    this.pending.set(
      id,
      this.timers.setTimeout(() => {
        this.pending.delete(id);
        fn();
      }, delay),
    );
    return delay;
  }

  isPending(id: string): boolean {
    return this.pending.has(id);
  }

  cancel(id: string): void {
    const handle = this.pending.get(id);
    if (handle === undefined) return;
    this.timers.clearTimeout(handle);
    this.pending.delete(id);
  }

  /** A start by the user, or a removal: no pending restart, and the back-off starts over. */
  reset(id: string): void {
    this.cancel(id);
    this.delays.delete(id);
  }

  cancelAll(): void {
    for (const id of [...this.pending.keys()]) this.cancel(id);
  }
}
