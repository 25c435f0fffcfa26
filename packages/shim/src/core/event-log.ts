import { SkiffError } from '@skiff/errors';
import { RecordedEvent, TaskEvent, execIdOf } from './events';

/**
 * Asked to resume after a sequence this shim never emitted: the caller is talking to another shim
 * process than it thinks, and should resume from 0.
 */
export class SequenceOutOfRange extends SkiffError {
  constructor(after: number, last: number) {
    super('OutOfRange', `after_sequence ${after} is beyond the last event of this shim (${last}): resume with 0`);
  }
}

export type EventListener = (recorded: RecordedEvent) => void;

/**
 * The shim's numbered events: 1, 2, 3... across all its tasks for the life of the process. Every
 * event of a process is kept until that process is deleted, so a supervisor that was away gets
 * each exit on replay however late it comes back; listeners are called synchronously, in order.
 */
export class EventLog {
  private readonly kept: RecordedEvent[] = [];
  private readonly listeners = new Set<EventListener>();
  private last = 0;

  constructor(private readonly clock: () => Date = () => new Date()) {}

  get lastSequence(): number {
    return this.last;
  }

  emit(event: TaskEvent): RecordedEvent {
    const recorded: RecordedEvent = { sequence: ++this.last, timestamp: this.clock(), event };
    if (event.kind === 'taskPaused' || event.kind === 'taskResumed') this.dropPreviousPauseToggle(event.containerId);
    this.kept.push(recorded);
    for (const listener of [...this.listeners]) listener(recorded);
    return recorded;
  }

  /**
   * Replays the kept events after `after`, then forwards new ones until the returned function is
   * called. Throws SequenceOutOfRange when `after` was never emitted.
   */
  subscribe(after: number, listener: EventListener): () => void {
    if (after > this.last) throw new SequenceOutOfRange(after, this.last);
    for (const recorded of this.kept) if (recorded.sequence > after) listener(recorded);
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets a deleted process's events: the whole task when execId is undefined, else one exec. */
  forget(containerId: string, execId?: string): void {
    for (let i = this.kept.length - 1; i >= 0; i--) {
      const { event } = this.kept[i]!;
      if (event.containerId !== containerId) continue;
      if (execId === undefined || execIdOf(event) === execId) this.kept.splice(i, 1);
    }
  }

  // Only the latest of a run of paused/resumed toggles needs keeping: a pause loop must not grow
  // the replay without bound, and the state it ends in is all a late subscriber can act on.
  private dropPreviousPauseToggle(containerId: string): void {
    for (let i = this.kept.length - 1; i >= 0; i--) {
      const { event } = this.kept[i]!;
      if (event.containerId !== containerId) continue;
      if (event.kind === 'taskPaused' || event.kind === 'taskResumed') this.kept.splice(i, 1);
      return;
    }
  }
}
