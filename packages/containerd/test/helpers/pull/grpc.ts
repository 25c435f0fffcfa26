// An in-process stock skiff-containerd on a temporary unix socket (images, content, snapshots
// and transfer among its services), with clients, and a cleanup that stops it,
// unmounts anything left under its directory and removes it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadGrpcObject } from '@skiff/protos';
import type { ProtoGrpcType as ContentProto } from '@skiff/protos/generated/content';
import type { ProtoGrpcType as ImagesProto } from '@skiff/protos/generated/images';
import type { ProtoGrpcType as SnapshotsProto } from '@skiff/protos/generated/snapshots';
import type { ProtoGrpcType as TransferProto } from '@skiff/protos/generated/transfer';
import { resolveConfig } from '../../../src/config';
import { type Containerd, startContainerd } from '../../../src/server';
import { unmount } from '../../../src/snapshots/mount';

const shimBin = path.resolve(__dirname, '../../../../shim/bin/skiff-shim');

export interface TestContainerd {
  dir: string;
  containerd: Containerd;
  images: grpc.Client;
  content: grpc.Client;
  snapshots: grpc.Client;
  transfer: grpc.Client;
  stop(): Promise<void>;
}

function mountsUnder(dir: string): string[] {
  return fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((mountPoint) => mountPoint.startsWith(`${dir}/`))
    .reverse();
}

export async function startTestContainerd(): Promise<TestContainerd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-grpc-'));
  const config = resolveConfig({
    root: path.join(dir, 'root'),
    state: path.join(dir, 'state'),
    address: path.join(dir, 'containerd.sock'),
    shim: { warm: { size: 0, namespaces: ['default'] }, socketDir: path.join(dir, 's'), binary: shimBin },
  });
  let containerd: Containerd;
  try {
    containerd = await startContainerd(config);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const target = `unix://${config.address}`;
  const creds = grpc.credentials.createInsecure();
  const images = new (loadGrpcObject<ImagesProto>('skiff/containerd/services/images/v1/images.proto').skiff.containerd.services.images.v1.Images)(target, creds);
  const content = new (loadGrpcObject<ContentProto>('skiff/containerd/services/content/v1/content.proto').skiff.containerd.services.content.v1.Content)(target, creds);
  const snapshots = new (loadGrpcObject<SnapshotsProto>('skiff/containerd/services/snapshots/v1/snapshots.proto').skiff.containerd.services.snapshots.v1.Snapshots)(target, creds);
  const transfer = new (loadGrpcObject<TransferProto>('skiff/containerd/services/transfer/v1/transfer.proto').skiff.containerd.services.transfer.v1.Transfer)(target, creds);
  return {
    dir,
    containerd,
    images,
    content,
    snapshots,
    transfer,
    stop: async () => {
      for (const c of [images, content, snapshots, transfer]) c.close();
      await containerd.stop();
      for (const m of mountsUnder(dir)) await unmount(m).catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The messages of a server stream, or its error. */
export function collect<T = any>(stream: grpc.ClientReadableStream<T>): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const out: T[] = [];
    stream.on('data', (m: T) => out.push(m));
    stream.on('error', reject);
    stream.on('end', () => resolve(out));
  });
}

export function metadata(namespace = 'default'): grpc.Metadata {
  const meta = new grpc.Metadata();
  meta.set('skiff-namespace', namespace);
  return meta;
}
