// The task events of docs/shim-api.md, as plain data: the core emits these and the gRPC adapter
// turns them into skiff.events.v1.Envelope. Field names follow the proto messages so the mapping
// stays one line per field.

export interface TaskCreateEvent {
  kind: 'taskCreate';
  containerId: string;
  bundle: string;
  pid: number;
  stdin: string;
  stdout: string;
  stderr: string;
  terminal: boolean;
}

export interface TaskStartEvent {
  kind: 'taskStart';
  containerId: string;
  pid: number;
}

export interface TaskExitEvent {
  kind: 'taskExit';
  containerId: string;
  execId: string;
  pid: number;
  exitStatus: number;
  exitedAt: Date;
}

export interface TaskDeleteEvent {
  kind: 'taskDelete';
  containerId: string;
  pid: number;
  exitStatus: number;
  exitedAt: Date;
}

export interface TaskOomEvent {
  kind: 'taskOom';
  containerId: string;
}

export interface TaskExecAddedEvent {
  kind: 'taskExecAdded';
  containerId: string;
  execId: string;
}

export interface TaskExecStartedEvent {
  kind: 'taskExecStarted';
  containerId: string;
  execId: string;
  pid: number;
}

export interface TaskPausedEvent {
  kind: 'taskPaused';
  containerId: string;
}

export interface TaskResumedEvent {
  kind: 'taskResumed';
  containerId: string;
}

export type TaskEvent =
  | TaskCreateEvent
  | TaskStartEvent
  | TaskExitEvent
  | TaskDeleteEvent
  | TaskOomEvent
  | TaskExecAddedEvent
  | TaskExecStartedEvent
  | TaskPausedEvent
  | TaskResumedEvent;

export type TaskEventKind = TaskEvent['kind'];

/** An event as the shim numbered and stamped it. */
export interface RecordedEvent {
  sequence: number;
  timestamp: Date;
  event: TaskEvent;
}

/** The process an event belongs to, for retention: "" is the init process. */
export function execIdOf(event: TaskEvent): string {
  return 'execId' in event ? event.execId : '';
}
