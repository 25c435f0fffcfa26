// The engine's event bus behind GET /events: services publish what happened (container, exec and
// image actions), listeners follow it live, and a bounded ring answers `since`/`until` without a
// database (events before a restart are gone, as Docker keeps them in memory too).
import { z } from 'zod';
import { invalidArgument } from '@skiff/errors';

export type EventType = 'container' | 'image' | 'network' | 'volume' | 'daemon';

export interface EngineEvent {
  Type: EventType;
  Action: string;
  Actor: { ID: string; Attributes: Record<string, string> };
  scope: 'local';
  time: number;
  timeNano: number;
  /** The pre-1.22 fields, still sent by Docker for containers and images. */
  status?: string;
  id?: string;
  from?: string;
}

export type EventListener = (event: EngineEvent) => void;

// timeNano does not fit a double exactly (about 1.8e18), so comparisons use the exact value.
const exactNano = new WeakMap<EngineEvent, bigint>();

/** The event's time in nanoseconds, exactly. */
export function eventNano(event: EngineEvent): bigint {
  return exactNano.get(event) ?? BigInt(event.timeNano);
}

/** Docker's ring holds 256 events; a little more keeps `--since` useful on a busy daemon. */
const DEFAULT_CAPACITY = 1024;

export class EventBus {
  private readonly ring: EngineEvent[] = [];
  private readonly listeners = new Set<EventListener>();
  private lastNano = 0n;

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /**
   * Records an event and hands it to the live listeners. Images publish e.g.
   * `publish('image', 'pull', ref, { name: ref })`, `publish('image', 'delete', id, { name })`.
   */
  publish(type: EventType, action: string, id: string, attributes: Record<string, string> = {}): EngineEvent {
    // Strictly increasing, by a microsecond so timeNano stays distinct as a double too.
    let nano = BigInt(Date.now()) * 1_000_000n;
    if (nano <= this.lastNano) nano = this.lastNano + 1_000n;
    this.lastNano = nano;
    const event: EngineEvent = {
      Type: type,
      Action: action,
      Actor: { ID: id, Attributes: attributes },
      scope: 'local',
      time: Number(nano / 1_000_000_000n),
      timeNano: Number(nano),
    };
    if (type === 'container' || type === 'image') {
      event.status = action;
      event.id = id;
      if (attributes.image) event.from = attributes.image;
    }
    exactNano.set(event, nano);
    this.ring.push(event);
    if (this.ring.length > this.capacity) this.ring.shift();
    for (const l of [...this.listeners]) l(event);
    return event;
  }

  /** The buffered events, oldest first. */
  recent(): EngineEvent[] {
    return [...this.ring];
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * Docker's `since`/`until`: seconds since the epoch with an optional fraction ("1700000000.5"),
 * which is what the CLI sends for durations and dates, or an RFC 3339 date. Nanoseconds.
 */
export function parseEventTime(value: string, name: string): bigint {
  if (/^\d+(\.\d{1,9})?$/.test(value)) {
    const [sec, frac = ''] = value.split('.');
    return BigInt(sec!) * 1_000_000_000n + BigInt(frac.padEnd(9, '0'));
  }
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalidArgument(`invalid value for ${name}: ${value}`);
  return BigInt(ms) * 1_000_000n;
}

const filterValues = z.union([z.array(z.string()), z.record(z.string(), z.boolean()).transform((m) => Object.keys(m).filter((k) => m[k]))]);
const filtersSchema = z.record(z.string(), filterValues);
const KNOWN_FILTERS = new Set(['type', 'container', 'image', 'event', 'label', 'scope', 'network', 'volume', 'daemon']);

export type EventFilters = Record<string, string[]>;

/** The `filters` query parameter: JSON, in the list form or the older {"value": true} form. */
export function parseEventFilters(raw: string | undefined): EventFilters {
  if (!raw) return {};
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw invalidArgument(`invalid filter '${raw}'`);
  }
  const parsed = filtersSchema.safeParse(json);
  if (!parsed.success) throw invalidArgument(`invalid filter '${raw}'`);
  for (const key of Object.keys(parsed.data)) {
    if (!KNOWN_FILTERS.has(key)) throw invalidArgument(`invalid filter '${key}'`);
  }
  return parsed.data;
}

/** Docker's rules: every filter key must match (values of one key are alternatives). */
export function eventMatches(event: EngineEvent, filters: EventFilters): boolean {
  const attrs = event.Actor.Attributes;
  const any = (key: string, test: (value: string) => boolean) => {
    const values = filters[key];
    return !values || values.length === 0 || values.some(test);
  };
  // "exec_create: sh -c ..." is filtered as "exec_create".
  const action = event.Action.split(':')[0]!;
  return (
    any('type', (v) => v === event.Type) &&
    any('event', (v) => v === action || v === event.Action) &&
    any('scope', (v) => v === 'local') &&
    any('container', (v) => event.Type === 'container' && (event.Actor.ID === v || (v.length >= 1 && event.Actor.ID.startsWith(v)) || attrs.name === v)) &&
    any('image', (v) => attrs.image === v || (event.Type === 'image' && (event.Actor.ID === v || attrs.name === v))) &&
    any('label', (v) => {
      const eq = v.indexOf('=');
      return eq < 0 ? v in attrs : attrs[v.slice(0, eq)] === v.slice(eq + 1);
    }) &&
    any('network', (v) => event.Type === 'network' && (event.Actor.ID === v || attrs.name === v)) &&
    any('volume', (v) => event.Type === 'volume' && event.Actor.ID === v) &&
    any('daemon', (v) => event.Type === 'daemon' && (event.Actor.ID === v || attrs.name === v))
  );
}
