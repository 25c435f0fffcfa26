// An in-memory ContainerdPort: images and blobs, containers, snapshots and tasks, with exits the
// test triggers itself. Lets the routes and the core run without root, sockets or processes.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { failedPrecondition, notFound, alreadyExists } from '@skiff/errors';
import { Readable } from 'node:stream';
import type { LinuxResources } from '@skiff/oci-spec';
import type { Platform } from '@skiff/engine-api';
import type { ContainerdPort, EventSubscription, ImageRecord, NewContainer, NewProcess, NewTask, SnapshotMount, TaskExit, TaskMetrics, TaskState } from '../../src/core/ports';
import { packTree } from '../../src/core/archive-tar';
import { ExecService } from '../../src/core/exec';
import type { ImageTransferPort, RegistryAuth, TransferProgress } from '../../src/core/image-ports';
import { ImageService } from '../../src/core/image-service';
import { buildApp } from '../../src/http/app';
import { ContainerService } from '../../src/core/containers';
import type { NetworkService } from '../../src/network/service';
import { EventBus } from '../../src/core/events';
import { FifoDirs } from '../../src/core/fifos';
import { hostFacts } from '../../src/core/system';
import { silentLogger } from '../../src/log';
import { ContainerStore } from '../../src/store/container-store';

const digest = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

export class FakeContainerd implements ContainerdPort {
  readonly blobs = new Map<string, Buffer>();
  readonly images = new Map<string, ImageRecord>();
  readonly containers = new Map<string, NewContainer>();
  readonly snapshots = new Map<string, string>();
  readonly tasks = new Map<string, TaskState & { io: NewTask }>();
  readonly signals: Array<{ id: string; signal: number }> = [];
  private readonly exitListeners = new Set<(exit: TaskExit) => void>();
  private nextPid = 1000;
  /** Signals that end the fake task at once (as if the process had no handler). */
  lethalSignals = new Set([9, 15]);

