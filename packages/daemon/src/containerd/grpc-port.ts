// The ContainerdPort over skiff-containerd's gRPC API (protos/skiff/containerd/services/*/v1),
// every call in skiffd's own namespace so its containers and images stay apart from what other
// clients of the same containerd create.
import type { Platform } from '@skiff/engine-api';
import { PassThrough, type Readable } from 'node:stream';
import * as grpc from '@grpc/grpc-js';
import { SkiffError, isSkiffError, kindOfGrpcCode } from '@skiff/errors';
import { loadAllGrpcObject, NAMESPACE_METADATA_KEY } from '@skiff/protos';
import type { ProtoGrpcType as ContainersProto } from '@skiff/protos/generated/containers';
import type { ProtoGrpcType as ContentProto } from '@skiff/protos/generated/content';
import type { ProtoGrpcType as EventsProto } from '@skiff/protos/generated/events';
import type { ProtoGrpcType as ImagesProto } from '@skiff/protos/generated/images';
import type { ProtoGrpcType as SnapshotsProto } from '@skiff/protos/generated/snapshots';
import type { ProtoGrpcType as TasksProto } from '@skiff/protos/generated/tasks';
import type { ProtoGrpcType as TransferProto } from '@skiff/protos/generated/transfer';
import type { ProtoGrpcType as VersionProto } from '@skiff/protos/generated/version';
import type { Envelope__Output } from '@skiff/protos/generated/skiff/events/v1/Envelope';
import type { Process__Output } from '@skiff/protos/generated/skiff/types/v1/Process';
import type { Image__Output } from '@skiff/protos/generated/skiff/containerd/services/images/v1/Image';
import type { Timestamp__Output } from '@skiff/protos/generated/google/protobuf/Timestamp';
import type { Metrics__Output } from '@skiff/protos/generated/skiff/types/v1/Metrics';
import type { BlkioEntry__Output } from '@skiff/protos/generated/skiff/types/v1/BlkioEntry';
import type { LinuxResources } from '@skiff/oci-spec';
import type { ContainerdPort, EventSubscription, ImageRecord, NewContainer, NewProcess, NewTask, SnapshotMount, TaskExit, TaskMetrics, TaskState } from '../core/ports';

export type Service = 'containers' | 'tasks' | 'events' | 'version' | 'images' | 'content' | 'snapshots' | 'transfer';

/** The snapshotter skiffd puts container root filesystems in. */
export const SNAPSHOTTER = 'overlayfs';

/**
 * grpc-js waits a second before reconnecting to a socket that refused it; skiffd dials
 * containerd while it starts (and after a restart of it), so it retries sooner.
 */
const CHANNEL_OPTIONS = {
  'grpc.initial_reconnect_backoff_ms': 50,
  'grpc.max_reconnect_backoff_ms': 1_000,
  // Nothing reads channelz (gRPC's introspection data); keeping it costs every call.
  'grpc.enable_channelz': 0,
};

function constructorOf(service: Service): typeof grpc.Client {
  switch (service) {
    case 'containers':
      return loadAllGrpcObject<ContainersProto>().skiff.containerd.services.containers.v1.Containers;
    case 'tasks':
      return loadAllGrpcObject<TasksProto>().skiff.containerd.services.tasks.v1.Tasks;
    case 'events':
      return loadAllGrpcObject<EventsProto>().skiff.containerd.services.events.v1.Events;
    case 'version':
      return loadAllGrpcObject<VersionProto>().skiff.containerd.services.version.v1.Version;
    case 'images':
      return loadAllGrpcObject<ImagesProto>().skiff.containerd.services.images.v1.Images;
    case 'content':
      return loadAllGrpcObject<ContentProto>().skiff.containerd.services.content.v1.Content;
    case 'snapshots':
      return loadAllGrpcObject<SnapshotsProto>().skiff.containerd.services.snapshots.v1.Snapshots;
    case 'transfer':
      return loadAllGrpcObject<TransferProto>().skiff.containerd.services.transfer.v1.Transfer;
  }
}

