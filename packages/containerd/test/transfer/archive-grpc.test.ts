// The five archive RPCs over a real gRPC server on a unix socket: chunks of at most 64 KiB, options
// first then data, progress and images back, errors as statuses.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadGrpcObject } from '@skiff/protos';
import type { ProtoGrpcType } from '@skiff/protos/generated/transfer';
import type { TransferClient } from '@skiff/protos/generated/skiff/containerd/services/transfer/v1/Transfer';
import { CHUNK_BYTES, archiveHandlers } from '../../src/grpc/transfer-archive';
import { ArchiveEnv, Fixtures, NS, isRoot, unmountUnder } from '../helpers/archive/env';
import { buildTar, file, listTar } from '../helpers/images/tars';

jest.setTimeout(180_000);

const fx = new Fixtures();
let e: ArchiveEnv;
let server: grpc.Server;
let client: TransferClient;

beforeAll(async () => {
  e = await ArchiveEnv.create(fx);
  const proto = loadGrpcObject<ProtoGrpcType>('skiff/containerd/services/transfer/v1/transfer.proto');
  server = new grpc.Server();
  server.addService(proto.skiff.containerd.services.transfer.v1.Transfer.service, archiveHandlers(e.deps));
  const address = `unix://${path.join(e.root, 'grpc.sock')}`;
  await new Promise<void>((resolve, reject) => server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (err) => (err ? reject(err) : resolve())));
  client = new proto.skiff.containerd.services.transfer.v1.Transfer(address, grpc.credentials.createInsecure());
});

afterAll(async () => {
  client?.close();
  await new Promise<void>((resolve) => (server ? server.tryShutdown(() => resolve()) : resolve()));
  await unmountUnder(e.root);
  await fx.cleanup();
});

const meta = () => {
  const m = new grpc.Metadata();
  m.set('skiff-namespace', NS);
  return m;
};

function collectChunks(call: grpc.ClientReadableStream<{ data: Buffer }>): Promise<{ data: Buffer; largest: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let largest = 0;
    call.on('data', (c: { data: Buffer }) => {
      chunks.push(c.data);
      largest = Math.max(largest, c.data.length);
    });
    call.on('error', reject);
    call.on('end', () => resolve({ data: Buffer.concat(chunks), largest }));
  });
}

function sendParts(call: grpc.ClientWritableStream<unknown>, options: object, data: Buffer): void {
  call.write({ options });
  for (let i = 0; i < data.length; i += 10_000) call.write({ data: data.subarray(i, i + 10_000) });
  call.end();
}

test('Export then Import: the archive comes in chunks of at most 64 KiB and loads back', async () => {
  const image = await e.addImage('docker.io/library/wire:latest', { format: 'oci', extraLayerSizes: [300_000] });
  const { data, largest } = await collectChunks(client.Export({ names: ['wire'], format: 'docker-archive' }, meta()));
  expect(largest).toBeLessThanOrEqual(CHUNK_BYTES);
  expect((await listTar(data)).map((m) => m.name)).toContain('manifest.json');

  e.images.delete(NS, 'docker.io/library/wire:latest');
  const call = client.Import(meta());
  const progress: Array<{ status: string; image: { name: string; target: { digest: string } } | null }> = [];
  const done = new Promise<void>((resolve, reject) => {
    call.on('data', (p: (typeof progress)[number]) => progress.push(p));
    call.on('error', reject);
    call.on('end', resolve);
  });
  sendParts(call, { defaultName: '', unpack: false }, data);
  await done;
  const loaded = progress.filter((p) => p.image);
  expect(loaded.map((p) => [p.status, p.image!.name, p.image!.target.digest])).toEqual([['Loaded image: wire:latest', 'docker.io/library/wire:latest', image.manifest.descriptor.digest]]);
  expect(progress.some((p) => p.status === 'Loading layer')).toBe(true);
});

test('errors come back as statuses', async () => {
  await expect(collectChunks(client.Export({ names: ['missing'] }, meta()))).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  await expect(collectChunks(client.Export({ names: [] }, meta()))).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  const call = client.Import(meta());
  const failed = new Promise((resolve) => call.on('error', resolve));
  call.on('data', () => undefined);
  call.write({ data: Buffer.from('no options first') });
  call.end();
  expect(await failed).toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  await expect(new Promise((resolve, reject) => client.Commit({ containerId: 'nope' }, meta(), (err, res) => (err ? reject(err) : resolve(res))))).rejects.toMatchObject({
    code: grpc.status.NOT_FOUND,
  });
});

(isRoot ? test : test.skip)('ImportRootfs, ExportRootfs and Commit', async () => {
  const rootfs = await buildTar([file('etc/hello', 'hello\n')]);
  const image = await new Promise<{ image: { name: string } }>((resolve, reject) => {
    const call = client.ImportRootfs(meta(), (err, res) => (err ? reject(err) : resolve(res as { image: { name: string } })));
    sendParts(call as unknown as grpc.ClientWritableStream<unknown>, { reference: 'imported:wire', config: Buffer.from('{"Cmd":["/bin/sh"]}'), message: 'm' }, rootfs);
  });
  expect(image.image.name).toBe('docker.io/library/imported:wire');

  const { upper } = await e.container('wired', image.image.name);
  fs.writeFileSync(path.join(upper, 'added'), 'x');
  const { data } = await collectChunks(client.ExportRootfs({ containerId: 'wired' }, meta()));
  expect((await listTar(data)).map((m) => m.name)).toEqual(expect.arrayContaining(['etc/hello', 'added']));

  const committed = await new Promise<{ image: { name: string } }>((resolve, reject) =>
    client.Commit({ containerId: 'wired', reference: 'committed:wire', author: 'a', comment: 'c' }, meta(), (err, res) => (err ? reject(err) : resolve(res as { image: { name: string } }))),
  );
  expect(committed.image.name).toBe('docker.io/library/committed:wire');
  expect((await e.resolve(committed.image.name)).diffIds).toHaveLength(2);
});
