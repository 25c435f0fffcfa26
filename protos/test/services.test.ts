// The contract, checked by name: every service and RPC that other components are built against
// must exist with its streaming shape, so renaming or dropping one fails here first. The lists are
// exact: adding an RPC to a released v1 is allowed, but it is added here too, on purpose.
import fs from 'node:fs';
import path from 'node:path';
import * as protoLoader from '@grpc/proto-loader';
import { loadAllGrpcObject, loadPackageDefinition, protoFiles, protoRoot } from '../index';

type Shape = 'unary' | 'server-stream' | 'client-stream' | 'bidi';
// What proto-loader puts in a message definition's `type` (typed only as `object` there).
type Descriptor = {
  name: string;
  field: { name: string; type: string; typeName: string; label: string }[];
  value: { name: string; number: number }[];
};
type Msg = { type: Descriptor };
const unary = (...names: string[]): Record<string, Shape> => Object.fromEntries(names.map((n) => [n, 'unary' as Shape]));

const services: Record<string, { file: string; methods: Record<string, Shape> }> = {
  'skiff.shim.v1.Task': {
    file: 'skiff/shim/v1/shim.proto',
    methods: {
      ...unary('Create', 'Start', 'Delete', 'Exec', 'ResizePty', 'CloseIO', 'Kill', 'State', 'Pids', 'Pause', 'Resume'),
      ...unary('Wait', 'Stats', 'Update', 'Connect', 'Shutdown'),
      Events: 'server-stream',
    },
  },
  'skiff.containerd.services.containers.v1.Containers': {
    file: 'skiff/containerd/services/containers/v1/containers.proto',
    methods: unary('Get', 'List', 'Create', 'Update', 'Delete'),
  },
  'skiff.containerd.services.tasks.v1.Tasks': {
    file: 'skiff/containerd/services/tasks/v1/tasks.proto',
    methods: unary(
      'Create', 'Start', 'Delete', 'DeleteProcess', 'Get', 'List', 'Kill', 'Exec', 'ResizePty', 'CloseIO',
      'Pause', 'Resume', 'ListPids', 'Update', 'Metrics', 'Wait',
    ),
  },
  'skiff.containerd.services.events.v1.Events': {
    file: 'skiff/containerd/services/events/v1/events.proto',
    methods: { ...unary('Publish', 'Forward'), Subscribe: 'server-stream' },
  },
  'skiff.containerd.services.version.v1.Version': {
    file: 'skiff/containerd/services/version/v1/version.proto',
    methods: unary('Version'),
  },
  'skiff.containerd.services.content.v1.Content': {
    file: 'skiff/containerd/services/content/v1/content.proto',
    methods: {
      ...unary('Info', 'Update', 'Delete', 'Status', 'ListStatuses', 'Abort'),
      List: 'server-stream',
      Read: 'server-stream',
      Write: 'bidi',
    },
  },
  'skiff.containerd.services.images.v1.Images': {
    file: 'skiff/containerd/services/images/v1/images.proto',
    methods: unary('Get', 'List', 'Create', 'Update', 'Delete'),
  },
  'skiff.containerd.services.snapshots.v1.Snapshots': {
    file: 'skiff/containerd/services/snapshots/v1/snapshots.proto',
    methods: {
      ...unary('Prepare', 'View', 'Mounts', 'Commit', 'Remove', 'Stat', 'Update', 'Usage'),
      List: 'server-stream',
    },
  },
  'skiff.containerd.services.transfer.v1.Transfer': {
    file: 'skiff/containerd/services/transfer/v1/transfer.proto',
    methods: {
      ...unary('Commit', 'Unpack'),
      Pull: 'server-stream',
      Push: 'server-stream',
      Export: 'server-stream',
      Import: 'bidi',
      ImportRootfs: 'client-stream',
      ExportRootfs: 'server-stream',
    },
  },
};

function shapeOf(m: protoLoader.MethodDefinition<object, object>): Shape {
  if (m.requestStream && m.responseStream) return 'bidi';
  if (m.requestStream) return 'client-stream';
  if (m.responseStream) return 'server-stream';
  return 'unary';
}

