// The archive half of skiff.containerd.services.transfer.v1.Transfer (Export, Import,
// ImportRootfs, ExportRootfs, Commit) over the cores in src/transfer/: requests validated with zod,
// bytes streamed both ways with backpressure, failures as @skiff/errors statuses. Pull, Push and
// Unpack live in transfer-registry.ts; both halves are merged into one service registration.
import type * as grpc from '@grpc/grpc-js';
import { PassThrough, type Readable } from 'node:stream';
import { z } from 'zod';
import { canceled, invalidArgument } from '@skiff/errors';
import type { Image } from '@skiff/protos/generated/skiff/containerd/services/images/v1/Image';
import type { TransferHandlers } from '@skiff/protos/generated/skiff/containerd/services/transfer/v1/Transfer';
import type { Chunk } from '@skiff/protos/generated/skiff/containerd/services/transfer/v1/Chunk';
import type { Progress } from '@skiff/protos/generated/skiff/containerd/services/transfer/v1/Progress';
import type { LeaseManager } from '../content/leases';
import type { ContentStore } from '../content/store';
import type { ContainersCore } from '../core/containers';
import { toTimestamp } from '../core/timestamps';
import type { ImageRecord, ImageStore } from '../images/store';
import type { Platform } from '../registry/manifest';
import type { OverlaySnapshotter } from '../snapshots/overlay';
import type { ArchiveProgress } from '../transfer/archive-content';
import type { PauseTask } from '../transfer/commit';
import { toServiceError } from './status';
import { namespaceOf, unary } from './unary';

// Loaded on the first call: they bring tar, compression and the syscalls of layer unpacking,
// which would delay the socket's first answer at every start of skiff-containerd.
const exportArchive: typeof import('../transfer/archive-export').exportArchive = (...args) => require('../transfer/archive-export').exportArchive(...args);
const importArchive: typeof import('../transfer/archive-import').importArchive = (...args) => require('../transfer/archive-import').importArchive(...args);
const commitContainer: typeof import('../transfer/commit').commitContainer = (...args) => require('../transfer/commit').commitContainer(...args);
const exportContainerRootfs: typeof import('../transfer/rootfs-export').exportContainerRootfs = (...args) =>
  require('../transfer/rootfs-export').exportContainerRootfs(...args);
const importRootfs: typeof import('../transfer/rootfs-import').importRootfs = (...args) => require('../transfer/rootfs-import').importRootfs(...args);

export interface ArchiveHandlersDeps {
  content: ContentStore;
  leases: LeaseManager;
  images: ImageStore;
  snapshotter: OverlaySnapshotter;
  containers: ContainersCore;
  /** Freezes a task for Commit { pause: true }; see transfer/commit.ts. */
  pause?: PauseTask;
  /** Where ExportRootfs makes its temporary mount point; default the system's. */
  tempDir?: string;
}

export type ArchiveHandlers = Pick<TransferHandlers, 'Export' | 'Import' | 'ImportRootfs' | 'ExportRootfs' | 'Commit'>;

/** What a Chunk carries at most. */
export const CHUNK_BYTES = 64 * 1024;

const bytes = z.instanceof(Buffer);

const PlatformSchema = z
  .object({ os: z.string(), architecture: z.string(), variant: z.string() })
  .nullable()
  .transform((p, ctx): Platform | undefined => {
    if (p === null || (p.os === '' && p.architecture === '' && p.variant === '')) return undefined;
    if (p.architecture === '') {
      ctx.addIssue({ code: 'custom', message: 'a platform needs an architecture' });
      return z.NEVER;
    }
    return { os: p.os || 'linux', architecture: p.architecture, ...(p.variant ? { variant: p.variant } : {}) };
  });

const ExportSchema = z.object({ names: z.array(z.string().min(1)).min(1, 'name at least one image'), format: z.string(), platform: PlatformSchema });
const ImportOptionsSchema = z.object({ defaultName: z.string(), unpack: z.boolean(), platform: PlatformSchema });
const ImportRootfsOptionsSchema = z.object({ reference: z.string(), config: bytes, message: z.string(), platform: PlatformSchema });
const ExportRootfsSchema = z.object({ containerId: z.string().min(1) });
const CommitSchema = z.object({
  containerId: z.string().min(1),
  reference: z.string(),
  config: bytes,
  author: z.string(),
  comment: z.string(),
  pause: z.boolean(),
});

export function imageMessage(record: ImageRecord): Image {
  const { mediaType, digest, size, annotations, urls, platform, artifactType } = record.target;
  return {
    name: record.name,
    labels: record.labels,
    target: {
      mediaType,
      digest,
      size: String(size),
      annotations: annotations ?? {},
      urls: urls ?? [],
      platform: platform
        ? { os: platform.os, architecture: platform.architecture, variant: platform.variant ?? '', osVersion: platform['os.version'] ?? '', osFeatures: platform['os.features'] ?? [] }
        : null,
      artifactType: artifactType ?? '',
    },
    createdAt: toTimestamp(new Date(record.createdAt)),
    updatedAt: toTimestamp(new Date(record.updatedAt)),
  };
}

function progressMessage(p: ArchiveProgress): Progress {
  return { id: p.id, status: p.status, current: String(p.current), total: String(p.total), image: p.image ? imageMessage(p.image) : null };
}