function toDate(ts: Timestamp__Output | null | undefined): Date | undefined {
  if (!ts || (Number(ts.seconds) === 0 && ts.nanos === 0)) return undefined;
  return new Date(Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1e6));
}

function toTask(p: Process__Output): TaskState {
  return { containerId: p.containerId, pid: p.pid, status: p.status as TaskState['status'], exitStatus: p.exitStatus, exitedAt: toDate(p.exitedAt) };
}

export function toImage(i: Image__Output): ImageRecord {
  return { name: i.name, target: { mediaType: i.target?.mediaType ?? '', digest: i.target?.digest ?? '', size: Number(i.target?.size ?? 0) } };
}

export function fromGrpc(err: grpc.ServiceError): SkiffError {
  return new SkiffError(kindOfGrpcCode(err.code), err.details || err.message);
}

/** A request's skiff.types.v1.Platform field (proto3: an absent variant is ""), or none. */
export function platformField(platform: Platform | undefined): { platform?: Platform & { variant: string } } {
  return platform ? { platform: { variant: '', ...platform } } : {};
}

export class GrpcContainerd implements ContainerdPort {
  private readonly clients = new Map<Service, grpc.Client>();
  private readonly metadata = new grpc.Metadata();

  constructor(
    private readonly address: string,
    private readonly namespace: string,
    private readonly timeoutMs = 60_000,
  ) {
    this.metadata.set(NAMESPACE_METADATA_KEY, namespace);
  }

  /**
   * Loads the gRPC contracts now rather than in the first call: they take a tenth of a second,
   * better spent while skiff-containerd starts than after it answers.
   */
  loadContracts(): void {
    loadAllGrpcObject();
  }

  /** The service's client, made once, for calls call() and openStream() do not cover. */
  client(service: Service): grpc.Client {
    let client = this.clients.get(service);
    if (!client) {
      client = new (constructorOf(service))(`unix://${this.address}`, grpc.credentials.createInsecure(), CHANNEL_OPTIONS);
      this.clients.set(service, client);
    }
    return client;
  }

  call<T = any>(service: Service, method: string, request: object, timeoutMs = this.timeoutMs): Promise<T> {
    const client = this.client(service) as unknown as Record<string, Function>;
    return new Promise((resolve, reject) => {
      client[method]!.call(client, request, this.metadata, { deadline: Date.now() + timeoutMs }, (err: grpc.ServiceError | null, res: T) =>
        err ? reject(fromGrpc(err)) : resolve(res),
      );
    });
  }

  /** Metadata naming skiffd's namespace, for every call. */
  get callMetadata(): grpc.Metadata {
    return this.metadata;
  }

  openStream<T>(service: Service, method: string, request: object): grpc.ClientReadableStream<T> {
    const client = this.client(service) as unknown as Record<string, Function>;
    return client[method]!.call(client, request, this.metadata) as grpc.ClientReadableStream<T>;
  }

  async version(timeoutMs?: number): Promise<{ version: string; revision: string }> {
    return this.call('version', 'Version', {}, timeoutMs);
  }

  async getImage(name: string): Promise<ImageRecord> {
    const res = await this.call<{ image: Image__Output }>('images', 'Get', { name });
    return toImage(res.image);
  }

  async listImages(): Promise<ImageRecord[]> {
    const res = await this.call<{ images: Image__Output[] }>('images', 'List', {});
    return res.images.map(toImage);
  }

