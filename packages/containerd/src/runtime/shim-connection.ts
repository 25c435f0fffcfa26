import * as grpc from '@grpc/grpc-js';
import { SkiffError, kindOfGrpcCode } from '@skiff/errors';
import { loadAllGrpcObject } from '@skiff/protos';
import type { ProtoGrpcType } from '@skiff/protos/generated/shim';
import type { TaskClient } from '@skiff/protos/generated/skiff/shim/v1/Task';
import type { Envelope__Output } from '@skiff/protos/generated/skiff/events/v1/Envelope';
import type { ShimHandle, ShimMethod } from './shim-port';

let shimProto: ProtoGrpcType | undefined;
function taskService(): ProtoGrpcType['skiff']['shim']['v1']['Task'] {
  shimProto ??= loadAllGrpcObject<ProtoGrpcType>();
  return shimProto.skiff.shim.v1.Task;
}

/** A gRPC failure from a shim, in the shared vocabulary, so it crosses containerd unchanged. */
export function fromServiceError(err: grpc.ServiceError, address: string): SkiffError {
  const kind = kindOfGrpcCode(err.code);
  const unreachable = err.code === grpc.status.UNAVAILABLE || err.code === grpc.status.DEADLINE_EXCEEDED;
  return new SkiffError(kind, unreachable ? `shim ${address}: ${err.details}` : err.details, { cause: err });
}

const RECONNECT_DELAYS_MS = [0, 100, 300];

// grpc-js waits 1 s (growing to 2 min) before dialling again after a failed attempt, and a call
// made meanwhile fails at once: the probes above, 400 ms apart in all, would then call a live shim
// lost because of one refused dial. A shim is local: dial again soon.
const CHANNEL_OPTIONS = {
  'grpc.initial_reconnect_backoff_ms': 50,
  'grpc.max_reconnect_backoff_ms': 500,
  // Nothing reads channelz (gRPC's introspection data); keeping it costs every call.
  'grpc.enable_channelz': 0,
};

/**
 * A client of one shim. Every call has a deadline, so a hung shim costs a caller an error, never
 * a hang. The Events stream is resumed after the last sequence seen when it breaks while the shim
 * still answers; when the shim stops answering it is reported lost, once.
 */
export class ShimConnection implements ShimHandle {
  private readonly client: TaskClient;
  private stream: grpc.ClientReadableStream<Envelope__Output> | undefined;
  private lastSequence = 0n;
  private shimPid = 0;
  private closed = false;
  private lostReported = false;

  constructor(
    readonly address: string,
    private readonly timeoutMs: number,
    private readonly log: (msg: string) => void = () => {},
  ) {
    this.client = new (taskService())(address, grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
  }

  call<T = any>(method: ShimMethod, request: object, timeoutMs = this.timeoutMs): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const fn = (this.client as unknown as Record<string, Function>)[method]!;
      fn.call(this.client, request, { deadline: Date.now() + timeoutMs }, (err: grpc.ServiceError | null, response: T) =>
        err ? reject(fromServiceError(err, this.address)) : resolve(response),
      );
    });
  }

  follow(onEvent: (event: Envelope__Output) => void, onLost: () => void): void {
    const lost = () => {
      if (this.lostReported || this.closed) return;
      this.lostReported = true;
      onLost();
    };
    const open = () => {
      if (this.closed) return;
      const stream = this.client.Events({ afterSequence: this.lastSequence.toString() });
      this.stream = stream;
      stream.on('data', (event: Envelope__Output) => {
        const sequence = BigInt(event.sequence);
        // A resumed stream may repeat what was seen before the break.
        if (sequence <= this.lastSequence) return;
        this.lastSequence = sequence;
        onEvent(event);
      });
      stream.on('error', (err: grpc.ServiceError) => {
        if (this.closed || err.code === grpc.status.CANCELLED) return;
        if (err.code === grpc.status.OUT_OF_RANGE) this.lastSequence = 0n;
        this.log(`events from ${this.address} broke: ${err.details}`);
        void this.reopen(open, lost);
      });
      // The shim ends its streams when it exits after Shutdown: if we did not ask for that, the
      // tasks it held have lost their shim.
      stream.on('end', () => {
        if (!this.closed && this.stream === stream) void this.reopen(open, lost);
      });
    };
    open();
  }

  /** Whether the same shim process still answers; re-opens the stream if so, else reports it lost. */
  private async reopen(open: () => void, lost: () => void): Promise<void> {
    this.stream = undefined;
    for (const delay of RECONNECT_DELAYS_MS) {
      if (this.closed) return;
      if (delay) await new Promise((r) => setTimeout(r, delay));
      const alive = await this.processId();
      if (alive === undefined) continue;
      if (this.shimPid && alive !== this.shimPid) this.lastSequence = 0n;
      this.shimPid = alive;
      open();
      return;
    }
    lost();
  }

  /** The shim's pid when it answers (any answer but "unreachable" counts), else undefined. */
  private processId(): Promise<number | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.client.Connect({ id: '' }, { deadline: Date.now() + 1_000 }, (err, response) => {
        if (!err) resolve(response!.shimPid || this.shimPid || -1);
        else if (err.code === grpc.status.UNAVAILABLE || err.code === grpc.status.DEADLINE_EXCEEDED) resolve(undefined);
        else resolve(this.shimPid || -1);
      });
    });
  }

  close(): void {
    this.closed = true;
    this.stream?.cancel();
    this.stream = undefined;
    this.client.close();
  }
}
