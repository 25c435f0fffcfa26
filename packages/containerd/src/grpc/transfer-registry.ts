// The registry half of skiff.containerd.services.transfer.v1.Transfer: Pull and Push stream
// Docker-worded progress (the last Pull message carries the image), Unpack answers the chain id.
// Credentials come with each request and are used for it only.
import type * as grpc from '@grpc/grpc-js';
import { z } from 'zod';
import type { Progress } from '@skiff/protos/generated/skiff/containerd/services/transfer/v1/Progress';
import type { TransferHandlers } from '@skiff/protos/generated/skiff/containerd/services/transfer/v1/Transfer';
import type { Credentials } from '../registry/auth';
import type { ProgressEvent } from '../transfer/progress';
import type { PullDeps } from '../transfer/pull';
import { PlatformMessageSchema, imageToMessage, platformFromMessage } from './images-service';
import { toServiceError } from './status';
import { namespaceOf, unary } from './unary';

// Loaded on the first call: they bring the registry protocol, decompression and layer unpacking,
// which would delay the socket's first answer at every start of skiff-containerd.
const pull: typeof import('../transfer/pull').pull = (...args) => require('../transfer/pull').pull(...args);
const push: typeof import('../transfer/push').push = (...args) => require('../transfer/push').push(...args);
const unpack: typeof import('../transfer/unpack').unpack = (...args) => require('../transfer/unpack').unpack(...args);

const snapshotter = z.string().refine((s) => s === '' || s === 'overlayfs', { message: 'unknown snapshotter: only "overlayfs" (or "") is served' });

const AuthSchema = z
  .object({ username: z.string(), password: z.string(), identityToken: z.string(), registryToken: z.string(), serverAddress: z.string() })
  .nullable();

const PullSchema = z.object({
  reference: z.string().min(1, 'reference is required'),
  platform: PlatformMessageSchema.nullable(),
  auth: AuthSchema,
  unpack: z.boolean(),
  snapshotter,
});
const PushSchema = z.object({ name: z.string().min(1, 'name is required'), targetReference: z.string(), auth: AuthSchema, platform: PlatformMessageSchema.nullable() });
const UnpackSchema = z.object({ name: z.string().min(1, 'name is required'), platform: PlatformMessageSchema.nullable(), snapshotter });

function credentialsOf(auth: z.output<typeof AuthSchema>): Credentials | undefined {
  if (!auth) return undefined;
  const credentials: Credentials = {
    ...(auth.username !== '' ? { username: auth.username } : {}),
    ...(auth.password !== '' ? { password: auth.password } : {}),
    ...(auth.identityToken !== '' ? { identitytoken: auth.identityToken } : {}),
    ...(auth.registryToken !== '' ? { registrytoken: auth.registryToken } : {}),
  };
  return Object.keys(credentials).length > 0 ? credentials : undefined;
}

function progressMessage(e: ProgressEvent): Progress {
  return { id: e.id, status: e.status, current: e.current ?? 0, total: e.total ?? 0, image: e.image ? imageToMessage(e.image) : null };
}

/**
 * Runs a transfer for a server-streaming call: validates the request, streams each progress event,
 * ends the stream with the transfer's status. A client that goes away cancels the transfer.
 */
function streamed<S extends z.ZodType>(
  schema: S,
  run: (request: z.output<S>, namespace: string, signal: AbortSignal, onProgress: (e: ProgressEvent) => void) => Promise<unknown>,
): grpc.handleServerStreamingCall<unknown, Progress> {
  return (call) => {
    const controller = new AbortController();
    call.once('cancelled', () => controller.abort());
    Promise.resolve()
      .then(() => run(schema.parse(call.request), namespaceOf(call), controller.signal, (e) => call.write(progressMessage(e))))
      .then(
        () => call.end(),
        (err) => call.emit('error', toServiceError(err)),
      );
  };
}

/** Pull, Push and Unpack of the Transfer service. */
export function transferRegistryHandlers(deps: PullDeps): Pick<TransferHandlers, 'Pull' | 'Push' | 'Unpack'> {
  return {
    Pull: streamed(PullSchema, (r, namespace, signal, onProgress) => {
      const platform = platformFromMessage(r.platform);
      const auth = credentialsOf(r.auth);
      return pull(deps, { namespace, reference: r.reference, unpack: r.unpack, signal, ...(platform ? { platform } : {}), ...(auth ? { auth } : {}) }, onProgress);
    }),
    Push: streamed(PushSchema, (r, namespace, signal, onProgress) => {
      const platform = platformFromMessage(r.platform);
      const auth = credentialsOf(r.auth);
      return push(deps, { namespace, name: r.name, targetReference: r.targetReference, signal, ...(platform ? { platform } : {}), ...(auth ? { auth } : {}) }, onProgress);
    }),
    Unpack: unary(UnpackSchema, async (r, namespace) => {
      const platform = platformFromMessage(r.platform);
      return { chainId: await unpack(deps, { namespace, name: r.name, ...(platform ? { platform } : {}) }) };
    }),
  };
}