  /** Stores an image the way a pull would: config blob, manifest blob (with `layers` as listed), image record. */
  addImage(name: string, config: object, extra: object = {}, layers: Array<{ digest: string; size: number }> = []): string {
    const configBlob = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, config, ...extra }));
    this.blobs.set(digest(configBlob), configBlob);
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
        config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: digest(configBlob), size: configBlob.length },
        layers: layers.map((l) => ({ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', ...l })),
      }),
    );
    this.blobs.set(digest(manifest), manifest);
    this.images.set(name, { name, target: { mediaType: 'application/vnd.docker.distribution.manifest.v2+json', digest: digest(manifest), size: manifest.length } });
    return digest(configBlob);
  }

  async getImage(name: string): Promise<ImageRecord> {
    const image = this.images.get(name);
    if (!image) throw notFound(`image ${name}: not found`);
    return image;
  }

  async listImages(): Promise<ImageRecord[]> {
    return [...this.images.values()];
  }

  async readBlob(d: string): Promise<Buffer> {
    const blob = this.blobs.get(d);
    if (!blob) throw notFound(`content ${d}: not found`);
    return blob;
  }

  /** Chain ids unpack made: the parents a snapshot can be prepared on. */
  private readonly unpacked = new Set<string>();

  async unpack(name: string, _platform?: Platform): Promise<string> {
    const chainId = `sha256:chain-of-${(await this.getImage(name)).target.digest.slice(7, 19)}`;
    this.unpacked.add(chainId);
    return chainId;
  }

  async prepareSnapshot(key: string, parent: string): Promise<void> {
    if (this.snapshots.has(key)) throw alreadyExists(`snapshot ${key} exists`);
    // As containerd's snapshotters: a parent that was never committed is not found.
    if (parent !== '' && !this.unpacked.has(parent)) throw notFound(`parent snapshot "${parent}" not found`);
    this.snapshots.set(key, parent);
  }

  /** Host directories standing for snapshots' filesystems; snapshotMounts bind-mounts them. */
  readonly snapshotDirs = new Map<string, string>();

  async snapshotMounts(key: string): Promise<SnapshotMount[]> {
    const dir = this.snapshotDirs.get(key);
    if (!this.snapshots.has(key)) throw notFound(`snapshot ${key}: not found`);
    // No directory: an empty filesystem (every create reads the image's /etc/passwd).
    if (dir === undefined) return [];
    return [{ type: 'bind', source: dir, target: '', options: ['rbind', 'rw'] }];
  }

  exportRootfs(id: string): Readable {
    const dir = this.snapshotDirs.get(id);
    if (dir === undefined) throw notFound(`container ${id}: not found`);
    return packTree(dir, '');
  }

  async removeSnapshot(key: string): Promise<void> {
    this.snapshots.delete(key);
  }

  async createContainer(c: NewContainer): Promise<void> {
    if (this.containers.has(c.id)) throw alreadyExists(`container ${c.id} exists`);
    this.containers.set(c.id, c);
  }

  async updateContainerSpec(id: string, spec: object): Promise<void> {
    const c = this.containers.get(id);
    if (!c) throw notFound(`container "${id}" in namespace "skiffd": not found`);
    this.containers.set(id, { ...c, spec });
  }

  async deleteContainer(id: string): Promise<void> {
    if (this.tasks.has(id)) throw failedPrecondition(`container ${id} has a task`);
    this.containers.delete(id);
  }

  async createTask(t: NewTask): Promise<number> {
    if (!this.containers.has(t.containerId)) throw notFound(`container ${t.containerId}: not found`);
    if (this.tasks.has(t.containerId)) throw alreadyExists(`task ${t.containerId} exists`);
    const pid = this.nextPid++;
    this.tasks.set(t.containerId, { containerId: t.containerId, pid, status: 'CREATED', exitStatus: 0, exitedAt: undefined, io: t });
    return pid;
  }

  async startTask(id: string): Promise<number> {
    const task = this.tasks.get(id);
    if (!task) throw notFound(`task ${id}: not found`);
    task.status = 'RUNNING';
    return task.pid;
  }

  async listTasks(): Promise<TaskState[]> {
    return [...this.tasks.values()];
  }

  async kill(id: string, signal: number): Promise<void> {
    const task = this.tasks.get(id);
    if (!task) throw notFound(`task ${id}: not found`);
    if (task.status !== 'RUNNING') throw failedPrecondition(`task ${id} is not running`);
    this.signals.push({ id, signal });
    if (this.lethalSignals.has(signal)) setImmediate(() => this.exit(id, 128 + signal));
  }

  async deleteTask(id: string): Promise<void> {
    const task = this.tasks.get(id);
    if (task && task.status !== 'STOPPED' && task.status !== 'CREATED') throw failedPrecondition(`task ${id} is running`);
    this.tasks.delete(id);
  }

  async closeStdin(): Promise<void> {}

  async resizePty(): Promise<void> {}

  /** What metrics() reports for a running task; tests change it between samples. */
  sample: TaskMetrics = {
    cpu: { usageTotalNs: 1_000_000, usageUserNs: 600_000, usageSystemNs: 400_000, perCpuNs: [500_000, 500_000], periods: 0, throttledPeriods: 0, throttledTimeNs: 0 },
    memory: { usageBytes: 4_000_000, maxUsageBytes: 5_000_000, limitBytes: 2 ** 62, cacheBytes: 1_000_000, rssBytes: 3_000_000, inactiveFileBytes: 500_000, failcnt: 0, raw: { total_rss: 3_000_000 } },
    pids: { current: 1, limit: 0 },
    blkio: { ioServiceBytes: [{ major: 8, minor: 0, op: 'Read', value: 4096 }], ioServiced: [] },
  };

  async metrics(id: string): Promise<TaskMetrics | undefined> {
    const task = this.tasks.get(id);
    return task && task.status === 'RUNNING' ? structuredClone(this.sample) : undefined;
  }

  async listPids(id: string): Promise<number[]> {
    const task = this.tasks.get(id);
    if (!task || task.status === 'STOPPED') throw notFound(`task ${id}: not found`);
    return [task.pid, ...[...this.processes.values()].filter((p) => p.containerId === id && p.running).map((p) => p.pid)];
  }

  async pauseTask(id: string): Promise<void> {
    const task = this.tasks.get(id);
    if (!task || task.status !== 'RUNNING') throw failedPrecondition(`task ${id} is not running`);
    task.status = 'PAUSED';
  }

  async resumeTask(id: string): Promise<void> {
    const task = this.tasks.get(id);
    if (!task || task.status !== 'PAUSED') throw failedPrecondition(`task ${id} is not paused`);
    task.status = 'RUNNING';
  }

  readonly updates: Array<{ id: string; resources: LinuxResources }> = [];

  async updateTask(id: string, resources: LinuxResources): Promise<void> {
    const task = this.tasks.get(id);
    if (!task || task.status === 'STOPPED') throw failedPrecondition(`task ${id} is not running`);
    this.updates.push({ id, resources });
  }

  readonly processes = new Map<string, NewProcess & { pid: number; running: boolean }>();

  async execProcess(p: NewProcess): Promise<void> {
    const task = this.tasks.get(p.containerId);
    if (!task || task.status !== 'RUNNING') throw failedPrecondition(`task ${p.containerId} is not running`);
    this.processes.set(p.execId, { ...p, pid: 0, running: false });
  }

  async startProcess(id: string, execId: string): Promise<number> {
    const p = this.processes.get(execId);
    if (!p || p.containerId !== id) throw notFound(`process ${execId}: not found`);
    p.pid = this.nextPid++;
    p.running = true;
    return p.pid;
  }

  async deleteProcess(_id: string, execId: string): Promise<void> {
    this.processes.delete(execId);
  }

  /** An exec'd process exits. */
  execExit(execId: string, exitStatus: number): void {
    const p = this.processes.get(execId);
    if (!p) return;
    p.running = false;
    for (const l of this.exitListeners) l({ containerId: p.containerId, execId, exitStatus, exitedAt: new Date() });
  }

  subscribeExits(onExit: (exit: TaskExit) => void): EventSubscription {
    this.exitListeners.add(onExit);
    return { close: () => this.exitListeners.delete(onExit) };
  }

  /** The task's process exits: status recorded, event published. */
  exit(id: string, exitStatus: number): void {
    const task = this.tasks.get(id);
    if (!task || task.status === 'STOPPED') return;
    task.status = 'STOPPED';
    task.exitStatus = exitStatus;
    task.exitedAt = new Date();
    for (const l of this.exitListeners) l({ containerId: id, exitStatus, exitedAt: task.exitedAt });
  }
}