type StreamCall = grpc.ServerReadableStream<unknown, unknown> | grpc.ServerDuplexStream<unknown, unknown>;
interface PartMessage {
  part?: string;
  options?: unknown;
  data?: Buffer;
}

/**
 * Splits a client stream of { options } then { data }... into the options and a byte stream that
 * applies backpressure to the client (the call is paused while the consumer lags).
 */
function optionsThenData(call: StreamCall): { options: Promise<unknown>; data: PassThrough } {
  const data = new PassThrough();
  let settle!: { resolve: (o: unknown) => void; reject: (e: Error) => void };
  const options = new Promise<unknown>((resolve, reject) => (settle = { resolve, reject }));
  options.catch(() => undefined);
  let first = true;
  call.on('data', (message: PartMessage) => {
    if (data.destroyed) return;
    if (first) {
      first = false;
      if (message.part !== 'options') settle.reject(invalidArgument('the first message must carry the options'));
      else settle.resolve(message.options);
      return;
    }
    if (message.part !== 'data') {
      data.destroy(invalidArgument('options may only come in the first message'));
      return;
    }
    if (!data.write(message.data ?? Buffer.alloc(0))) {
      call.pause();
      data.once('drain', () => call.resume());
    }
  });
  call.on('end', () => {
    if (first) settle.reject(invalidArgument('the stream ended before its options'));
    data.end();
  });
  call.on('error', (err: Error) => data.destroy(err));
  call.on('cancelled', () => data.destroy(canceled('the client cancelled the call')));
  return { options, data };
}

function waitForDrain(call: grpc.ServerWritableStream<unknown, Chunk>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      call.removeListener('drain', done);
      call.removeListener('cancelled', done);
      call.removeListener('close', done);
      resolve();
    };
    call.on('drain', done);
    call.on('cancelled', done);
    call.on('close', done);
  });
}

/** Streams bytes as Chunks of at most CHUNK_BYTES; a cancelled call destroys the source. */
async function sendChunks(call: grpc.ServerWritableStream<unknown, Chunk>, source: Readable): Promise<void> {
  let cancelled = false;
  const onCancel = () => {
    cancelled = true;
    source.destroy(canceled('the client cancelled the call'));
  };
  call.on('cancelled', onCancel);
  try {
    for await (const chunk of source) {
      const buf = chunk as Buffer;
      for (let offset = 0; offset < buf.length && !cancelled; offset += CHUNK_BYTES) {
        if (!call.write({ data: buf.subarray(offset, offset + CHUNK_BYTES) })) await waitForDrain(call);
      }
    }
  } finally {
    call.removeListener('cancelled', onCancel);
  }
}

function fail(call: { emit(event: 'error', err: unknown): unknown }, err: unknown): void {
  call.emit('error', toServiceError(err));
}

export function archiveHandlers(deps: ArchiveHandlersDeps): ArchiveHandlers {
  return {
    Export: (call) => {
      const stream = call as unknown as grpc.ServerWritableStream<unknown, Chunk>;
      (async () => {
        const request = ExportSchema.parse(call.request);
        const archive = await exportArchive(deps, namespaceOf(call), { names: request.names, format: request.format, platform: request.platform });
        await sendChunks(stream, archive);
        call.end();
      })().catch((err) => fail(call, err));
    },

    ExportRootfs: (call) => {
      const stream = call as unknown as grpc.ServerWritableStream<unknown, Chunk>;
      (async () => {
        const request = ExportRootfsSchema.parse(call.request);
        const rootfs = await exportContainerRootfs(deps, namespaceOf(call), request.containerId);
        try {
          await sendChunks(stream, rootfs.stream);
        } finally {
          rootfs.stream.destroy();
          await rootfs.closed;
        }
        call.end();
      })().catch((err) => fail(call, err));
    },

    Import: (call) => {
      const { options, data } = optionsThenData(call as unknown as StreamCall);
      (async () => {
        const namespace = namespaceOf(call);
        const o = ImportOptionsSchema.parse(await options);
        await importArchive(deps, namespace, data, { defaultName: o.defaultName, unpack: o.unpack, platform: o.platform }, (p) => call.write(progressMessage(p)));
        call.end();
      })().catch((err) => {
        data.destroy();
        fail(call, err);
      });
    },

    ImportRootfs: (call, callback) => {
      const { options, data } = optionsThenData(call as unknown as StreamCall);
      (async () => {
        const namespace = namespaceOf(call);
        const o = ImportRootfsOptionsSchema.parse(await options);
        const record = await importRootfs(deps, namespace, data, { reference: o.reference, config: o.config, message: o.message, platform: o.platform });
        return { image: imageMessage(record) };
      })().then(
        (response) => callback(null, response),
        (err) => {
          data.destroy();
          callback(toServiceError(err));
        },
      );
    },

    Commit: unary(CommitSchema, async (r, namespace) => {
      const record = await commitContainer(deps, namespace, {
        containerId: r.containerId,
        reference: r.reference,
        config: r.config,
        author: r.author,
        comment: r.comment,
        pause: r.pause,
      });
      return { image: imageMessage(record) };
    }),
  };
}