  readBlob(digest: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      const s = this.openStream<{ data: Buffer }>('content', 'Read', { digest });
      s.on('data', (m) => chunks.push(m.data));
      s.on('error', (err: grpc.ServiceError) => reject(fromGrpc(err)));
      s.on('end', () => resolve(Buffer.concat(chunks)));
    });
  }

  async unpack(name: string, platform?: Platform): Promise<string> {
    const request = { name, snapshotter: SNAPSHOTTER, ...platformField(platform) };
    const res = await this.call<{ chainId: string }>('transfer', 'Unpack', request, 10 * 60_000);
    return res.chainId;
  }

  async prepareSnapshot(key: string, parent: string): Promise<void> {
    await this.call('snapshots', 'Prepare', { snapshotter: SNAPSHOTTER, key, parent });
  }

  async snapshotMounts(key: string): Promise<SnapshotMount[]> {
    const res = await this.call<{ mounts: SnapshotMount[] }>('snapshots', 'Mounts', { snapshotter: SNAPSHOTTER, key });
    return res.mounts.map((m) => ({ type: m.type, source: m.source, target: m.target, options: [...m.options] }));
  }

  exportRootfs(id: string): Readable {
    const chunks = this.openStream<{ data: Buffer }>('transfer', 'ExportRootfs', { containerId: id });
    const out = new PassThrough();
    // A reader that leaves cancels the call, so containerd unmounts its view at once.
    out.on('close', () => chunks.cancel());
    chunks.on('error', (err: grpc.ServiceError) => out.destroy(fromGrpc(err)));
    chunks.on('data', (c: { data: Buffer }) => {
      if (!out.write(c.data)) chunks.pause();
    });
    out.on('drain', () => chunks.resume());
    chunks.on('end', () => out.end());
    return out;
  }

  async removeSnapshot(key: string): Promise<void> {
    await this.ignoreNotFound(this.call('snapshots', 'Remove', { snapshotter: SNAPSHOTTER, key }));
  }

  async createContainer(c: NewContainer): Promise<void> {
    await this.call('containers', 'Create', {
      container: {
        id: c.id,
        image: c.image,
        labels: c.labels,
        spec: Buffer.from(JSON.stringify(c.spec)),
        snapshotter: SNAPSHOTTER,
        snapshotKey: c.snapshotKey,
        runtime: {
          name: c.runtime.name,
          options: {
            name: c.runtime.name,
            root: c.runtime.root,
            runtimeArgs: c.runtime.runtimeArgs,
            logPathJsonFile: c.runtime.logPath,
            logOptions: { maxSizeBytes: String(c.runtime.log.maxSizeBytes), maxFiles: c.runtime.log.maxFiles },
          },
        },
      },
    });
  }

  async updateContainerSpec(id: string, spec: object): Promise<void> {
    await this.call('containers', 'Update', { container: { id, spec: Buffer.from(JSON.stringify(spec)) }, updateMask: { paths: ['spec'] } });
  }

  async deleteContainer(id: string): Promise<void> {
    await this.ignoreNotFound(this.call('containers', 'Delete', { id }));
  }

  async createTask(t: NewTask): Promise<number> {
    const res = await this.call<{ pid: number }>('tasks', 'Create', t);
    return res.pid;
  }

  async startTask(id: string): Promise<number> {
    const res = await this.call<{ pid: number }>('tasks', 'Start', { containerId: id });
    return res.pid;
  }

  async listTasks(): Promise<TaskState[]> {
    const res = await this.call<{ tasks: Process__Output[] }>('tasks', 'List', {});
    return res.tasks.map(toTask);
  }

  async kill(id: string, signal: number): Promise<void> {
    await this.call('tasks', 'Kill', { containerId: id, signal });
  }

  async deleteTask(id: string): Promise<void> {
    await this.ignoreNotFound(this.call('tasks', 'Delete', { containerId: id }));
  }

  async closeStdin(id: string, execId = ''): Promise<void> {
    await this.call('tasks', 'CloseIO', { containerId: id, execId, stdin: true });
  }

  async resizePty(id: string, width: number, height: number, execId = ''): Promise<void> {
    await this.call('tasks', 'ResizePty', { containerId: id, execId, width, height });
  }

  async metrics(id: string): Promise<TaskMetrics | undefined> {
    const res = await this.call<{ metrics: Metrics__Output[] }>('tasks', 'Metrics', { filters: [`container_id==${id}`] });
    const m = res.metrics[0];
    if (!m) return undefined;
    const n = (v: unknown) => Number(v ?? 0);
    const entries = (list: BlkioEntry__Output[] | undefined) => (list ?? []).map((e) => ({ major: e.major, minor: e.minor, op: e.op, value: n(e.value) }));
    return {
      cpu: {
        usageTotalNs: n(m.cpu?.usageTotalNs),
        usageUserNs: n(m.cpu?.usageUserNs),
        usageSystemNs: n(m.cpu?.usageSystemNs),
        perCpuNs: (m.cpu?.perCpuNs ?? []).map(n),
        periods: n(m.cpu?.periods),
        throttledPeriods: n(m.cpu?.throttledPeriods),
        throttledTimeNs: n(m.cpu?.throttledTimeNs),
      },
      memory: {
        usageBytes: n(m.memory?.usageBytes),
        maxUsageBytes: n(m.memory?.maxUsageBytes),
        limitBytes: n(m.memory?.limitBytes),
        cacheBytes: n(m.memory?.cacheBytes),
        rssBytes: n(m.memory?.rssBytes),
        inactiveFileBytes: n(m.memory?.inactiveFileBytes),
        failcnt: n(m.memory?.failcnt),
        raw: Object.fromEntries(Object.entries(m.memory?.raw ?? {}).map(([k, v]) => [k, n(v)])),
      },
      pids: { current: n(m.pids?.current), limit: n(m.pids?.limit) },
      blkio: { ioServiceBytes: entries(m.blkio?.ioServiceBytes), ioServiced: entries(m.blkio?.ioServiced) },
    };
  }

  async listPids(id: string): Promise<number[]> {
    const res = await this.call<{ processes: Array<{ pid: number }> }>('tasks', 'ListPids', { containerId: id });
    return res.processes.map((p) => p.pid);
  }

  async pauseTask(id: string): Promise<void> {
    await this.call('tasks', 'Pause', { containerId: id });
  }

  async resumeTask(id: string): Promise<void> {
    await this.call('tasks', 'Resume', { containerId: id });
  }

  async updateTask(id: string, resources: LinuxResources): Promise<void> {
    await this.call('tasks', 'Update', { containerId: id, resources: Buffer.from(JSON.stringify(resources)), annotations: {} });
  }

  async execProcess(p: NewProcess): Promise<void> {
    await this.call('tasks', 'Exec', { ...p, spec: Buffer.from(JSON.stringify(p.spec)) });
  }

  async startProcess(id: string, execId: string): Promise<number> {
    const res = await this.call<{ pid: number }>('tasks', 'Start', { containerId: id, execId });
    return res.pid;
  }

  async deleteProcess(id: string, execId: string): Promise<void> {
    await this.ignoreNotFound(this.call('tasks', 'DeleteProcess', { containerId: id, execId }));
  }

  subscribeExits(onExit: (exit: TaskExit) => void, onBroken: (err: Error) => void): EventSubscription {
    const s = this.openStream<Envelope__Output>('events', 'Subscribe', { filters: [`topic==/tasks/exit,namespace==${this.namespace}`] });
    let closed = false;
    const broken = (err: Error) => {
      if (closed) return;
      closed = true;
      onBroken(err);
    };
    s.on('data', (e: Envelope__Output) => {
      const exit = e.taskExit;
      if (!exit) return;
      onExit({ containerId: exit.containerId, ...(exit.execId !== '' ? { execId: exit.execId } : {}), exitStatus: exit.exitStatus, exitedAt: toDate(exit.exitedAt) ?? new Date() });
    });
    s.on('error', (err: grpc.ServiceError) => broken(fromGrpc(err)));
    s.on('end', () => broken(new Error('event stream ended')));
    return {
      close: () => {
        closed = true;
        s.cancel();
      },
    };
  }

  private async ignoreNotFound(p: Promise<unknown>): Promise<void> {
    try {
      await p;
    } catch (err) {
      if (!isSkiffError(err, 'NotFound')) throw err;
    }
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}
