// loadAllGrpcObject reads the protos as parsed ahead of time (generated/descriptors.json): every
// method must put the same bytes on the wire, and decode them to the same objects, as the
// proto-loader definitions made from the .proto text (loadPackageDefinition).
import type * as grpc from '@grpc/grpc-js';
import { loadAllGrpcObject, loadPackageDefinition } from '../index';

type Definitions = Record<string, grpc.ServiceDefinition>;

function servicesOf(object: Record<string, unknown>, prefix = ''): Definitions {
  const out: Definitions = {};
  for (const [key, value] of Object.entries(object)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'function' && 'service' in value) out[name] = (value as unknown as { service: grpc.ServiceDefinition }).service;
    else if (value && typeof value === 'object') Object.assign(out, servicesOf(value as Record<string, unknown>, name));
  }
  return out;
}

const precompiled = servicesOf(loadAllGrpcObject<Record<string, unknown>>());
const fromText = Object.fromEntries(
  Object.entries(loadPackageDefinition()).filter(([, v]) => !('format' in v)),
) as unknown as Definitions;

// Requests and responses with something in each kind of field the services use.
const samples: Array<[string, string, 'request' | 'response', object]> = [
  ['skiff.shim.v1.Task', 'Create', 'request', {
    id: 'c1', bundle: '/b', terminal: true, stdin: '/i', stdout: '/o', stderr: '',
    rootfs: [{ type: 'overlay', source: 'overlay', target: '', options: ['lowerdir=/l', 'upperdir=/u'] }],
    runtimeOptions: { name: 'builtin', root: '/r', runtimeArgs: ['--debug'], logPathJsonFile: '/log', logOptions: { maxSizeBytes: '10485760', maxFiles: 3 } },
  }],
  ['skiff.shim.v1.Task', 'State', 'response', { id: 'c1', pid: 42, status: 'RUNNING', exitStatus: 0, exitedAt: { seconds: '1700000000', nanos: 5 } }],
  ['skiff.shim.v1.Task', 'Events', 'response', { sequence: '7', envelope: { namespace: 'n', topic: '/tasks/exit', taskExit: { containerId: 'c1', execId: '', pid: 42, exitStatus: 137 } } }],
];

describe('loadAllGrpcObject (precompiled protos)', () => {
  test('has exactly the services and methods of the .proto files', () => {
    expect(Object.keys(precompiled).sort()).toEqual(Object.keys(fromText).sort());
    for (const [name, service] of Object.entries(fromText)) {
      expect(Object.keys(precompiled[name]!).sort()).toEqual(Object.keys(service).sort());
      for (const [rpc, m] of Object.entries(service)) {
        const p = precompiled[name]![rpc]!;
        expect([p.path, p.requestStream, p.responseStream]).toEqual([m.path, m.requestStream, m.responseStream]);
      }
    }
  });

  test('every method encodes an empty message and decodes empty bytes as the .proto text does (defaults, longs, enums, oneofs)', () => {
    for (const [name, service] of Object.entries(fromText)) {
      for (const [rpc, m] of Object.entries(service)) {
        const p = precompiled[name]![rpc]!;
        expect([name, rpc, Buffer.from(p.requestSerialize({}))]).toEqual([name, rpc, Buffer.from(m.requestSerialize({}))]);
        expect([name, rpc, p.responseDeserialize(Buffer.alloc(0))]).toEqual([name, rpc, m.responseDeserialize(Buffer.alloc(0))]);
        expect([name, rpc, p.requestDeserialize(Buffer.alloc(0))]).toEqual([name, rpc, m.requestDeserialize(Buffer.alloc(0))]);
      }
    }
  });

  test.each(samples)('%s.%s %s: same bytes, same decoded object', (name, rpc, side, value) => {
    const p = precompiled[name]![rpc]!;
    const m = fromText[name]![rpc]!;
    const [pSer, pDe, mSer, mDe] =
      side === 'request' ? [p.requestSerialize, p.requestDeserialize, m.requestSerialize, m.requestDeserialize] : [p.responseSerialize, p.responseDeserialize, m.responseSerialize, m.responseDeserialize];
    const bytes = Buffer.from(mSer(value));
    expect(bytes.length).toBeGreaterThan(0);
    expect(Buffer.from(pSer(value))).toEqual(bytes);
    expect(pDe(bytes)).toEqual(mDe(bytes));
  });
});
