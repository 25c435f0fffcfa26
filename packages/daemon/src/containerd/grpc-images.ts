// The ImageTransferPort over skiff-containerd's Transfer and Images services, sharing the
// GrpcContainerd's clients and namespace.
import type { Platform } from '@skiff/engine-api';
import { PassThrough, type Readable } from 'node:stream';
import type * as grpc from '@grpc/grpc-js';
import { isSkiffError } from '@skiff/errors';
import type { Image__Output } from '@skiff/protos/generated/skiff/containerd/services/images/v1/Image';
import type { Progress__Output } from '@skiff/protos/generated/skiff/containerd/services/transfer/v1/Progress';
import type { ImageTransferPort, RegistryAuth, TransferProgress } from '../core/image-ports';
import type { ImageRecord } from '../core/ports';
import { fromGrpc, type GrpcContainerd, platformField, toImage } from './grpc-port';

const CHUNK = 256 * 1024;

function authMessage(auth: RegistryAuth | undefined): object | undefined {
  if (!auth) return undefined;
  return {
    username: auth.username ?? '',
    password: auth.password ?? '',
    identityToken: auth.identityToken ?? '',
    registryToken: auth.registryToken ?? '',
    serverAddress: auth.serverAddress ?? '',
  };
}

function toProgress(p: Progress__Output): TransferProgress {
  return { id: p.id, status: p.status, current: Number(p.current), total: Number(p.total) };
}

/** Resolves when a server stream of progress messages ends, rejects with its error. */
function drainProgress(stream: grpc.ClientReadableStream<Progress__Output>, onProgress: (p: TransferProgress) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on('data', (p: Progress__Output) => onProgress(toProgress(p)));
    stream.on('error', (err: grpc.ServiceError) => reject(fromGrpc(err)));
    stream.on('end', resolve);
  });
}

/** Writes the options message, then source in chunks, honouring the call's back-pressure. */
async function sendOptionsThenData(call: grpc.ClientWritableStream<object>, options: object, source: Readable): Promise<void> {
  const write = (message: object) =>
    new Promise<void>((resolve) => {
      if (call.write(message)) resolve();
      else call.once('drain', resolve);
    });
  await write({ options });
  for await (const chunk of source) {
    const buf = chunk as Buffer;
    for (let off = 0; off < buf.length; off += CHUNK) await write({ data: buf.subarray(off, off + CHUNK) });
  }
  call.end();
}

export class GrpcImages implements ImageTransferPort {
  constructor(private readonly port: GrpcContainerd) {}

  getImage(name: string): Promise<ImageRecord> {
    return this.port.getImage(name);
  }

  listImages(): Promise<ImageRecord[]> {
    return this.port.listImages();
  }

  readBlob(digest: string): Promise<Buffer> {
    return this.port.readBlob(digest);
  }

  pull(reference: string, auth: RegistryAuth | undefined, onProgress: (p: TransferProgress) => void, platform?: Platform): Promise<void> {
    const a = authMessage(auth);
    const request = { reference, unpack: true, snapshotter: 'overlayfs', ...(a ? { auth: a } : {}), ...platformField(platform) };
    return drainProgress(this.port.openStream('transfer', 'Pull', request), onProgress);
  }

  push(name: string, auth: RegistryAuth | undefined, onProgress: (p: TransferProgress) => void): Promise<void> {
    const a = authMessage(auth);
    return drainProgress(this.port.openStream('transfer', 'Push', { name, targetReference: '', ...(a ? { auth: a } : {}) }), onProgress);
  }

  exportArchive(names: string[]): Readable {
    const out = new PassThrough();
    const s = this.port.openStream<{ data: Buffer }>('transfer', 'Export', { names, format: 'docker-archive' });
    s.on('data', (m: { data: Buffer }) => {
      if (!out.write(m.data)) {
        s.pause();
        out.once('drain', () => s.resume());
      }
    });
    s.on('error', (err: grpc.ServiceError) => out.destroy(fromGrpc(err)));
    s.on('end', () => out.end());
    out.on('close', () => s.cancel());
    return out;
  }

  importArchive(archive: Readable, onProgress: (p: TransferProgress) => void): Promise<void> {
    const client = this.port.client('transfer') as unknown as { Import(meta: grpc.Metadata): grpc.ClientDuplexStream<object, Progress__Output> };
    const call = client.Import(this.port.callMetadata);
    const done = drainProgress(call, onProgress);
    // A body that breaks off cancels the call, which then fails the progress stream.
    sendOptionsThenData(call, { defaultName: '', unpack: true }, archive).catch(() => call.cancel());
    return done;
  }

  importRootfs(reference: string, configChanges: object, message: string, tarball: Readable): Promise<ImageRecord> {
    const client = this.port.client('transfer') as unknown as {
      ImportRootfs(meta: grpc.Metadata, cb: (err: grpc.ServiceError | null, res?: { image: Image__Output }) => void): grpc.ClientWritableStream<object>;
    };
    return new Promise((resolve, reject) => {
      const call = client.ImportRootfs(this.port.callMetadata, (err, res) => (err ? reject(fromGrpc(err)) : resolve(toImage(res!.image))));
      sendOptionsThenData(call, { reference, config: Buffer.from(JSON.stringify(configChanges)), message }, tarball).catch((err: Error) => {
        call.cancel();
        reject(err);
      });
    });
  }

  async commit(containerId: string, reference: string, configChanges: object, author: string, comment: string, pause: boolean): Promise<ImageRecord> {
    const res = await this.port.call<{ image: Image__Output }>('transfer', 'Commit', {
      containerId,
      reference,
      config: Buffer.from(JSON.stringify(configChanges)),
      author,
      comment,
      pause,
    }, 10 * 60_000);
    return toImage(res.image);
  }

  async putImage(name: string, target: ImageRecord['target']): Promise<void> {
    const image = { name, target: { ...target, size: String(target.size) } };
    try {
      await this.port.call('images', 'Create', { image });
    } catch (err) {
      if (!isSkiffError(err, 'AlreadyExists')) throw err;
      await this.port.call('images', 'Update', { image, updateMask: { paths: ['target'] } });
    }
  }

  async deleteImage(name: string): Promise<void> {
    await this.port.call('images', 'Delete', { name, sync: true });
  }
}
