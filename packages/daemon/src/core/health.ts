// Healthchecks (Config.Healthcheck): the merged config with Docker's defaults, the state machine
// of State.Health (starting -> healthy | unhealthy), and the monitor that runs each probe as an
// exec'd process in the running container, on its interval, killed at its timeout.
import { z } from 'zod';
import type { ContainerService } from './containers';
import type { EventBus, EngineEvent } from './events';
import type { ExecService } from './exec';
import type { Timers } from './restart-policy';
import type { ContainerRecord } from '../store/record';

const ns = z.number().int().min(0);

export const HealthcheckSchema = z.object({
  Test: z.array(z.string()).nullish(),
  // docker-py (so docker-compose) sends null for every field it was not given.
  Interval: ns.nullish(),
  Timeout: ns.nullish(),
  StartPeriod: ns.nullish(),
  StartInterval: ns.nullish(),
  Retries: z.number().int().min(0).nullish(),
});
export type Healthcheck = z.infer<typeof HealthcheckSchema>;

export const HEALTH_STATUSES = ['starting', 'healthy', 'unhealthy'] as const;
export const HealthSchema = z.object({
  Status: z.enum(HEALTH_STATUSES),
  FailingStreak: z.number().int(),
  Log: z.array(z.object({ Start: z.string(), End: z.string(), ExitCode: z.number().int(), Output: z.string() })),
});
export type Health = z.infer<typeof HealthSchema>;

const NS_PER_MS = 1_000_000;
export const DEFAULT_INTERVAL_MS = 30_000;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_START_INTERVAL_MS = 5_000;
export const DEFAULT_RETRIES = 3;
export const MAX_OUTPUT = 4096;
export const MAX_LOG = 5;

/** The request's fields over the image's (Docker: a zero or empty field takes the image's). */
export function mergeHealthcheck(image: Healthcheck | undefined, request: Healthcheck | undefined): Healthcheck | undefined {
  if (!image && !request) return undefined;
  const out: Healthcheck = { ...(image ?? {}) };
  for (const [k, v] of Object.entries(request ?? {}) as Array<[keyof Healthcheck, unknown]>) {
    if (v === undefined || v === null || v === 0 || (Array.isArray(v) && v.length === 0)) continue;
    (out as Record<string, unknown>)[k] = v;
  }
  return out;
}

/** The probe's argv, or undefined when there is none (no Test, or ["NONE"]). */
export function probeCommand(hc: Healthcheck | undefined): string[] | undefined {
  const test = hc?.Test;
  if (!test || test.length === 0 || test[0] === 'NONE') return undefined;
  if (test[0] === 'CMD') return test.length > 1 ? test.slice(1) : undefined;
  if (test[0] === 'CMD-SHELL') return ['/bin/sh', '-c', test.slice(1).join(' ')];
  return undefined;
}

export interface Timing {
  intervalMs: number;
  timeoutMs: number;
  startPeriodMs: number;
  startIntervalMs: number;
  retries: number;
}

export function timing(hc: Healthcheck): Timing {
  return {
    intervalMs: hc.Interval ? hc.Interval / NS_PER_MS : DEFAULT_INTERVAL_MS,
    timeoutMs: hc.Timeout ? hc.Timeout / NS_PER_MS : DEFAULT_TIMEOUT_MS,
    startPeriodMs: (hc.StartPeriod ?? 0) / NS_PER_MS,
    startIntervalMs: hc.StartInterval ? hc.StartInterval / NS_PER_MS : DEFAULT_START_INTERVAL_MS,
    retries: hc.Retries || DEFAULT_RETRIES,
  };
}

export interface ProbeResult {
  start: Date;
  end: Date;
  exitCode: number;
  output: string;
}

export function initialHealth(): Health {
  return { Status: 'starting', FailingStreak: 0, Log: [] };
}

/**
 * One probe's result applied. A success makes the container healthy; failures count only after
 * the start period (unless it was already healthy once) and make it unhealthy at `retries`.
 */
export function applyProbe(h: Health, r: ProbeResult, retries: number, inStartPeriod: boolean): Health {
  const Log = [...h.Log, { Start: r.start.toISOString(), End: r.end.toISOString(), ExitCode: r.exitCode, Output: r.output }].slice(-MAX_LOG);
  if (r.exitCode === 0) return { Status: 'healthy', FailingStreak: 0, Log };
  if (inStartPeriod && h.Status === 'starting') return { ...h, Log };
  const FailingStreak = h.FailingStreak + 1;
  return { Status: FailingStreak >= retries ? 'unhealthy' : h.Status, FailingStreak, Log };
}

export interface ProbeRunner {
  /** Runs argv in the container; resolves with the exit code (-1 on timeout) and output. */
  run(containerId: string, argv: string[], timeoutMs: number): Promise<ProbeResult>;
}

