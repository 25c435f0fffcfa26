import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import type { Envelope__Output } from '@skiff/protos/generated/skiff/events/v1/Envelope';
import type { TaskClient } from '@skiff/protos/generated/skiff/shim/v1/Task';
import { listen, shimClient, stopServer } from '../../src/grpc/server';
import { EventLog } from '../../src/core/event-log';
import { EVENT_BACKLOG_LIMIT, taskService } from '../../src/grpc/task-service';
import { Fixture, fixture, settle } from '../helpers/fake-runtime';

// The gRPC adapter over a real unix socket, with the fake runtime behind the core: request
// validation, status codes, message shapes. No root needed.

let f: Fixture;
let server: grpc.Server;
let client: TaskClient;
let endStreams: () => void;
let dir: string;

beforeEach(async () => {
  f = fixture();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-shim-grpc-'));
  const service = taskService({ manager: f.manager, events: f.events, namespace: 'ns1', version: '9.9.9', clock: () => new Date(5_500) });
  endStreams = service.endStreams;
  const socket = path.join(dir, 'shim.sock');
  server = await listen(socket, service.handlers);
  client = shimClient(`unix://${socket}`);
});

afterEach(async () => {
  client.close();
  await stopServer(server, 1_000);
  f.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

type Method =
  | 'Create'
  | 'Start'
  | 'Delete'
  | 'Exec'
  | 'Kill'
  | 'State'
  | 'Pids'
  | 'Pause'
  | 'Resume'
  | 'Wait'
  | 'Stats'
  | 'Connect'
  | 'Shutdown'
  | 'Update'
  | 'ResizePty'
  | 'CloseIO';

function call(method: Method, request: object): Promise<any> {
  return new Promise((resolve, reject) => {
    (client[method] as unknown as (r: object, cb: (err: grpc.ServiceError | null, res: unknown) => void) => void)(request, (err, res) =>
      err ? reject(err) : resolve(res),
    );
  });
}

async function code(method: Method, request: object): Promise<string> {
  try {
    await call(method, request);
  } catch (err) {
    return `${grpc.status[(err as grpc.ServiceError).code]}: ${(err as grpc.ServiceError).details}`;
  }
  return 'OK';
}

const spec = (process: object) => Buffer.from(JSON.stringify(process));

test('Create, State, Start, Wait, Delete: enums by name, pids, timestamps', async () => {
  const { pid } = await call('Create', { id: 'c1', bundle: f.bundle });
  expect(await call('State', { id: 'c1' })).toMatchObject({ id: 'c1', execId: '', pid, status: 'CREATED', exitedAt: null });
  expect(await call('Start', { id: 'c1' })).toEqual({ pid });
  const waiting = call('Wait', { id: 'c1' });
  await settle(10);
  f.runtime.exit(pid, 3);
  const waited = await waiting;
  expect(waited.exitStatus).toBe(3);
  expect(Number(waited.exitedAt.seconds)).toBeGreaterThan(1_700_000_000);
  expect(await call('State', { id: 'c1' })).toMatchObject({ status: 'STOPPED', exitStatus: 3 });
  expect(await call('Delete', { id: 'c1' })).toEqual({ pid, exitStatus: 3, exitedAt: waited.exitedAt });
});

test('errors carry the codes of @skiff/errors', async () => {
  await call('Create', { id: 'c1', bundle: f.bundle });
  await call('Start', { id: 'c1' });
  expect(await code('State', { id: 'nope' })).toBe('NOT_FOUND: task nope not found');
  expect(await code('Delete', { id: 'c1' })).toBe('FAILED_PRECONDITION: cannot delete task c1: it is running');
  expect(await code('Create', { id: 'c1', bundle: f.bundle })).toBe('ALREADY_EXISTS: task c1 already exists');
  expect(await code('Create', { id: 'c1', bundle: f.bundle, terminal: true })).toMatch(/^ALREADY_EXISTS/);
  expect(await code('Create', { id: 'c2', bundle: f.bundle, terminal: true, stderr: '/x/err' })).toMatch(/^INVALID_ARGUMENT: stderr must be ""/);
  expect(await code('ResizePty', { id: 'c1', width: 80, height: 24 })).toBe('FAILED_PRECONDITION: task c1 has no terminal');
  expect(await code('ResizePty', { id: 'c1', execId: 'e9', width: 80, height: 24 })).toBe('NOT_FOUND: exec e9 not found in task c1');
  expect(await code('CloseIO', { id: 'nope', stdin: true })).toBe('NOT_FOUND: task nope not found');
  expect(await code('Update', { id: 'nope', resources: spec({}) })).toBe('NOT_FOUND: task nope not found');
});

test('ResizePty, CloseIO and Update reach the core', async () => {
  fs.writeFileSync(path.join(f.bundle, 'config.json'), JSON.stringify({ process: { terminal: true } }));
  await call('Create', { id: 'c1', bundle: f.bundle, terminal: true });
  expect(await call('ResizePty', { id: 'c1', width: 132, height: 43 })).toEqual({});
  expect(f.ios[0]!.sizes).toEqual([[132, 43]]);
  expect(await call('CloseIO', { id: 'c1', stdin: true })).toEqual({});
  expect(f.ios[0]!.stdinClosed).toBe(true);
  const resources = { memory: { limit: 1 << 26 }, cpu: { shares: 512 } };
  expect(await call('Update', { id: 'c1', resources: spec(resources), annotations: { a: 'b' } })).toEqual({});
  expect(f.runtime.updates).toEqual([['c1', resources]]);
});

test('requests are validated at the boundary: INVALID_ARGUMENT naming the field', async () => {
  expect(await code('Create', { id: '../x', bundle: f.bundle })).toBe('INVALID_ARGUMENT: id: must be letters, digits and + - . _ only');
  expect(await code('Create', { id: 'c1', bundle: 'relative' })).toBe('INVALID_ARGUMENT: bundle: must be an absolute path');
  expect(await code('Create', { id: 'c1', bundle: f.bundle, runtimeOptions: { logPathJsonFile: 'x.log' } })).toBe(
    'INVALID_ARGUMENT: runtimeOptions.logPathJsonFile: must be an absolute path or ""',
  );
  expect(await code('Kill', { id: 'c1', signal: 0 })).toBe('INVALID_ARGUMENT: signal: must be a signal number (1-64)');
  expect(await code('Exec', { id: 'c1', execId: 'e1', spec: Buffer.from('{') })).toMatch(/^INVALID_ARGUMENT: spec: not JSON/);
  expect(await code('Exec', { id: 'c1', execId: 'e1', spec: spec({ cwd: '/', args: [] }) })).toBe('INVALID_ARGUMENT: spec: args must not be empty');
  expect(await code('Exec', { id: 'c1', execId: 'e1', spec: spec({ args: ['x'] }) })).toMatch(/^INVALID_ARGUMENT: spec.cwd: /);
  expect(await code('Exec', { id: 'c1', execId: '', spec: spec({ args: ['x'], cwd: '/' }) })).toMatch(/^INVALID_ARGUMENT: execId/);
  expect(await code('ResizePty', { id: 'c1', width: 70_000, height: 24 })).toBe('INVALID_ARGUMENT: width: must be at most 65535');
  expect(await code('Update', { id: 'c1' })).toMatch(/^INVALID_ARGUMENT: resources: not JSON/);
  expect(await code('Update', { id: 'c1', resources: Buffer.from('[1]') })).toMatch(/^INVALID_ARGUMENT: resources: /);
  expect(await code('Update', { id: 'c1', resources: spec({ memory: { limit: 'lots' } }) })).toMatch(/^INVALID_ARGUMENT: resources.memory.limit: /);
});

test('the runtime options reach the core decoded (uint64 strings as numbers)', async () => {
  const log = path.join(dir, 'c1.log');
  await call('Create', { id: 'c1', bundle: f.bundle, runtimeOptions: { logPathJsonFile: log, logOptions: { maxSizeBytes: '1048576', maxFiles: 3 } } });
  expect(f.ios[0]!.request.log).toEqual({ path: log, maxSizeBytes: 1048576, maxFiles: 3 });
});

test('Exec then Start of the exec; Pids, Pause, Resume, Kill, Connect', async () => {
  const { pid } = await call('Create', { id: 'c1', bundle: f.bundle });
  await call('Start', { id: 'c1' });
  expect(await call('Exec', { id: 'c1', execId: 'e1', spec: spec({ args: ['sleep', '1'], cwd: '/' }) })).toEqual({});
  const exec = await call('Start', { id: 'c1', execId: 'e1' });
  expect(await call('Pids', { id: 'c1' })).toEqual({ processes: [{ pid, execId: '' }, { pid: exec.pid, execId: 'e1' }] });
  await call('Pause', { id: 'c1' });
  expect((await call('State', { id: 'c1', execId: 'e1' })).status).toBe('PAUSED');
  await call('Resume', { id: 'c1' });
  await call('Kill', { id: 'c1', execId: 'e1', signal: 15 });
  expect(f.signals).toEqual([[exec.pid, 15]]);
  expect(await call('Connect', { id: 'c1' })).toEqual({ shimPid: process.pid, taskPid: pid, version: '9.9.9' });
  expect(await code('Connect', { id: 'other' })).toBe('NOT_FOUND: task other not found');
});

test('Stats maps the runtime sample to typed Metrics (unlimited as 0, 64-bit as strings)', async () => {
  await call('Create', { id: 'c1', bundle: f.bundle });
  await call('Start', { id: 'c1' });
  const { metrics } = await call('Stats', { id: 'c1' });
  expect(metrics).toMatchObject({
    timestamp: { seconds: '5', nanos: 500_000_000 },
    containerId: 'c1',
    cpu: { usageTotalNs: '1500', usageUserNs: '1000', usageSystemNs: '500', perCpuNs: ['700', '800'] },
    memory: { usageBytes: '4096', maxUsageBytes: '8192', limitBytes: '0', rssBytes: '4096', oomKills: '0', raw: { total_rss: '4096' } },
    pids: { current: '1', limit: '0' },
    blkio: { ioServiceBytes: [], ioServiced: [] },
  });
});

function collect(after: string | number, count: number): Promise<Envelope__Output[]> {
  return new Promise((resolve, reject) => {
    const got: Envelope__Output[] = [];
    const stream = client.Events({ afterSequence: after });
    stream.on('data', (e: Envelope__Output) => {
      got.push(e);
      if (got.length === count) {
        stream.cancel();
        resolve(got);
      }
    });
    stream.on('error', (err: grpc.ServiceError) => (err.code === grpc.status.CANCELLED ? undefined : reject(err)));
  });
}

test('Events: envelopes with topic, namespace, sequence; replay after N; OUT_OF_RANGE beyond the last', async () => {
  const live = collect(0, 4);
  const { pid } = await call('Create', { id: 'c1', bundle: f.bundle });
  await call('Start', { id: 'c1' });
  f.runtime.exit(pid, 0);
  await call('Wait', { id: 'c1' });
  await call('Delete', { id: 'c1' });
  const events = await live;
  expect(events.map((e) => [e.sequence, e.topic, e.event, e.namespace])).toEqual([
    ['1', '/tasks/create', 'taskCreate', 'ns1'],
    ['2', '/tasks/start', 'taskStart', 'ns1'],
    ['3', '/tasks/exit', 'taskExit', 'ns1'],
    ['4', '/tasks/delete', 'taskDelete', 'ns1'],
  ]);
  expect(events[2]!.taskExit).toMatchObject({ containerId: 'c1', execId: '', pid, exitStatus: 0 });
  expect(Number(events[0]!.timestamp!.seconds)).toBeGreaterThan(1_700_000_000);

  await call('Create', { id: 'c2', bundle: f.bundle });
  await call('Start', { id: 'c2' });
  expect((await collect('5', 1)).map((e) => [e.sequence, e.topic])).toEqual([['6', '/tasks/start']]);
  await expect(collect(99, 1)).rejects.toMatchObject({ code: grpc.status.OUT_OF_RANGE });
});

test('endStreams ends every Events stream with OK (the shim is exiting)', async () => {
  const stream = client.Events({ afterSequence: 0 });
  const ended = new Promise<string>((resolve) => {
    stream.on('status', (s: grpc.StatusObject) => resolve(grpc.status[s.code]));
    stream.on('data', () => undefined);
    stream.on('error', () => undefined);
  });
  await settle(50);
  endStreams();
  expect(await ended).toBe('OK');
});

test('a subscriber that stops reading is ended with RESOURCE_EXHAUSTED once it is 10 000 events behind', () => {
  const log = new EventLog();
  log.emit({ kind: 'taskPaused', containerId: 'replayed' });
  const service = taskService({ manager: f.manager, events: log, namespace: 'ns1', version: '0' });
  // A stream whose client never reads: everything written stays queued.
  const call = Object.assign(new EventEmitter(), {
    request: { afterSequence: '0' },
    writableLength: 0,
    write(this: { writableLength: number }) {
      this.writableLength++;
      return false;
    },
    end: jest.fn(),
  });
  const errors: { code?: number }[] = [];
  call.on('error', (e: { code?: number }) => errors.push(e));
  (service.handlers.Events as unknown as (c: unknown) => void)(call);
  for (let i = 0; i < EVENT_BACKLOG_LIMIT; i++) log.emit({ kind: 'taskOom', containerId: 'x' });
  expect(errors).toEqual([]);
  log.emit({ kind: 'taskOom', containerId: 'x' });
  expect(errors.map((e) => grpc.status[e.code!])).toEqual(['RESOURCE_EXHAUSTED']);
  // Unsubscribed: later events are not queued any more.
  const queued = call.writableLength;
  log.emit({ kind: 'taskOom', containerId: 'x' });
  expect(call.writableLength).toBe(queued);
});
