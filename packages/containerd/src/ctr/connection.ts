import * as grpc from '@grpc/grpc-js';
import { SkiffError, kindOfGrpcCode } from '@skiff/errors';
import { loadGrpcObject, NAMESPACE_METADATA_KEY } from '@skiff/protos';
import type { ProtoGrpcType as ContainersProto } from '@skiff/protos/generated/containers';
import type { ProtoGrpcType as EventsProto } from '@skiff/protos/generated/events';
import type { ProtoGrpcType as TasksProto } from '@skiff/protos/generated/tasks';
import type { ProtoGrpcType as VersionProto } from '@skiff/protos/generated/version';

export type Service = 'containers' | 'tasks' | 'events' | 'version';

/** skiff-ctr's line to one skiff-containerd: unary calls as promises, in one namespace. */
export class Connection {
  private readonly clients = new Map<Service, grpc.Client>();
  private readonly metadata = new grpc.Metadata();

  constructor(
    private readonly address: string,
    namespace: string,
  ) {
    this.metadata.set(NAMESPACE_METADATA_KEY, namespace);
  }

  client(service: Service): grpc.Client {
    let client = this.clients.get(service);
    if (client) return client;
    const file = `skiff/containerd/services/${service}/v1/${service}.proto`;
    const target = `unix://${this.address}`;
    const creds = grpc.credentials.createInsecure();
    if (service === 'containers') client = new (loadGrpcObject<ContainersProto>(file).skiff.containerd.services.containers.v1.Containers)(target, creds);
    else if (service === 'tasks') client = new (loadGrpcObject<TasksProto>(file).skiff.containerd.services.tasks.v1.Tasks)(target, creds);
    else if (service === 'events') client = new (loadGrpcObject<EventsProto>(file).skiff.containerd.services.events.v1.Events)(target, creds);
    else client = new (loadGrpcObject<VersionProto>(file).skiff.containerd.services.version.v1.Version)(target, creds);
    this.clients.set(service, client);
    return client;
  }

  /** A unary call; `timeoutMs` undefined waits as long as the call takes (Wait). */
  call<T = any>(service: Service, method: string, request: object, timeoutMs: number | undefined = 30_000): Promise<T> {
    const client = this.client(service) as unknown as Record<string, Function>;
    const options = timeoutMs === undefined ? {} : { deadline: Date.now() + timeoutMs };
    return new Promise((resolve, reject) => {
      client[method]!.call(client, request, this.metadata, options, (err: grpc.ServiceError | null, response: T) =>
        err ? reject(new SkiffError(kindOfGrpcCode(err.code), err.details)) : resolve(response),
      );
    });
  }

  /** A server stream (Events.Subscribe). */
  stream<T>(service: Service, method: string, request: object): grpc.ClientReadableStream<T> {
    const client = this.client(service) as unknown as Record<string, Function>;
    return client[method]!.call(client, request, this.metadata) as grpc.ClientReadableStream<T>;
  }

  close(): void {
    for (const client of this.clients.values()) client.close();
  }
}
