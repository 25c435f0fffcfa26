// skiff-containerd's event bus: what its services publish, what shims emit (forwarded), and what
// clients publish, numbered in one sequence and fanned out to filtered subscribers.
import { invalidArgument } from '@skiff/errors';
import { topics } from '@skiff/protos';
import type { Envelope } from '@skiff/protos/generated/skiff/events/v1/Envelope';
import type { Timestamp } from '@skiff/protos/generated/google/protobuf/Timestamp';
import { matchesFilters, parseFilters } from '../filters';
import { toTimestamp } from './timestamps';

/** The oneof members of Envelope.event, by name ("taskExit", "containerCreate"...). */
export type EventMember = keyof typeof topics;
export type BusEnvelope = Envelope & { sequence: string; timestamp: Timestamp; namespace: string; topic: string };
export type Listener = (envelope: BusEnvelope) => void;

const TOPIC_RE = /^\/[a-z0-9_.-]+(\/[a-z0-9_.-]+)*$/i;
const MEMBERS = [...Object.keys(topics), 'custom'] as const;

/** Which oneof member an envelope carries: the loader's virtual field, else the first one set. */
export function memberOf(envelope: Envelope): string | undefined {
  const virtual = (envelope as { event?: unknown }).event;
  if (typeof virtual === 'string') return virtual;
  return MEMBERS.find((m) => (envelope as Record<string, unknown>)[m] != null);
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * A field of an envelope by its filter path: "topic", "namespace", "sequence", or "event.<field>"
 * for the payload ("event.container_id").
 */
function envelopeField(envelope: BusEnvelope, path: string): string | undefined {
  if (path === 'topic' || path === 'namespace' || path === 'sequence') return envelope[path];
  if (!path.startsWith('event.')) return undefined;
  const member = memberOf(envelope);
  const payload = member ? ((envelope as unknown as Record<string, unknown>)[member] as Record<string, unknown> | null) : null;
  if (!payload) return undefined;
  const wanted = path.slice('event.'.length);
  for (const [key, value] of Object.entries(payload)) {
    if (snakeCase(key) === wanted && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) return String(value);
  }
  return undefined;
}

export class EventBus {
  private sequence = 0n;
  private readonly listeners = new Set<{ filters: ReturnType<typeof parseFilters>; listener: Listener }>();

  /** A new event of this process: stamped now (unless `timestamp` is given) and numbered. */
  publish(namespace: string, member: EventMember, payload: object, timestamp?: Timestamp): BusEnvelope {
    return this.dispatch({ namespace, topic: topics[member], timestamp: timestamp ?? toTimestamp(new Date()), [member]: payload });
  }

  /**
   * An envelope from elsewhere (a shim's stream, Events.Forward): its timestamp, namespace,
   * topic and payload are kept; only the sequence is ours.
   */
  forward(envelope: Envelope): BusEnvelope {
    const member = memberOf(envelope);
    if (!member) throw invalidArgument('the envelope carries no event');
    if (!envelope.topic || !TOPIC_RE.test(envelope.topic)) throw invalidArgument(`invalid topic "${envelope.topic ?? ''}"`);
    if (member !== 'custom' && topics[member as EventMember] !== envelope.topic) {
      throw invalidArgument(`topic "${envelope.topic}" does not match the event ${member} (its topic is "${topics[member as EventMember]}")`);
    }
    if (!envelope.namespace) throw invalidArgument('the envelope names no namespace');
    return this.dispatch({
      namespace: envelope.namespace,
      topic: envelope.topic,
      timestamp: (envelope.timestamp as Timestamp | null) ?? toTimestamp(new Date()),
      [member]: (envelope as Record<string, unknown>)[member],
    });
  }

  /** Events from now on that match any of the filters (all when none); returns the unsubscribe. */
  subscribe(filters: string[], listener: Listener): () => void {
    const entry = { filters: parseFilters(filters), listener };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  private dispatch(fields: Omit<BusEnvelope, 'sequence'>): BusEnvelope {
    this.sequence += 1n;
    const envelope = { ...fields, sequence: this.sequence.toString() } as BusEnvelope;
    for (const { filters, listener } of [...this.listeners]) {
      if (!matchesFilters(filters, (field) => envelopeField(envelope, field))) continue;
      try {
        listener(envelope);
      } catch {
        // One broken subscriber must not cost the others their events.
      }
    }
    return envelope;
  }
}
