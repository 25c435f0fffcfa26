// The messages other components rely on: field names, the runtime options' path from the API to
// the shim, the typed events and their topics, and one real gRPC exchange over a unix socket.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import type * as protoLoader from '@grpc/proto-loader';
import { DEFAULT_NAMESPACE, NAMESPACE_METADATA_KEY, loadGrpcObject, loadPackageDefinition, loaderOptions, protoRoot, topics } from '../index';
import type { ProtoGrpcType as ShimProto } from '../generated/shim';
import type { Envelope__Output } from '../generated/skiff/events/v1/Envelope';
import type { RuntimeOptions } from '../generated/skiff/types/v1/RuntimeOptions';
import type { TaskHandlers } from '../generated/skiff/shim/v1/Task';

// What proto-loader puts in a message definition's `type` (typed only as `object` there).
type Descriptor = {
  name: string;
  field: { name: string; type: string; typeName: string; label: string }[];
  value: { name: string; number: number }[];
};
type Msg = { type: Descriptor };
const def = loadPackageDefinition();
const message = (name: string) => {
  const m = def[name] as unknown as Msg | undefined;
  if (!m) throw new Error(`no message ${name}`);
  return m;
};
type Field = Descriptor['field'][number];
const fieldsOf = (name: string): Field[] => message(name).type.field;
const fieldNames = (name: string) => fieldsOf(name).map((f) => f.name);

// protobufjs reports a field's type name relative to the message's package; resolve it the way
// protoc scopes names (innermost package first) to get the full name.
function fieldType(msg: string, field: string): string {
  const f = fieldsOf(msg).find((x) => x.name === field);
  if (!f) throw new Error(`${msg} has no field ${field}`);
  if (f.type !== 'TYPE_MESSAGE' && f.type !== 'TYPE_ENUM') return f.type;
  const scope = msg.split('.');
  for (let i = scope.length; i >= 0; i--) {
    const candidate = [...scope.slice(0, i), f.typeName].join('.');
    if (def[candidate]) return candidate;
  }
  throw new Error(`cannot resolve ${f.typeName} from ${msg}`);
}

const method = (service: string, rpc: string) => (def[service] as protoLoader.ServiceDefinition)[rpc];
const roundTrip = <T extends object>(service: string, rpc: string, request: T): T => {
  const m = method(service, rpc);
  return m.requestDeserialize(m.requestSerialize(request)) as T;
};

describe('package entry point', () => {
  test('protoRoot is the absolute path of protos/, loaderOptions match the generated types', () => {
    expect(protoRoot).toBe(path.resolve(__dirname, '..'));
    expect(fs.existsSync(path.join(protoRoot, 'skiff/shim/v1/shim.proto'))).toBe(true);
    expect(loaderOptions).toMatchObject({ keepCase: false, longs: String, enums: String, defaults: true, oneofs: true });
    expect(NAMESPACE_METADATA_KEY).toBe('skiff-namespace');
    expect(DEFAULT_NAMESPACE).toBe('default');
  });

  test('loadPackageDefinition accepts one file and resolves its imports from protoRoot', () => {
    const one = loadPackageDefinition('skiff/shim/v1/shim.proto');
    expect(one['skiff.shim.v1.Task']).toBeDefined();
    expect(one['skiff.types.v1.RuntimeOptions']).toBeDefined();
    expect(one['skiff.containerd.services.tasks.v1.Tasks']).toBeUndefined();
  });
});

describe('task state', () => {
  test('Status has the six states, UNKNOWN first (the zero value)', () => {
    const values = message('skiff.types.v1.Status').type.value.map((v) => [v.name, v.number]);
    expect(values).toEqual([['UNKNOWN', 0], ['CREATED', 1], ['RUNNING', 2], ['STOPPED', 3], ['PAUSED', 4], ['PAUSING', 5]]);
  });

  test('shim State returns status, pid, exit status and time, stdio and terminal', () => {
    expect(fieldNames('skiff.shim.v1.StateResponse')).toEqual(
      expect.arrayContaining(['status', 'pid', 'exitStatus', 'exitedAt', 'stdin', 'stdout', 'stderr', 'terminal', 'bundle']),
    );
    expect(fieldType('skiff.shim.v1.StateResponse', 'status')).toBe('skiff.types.v1.Status');
    expect(fieldType('skiff.shim.v1.StateResponse', 'exitedAt')).toBe('google.protobuf.Timestamp');
    expect(fieldNames('skiff.shim.v1.WaitResponse')).toEqual(['exitStatus', 'exitedAt']);
    expect(fieldType('skiff.shim.v1.WaitResponse', 'exitedAt')).toBe('google.protobuf.Timestamp');
    expect(fieldNames('skiff.shim.v1.ConnectResponse')).toEqual(expect.arrayContaining(['shimPid', 'taskPid']));
  });

  test('shim Create carries bundle, rootfs mounts, stdio, terminal and runtime options', () => {
    expect(fieldNames('skiff.shim.v1.CreateTaskRequest')).toEqual(
      ['id', 'bundle', 'rootfs', 'terminal', 'stdin', 'stdout', 'stderr', 'runtimeOptions'],
    );
    expect(fieldType('skiff.shim.v1.CreateTaskRequest', 'rootfs')).toBe('skiff.types.v1.Mount');
    expect(fieldNames('skiff.types.v1.Mount')).toEqual(['type', 'source', 'target', 'options']);
  });

  test('Stats returns typed metrics (cpu, memory, pids, blkio), not an Any', () => {
    expect(fieldType('skiff.shim.v1.StatsResponse', 'metrics')).toBe('skiff.types.v1.Metrics');
    expect(fieldType('skiff.containerd.services.tasks.v1.MetricsResponse', 'metrics')).toBe('skiff.types.v1.Metrics');
    for (const [field, type] of [['cpu', 'CpuStats'], ['memory', 'MemoryStats'], ['pids', 'PidsStats'], ['blkio', 'BlkioStats']]) {
      expect(fieldType('skiff.types.v1.Metrics', field)).toBe(`skiff.types.v1.${type}`);
    }
  });
});

