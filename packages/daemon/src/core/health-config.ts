// Healthchecks as data: Config.Healthcheck and State.Health (their schemas, kept in the record),
// Docker's defaults, the merge of a request's healthcheck over the image's, and the state machine
// of State.Health (starting -> healthy | unhealthy). No I/O here: the monitor that runs probes is
// health.ts, which the record must not import.
import { HealthcheckSchema } from '@skiff/engine-api';
import { z } from 'zod';

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

/** ps's suffix of "Up ...". */
export function healthSuffix(h: Health | undefined): string {
  if (!h) return '';
  return h.Status === 'starting' ? ' (health: starting)' : ` (${h.Status})`;
}
