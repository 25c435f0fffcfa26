import type * as grpc from '@grpc/grpc-js';
import type { z } from 'zod';
import type { TaskHandlers } from '@skiff/protos/generated/skiff/shim/v1/Task';
import { resourceExhausted } from '@skiff/errors';
import type { EventLog } from '../core/event-log';
import type { RecordedEvent } from '../core/events';
import type { TaskManager } from '../core/task-manager';
import { toEnvelope, toMetrics, toTimestamp } from './convert';
import {
  CloseIoSchema,
  ConnectSchema,
  CreateTaskSchema,
  EventsSchema,
  ExecSchema,
  KillSchema,
  ProcessRefSchema,
  ResizePtySchema,
  ShutdownSchema,
  TaskRefSchema,
  UpdateSchema,
} from './schemas';
import { toServiceError } from './status';

/**
 * Events a subscriber has not taken yet, per stream. Beyond it the stream ends with
 * RESOURCE_EXHAUSTED and the subscriber resumes from its last sequence: a stalled client costs a
 * bounded amount of memory and never slows the containers.
 */
export const EVENT_BACKLOG_LIMIT = 10_000;

export interface TaskServiceOptions {
  manager: TaskManager;
  events: EventLog;
  namespace: string;
  version: string;
  clock?: () => Date;
}

/** Validates, calls the core, answers: every unary RPC has this shape. */
function unary<S extends z.ZodType, Res>(
  schema: S,
  handler: (request: z.output<S>) => Promise<Res> | Res,
): grpc.handleUnaryCall<unknown, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => handler(schema.parse(call.request)))
      .then(
        (response) => callback(null, response),
        (err: unknown) => callback(toServiceError(err)),
      );
  };
}

/** The skiff.shim.v1.Task handlers, plus endStreams() for the shim's exit. */
export function taskService(opts: TaskServiceOptions): { handlers: TaskHandlers; endStreams: () => void } {
  const { manager, events, namespace } = opts;
  const clock = opts.clock ?? (() => new Date());
  // Each open Events stream and how to unsubscribe it.
  const streams = new Map<grpc.ServerWritableStream<unknown, unknown>, () => void>();
  const close = (call: grpc.ServerWritableStream<unknown, unknown>, err?: unknown) => {
    const unsubscribe = streams.get(call);
    if (!unsubscribe) return;
    streams.delete(call);
    unsubscribe();
    if (err === undefined) call.end();
    else call.emit('error', toServiceError(err));
  };

  const handlers: TaskHandlers = {
    Create: unary(CreateTaskSchema, (r) => manager.create(r)),
    Start: unary(ProcessRefSchema, (r) => manager.start(r.id, r.execId)),
    Delete: unary(ProcessRefSchema, async (r) => {
      const result = await manager.delete(r.id, r.execId);
      return { pid: result.pid, exitStatus: result.exitStatus, exitedAt: toTimestamp(result.exitedAt) };
    }),
    Exec: unary(ExecSchema, async (r) => {
      await manager.exec(r);
      return {};
    }),
    ResizePty: unary(ResizePtySchema, (r) => {
      manager.resizePty(r.id, r.execId, r.width, r.height);
      return {};
    }),
    CloseIO: unary(CloseIoSchema, (r) => {
      manager.closeIo(r.id, r.execId, r.stdin);
      return {};
    }),
    Kill: unary(KillSchema, async (r) => {
      await manager.kill(r.id, r.execId, r.signal, r.all);
      return {};
    }),
    State: unary(ProcessRefSchema, (r) => {
      const s = manager.state(r.id, r.execId);
      return { ...s, exitedAt: toTimestamp(s.exitedAt) };
    }),
    Pids: unary(TaskRefSchema, async (r) => ({ processes: await manager.pids(r.id) })),
    Pause: unary(TaskRefSchema, async (r) => {
      await manager.pause(r.id);
      return {};
    }),
    Resume: unary(TaskRefSchema, async (r) => {
      await manager.resume(r.id);
      return {};
    }),
    Wait: unary(ProcessRefSchema, async (r) => {
      const exit = await manager.wait(r.id, r.execId);
      return { exitStatus: exit.status, exitedAt: toTimestamp(exit.at) };
    }),
    Stats: unary(TaskRefSchema, async (r) => {
      const { stats, oomKills } = await manager.stats(r.id);
      return { metrics: toMetrics(r.id, stats, oomKills, clock()) };
    }),
    Update: unary(UpdateSchema, async (r) => {
      await manager.update(r.id, r.resources);
      return {};
    }),
    Connect: unary(ConnectSchema, (r) => ({ ...manager.connect(r.id), version: opts.version })),
    Shutdown: unary(ShutdownSchema, (r) => {
      manager.shutdown(r.now);
      return {};
    }),
    Events: (call) => {
      let afterSequence: number;
      try {
        afterSequence = EventsSchema.parse(call.request).afterSequence;
      } catch (err) {
        call.emit('error', toServiceError(err));
        return;
      }
      // The replay may be long by design (everything kept since the subscriber left): only what
      // piles up after it counts against the limit.
      let replayed = 0;
      let replaying = true;
      streams.set(call, () => {});
      const send = (recorded: RecordedEvent) => {
        if (!streams.has(call)) return;
        if (replaying) replayed++;
        else if (call.writableLength >= EVENT_BACKLOG_LIMIT + replayed) {
          close(call, resourceExhausted(`the subscriber fell ${EVENT_BACKLOG_LIMIT} events behind: resume after the last sequence it handled`));
          return;
        }
        call.write(toEnvelope(recorded, namespace));
      };
      try {
        const unsubscribe = events.subscribe(afterSequence, send);
        streams.set(call, unsubscribe);
      } catch (err) {
        close(call, err);
        return;
      }
      replaying = false;
      call.on('cancelled', () => {
        streams.get(call)?.();
        streams.delete(call);
      });
    },
  };

  const endStreams = () => {
    for (const call of [...streams.keys()]) close(call);
  };
  return { handlers, endStreams };
}