describe('runtime options, end to end', () => {
  const options: RuntimeOptions = {
    name: '/usr/local/bin/crun',
    root: '/run/skiff/crun',
    runtimeArgs: ['--systemd-cgroup'],
    logPathJsonFile: '/var/lib/skiff/daemon/containers/c1/c1-json.log',
    logOptions: { maxSizeBytes: '10485760', maxFiles: 3 },
  };

  test('RuntimeOptions has the runtime name, its root, args, the json-file log and its rotation', () => {
    expect(fieldNames('skiff.types.v1.RuntimeOptions')).toEqual(['name', 'root', 'runtimeArgs', 'logPathJsonFile', 'logOptions']);
    expect(fieldNames('skiff.types.v1.LogOptions')).toEqual(['maxSizeBytes', 'maxFiles']);
  });

  test('each hop (container record, task create, shim create) uses the same message', () => {
    expect(fieldType('skiff.containerd.services.containers.v1.Runtime', 'options')).toBe('skiff.types.v1.RuntimeOptions');
    expect(fieldType('skiff.containerd.services.tasks.v1.CreateTaskRequest', 'runtimeOptions')).toBe('skiff.types.v1.RuntimeOptions');
    expect(fieldType('skiff.shim.v1.CreateTaskRequest', 'runtimeOptions')).toBe('skiff.types.v1.RuntimeOptions');
  });

  test('they survive the wire at every hop unchanged, with no conversion code', () => {
    const created = roundTrip('skiff.containerd.services.containers.v1.Containers', 'Create', {
      container: { id: 'c1', runtime: { name: 'crun', options } },
    });
    const fromRecord = created.container.runtime.options;
    const task = roundTrip('skiff.containerd.services.tasks.v1.Tasks', 'Create', { containerId: 'c1', runtimeOptions: fromRecord });
    const shim = roundTrip('skiff.shim.v1.Task', 'Create', { id: 'c1', bundle: '/b', runtimeOptions: task.runtimeOptions });
    expect(shim.runtimeOptions).toEqual(options);
  });
});

describe('containers', () => {
  test('Container has the fields the supervisor stores', () => {
    expect(fieldNames('skiff.containerd.services.containers.v1.Container')).toEqual([
      'id', 'labels', 'image', 'runtime', 'spec', 'snapshotter', 'snapshotKey', 'createdAt', 'updatedAt', 'extensions',
    ]);
    expect(fieldNames('skiff.containerd.services.containers.v1.Runtime')).toEqual(['name', 'options', 'shimGroup']);
    expect(fieldsOf('skiff.containerd.services.containers.v1.Container').find((f) => f.name === 'spec')?.type).toBe('TYPE_BYTES');
  });

  test('Version answers version and revision', () => {
    expect(fieldNames('skiff.containerd.services.version.v1.VersionResponse')).toEqual(['version', 'revision']);
  });
});

