// skiff.containerd.services.content.v1.Content over the content store. Streams are sent in
// bounded pieces (List in batches, Read in chunks) so neither side holds a whole listing or blob.
import type * as grpc from '@grpc/grpc-js';
import { z } from 'zod';
import { failedPrecondition, invalidArgument } from '@skiff/errors';
import { loadAllGrpcObject } from '@skiff/protos';
import type { ProtoGrpcType as ContentProto } from '@skiff/protos/generated/content';
import type { ContentHandlers } from '@skiff/protos/generated/skiff/containerd/services/content/v1/Content';
import type { Info } from '@skiff/protos/generated/skiff/containerd/services/content/v1/Info';
import type { Status } from '@skiff/protos/generated/skiff/containerd/services/content/v1/Status';
import type { WriteContentResponse } from '@skiff/protos/generated/skiff/containerd/services/content/v1/WriteContentResponse';
import type { ContentInfo, ContentStore, ContentWriter, IngestStatus } from '../content/store';
import { toTimestamp } from '../core/timestamps';
import type { GrpcServicePlugin, Plugin } from '../plugins';
import { toServiceError } from './status';
import { namespaceOf, unary } from './unary';

const LIST_BATCH = 100;
const READ_CHUNK = 1024 * 1024;

const int64 = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) {
    ctx.addIssue({ code: 'custom', message: `"${v}" is not a non-negative integer` });
    return z.NEVER;
  }
  return n;
});

const DigestRequestSchema = z.object({ digest: z.string().min(1, 'digest is required') });
const RefRequestSchema = z.object({ ref: z.string().min(1, 'ref is required') });
const FiltersSchema = z.object({ filters: z.array(z.string()) });
const UpdateSchema = z.object({
  info: z.object({ digest: z.string().min(1, 'info.digest is required'), labels: z.record(z.string(), z.string()) }).nullable(),
  updateMask: z.object({ paths: z.array(z.string()) }).nullable(),
});
const ReadSchema = z.object({ digest: z.string().min(1, 'digest is required'), offset: int64, size: int64 });
const WriteSchema = z.object({
  action: z.enum(['WRITE_ACTION_STAT', 'WRITE_ACTION_WRITE', 'WRITE_ACTION_COMMIT']),
  ref: z.string(),
  total: int64,
  expected: z.string(),
  offset: int64,
  data: z.instanceof(Buffer),
  labels: z.record(z.string(), z.string()),
});
type WriteRequest = z.output<typeof WriteSchema>;

function infoToMessage(info: ContentInfo): Info {
  return {
    digest: info.digest,
    size: String(info.size),
    createdAt: toTimestamp(info.createdAt),
    updatedAt: toTimestamp(info.updatedAt),
    labels: info.labels,
  };
}

function statusToMessage(s: IngestStatus): Status {
  return {
    ref: s.ref,
    offset: String(s.offset),
    total: String(s.total),
    expected: s.expected,
    startedAt: toTimestamp(s.startedAt),
    updatedAt: toTimestamp(s.updatedAt),
  };
}

/** Validates a server-streaming call's request; on failure the call ends with the status. */
function streamRequest<S extends z.ZodType>(call: grpc.ServerWritableStream<unknown, unknown>, schema: S): z.output<S> | undefined {
  try {
    namespaceOf(call);
    return schema.parse(call.request);
  } catch (err) {
    call.emit('error', toServiceError(err));
    return undefined;
  }
}

/** Writes one message, waiting while the transport's buffer is full. */
function send(call: grpc.ServerWritableStream<unknown, unknown>, message: unknown): Promise<void> {
  return new Promise((resolve) => {
    if (call.write(message)) resolve();
    else call.once('drain', resolve);
  });
}

/**
 * One Write stream: requests are handled in arrival order. The ref is fixed by the first request;
 * the ingest is opened on it (exclusively: a second writer gets UNAVAILABLE) and released when
 * the stream ends, keeping its data so a later stream resumes from the offset Status reports.
 */
