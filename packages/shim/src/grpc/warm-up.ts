// A shim's first task would otherwise pay for first uses: protobufjs generates each message type's
// codec the first time one is encoded or decoded, and zod compiles each schema on its first parse.
// In a fresh shim that is tens of ms inside the first Create, Start, Wait and Delete (and their
// events), which is what a warm shim exists to avoid. Everything here stays inside the process.
import type * as grpc from '@grpc/grpc-js';
import type { z } from 'zod';
import type { TaskEvent, TaskEventKind } from '../core/events';
import { toEnvelope, toTimestamp } from './convert';
import { ConnectSchema, CreateTaskSchema, EventsSchema, KillSchema, ProcessRefSchema, ShutdownSchema, TaskRefSchema } from './schemas';

type EventSamples = { [K in TaskEventKind]: Omit<Extract<TaskEvent, { kind: K }>, 'kind'> };

/**
 * Decodes and validates a request, and encodes a response, of each call a task's life cycle makes,
 * and encodes an event of each kind, with the codecs the server uses. Only these: generated code
 * stays in memory (this warm-up adds ~2 MB to an idle shim's private memory), and the rarer calls
 * (Exec, Stats, Update...) can pay for their own first use.
 */
export function warmUpCodecs(definition: grpc.ServiceDefinition, namespace: string): void {
  const id = 'warm-up';
  const at = new Date();
  const exitedAt = toTimestamp(at);
  const method = (name: string) => {
    const m = definition[name];
    if (!m) throw new Error(`the Task service has no method ${name}`);
    return m;
  };
  const ref = { id, execId: '' };
  const calls: Array<[string, object, object, z.ZodType]> = [
    [
      'Create',
      {
        id,
        bundle: '/',
        rootfs: [{ type: 'overlay', source: 'overlay', target: '', options: ['ro'] }],
        terminal: false,
        stdin: '',
        stdout: '',
        stderr: '',
        runtimeOptions: { name: '', root: '/', runtimeArgs: [], logPathJsonFile: '', logOptions: { maxSizeBytes: '0', maxFiles: 0 } },
      },
      { pid: 1 },
      CreateTaskSchema,
    ],
    ['Start', ref, { pid: 1 }, ProcessRefSchema],
    ['Wait', ref, { exitStatus: 0, exitedAt }, ProcessRefSchema],
    ['Delete', ref, { pid: 1, exitStatus: 0, exitedAt }, ProcessRefSchema],
    ['State', ref, { ...ref, bundle: '/', pid: 1, status: 'RUNNING', stdin: '', stdout: '', stderr: '', terminal: false, exitStatus: 0, exitedAt }, ProcessRefSchema],
    ['Kill', { ...ref, signal: 9, all: false }, {}, KillSchema],
    ['Pids', { id }, { processes: [{ pid: 1, execId: '' }] }, TaskRefSchema],
    ['Connect', { id }, { shimPid: 1, taskPid: 1, version: '' }, ConnectSchema],
    ['Shutdown', { id, now: false }, {}, ShutdownSchema],
    ['Events', { afterSequence: '0' }, {}, EventsSchema],
  ];
  for (const [name, request, response, schema] of calls) {
    const m = method(name);
    schema.parse(m.requestDeserialize(m.requestSerialize(request)));
    if (name !== 'Events') m.responseSerialize(response);
  }

  const events: EventSamples = {
    taskCreate: { containerId: id, bundle: '/', pid: 1, stdin: '', stdout: '', stderr: '', terminal: false },
    taskStart: { containerId: id, pid: 1 },
    taskExit: { containerId: id, execId: '', pid: 1, exitStatus: 0, exitedAt: at },
    taskDelete: { containerId: id, pid: 1, exitStatus: 0, exitedAt: at },
    taskOom: { containerId: id },
    taskExecAdded: { containerId: id, execId: id },
    taskExecStarted: { containerId: id, execId: id, pid: 1 },
    taskPaused: { containerId: id },
    taskResumed: { containerId: id },
  };
  let sequence = 0;
  for (const [kind, fields] of Object.entries(events)) {
    const event = { kind, ...fields } as TaskEvent;
    method('Events').responseSerialize(toEnvelope({ sequence: ++sequence, timestamp: at, event }, namespace));
  }
}