describe('events', () => {
  const envelope = 'skiff.events.v1.Envelope';

  test('the shim stream and the containerd subscription carry the same Envelope', () => {
    // (proto-loader builds a definition object per use: compare the descriptors.)
    const env = message(envelope).type;
    expect((method('skiff.shim.v1.Task', 'Events').responseType as unknown as Msg).type).toEqual(env);
    expect((method('skiff.containerd.services.events.v1.Events', 'Subscribe').responseType as unknown as Msg).type).toEqual(env);
    expect(fieldNames(envelope).slice(0, 4)).toEqual(['timestamp', 'namespace', 'topic', 'sequence']);
    expect(fieldsOf(envelope).find((f) => f.name === 'sequence')?.type).toBe('TYPE_UINT64');
    expect(fieldNames('skiff.shim.v1.EventsRequest')).toEqual(['afterSequence']);
  });

  test('every typed event in the oneof has a topic, and the topic is documented on its message', () => {
    const oneof = fieldNames(envelope).slice(4);
    expect(oneof).toEqual([...Object.keys(topics), 'custom']);
    for (const [field, topic] of Object.entries(topics)) {
      const type = fieldType(envelope, field);
      const file = path.join(protoRoot, 'generated', ...type.split('.')) + '.ts';
      expect(fs.readFileSync(file, 'utf8')).toContain(`Topic "${topic}"`);
    }
  });

  test('the shim emits the nine task events; each names its container', () => {
    const taskEvents = Object.keys(topics).filter((k) => k.startsWith('task'));
    expect(taskEvents).toEqual([
      'taskCreate', 'taskStart', 'taskExit', 'taskDelete', 'taskOom', 'taskExecAdded', 'taskExecStarted', 'taskPaused', 'taskResumed',
    ]);
    for (const e of taskEvents) expect(fieldNames(fieldType(envelope, e))[0]).toBe('containerId');
    expect(fieldNames('skiff.events.v1.TaskExit')).toEqual(['containerId', 'execId', 'pid', 'exitStatus', 'exitedAt']);
  });

  test('an envelope decodes with the oneof member named (longs as strings, timestamps as seconds/nanos)', () => {
    const m = method('skiff.shim.v1.Task', 'Events');
    const bytes = m.responseSerialize({
      timestamp: { seconds: 1700000000, nanos: 5 },
      namespace: 'default',
      topic: topics.taskExit,
      sequence: '18446744073709551615',
      taskExit: { containerId: 'c1', pid: 42, exitStatus: 137, exitedAt: { seconds: 1700000000 } },
    });
    const env = m.responseDeserialize(bytes) as Envelope__Output;
    expect(env.event).toBe('taskExit');
    expect(env.sequence).toBe('18446744073709551615');
    expect(env.timestamp).toEqual({ seconds: '1700000000', nanos: 5 });
    expect(env.taskExit).toMatchObject({ containerId: 'c1', execId: '', pid: 42, exitStatus: 137 });
  });
});

describe('a real exchange over a unix socket (grpc-js, typed by generated/)', () => {
  let dir: string;
  let server: grpc.Server;
  let client: InstanceType<ShimProto['skiff']['shim']['v1']['Task']>;
  const received: unknown[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-protos-'));
    const proto = loadGrpcObject<ShimProto>('skiff/shim/v1/shim.proto');
    // A stand-in shim: records Create, and keeps three events to replay after a sequence number.
    const kept: Envelope__Output[] = [1, 2, 3].map((n) => ({
      timestamp: { seconds: '1700000000', nanos: 0 },
      namespace: 'default',
      topic: [topics.taskCreate, topics.taskStart, topics.taskExit][n - 1],
      sequence: String(n),
      event: (['taskCreate', 'taskStart', 'taskExit'] as const)[n - 1],
      [(['taskCreate', 'taskStart', 'taskExit'] as const)[n - 1]]: { containerId: 'c1', pid: 42 },
    }));
    const handlers: Partial<TaskHandlers> = {
      Create: (call, cb) => {
        received.push(call.request);
        cb(null, { pid: 42 });
      },
      Events: (call) => {
        for (const e of kept) if (BigInt(e.sequence) > BigInt(call.request.afterSequence)) call.write(e);
        call.end();
      },
    };
    server = new grpc.Server();
    server.addService(proto.skiff.shim.v1.Task.service, handlers as TaskHandlers);
    const address = `unix://${path.join(dir, 'shim.sock')}`;
    await new Promise<void>((resolve, reject) =>
      server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (err) => (err ? reject(err) : resolve())),
    );
    client = new proto.skiff.shim.v1.Task(address, grpc.credentials.createInsecure());
  });

  afterAll(async () => {
    client?.close();
    await new Promise<void>((resolve) => (server ? server.tryShutdown(() => resolve()) : resolve()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('Create reaches the shim with its runtime options intact', async () => {
    const res = await new Promise<{ pid: number }>((resolve, reject) =>
      client.Create(
        { id: 'c1', bundle: '/run/skiff/b/c1', runtimeOptions: { name: 'builtin', logOptions: { maxFiles: 2 } } },
        (err, r) => (err ? reject(err) : resolve(r!)),
      ),
    );
    expect(res.pid).toBe(42);
    expect(received[0]).toMatchObject({ id: 'c1', runtimeOptions: { name: 'builtin', logOptions: { maxFiles: 2, maxSizeBytes: '0' } } });
  });

  test('Events streams envelopes after the sequence asked for', async () => {
    const got: Envelope__Output[] = [];
    await new Promise<void>((resolve, reject) => {
      const stream = client.Events({ afterSequence: 1 });
      stream.on('data', (e: Envelope__Output) => got.push(e));
      stream.on('end', resolve);
      stream.on('error', reject);
    });
    expect(got.map((e) => [e.sequence, e.event, e.topic])).toEqual([
      ['2', 'taskStart', '/tasks/start'],
      ['3', 'taskExit', '/tasks/exit'],
    ]);
  });
});
