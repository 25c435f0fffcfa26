import * as fs from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { loadAllGrpcObject } from '@skiff/protos';
import type { ProtoGrpcType } from '@skiff/protos/generated/shim';
import type { TaskClient, TaskHandlers } from '@skiff/protos/generated/skiff/shim/v1/Task';

// One set of message types per process (loadAllGrpcObject loads once): the codecs a warm-up
// generates (warm-up.ts) only serve the server if both use the same ones.
function shimProto(): ProtoGrpcType {
  return loadAllGrpcObject<ProtoGrpcType>();
}

/** The Task service's methods and their codecs, as the server below uses them. */
export function taskServiceDefinition(): grpc.ServiceDefinition {
  return shimProto().skiff.shim.v1.Task.service;
}

/**
 * Serves the Task API on a unix socket, mode 0600 (only root talks to a shim). A socket file left
 * by a shim that died is replaced; `skiff-shim start` has already checked that nobody answers there.
 */
export async function listen(socketPath: string, handlers: TaskHandlers, log?: (line: string) => void): Promise<grpc.Server> {
  try {
    if (fs.lstatSync(socketPath).isSocket()) fs.unlinkSync(socketPath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  // No channelz (gRPC's introspection API, which nothing here serves): it costs every call.
  const server = new grpc.Server({ 'grpc.enable_channelz': 0 });
  server.addService(taskServiceDefinition(), log ? logged(handlers, log) : handlers);
  await new Promise<void>((resolve, reject) =>
    server.bindAsync(`unix://${socketPath}`, grpc.ServerCredentials.createInsecure(), (err) => (err ? reject(err) : resolve())),
  );
  fs.chmodSync(socketPath, 0o600);
  return server;
}

/** Buffers (an exec's spec) reach JSON.stringify as {type, data: [...]}: log their size instead. */
function shortBytes(_key: string, value: unknown): unknown {
  const v = value as { type?: unknown; data?: unknown } | null;
  return v && v.type === 'Buffer' && Array.isArray(v.data) ? `<${v.data.length} bytes>` : value;
}

/** --debug: one line per call with its outcome and duration, in the shim's log. */
function logged(handlers: TaskHandlers, log: (line: string) => void): TaskHandlers {
  const out: Record<string, unknown> = {};
  for (const [name, handler] of Object.entries(handlers)) {
    if (name === 'Events') {
      out[name] = (call: grpc.ServerWritableStream<{ afterSequence: string }, unknown>) => {
        log(`Events after=${call.request.afterSequence} opened`);
        call.on('finish', () => log('Events closed'));
        (handler as grpc.handleServerStreamingCall<unknown, unknown>)(call);
      };
      continue;
    }
    out[name] = (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      const started = Date.now();
      (handler as grpc.handleUnaryCall<unknown, unknown>)(call, (err, response) => {
        const outcome = err ? `${grpc.status[err.code ?? grpc.status.UNKNOWN]}: ${err.details}` : 'OK';
        log(`${name} ${JSON.stringify(call.request, shortBytes)} -> ${outcome} (${Date.now() - started} ms)`);
        callback(err, response);
      });
    };
  }
  return out as unknown as TaskHandlers;
}

/** Lets calls in flight (the Shutdown that got us here) finish, then closes whatever is left. */
export function stopServer(server: grpc.Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** A client of a shim's Task service; `address` is what `skiff-shim start` prints (unix://...). */
export function shimClient(address: string): TaskClient {
  return new (shimProto().skiff.shim.v1.Task)(address, grpc.credentials.createInsecure());
}