/** A probe as a `docker exec` through the exec service, killed at its timeout. */
export function execProbeRunner(execs: ExecService, kill: (pid: number) => void): ProbeRunner {
  return {
    async run(containerId, argv, timeoutMs) {
      const start = new Date();
      let output = '';
      const id = execs.create(containerId, { AttachStdin: false, AttachStdout: true, AttachStderr: true, Tty: false, Privileged: false, User: '', WorkingDir: '', Cmd: argv });
      try {
        const client = {
          stdout: true,
          stderr: true,
          write: (_s: unknown, chunk: Buffer) => {
            if (output.length < MAX_OUTPUT) output = (output + chunk.toString('utf8')).slice(0, MAX_OUTPUT);
          },
          end: () => undefined,
        };
        try {
          await execs.start(id, client);
        } catch (err) {
          return { start, end: new Date(), exitCode: -1, output: (err as Error).message };
        }
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([
          execs.exited(id).then(() => false),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
        ]);
        clearTimeout(timer);
        if (timedOut) {
          const pid = execs.get(id).pid;
          if (pid > 0) kill(pid);
          return { start, end: new Date(), exitCode: -1, output: `Health check exceeded timeout (${timeoutMs / 1000}s)` };
        }
        // The last output may still be on its way from the FIFO.
        await new Promise((r) => setTimeout(r, 20));
        return { start, end: new Date(), exitCode: execs.get(id).exitCode ?? -1, output };
      } finally {
        execs.forget(id);
      }
    },
  };
}

export interface HealthMonitorOptions {
  containers: ContainerService;
  events: EventBus;
  runner: ProbeRunner;
  timers?: Timers;
  now?: () => number;
}

/** Runs the probes of the running containers that have a healthcheck. */
export class HealthMonitor {
  private readonly loops = new Map<string, { timer: unknown; startedAt: number }>();
  private unsubscribe: (() => void) | undefined;
  private readonly timers: Timers;
  private readonly now: () => number;

  constructor(private readonly o: HealthMonitorOptions) {
    this.timers = o.timers ?? { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout) };
    this.now = o.now ?? Date.now;
  }

  /** Follows container starts and exits; resumes the probes of the containers already running. */
  begin(): void {
    this.unsubscribe = this.o.events.subscribe((e: EngineEvent) => {
      if (e.Type !== 'container' || !e.Actor?.ID) return;
      if (e.Action === 'start') this.watch(e.Actor.ID, true);
      else if (e.Action === 'die' || e.Action === 'destroy') this.unwatch(e.Actor.ID);
    });
    for (const r of this.o.containers.all()) if (r.State.Status === 'running') this.watch(r.Id, false);
  }

  close(): void {
    this.unsubscribe?.();
    for (const id of [...this.loops.keys()]) this.unwatch(id);
  }

  private config(id: string): { record: ContainerRecord; argv: string[]; t: Timing } | undefined {
    let record: ContainerRecord;
    try {
      record = this.o.containers.get(id);
    } catch {
      return undefined;
    }
    const argv = probeCommand(record.Config.Healthcheck);
    return argv ? { record, argv, t: timing(record.Config.Healthcheck!) } : undefined;
  }

  private watch(id: string, fresh: boolean): void {
    this.unwatch(id);
    const c = this.config(id);
    if (!c) return;
    if (fresh || !c.record.State.Health) this.o.containers.setHealth(id, initialHealth());
    const startedAt = Date.parse(c.record.State.StartedAt) || this.now();
    this.loops.set(id, { timer: undefined, startedAt });
    this.schedule(id);
  }

  private unwatch(id: string): void {
    const loop = this.loops.get(id);
    if (!loop) return;
    this.timers.clearTimeout(loop.timer);
    this.loops.delete(id);
  }

  private schedule(id: string): void {
    const loop = this.loops.get(id);
    const c = this.config(id);
    if (!loop || !c) return;
    // StartInterval applies while the start period lasts and the container is still starting.
    const inStart = this.now() - loop.startedAt < c.t.startPeriodMs && c.record.State.Health?.Status === 'starting';
    loop.timer = this.timers.setTimeout(() => void this.probe(id), inStart && c.record.Config.Healthcheck?.StartInterval ? c.t.startIntervalMs : c.t.intervalMs);
  }

  private async probe(id: string): Promise<void> {
    const loop = this.loops.get(id);
    const c = this.config(id);
    if (!loop || !c) return;
    // A paused container is not probed; its probes go on after unpause.
    if (c.record.State.Status !== 'running') return this.schedule(id);
    const result = await this.o.runner.run(id, c.argv, c.t.timeoutMs).catch((err: Error) => ({ start: new Date(), end: new Date(), exitCode: -1, output: err.message }));
    if (this.loops.get(id) !== loop) return;
    const before = this.o.containers.get(id).State.Health ?? initialHealth();
    const after = applyProbe(before, result, c.t.retries, this.now() - loop.startedAt < c.t.startPeriodMs);
    this.o.containers.setHealth(id, after);
    if (after.Status !== before.Status) this.o.containers.execEvent(id, `health_status: ${after.Status}`, {});
    this.schedule(id);
  }
}

/** ps's suffix of "Up ...". */
export function healthSuffix(h: Health | undefined): string {
  if (!h) return '';
  return h.Status === 'starting' ? ' (health: starting)' : ` (${h.Status})`;
}