describe('every .proto loads with @grpc/proto-loader (includeDirs: protos/)', () => {
  const files = protoFiles();

  test('the package lists its protos: shim, seven containerd services, events, types', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'skiff/shim/v1/shim.proto',
        ...Object.values(services).map((s) => s.file),
        'skiff/events/v1/envelope.proto',
        'skiff/types/v1/mount.proto',
        'skiff/types/v1/descriptor.proto',
        'skiff/types/v1/platform.proto',
        'skiff/types/v1/metrics.proto',
        'skiff/types/v1/runtime.proto',
        'skiff/types/v1/process.proto',
      ]),
    );
  });

  test.each(protoFiles())('%s loads on its own', (file) => {
    const def = protoLoader.loadSync(file, { includeDirs: [protoRoot] });
    expect(Object.keys(def).length).toBeGreaterThan(0);
  });

  test.each(protoFiles())('%s is versioned by folder: its package is its path', (file) => {
    const text = fs.readFileSync(path.join(protoRoot, file), 'utf8');
    expect(text).toMatch(/^syntax = "proto3";$/m);
    const pkg = /^package ([a-z0-9_.]+);$/m.exec(text)?.[1];
    expect(pkg).toBe(path.posix.dirname(file).split('/').join('.'));
    expect(path.posix.basename(path.posix.dirname(file))).toMatch(/^v[0-9]+$/);
  });
});

describe('services and methods', () => {
  const def = loadPackageDefinition();

  test.each(Object.keys(services))('%s has exactly the contract RPCs, with their streaming shapes', (name) => {
    const service = def[name] as protoLoader.ServiceDefinition | undefined;
    expect(service).toBeDefined();
    const actual = Object.fromEntries(Object.entries(service!).map(([rpc, m]) => [rpc, shapeOf(m)]));
    expect(actual).toEqual(services[name].methods);
    for (const [rpc, m] of Object.entries(service!)) expect(m.path).toBe(`/${name}/${rpc}`);
  });

  test('every RPC has request and response messages of its own package, never google.protobuf.Empty', () => {
    for (const name of Object.keys(services)) {
      const pkg = name.slice(0, name.lastIndexOf('.'));
      for (const [rpc, m] of Object.entries(def[name] as protoLoader.ServiceDefinition)) {
        // (proto-loader builds a definition object per use: compare the descriptors.)
        const req = (m.requestType as unknown as Msg).type;
        expect(`${rpc}: ${req.name}`).not.toMatch(/: Empty$/);
        expect((def[`${pkg}.${req.name}`] as unknown as Msg | undefined)?.type).toEqual(req);
        // Streams of events answer with the shared Envelope; everything else with its own message.
        const res = (m.responseType as unknown as Msg).type;
        if (['Events', 'Subscribe'].includes(rpc)) expect(res).toEqual((def['skiff.events.v1.Envelope'] as unknown as Msg).type);
        else expect((def[`${pkg}.${res.name}`] as unknown as Msg | undefined)?.type).toEqual(res);
      }
    }
  });

  test('shim requests name the container (id), and the process (exec_id) where a process is meant', () => {
    // (Field names as loaded: camelCase.)
    const fields = (msg: string) =>
      (def[`skiff.shim.v1.${msg}`] as unknown as Msg).type.field.map((f) => f.name);
    const withExec = ['StartRequest', 'DeleteRequest', 'ExecProcessRequest', 'ResizePtyRequest', 'CloseIORequest', 'KillRequest', 'StateRequest', 'WaitRequest'];
    const idOnly = ['CreateTaskRequest', 'PidsRequest', 'PauseRequest', 'ResumeRequest', 'StatsRequest', 'UpdateTaskRequest', 'ConnectRequest', 'ShutdownRequest'];
    for (const m of withExec) expect(fields(m).slice(0, 2)).toEqual(['id', 'execId']);
    for (const m of idOnly) {
      expect(fields(m)[0]).toBe('id');
      expect(fields(m)).not.toContain('execId');
    }
  });
});

describe('loadAllGrpcObject', () => {
  test('gives every service its client and definition, from one load per process', () => {
    const all = loadAllGrpcObject<Record<string, unknown>>();
    expect(loadAllGrpcObject()).toBe(all);
    for (const [name, { methods }] of Object.entries(services)) {
      const client = name.split('.').reduce<unknown>((o, part) => (o as Record<string, unknown> | undefined)?.[part], all) as { service: protoLoader.ServiceDefinition };
      expect(typeof client).toBe('function');
      expect(Object.keys(client.service).sort()).toEqual(Object.keys(methods).sort());
      for (const [rpc, m] of Object.entries(client.service)) expect(m.path).toBe(`/${name}/${rpc}`);
    }
  });
});