function writeSession(content: ContentStore, call: grpc.ServerDuplexStream<unknown, WriteContentResponse>): void {
  let writer: ContentWriter | undefined;
  let ref: string | undefined;
  let failed = false;
  let queue = Promise.resolve();

  const release = () => {
    const w = writer;
    writer = undefined;
    return w ? w.close() : Promise.resolve();
  };
  const fail = (err: unknown) => {
    if (failed) return;
    failed = true;
    void release().finally(() => call.emit('error', toServiceError(err)));
  };

  const handle = async (request: WriteRequest): Promise<void> => {
    if (ref === undefined) {
      if (request.ref === '') throw invalidArgument('the first write request must name a ref');
      ref = request.ref;
    } else if (request.ref !== '' && request.ref !== ref) {
      throw invalidArgument(`this stream writes ref "${ref}", not "${request.ref}"`);
    }
    writer ??= await content.writer(ref, { ...(request.total > 0 ? { total: request.total } : {}), ...(request.expected ? { expected: request.expected } : {}) });
    const status = writer.status();
    if (request.action === 'WRITE_ACTION_STAT') {
      call.write(response(request.action, writer.status()));
      return;
    }
    if (request.total > 0 && status.total > 0 && request.total !== status.total) {
      throw invalidArgument(`ref "${ref}": total ${request.total} differs from the ${status.total} given before`);
    }
    if (request.data.length > 0) await writer.write(request.data, request.offset);
    if (request.action === 'WRITE_ACTION_WRITE') {
      call.write(response(request.action, writer.status()));
      return;
    }
    const expected = request.expected || status.expected;
    if (!expected) throw failedPrecondition(`commit of "${ref}": an expected digest is required`);
    const committing = writer;
    const final = committing.status();
    writer = undefined;
    const info = await committing.commit(expected, request.total || final.total, request.labels);
    call.write({ ...response(request.action, final), digest: info.digest });
  };

  call.on('data', (raw: unknown) => {
    let request: WriteRequest;
    try {
      request = WriteSchema.parse(raw);
    } catch (err) {
      fail(err);
      return;
    }
    queue = queue.then(() => (failed ? undefined : handle(request).catch(fail)));
  });
  call.on('end', () => {
    queue = queue.then(async () => {
      await release();
      if (!failed) call.end();
    });
  });
  call.on('cancelled', () => {
    failed = true;
    queue = queue.then(release);
  });
  try {
    namespaceOf(call);
  } catch (err) {
    fail(err);
  }
}

function response(action: WriteRequest['action'], s: IngestStatus): WriteContentResponse {
  return {
    action,
    startedAt: toTimestamp(s.startedAt),
    updatedAt: toTimestamp(s.updatedAt),
    offset: String(s.offset),
    total: String(s.total),
    digest: '',
  };
}

export function contentService(content: ContentStore): ContentHandlers {
  return {
    Info: unary(DigestRequestSchema, async (r) => ({ info: infoToMessage(await content.info(r.digest)) })),
    Update: unary(UpdateSchema, async (r) => {
      if (!r.info) throw invalidArgument('info is required');
      return { info: infoToMessage(await content.update(r.info.digest, r.info.labels, r.updateMask?.paths ?? [])) };
    }),
    List: (call: grpc.ServerWritableStream<unknown, unknown>) => {
      const request = streamRequest(call, FiltersSchema);
      if (!request) return;
      void (async () => {
        const infos = await content.list(request.filters);
        for (let i = 0; i < infos.length && !call.cancelled; i += LIST_BATCH) {
          await send(call, { info: infos.slice(i, i + LIST_BATCH).map(infoToMessage) });
        }
        call.end();
      })().catch((err) => call.emit('error', toServiceError(err)));
    },
    Delete: unary(DigestRequestSchema, async (r) => {
      await content.delete(r.digest);
      return {};
    }),
    Read: (call: grpc.ServerWritableStream<unknown, unknown>) => {
      const request = streamRequest(call, ReadSchema);
      if (!request) return;
      void (async () => {
        const stream = await content.reader(request.digest, { offset: request.offset, size: request.size });
        call.once('cancelled', () => stream.destroy());
        let offset = request.offset;
        for await (const chunk of stream) {
          const data = chunk as Buffer;
          for (let i = 0; i < data.length; i += READ_CHUNK) {
            const piece = data.subarray(i, i + READ_CHUNK);
            await send(call, { offset: String(offset), data: piece });
            offset += piece.length;
          }
        }
        call.end();
      })().catch((err) => call.emit('error', toServiceError(err)));
    },
    Status: unary(RefRequestSchema, async (r) => ({ status: statusToMessage(await content.status(r.ref)) })),
    ListStatuses: unary(FiltersSchema, async (r) => ({ statuses: (await content.listStatuses(r.filters)).map(statusToMessage) })),
    Write: (call: grpc.ServerDuplexStream<unknown, WriteContentResponse>) => writeSession(content, call),
    Abort: unary(RefRequestSchema, async (r) => {
      await content.abort(r.ref);
      return {};
    }),
  } as ContentHandlers;
}

export const contentGrpcPlugin: Plugin<GrpcServicePlugin> = {
  type: 'grpc',
  id: 'content',
  requires: ['content/local'],
  init(ctx) {
    const { store } = ctx.get<{ store: ContentStore }>('content', 'local');
    return {
      register(server) {
        const proto = loadAllGrpcObject<ContentProto>();
        server.addService(proto.skiff.containerd.services.content.v1.Content.service, contentService(store));
      },
    };
  },
};
