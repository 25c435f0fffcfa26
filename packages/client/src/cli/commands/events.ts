// docker events: the daemon's event stream, one line per event in docker's layout or --format.
import type { EventMessage } from '@skiff/engine-api';
import type { CliContext } from '../context';
import { compileTemplate } from '../template';

const UNITS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/**
 * --since/--until as docker takes them: a Go duration before now ("10m", "1h30m"), a date or
 * RFC 3339 time, or unix seconds as they are.
 */
export function timestampArgument(value: string, now: Date): string {
  if (/^\d+(\.\d+)?$/.test(value)) return value;
  const parts = [...value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length && parts.map((p) => p[0]).join('') === value) {
    const seconds = parts.reduce((sum, p) => sum + Number(p[1]) * UNITS[p[2]!]!, 0);
    return String(Math.floor(now.getTime() / 1000 - seconds));
  }
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new Error(`invalid value for "since/until": "${value}"`);
  return String(Math.floor(time / 1000));
}

export function filterArguments(list: string[] = []): Record<string, string[]> | undefined {
  if (!list.length) return undefined;
  const filters: Record<string, string[]> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq < 0) throw new Error(`bad format of filter (expected name=value)`);
    (filters[item.slice(0, eq)] ??= []).push(item.slice(eq + 1));
  }
  return filters;
}

/** Go's "2006-01-02T15:04:05.000000000Z07:00" of the event's nanosecond time, in UTC. */
function eventTime(event: EventMessage): string {
  const nanos = typeof event.timeNano === 'string' ? BigInt(event.timeNano) : BigInt(Math.round(event.timeNano ?? event.time * 1e9));
  const seconds = nanos / 1_000_000_000n;
  const fraction = (nanos % 1_000_000_000n).toString().padStart(9, '0');
  return `${new Date(Number(seconds) * 1000).toISOString().replace(/\.\d+Z$/, '')}.${fraction}Z`;
}

export function eventLine(event: EventMessage): string {
  const attributes = Object.entries(event.Actor.Attributes ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return `${eventTime(event)} ${event.Type} ${event.Action} ${event.Actor.ID}${attributes ? ` (${attributes})` : ''}`;
}

export async function events(ctx: CliContext, options: { since?: string; until?: string; filter?: string[]; format?: string }): Promise<number> {
  const render = options.format ? compileTemplate(options.format) : eventLine;
  const stream = await ctx.engine.events({
    since: options.since === undefined ? undefined : timestampArgument(options.since, ctx.now()),
    until: options.until === undefined ? undefined : timestampArgument(options.until, ctx.now()),
    filters: filterArguments(options.filter),
  });
  for await (const event of stream) ctx.stdout.write(`${render(event)}\n`);
  return 0;
}