/**
 * Transfers over the fake's image store: a pull of a name in `registry` stores that image with
 * Docker-worded progress, anything else is the registry's 404; archives are JSON lists of names.
 */
export class FakeImageTransfer implements ImageTransferPort {
  /** What the fake registry serves: reference -> image config. */
  readonly registry = new Map<string, object>();
  readonly pushed: Array<{ name: string; auth: RegistryAuth | undefined }> = [];
  readonly pulls: Array<{ reference: string; auth: RegistryAuth | undefined; platform?: Platform }> = [];
  readonly commits: Array<{ containerId: string; reference: string; config: object; author: string; comment: string; pause: boolean }> = [];

  constructor(private readonly c: FakeContainerd) {}

  getImage(name: string) {
    return this.c.getImage(name);
  }
  listImages() {
    return this.c.listImages();
  }
  readBlob(d: string) {
    return this.c.readBlob(d);
  }

  async pull(reference: string, auth: RegistryAuth | undefined, onProgress: (p: TransferProgress) => void, platform?: Platform): Promise<void> {
    this.pulls.push({ reference, auth, ...(platform ? { platform } : {}) });
    const config = this.registry.get(reference);
    if (!config) throw notFound(`${reference}: not found`);
    onProgress({ id: 'latest', status: 'Pulling from library/busybox', current: 0, total: 0 });
    onProgress({ id: 'abc', status: 'Downloading', current: 50, total: 100 });
    onProgress({ id: 'abc', status: 'Pull complete', current: 0, total: 0 });
    this.c.addImage(reference, config);
    onProgress({ id: '', status: `Status: Downloaded newer image for ${reference}`, current: 0, total: 0 });
  }

