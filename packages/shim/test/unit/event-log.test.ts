import { EventLog, SequenceOutOfRange } from '../../src/core/event-log';
import type { RecordedEvent, TaskEvent } from '../../src/core/events';

const create = (containerId: string): TaskEvent => ({ kind: 'taskCreate', containerId, bundle: '/b', pid: 1, stdin: '', stdout: '', stderr: '', terminal: false });
const exit = (containerId: string, execId: string): TaskEvent => ({ kind: 'taskExit', containerId, execId, pid: 2, exitStatus: 0, exitedAt: new Date(0) });

function kept(log: EventLog, after = 0): number[] {
  const out: RecordedEvent[] = [];
  log.subscribe(after, (r) => out.push(r))();
  return out.map((r) => r.sequence);
}

test('numbers 1, 2, 3... and stamps each event with the clock', () => {
  const log = new EventLog(() => new Date(42));
  const first = log.emit(create('a'));
  const second = log.emit(create('b'));
  expect([first.sequence, second.sequence]).toEqual([1, 2]);
  expect(first.timestamp.getTime()).toBe(42);
  expect(log.lastSequence).toBe(2);
});

test('subscribe replays what is kept above N, in order, then forwards new events', () => {
  const log = new EventLog();
  log.emit(create('a'));
  log.emit(create('b'));
  const seen: number[] = [];
  const stop = log.subscribe(1, (r) => seen.push(r.sequence));
  log.emit(create('c'));
  stop();
  log.emit(create('d'));
  expect(seen).toEqual([2, 3]);
});

test('N above the last sequence is SequenceOutOfRange (a different shim); N equal to it replays nothing', () => {
  const log = new EventLog();
  log.emit(create('a'));
  expect(() => log.subscribe(2, () => undefined)).toThrow(SequenceOutOfRange);
  expect(kept(log, 1)).toEqual([]);
});

test('forget drops a whole task, or one exec of it; the numbering goes on with gaps', () => {
  const log = new EventLog();
  log.emit(create('a')); // 1
  log.emit(exit('a', 'e1')); // 2
  log.emit(exit('a', 'e2')); // 3
  log.emit(create('b')); // 4
  log.forget('a', 'e1');
  expect(kept(log)).toEqual([1, 3, 4]);
  log.forget('a');
  expect(kept(log)).toEqual([4]);
  expect(log.emit(create('c')).sequence).toBe(5);
});

test('a run of paused/resumed toggles keeps only its latest; other events break the run', () => {
  const log = new EventLog();
  log.emit(create('a')); // 1
  log.emit({ kind: 'taskPaused', containerId: 'a' }); // 2
  log.emit({ kind: 'taskPaused', containerId: 'b' }); // 3: another task's toggle
  log.emit({ kind: 'taskResumed', containerId: 'a' }); // 4 replaces 2
  log.emit(exit('a', 'e1')); // 5
  log.emit({ kind: 'taskPaused', containerId: 'a' }); // 6: after another event of a, kept
  expect(kept(log)).toEqual([1, 3, 4, 5, 6]);
});
