// The shim as a library: the core (testable without sockets or root) and the pieces `serve`
// assembles, for tests and for embedding.
export { TaskManager } from './core/task-manager';
export type { CreateTaskInput, DeleteResult, ExecInput, ProcessState, TaskManagerOptions, TaskStatus } from './core/task-manager';
export { EventLog, SequenceOutOfRange } from './core/event-log';
export type { RecordedEvent, TaskEvent } from './core/events';
export type { CgroupStats, IoFactory, ProcessIo, ProcessIoRequest, StdioFds, TaskRuntime, TaskRuntimeOptions } from './core/ports';
export { JsonFileLog, formatEntry, rfc3339Nano } from './io/json-file-log';
export { LineSplitter, MAX_LOG_ENTRY } from './io/line-splitter';
export { shimClient } from './grpc/server';
export { socketPathFor } from './socket-address';
export { version } from './version';