  async push(name: string, auth: RegistryAuth | undefined, onProgress: (p: TransferProgress) => void): Promise<void> {
    this.pushed.push({ name, auth });
    onProgress({ id: '', status: `The push refers to repository [${name}]`, current: 0, total: 0 });
  }

  exportArchive(names: string[]): Readable {
    return Readable.from([Buffer.from(JSON.stringify(names))]);
  }

  async importArchive(archive: Readable, onProgress: (p: TransferProgress) => void): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of archive) chunks.push(c as Buffer);
    for (const name of JSON.parse(Buffer.concat(chunks).toString()) as string[]) {
      this.c.addImage(name, { Cmd: ['loaded'] });
      onProgress({ id: '', status: `Loaded image: ${name}`, current: 0, total: 0 });
    }
  }

  async importRootfs(reference: string, configChanges: object, message: string, tarball: Readable): Promise<ImageRecord> {
    let size = 0;
    for await (const c of tarball) size += (c as Buffer).length;
    const name = reference || 'sha256:' + 'f'.repeat(64);
    this.c.addImage(name, configChanges, { comment: message, size });
    return this.c.getImage(name);
  }

  async commit(containerId: string, reference: string, config: object, author: string, comment: string, pause: boolean): Promise<ImageRecord> {
    this.commits.push({ containerId, reference, config, author, comment, pause });
    const name = reference || 'sha256:' + 'e'.repeat(64);
    this.c.addImage(name, config, { author, comment });
    return this.c.getImage(name);
  }

  async putImage(name: string, target: ImageRecord['target']): Promise<void> {
    this.c.images.set(name, { name, target });
  }

  async deleteImage(name: string): Promise<void> {
    if (!this.c.images.delete(name)) throw notFound(`image ${name}: not found`);
  }
}

/** The API app over a FakeContainerd, with its roots in a temporary directory. */
/** network: builds the bridge networking (over a fake runner) from the data and exec roots. */
export function fakeDaemon(opts: { network?: (dataRoot: string, execRoot: string) => NetworkService } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skd-fake-'));
  const port = new FakeContainerd();
  const busyboxId = port.addImage('docker.io/library/busybox:latest', { Cmd: ['sh'], Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] });
  const log = silentLogger();
  const store = new ContainerStore(path.join(dir, 'data'));
  const fifos = new FifoDirs(path.join(dir, 'run', 'containers'));
  const events = new EventBus();
  const network = opts.network?.(path.join(dir, 'data'), path.join(dir, 'run'));
  const newService = () => new ContainerService({ port, events, store, fifos, runtimeRoot: path.join(dir, 'run', 'runtime'), log, network });
  const containers = newService();
  const execs = new ExecService({ port, containers, fifos, log });
  const subscription = port.subscribeExits((exit) => (exit.execId ? execs.handleExit(exit) : void containers.handleExit(exit)));
  const transfer = new FakeImageTransfer(port);
  const images = new ImageService({ port: transfer, usedBy: (id) => containers.usersOfImage(id), events });
  const app = buildApp(
    {
      containers,
      execs,
      events,
      images,
      facts: hostFacts(path.join(dir, 'data')),
      dataRoot: path.join(dir, 'data'),
      countImages: async () => port.images.size,
      containerdVersion: async () => 'fake',
    },
    log,
  );
  return {
    dir,
    port,
    transfer,
    execs,
    events,
    app,
    containers,
    store,
    busyboxId,
    newService,
    async close() {
      subscription.close();
      containers.shutdown();
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
