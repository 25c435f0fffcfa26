// Docker containers on top of skiff-containerd: the records and their state machine (created ->
// running -> exited, removal), name and id lookup, and the reactions to task exits (state,
// waiters, AutoRemove). Everything about containerd goes through the ContainerdPort.
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import { conflict, failedPrecondition, invalidArgument, isSkiffError, notFound, notModified, SkiffError } from '@skiff/errors';
import { type ContainerCreateBodySchema, HealthcheckSchema, hostArchitecture } from '@skiff/engine-api';
import type { LinuxResources } from '@skiff/oci-spec';
import type { z } from 'zod';
import type { EventBus } from './events';
import { AttachManager, type AttachClient, type Attachment } from './attach';
import { FifoDirs, type StdioPaths } from './fifos';
import { resolveImage } from './images';
import { KeyedMutex } from './keyed-mutex';
import { checkName, generateName, newContainerId } from './names';
import type { ContainerdPort, TaskExit, TaskMetrics } from './ports';
import { parseSignal } from './signals';
import { buildSpec, joinNamespace, mergeEnv } from './spec';
import { checkHostConfig, DEFAULT_SHM_SIZE, discardUnsupported, keptHostConfig } from './hostconfig';
import { resolveUserIn } from './hostconfig-user';
import { blkioWeightSupport, cgroupVersion, cpuRealtimeSupport } from './system';
import { ImageUserFiles } from './image-user-files';
import { materializeMounts, type MountPoint, planMounts } from './mounts';
import { isLive, type RootfsMode } from './rootfs-view';
import { checkImagePlatform, parsePlatform, platformMismatch } from './platform';
import { nonShareable, ShmMounts, withShmBind } from './ipc-shm';
import { type Change, changes } from './archive-changes';
import { copyUp } from './mounts-copyup';
import { withRootfs } from './rootfs-view';
import { type Health, mergeHealthcheck } from './health-config';
import { checkRestartPolicy, RestartScheduler, shouldRestart, startsWithDaemon, type Timers } from './restart-policy';
import { VolumeStore } from '../volumes/store';
import type { ContainerStore } from '../store/container-store';
import type { NetworkService } from '../network/service';
import { keptNetworkHostConfig } from '../network/endpoint';
import { exposedPortsField } from '../network/ports';
import { withNetns } from '../network/spec';
import { type ContainerRecord, ZERO_TIME } from '../store/record';
import { Runtimes } from './runtimes';
import { DEFAULT_LOG_CONFIG, type LogConfig, logRotation, resolveLogConfig } from './log-config';

type CreateBody = z.infer<typeof ContainerCreateBodySchema>;

export type WaitCondition = 'not-running' | 'next-exit' | 'removed';

interface Waiter {
  condition: WaitCondition;
  resolve: (exitCode: number) => void;
}

export interface ContainerServiceOptions {
  port: ContainerdPort;
  /** Where container events (GET /events) are published. */
  events?: EventBus;
  store: ContainerStore;
  fifos: FifoDirs;
  /** RuntimeOptions.root given to the shim: where the runtime keeps its container state. */
  runtimeRoot: string;
  /** The OCI runtimes containers can name; without it only "builtin" (skiff-runc inside the shim). */
  runtimes?: Runtimes;
  log: Logger;
  /** Bridge networking; without it containers get a namespace with loopback only. */
  network?: NetworkService;
  /** The restart back-off's timers (tests give fake ones). */
  timers?: Timers;
  /** The daemon's log-driver and log-opts, for containers that name no driver. */
  logConfig?: LogConfig;
  /** The daemon's --cgroup-parent, for containers that name none. */
  cgroupParent?: string;
}

const SIGKILL = 9;
const SIGTERM = 15;

export class ContainerService {
  private readonly records = new Map<string, ContainerRecord>();
  private readonly names = new Map<string, string>();
  private readonly mutex = new KeyedMutex();
  private readonly waiters = new Map<string, Set<Waiter>>();
  /** StdinOnce containers whose attached client ended its input before the task started. */
  private readonly stdinEndedEarly = new Set<string>();
  /**
   * Created by this process and not started since: no task can exist for them (only start makes
   * one), so their first start spares the round trip that deletes a stale task.
   */
  private readonly neverStarted = new Set<string>();
  private readonly attachments = new AttachManager();
  private readonly imageUserFiles = new ImageUserFiles();
  private readonly restarts: RestartScheduler;
  /** Set by the first resync: the start-up restarts of the policies are done once. */
  private restored = false;
  /** The local volumes, beside the container records under the data root. */
  readonly volumes: VolumeStore;

  /** The runtimes containers can name (docker info's Runtimes and DefaultRuntime). */
  readonly runtimes: Runtimes;
  /** The /dev/shm of shareable containers, beside the runtime root under the exec-root. */
  private readonly shm: ShmMounts;

  constructor(private readonly o: ContainerServiceOptions) {
    this.runtimes = o.runtimes ?? new Runtimes(path.dirname(o.runtimeRoot));
    this.shm = new ShmMounts(path.join(path.dirname(o.runtimeRoot), 'shm'));
    this.volumes = new VolumeStore(path.join(path.dirname(o.store.dir), 'volumes'), (name) => this.volumeUsers(name));
    this.restarts = new RestartScheduler(o.timers);
  }

  /** A probe's outcome (core/health.ts), kept while the container runs. */
  setHealth(id: string, health: Health): void {
    if (this.records.get(id)?.State.Status === 'running' || this.records.get(id)?.State.Status === 'paused') this.setState(id, { Health: health });
  }

  /** skiffd stops: no restart fires any more. */
  shutdown(): void {
    this.restarts.cancelAll();
  }

  /** Ids of the containers, in any state, whose mounts use the volume. */
  private volumeUsers(name: string): string[] {
    return this.all()
      .filter((r) => r.MountPoints.some((m) => m.Type === 'volume' && m.Name === name))
      .map((r) => r.Id);
  }

  /** Loads the records from disk (a restart), before any request is served. */
  load(): void {
    const { records, problems } = this.o.store.loadAll();
    for (const p of problems) this.o.log.warn(p, 'container record not loaded');
    for (const r of records) {
      this.records.set(r.Id, r);
      this.names.set(r.Name, r.Id);
    }
  }

  /**
   * Brings the records in line with containerd's tasks: exits missed while skiffd (or its event
   * stream) was down are recorded now, as if their events had arrived.
   */
  async resync(): Promise<void> {
    const listedAt = Date.now();
    const tasks = new Map((await this.o.port.listTasks()).map((t) => [t.containerId, t]));
    // Found stopped at start-up (before the exits below, which apply their policy themselves).
    const stopped = this.restored ? [] : this.all().filter((r) => r.State.Status === 'exited' || r.State.Status === 'restarting');
    this.restored = true;
    for (const id of [...this.records.keys()]) {
      // Under the container's lock, on the record as it is now: a start in progress (a restart by
      // policy) has its network up before its task exists, and must not lose it to this pass.
      const exit = await this.mutex.run(id, async (): Promise<TaskExit | undefined> => {
        const record = this.records.get(id);
        if (!record) return undefined;
        const status = record.State.Status;
        // An exit recorded by a skiffd that died before releasing the network.
        if (status !== 'running' && status !== 'paused') {
          if (Object.values(record.Networks).some((e) => e.EndpointID !== '')) await this.releaseNetwork(id);
          this.releaseShm(id);
          return undefined;
        }
        // Started after the list was taken: the list knows nothing of this run.
        if (Date.parse(record.State.StartedAt) >= listedAt) return undefined;
        const task = tasks.get(id);
        if (task && task.status !== 'STOPPED' && task.status !== 'UNKNOWN') {
          const now = task.status === 'PAUSED' || task.status === 'PAUSING' ? 'paused' : 'running';
          if (now !== status || record.State.Pid !== task.pid) this.save({ ...record, State: { ...record.State, Status: now, Pid: task.pid } });
          return undefined;
        }
        return { containerId: id, exitStatus: task ? task.exitStatus : 255, exitedAt: task?.exitedAt ?? new Date() };
      });
      if (exit) await this.handleExit(exit);
    }
    for (const r of stopped) {
      // A restart pending when skiffd went down is due now.
      if (r.State.Status !== 'restarting' && !startsWithDaemon(r.HostConfig.RestartPolicy, r.HasBeenManuallyStopped)) continue;
      this.setState(r.Id, { Status: 'restarting' });
      await this.start(r.Id, 'policy').catch((err: Error) => this.o.log.warn({ id: r.Id, err: err.message }, 'start-up restart failed'));
    }
  }

  /** Containers made from the image with this id, and whether each is running. */
  usersOfImage(imageId: string): Array<{ id: string; running: boolean }> {
    return this.all()
      .filter((r) => r.Image === imageId)
      .map((r) => ({ id: r.Id, running: r.State.Status === 'running' || r.State.Status === 'paused' }));
  }

  all(): ContainerRecord[] {
    return [...this.records.values()];
  }

  /** By full id, by name (with or without Docker's "/"), then by unique id prefix. */
  get(ref: string): ContainerRecord {
    const byId = this.records.get(ref);
    if (byId) return byId;
    const byName = this.names.get(ref.startsWith('/') ? ref.slice(1) : ref);
    if (byName) return this.records.get(byName)!;
    if (ref !== '' && /^[0-9a-f]+$/.test(ref)) {
      const matches = [...this.records.keys()].filter((id) => id.startsWith(ref));
      if (matches.length === 1) return this.records.get(matches[0]!)!;
      if (matches.length > 1) throw invalidArgument(`multiple IDs found with provided prefix: ${ref}`);
    }
    throw notFound(`No such container: ${ref}`);
  }

  private save(record: ContainerRecord): ContainerRecord {
    this.o.store.save(record);
    this.records.set(record.Id, record);
    return record;
  }

  /** Docker's container event attributes: the labels, the image and name, and the action's own. */
  private emit(record: ContainerRecord, action: string, extra: Record<string, string> = {}): void {
    this.o.events?.publish('container', action, record.Id, { ...(record.Config.Labels ?? {}), image: record.Config.Image, name: record.Name, ...extra });
  }

  /** Exec events are container events in Docker, with the container's attributes. */
  execEvent(containerId: string, action: string, extra: Record<string, string>): void {
    const record = this.records.get(containerId);
    if (record) this.emit(record, action, extra);
  }

  /**
   * The container's snapshot, on top of its image's unpacked layers (their chain id). An image's
   * layers are unpacked once, so the snapshot is prepared straight away: a parent that is missing
   * (never unpacked, or removed since) is the one case that needs the unpack first, and asking
   * beforehand cost every create a round trip to skiff-containerd.
   */
  private async prepareOnImage(id: string, image: { name: string; chainId: string; config: { os?: string; architecture?: string; variant?: string } }): Promise<string> {
    if (image.chainId !== '') {
      try {
        await this.o.port.prepareSnapshot(id, image.chainId);
        return image.chainId;
      } catch (err) {
        if (!isSkiffError(err, 'NotFound')) throw err;
      }
    }
    // The platform the image resolved to: another than the host's when only that one was pulled.
    const { os = 'linux', architecture = hostArchitecture(), variant } = image.config;
    const chainId = await this.o.port.unpack(image.name, { os, architecture, ...(variant ? { variant } : {}) });
    await this.o.port.prepareSnapshot(id, chainId);
    return chainId;
  }

  private setState(id: string, state: Partial<ContainerRecord['State']>): ContainerRecord {
    const record = this.records.get(id)!;
    return this.save({ ...record, State: { ...record.State, ...state } });
  }

  /** `platform` (the query's, `--platform`): the image must be for it, as dockerd checks. */
  async create(body: CreateBody, requestedName: string | undefined, platform?: string): Promise<{ Id: string; Warnings: string[] }> {
    if (!body.Image) throw invalidArgument('config cannot be empty in order to create a container');
    const wantedPlatform = platform ? parsePlatform(platform) : undefined;
    let name: string | undefined;
    if (requestedName) {
      name = checkName(requestedName);
      this.checkNameFree(name);
    }
    const logConfig = resolveLogConfig(body.HostConfig?.LogConfig, this.o.logConfig);
    const runtime = this.runtimes.resolve(body.HostConfig?.Runtime);
    const networkMode = body.HostConfig?.NetworkMode || 'default';
    if (!this.o.network && !['default', 'bridge', 'none', 'host'].includes(networkMode)) throw notFound(`network ${networkMode} not found`);
    const networks = this.o.network?.plan(networkMode, body.NetworkingConfig?.EndpointsConfig ?? undefined, (ref) => this.get(ref)) ?? {};
    const image = await resolveImage(this.o.port, body.Image, wantedPlatform);
    if (wantedPlatform) checkImagePlatform(body.Image, wantedPlatform, image.config);
    const imageConfig = image.config.config ?? {};
    // A request Entrypoint replaces the image's Entrypoint and Cmd; [""] clears it (Docker's rule).
    let entrypoint: string[] | null;
    let cmd: string[] | null;
    if (body.Entrypoint != null) {
      entrypoint = body.Entrypoint.length === 1 && body.Entrypoint[0] === '' ? null : body.Entrypoint;
      cmd = body.Cmd ?? null;
    } else {
      entrypoint = imageConfig.Entrypoint ?? null;
      cmd = body.Cmd && body.Cmd.length > 0 ? body.Cmd : (imageConfig.Cmd ?? null);
    }
    const argv = [...(entrypoint ?? []), ...(cmd ?? [])];
    if (argv.length === 0) throw invalidArgument('No command specified');
    const hostConfig = keptHostConfig(body.HostConfig);
    // As dockerd, the record keeps the mode the container got, the daemon's default resolved.
    hostConfig.CgroupnsMode ||= cgroupVersion() === '2' ? 'private' : 'host';
    const warnings = discardUnsupported(hostConfig, { blkio: () => blkioWeightSupport(), realtime: () => cpuRealtimeSupport() });
    if (!wantedPlatform) {
      const mismatch = platformMismatch(image.config);
      if (mismatch) warnings.push(mismatch);
    }
    checkHostConfig(hostConfig, body.Hostname ?? '');
    // dockerd checks at create that the container exists; that it runs, at each start.
    for (const mode of [hostConfig.PidMode, hostConfig.IpcMode]) if (mode?.startsWith('container:')) this.namespaceSource(mode);
    checkRestartPolicy(body.HostConfig?.RestartPolicy ?? undefined, body.HostConfig?.AutoRemove ?? false);
    const volumes = [...new Set([...Object.keys(imageConfig.Volumes ?? {}), ...Object.keys(body.Volumes ?? {})])];
    const plannedMounts = planMounts(
      { ...hostConfig, volumes },
      { volumes: this.volumes, mountsOf: (ref) => this.get(ref).MountPoints },
    );

    const id = newContainerId();
    name ??= generateName((n) => this.names.has(n));
    const now = new Date().toISOString();
    const record: ContainerRecord = {
      Id: id,
      Name: name,
      Created: now,
      Path: argv[0]!,
      Args: argv.slice(1),
      Image: image.id,
      ImageName: image.name,
      Config: {
        Hostname: body.Hostname || id.slice(0, 12),
        Domainname: body.Domainname ?? '',
        User: body.User || imageConfig.User || '',
        AttachStdin: body.AttachStdin ?? false,
        AttachStdout: body.AttachStdout ?? false,
        AttachStderr: body.AttachStderr ?? false,
        Tty: body.Tty ?? false,
        OpenStdin: body.OpenStdin ?? false,
        StdinOnce: body.StdinOnce ?? false,
        Env: mergeEnv(imageConfig.Env ?? [], body.Env ?? []),
        Cmd: cmd,
        Image: body.Image,
        WorkingDir: body.WorkingDir || imageConfig.WorkingDir || '',
        Entrypoint: entrypoint,
        Labels: { ...(imageConfig.Labels ?? {}), ...(body.Labels ?? {}) },
        ...(body.StopSignal || imageConfig.StopSignal ? { StopSignal: body.StopSignal || imageConfig.StopSignal } : {}),
        ...(body.StopTimeout != null ? { StopTimeout: body.StopTimeout } : {}),
        ...healthcheckOf(imageConfig.Healthcheck, body.Healthcheck),
        ...(volumes.length > 0 ? { Volumes: Object.fromEntries(volumes.map((v) => [v, {}])) } : {}),
        ...exposedPortsField(imageConfig, body),
      },
      HostConfig: {
        AutoRemove: body.HostConfig?.AutoRemove ?? false,
        NetworkMode: networkMode,
        ...keptNetworkHostConfig(body.HostConfig),
        ...(body.HostConfig?.RestartPolicy ? { RestartPolicy: body.HostConfig.RestartPolicy } : {}),
        LogConfig: logConfig,
        Runtime: runtime,
        ...hostConfig,
      },
      RestartCount: 0,
      HasBeenManuallyStopped: false,
      MountPoints: [],
      Networks: networks,
      Ports: {},
      State: { Status: 'created', Pid: 0, ExitCode: 0, Error: '', StartedAt: ZERO_TIME, FinishedAt: ZERO_TIME },
      // Docker's LogPath is empty for a driver it does not write a file for.
      LogPath: logConfig.Type === 'json-file' ? this.o.store.logPath(id) : '',
    };
    if (record.Config.StopSignal) parseSignal(record.Config.StopSignal);
    record.MountPoints = materializeMounts(plannedMounts, this.volumes);
    try {
      this.mountVolumes(record);
    } catch (err) {
      this.removeAnonymousVolumes(record.MountPoints);
      throw err;
    }

    // The name is claimed before the first await that could let a second create take it.
    this.checkNameFree(name);
    this.names.set(name, id);
    try {
      const chainId = await this.prepareOnImage(id, image);
      try {
        // As dockerd, the user is always looked up in the image's /etc/passwd and /etc/group (a
        // bare uid takes its entry's group and memberships); volumes to fill from the image need
        // the snapshot mounted. So the spec waits for the snapshot.
        const files = await this.imageUserFiles.get(chainId, () => this.o.port.snapshotMounts(id));
        record.ProcessUser = resolveUserIn(files, record.Config.User, record.HostConfig.GroupAdd ?? []);
        if (record.MountPoints.some((m) => m.CopyUp)) await this.copyUpVolumes(record);
        await this.o.port.createContainer({
          id,
          image: image.name,
          spec: this.spec(record),
          snapshotKey: id,
          labels: {},
          runtime: { ...this.runtimes.forShim(record.HostConfig.Runtime), logPath: record.LogPath, log: logRotation(record.HostConfig.LogConfig) },
        });
      } catch (err) {
        await this.o.port.removeSnapshot(id).catch(() => undefined);
        throw err;
      }
      this.save(record);
      this.neverStarted.add(id);
      this.emit(record, 'create');
    } catch (err) {
      this.names.delete(name);
      this.removeAnonymousVolumes(record.MountPoints);
      throw err;
    }
    return { Id: id, Warnings: warnings };
  }

  /** The OCI spec, joined to the network namespace skiffd prepares at start. */
  private spec(record: ContainerRecord) {
    const built = buildSpec(record, { defaultCgroupParent: this.o.cgroupParent });
    const spec = record.HostConfig.IpcMode === 'shareable' ? withShmBind(built, this.shm.pathOf(record.Id)) : built;
    if (!this.o.network) return spec;
    const netns = this.o.network.specNetns(record, (ref) => this.get(ref));
    return this.o.network.withFiles(netns ? withNetns(spec, netns) : spec, record, (ref) => this.get(ref));
  }

  /** The logging of containers that name no driver (docker info's LoggingDriver). */
  get defaultLogConfig(): LogConfig {
    return this.o.logConfig ?? DEFAULT_LOG_CONFIG;
  }

  /** The networking of the container, for the network routes; undefined without bridge networking. */
  get network(): NetworkService | undefined {
    return this.o.network;
  }

  /** Changes a record under its lock (network connect and disconnect). */
  async updateRecord(ref: string, fn: (record: ContainerRecord, running: boolean) => Promise<ContainerRecord>): Promise<ContainerRecord> {
    const { Id: id } = this.get(ref);
    return this.mutex.run(id, async () => this.save(await fn(this.get(id), this.isRunning(id))));
  }

  /** Gives the container's namespace and addresses back (stop, exit, removal); never fails the caller. */
  private async releaseNetwork(id: string): Promise<void> {
    const record = this.records.get(id);
    if (!record || !this.o.network) return;
    try {
      this.o.network.syncFiles(this.all(), this.save({ ...record, ...(await this.o.network.down(record)) }));
    } catch (err) {
      this.o.log.warn({ id, err }, 'releasing the network failed');
    }
  }

  /** Fills empty volumes from the new container's snapshot. */
  private async copyUpVolumes(record: ContainerRecord): Promise<void> {
    // runtimeRoot is <exec-root>/runtime; the views are mounted under <exec-root>/rootfs.
    const deps = { port: this.o.port, execRoot: path.dirname(this.o.runtimeRoot) };
    await withRootfs(deps, record, 'ro', async (root) => {
      record.MountPoints = await copyUp(root, record.MountPoints);
    });
  }

  private checkNameFree(name: string): void {
    const owner = this.names.get(name);
    if (owner !== undefined) {
      throw conflict(`Conflict. The container name "/${name}" is already in use by container "${owner}". You have to remove (or rename) that container to be able to reuse that name.`);
    }
  }

  /**
   * The container's root filesystem as a host directory for fn (core/rootfs-view.ts explains
   * what is in it), with its volumes and bind mounts, its state held meanwhile: no start, stop
   * or removal until fn settles. The temporary mounts go beside the runtime root, under the
   * exec-root.
   */
  async withRootfs<T>(ref: string, mode: RootfsMode, fn: (root: string, record: ContainerRecord) => Promise<T>): Promise<T> {
    const { Id: id } = this.get(ref);
    return this.mutex.run(id, async () => {
      const record = this.get(id);
      return withRootfs({ port: this.o.port, execRoot: path.dirname(this.o.runtimeRoot) }, record, mode, (root) => fn(root, record), record.MountPoints);
    });
  }

  /** `docker export`: the snapshot as a tar, streamed by skiff-containerd. */
  exportRootfs(ref: string): Readable {
    return this.o.port.exportRootfs(this.get(ref).Id);
  }

  /** `docker diff`, from the snapshot's layers (core/archive-changes.ts). */
  async changes(ref: string): Promise<Change[]> {
    return changes(await this.o.port.snapshotMounts(this.get(ref).Id));
  }

  stdioPaths(record: ContainerRecord): StdioPaths {
    return this.o.fifos.paths(record.Id, { openStdin: record.Config.OpenStdin, tty: record.Config.Tty });
  }

  /** origin "policy": a restart by the restart policy, which a stop or removal meanwhile cancels. */
  async start(ref: string, origin: 'user' | 'policy' = 'user'): Promise<void> {
    const { Id: id } = this.get(ref);
    await this.mutex.run(id, async () => {
      let record = this.get(id);
      if (origin === 'policy' && record.State.Status !== 'restarting') return;
      if (origin === 'user') {
        this.restarts.reset(id);
        // Docker: a start by the user counts restarts from zero again.
        if (record.RestartCount !== 0) record = this.save({ ...record, RestartCount: 0 });
      }
      if (record.State.Status === 'running') throw notModified('container already started');
      if (record.State.Status === 'paused') throw conflict('cannot start a paused container, try unpause instead');
      if (record.State.Status === 'removing' || record.State.Status === 'dead') throw conflict(`container ${id} is marked for removal and cannot be started`);
      const paths = this.stdioPaths(record);
      this.o.fifos.create(id, paths);
      // A task of a previous run that was never deleted (skiffd died at the wrong moment).
      if (!this.neverStarted.delete(id)) await this.o.port.deleteTask(id);
      this.mountVolumes(record);
      let created = false;
      try {
        if (this.o.network) {
          this.save({ ...record, ...(await this.o.network.up(record, this.all())) });
          this.o.network.syncFiles(this.all(), this.get(id));
        }
        if (record.HostConfig.IpcMode === 'shareable') this.shm.mount(id, record.HostConfig.ShmSize || DEFAULT_SHM_SIZE);
        await this.joinNamespaces(record);
        await this.o.port.createTask({ containerId: id, terminal: record.Config.Tty, ...paths });
        created = true;
        this.attachments.taskCreated(id);
        const pid = await this.o.port.startTask(id);
        if (this.get(id).HasBeenManuallyStopped) this.save({ ...this.get(id), HasBeenManuallyStopped: false });
        this.emit(this.setState(id, { Status: 'running', Pid: pid, ExitCode: 0, Error: '', StartedAt: new Date().toISOString(), FinishedAt: ZERO_TIME }), 'start');
        if (this.stdinEndedEarly.delete(id)) await this.closeStdin(id);
      } catch (err) {
        if (created) await this.o.port.deleteTask(id).catch(() => undefined);
        if (this.o.network) await this.releaseNetwork(id);
        this.releaseShm(id);
        const message = err instanceof Error ? err.message : String(err);
        // Docker's exit codes for a start that failed: 127 when the command is missing.
        const exitCode = /not found|no such file/i.test(message) ? 127 : /permission denied/i.test(message) ? 126 : 128;
        this.setState(id, { Error: message, ExitCode: exitCode, ...(record.State.Status === 'restarting' ? { Status: 'exited' as const } : {}) });
        if (record.State.Status === 'restarting') this.notify(id, ['not-running'], exitCode);
        if (record.HostConfig.AutoRemove) await this.removeLocked(id, true);
        throw err;
      }
    });
  }

  /**
   * `--pid container:<x>`, `--ipc container:<y>`: the task joins the namespaces of their inits as
   * they are at this start (and y's /dev/shm), so its spec is made again (dockerd makes its spec
   * at every start). They must be running, y shareable, with dockerd's errors.
   */
  private async joinNamespaces(record: ContainerRecord): Promise<void> {
    const pidMode = record.HostConfig.PidMode ?? '';
    const ipcMode = record.HostConfig.IpcMode ?? '';
    if (!pidMode.startsWith('container:') && !ipcMode.startsWith('container:')) return;
    let spec = this.spec(record);
    if (pidMode.startsWith('container:')) {
      const pid = this.runningSource(pidMode);
      spec = joinNamespace(spec, 'pid', `/proc/${pid.State.Pid}/ns/pid`);
    }
    if (ipcMode.startsWith('container:')) {
      const ipc = this.runningSource(ipcMode, (target, err) => conflict(`can't join IPC of container ${target.Id}: ${err.message}`));
      if (!this.shm.isMounted(ipc.Id)) throw nonShareable(ipc.Id);
      spec = withShmBind(joinNamespace(spec, 'ipc', `/proc/${ipc.State.Pid}/ns/ipc`), this.shm.pathOf(ipc.Id));
    }
    await this.o.port.updateContainerSpec(record.Id, spec);
  }

  /** `wrap` words the refusal as dockerd does for that namespace. */
  private runningSource(mode: string, wrap: (target: ContainerRecord, err: Error) => Error = (_target, err) => err): ContainerRecord {
    const target = this.namespaceSource(mode);
    if (target.State.Status === 'restarting') throw wrap(target, conflict(`Container ${target.Id} is restarting, wait until the container is running`));
    if (!isLive(target)) throw wrap(target, conflict(`container ${target.Id} is not running`));
    return target;
  }

  /** Gives a shareable container's /dev/shm back (exit, failed start, removal); never fails the caller. */
  private releaseShm(id: string): void {
    try {
      this.shm.unmount(id);
    } catch (err) {
      this.o.log.warn({ id, err }, 'unmounting the shared /dev/shm failed');
    }
  }

  /** The container a `container:<x>` namespace mode names; a missing one is dockerd's 400. */
  private namespaceSource(mode: string): ContainerRecord {
    try {
      return this.get(mode.slice('container:'.length));
    } catch (err) {
      throw isSkiffError(err, 'NotFound') ? invalidArgument(err.message, { cause: err }) : err;
    }
  }

  /** Records a task exit (from the event stream or a resync) and reacts to it. */
  async handleExit(exit: TaskExit): Promise<void> {
    const id = exit.containerId;
    // An exec'd process ending is not the container ending.
    if (exit.execId || !this.records.has(id)) return;
    await this.mutex.run(id, async () => {
      const record = this.records.get(id);
      if (!record || (record.State.Status !== 'running' && record.State.Status !== 'paused')) return;
      let taskDeleted = true;
      try {
        await this.o.port.deleteTask(id);
      } catch (err) {
        taskDeleted = false;
        this.o.log.warn({ id, err }, 'deleting the exited task failed');
      }
      this.attachments.taskExited(id);
      if (this.o.network) await this.releaseNetwork(id);
      this.releaseShm(id);
      const restart = shouldRestart(record.HostConfig.RestartPolicy, { exitCode: exit.exitStatus, manuallyStopped: record.HasBeenManuallyStopped, restartCount: record.RestartCount });
      if (restart) this.save({ ...this.get(id), RestartCount: record.RestartCount + 1 });
      const state = { Status: restart ? ('restarting' as const) : ('exited' as const), Pid: 0, ExitCode: exit.exitStatus, FinishedAt: exit.exitedAt.toISOString() };
      this.emit(this.setState(id, state), 'die', { exitCode: String(exit.exitStatus) });
      this.notify(id, ['not-running', 'next-exit'], exit.exitStatus);
      if (restart) {
        const ranMs = exit.exitedAt.getTime() - Date.parse(record.State.StartedAt);
        this.restarts.schedule(id, ranMs, () => {
          this.start(id, 'policy').catch((err: Error) => this.o.log.warn({ id, err: err.message }, 'restart by the restart policy failed'));
        });
      }
      if (record.HostConfig.AutoRemove) await this.removeLocked(id, true, taskDeleted);
    });
  }

  private notify(id: string, conditions: WaitCondition[], exitCode: number): void {
    const set = this.waiters.get(id);
    if (!set) return;
    for (const w of [...set]) {
      if (!conditions.includes(w.condition)) continue;
      set.delete(w);
      w.resolve(exitCode);
    }
    if (set.size === 0) this.waiters.delete(id);
  }

  /**
   * Registers a waiter at once (so a start that follows cannot slip past it) and returns the
   * promise of the exit code.
   */
  wait(ref: string, condition: WaitCondition, signal?: AbortSignal): Promise<number> {
    const record = this.get(ref);
    // Docker counts a container waiting for its restart as running: the wait ends at the next exit.
    if (condition === 'not-running' && !this.isRunning(record.Id) && record.State.Status !== 'restarting') return Promise.resolve(record.State.ExitCode);
    return new Promise((resolve) => {
      const cancel = this.addWaiter(record.Id, { condition, resolve });
      // A client that went away stops waiting; its waiter must not stay until the next exit.
      signal?.addEventListener('abort', cancel, { once: true });
    });
  }

  private addWaiter(id: string, waiter: Waiter): () => void {
    let set = this.waiters.get(id);
    if (!set) this.waiters.set(id, (set = new Set()));
    set.add(waiter);
    return () => {
      set.delete(waiter);
      if (set.size === 0 && this.waiters.get(id) === set) this.waiters.delete(id);
    };
  }

  private isRunning(id: string): boolean {
    const s = this.records.get(id)?.State.Status;
    return s === 'running' || s === 'paused';
  }

  /** Resolves true when the container is not running any more, false after timeoutMs (-1: never). */
  private waitStopped(id: string, timeoutMs: number): Promise<boolean> {
    if (!this.isRunning(id)) return Promise.resolve(true);
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const cancel = this.addWaiter(id, {
        condition: 'not-running',
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      });
      if (timeoutMs >= 0) {
        timer = setTimeout(() => {
          cancel();
          resolve(false);
        }, timeoutMs);
      }
    });
  }

  async kill(ref: string, signalName: string | undefined): Promise<void> {
    const record = this.get(ref);
    const signal = signalName ? parseSignal(signalName) : SIGKILL;
    if (record.State.Status === 'restarting' && (await this.cancelRestart(record.Id))) return;
    if (!this.isRunning(record.Id)) throw conflict(`Container ${record.Id} is not running`);
    this.markManuallyStopped(record.Id);
    await this.o.port.kill(record.Id, signal);
    if (record.State.Status === 'paused') await this.thawForSignal(record.Id);
    this.emit(record, 'kill', { signal: String(signal) });
  }

  async stop(ref: string, opts: { timeout?: number; signal?: string }): Promise<void> {
    const record = this.get(ref);
    if (record.State.Status === 'restarting' && (await this.cancelRestart(record.Id))) return this.emit(record, 'stop');
    if (!this.isRunning(record.Id)) throw notModified('container already stopped');
    this.markManuallyStopped(record.Id);
    const signal = opts.signal ? parseSignal(opts.signal) : record.Config.StopSignal ? parseSignal(record.Config.StopSignal) : SIGTERM;
    const timeout = opts.timeout ?? record.Config.StopTimeout ?? 10;
    this.emit(record, 'kill', { signal: String(signal) });
    await this.killIgnoringGone(record.Id, signal);
    if (await this.waitStopped(record.Id, timeout < 0 ? -1 : timeout * 1000)) return this.emit(record, 'stop');
    this.o.log.info({ id: record.Id, timeout }, 'container did not stop in time; killing it');
    this.emit(record, 'kill', { signal: String(SIGKILL) });
    await this.killIgnoringGone(record.Id, SIGKILL);
    if (!(await this.waitStopped(record.Id, 30_000))) throw failedPrecondition(`container ${record.Id} did not exit 30 s after SIGKILL`);
    this.emit(record, 'stop');
  }

  /** A stop or kill through the API: the restart policy leaves the container stopped (persisted). */
  private markManuallyStopped(id: string): void {
    const record = this.records.get(id);
    if (record && !record.HasBeenManuallyStopped) this.save({ ...record, HasBeenManuallyStopped: true });
  }

  /** A container waiting for its restart stays stopped instead; false when it was not waiting. */
  private async cancelRestart(id: string): Promise<boolean> {
    if (this.records.get(id)?.State.Status !== 'restarting') return false;
    return this.mutex.run(id, async () => {
      const record = this.records.get(id);
      if (record?.State.Status !== 'restarting') return false;
      this.restarts.cancel(id);
      this.save({ ...record, HasBeenManuallyStopped: true, State: { ...record.State, Status: 'exited' } });
      this.notify(id, ['not-running'], record.State.ExitCode);
      return true;
    });
  }

  /** A task that exited meanwhile is what a stop wants anyway. */
  private async killIgnoringGone(id: string, signal: number): Promise<void> {
    try {
      await this.o.port.kill(id, signal);
    } catch (err) {
      if (!isSkiffError(err, 'NotFound') && !isSkiffError(err, 'FailedPrecondition')) throw err;
    }
    if (this.records.get(id)?.State.Status === 'paused') await this.thawForSignal(id);
  }

  /** A frozen process gets no signal, not even SIGKILL: a paused container is resumed after it (as dockerd). */
  private async thawForSignal(id: string): Promise<void> {
    if (this.records.get(id)?.State.Status !== 'paused') return;
    await this.o.port.resumeTask(id).catch((err: Error) => this.o.log.debug({ id, err: err.message }, 'resuming for a signal failed'));
    if (this.records.get(id)?.State.Status === 'paused') this.setState(id, { Status: 'running' });
  }

  async pause(ref: string): Promise<void> {
    const { Id: id } = this.get(ref);
    await this.mutex.run(id, async () => {
      const status = this.get(id).State.Status;
      if (status === 'paused') throw conflict(`Container ${id} is already paused`);
      if (status !== 'running') throw conflict(`Container ${id} is not running`);
      await this.o.port.pauseTask(id);
      this.emit(this.setState(id, { Status: 'paused' }), 'pause');
    });
  }

  async unpause(ref: string): Promise<void> {
    const { Id: id } = this.get(ref);
    await this.mutex.run(id, async () => {
      if (this.get(id).State.Status !== 'paused') throw conflict(`Container ${id} is not paused`);
      await this.o.port.resumeTask(id);
      this.emit(this.setState(id, { Status: 'running' }), 'unpause');
    });
  }

  /** Stop (when running) then start, as `docker restart`. */
  async restart(ref: string, opts: { timeout?: number; signal?: string }): Promise<void> {
    const record = this.get(ref);
    if (record.State.Status === 'paused') await this.unpause(record.Id);
    if (this.isRunning(record.Id)) await this.stop(record.Id, opts);
    await this.start(record.Id);
    this.emit(record, 'restart');
  }

  /** Applies new limits to the running task and keeps them in HostConfig for the next starts. */
  async update(ref: string, resources: LinuxResources, hostConfig: Partial<ContainerRecord['HostConfig']> = {}): Promise<void> {
    const { Id: id } = this.get(ref);
    await this.mutex.run(id, async () => {
      // A restart policy alone changes a stopped container too.
      if (hostConfig.RestartPolicy && this.get(id).HostConfig.AutoRemove && hostConfig.RestartPolicy.Name !== 'no') {
        throw conflict('Restart policy cannot be updated because AutoRemove is enabled for the container');
      }
      const limits = Object.keys(resources).length > 0;
      if (limits && !this.isRunning(id)) throw conflict(`Container ${id} is not running`);
      if (limits) await this.o.port.updateTask(id, resources);
      const record = this.get(id);
      this.emit(this.save({ ...record, HostConfig: { ...record.HostConfig, ...hostConfig } }), 'update');
    });
  }

  rename(ref: string, newName: string): void {
    const record = this.get(ref);
    const name = checkName(newName);
    if (name === record.Name) throw invalidArgument(`Renaming a container with the same name as its current name`);
    this.checkNameFree(name);
    this.names.delete(record.Name);
    this.names.set(name, record.Id);
    this.emit(this.save({ ...record, Name: name }), 'rename', { oldName: `/${record.Name}` });
  }

  /** volumes: also the container's anonymous volumes (`docker rm -v`). */
  async remove(ref: string, opts: { force: boolean; volumes?: boolean }): Promise<void> {
    const record = this.get(ref);
    if (record.State.Status === 'restarting' && !opts.force) {
      throw conflict(`You cannot remove a restarting container ${record.Id}. Stop the container before attempting removal or force remove`);
    }
    if (this.isRunning(record.Id)) {
      if (!opts.force) {
        throw conflict(`You cannot remove a running container ${record.Id}. Stop the container before attempting removal or force remove`);
      }
      this.emit(record, 'kill', { signal: String(SIGKILL) });
      await this.killIgnoringGone(record.Id, SIGKILL);
      if (!(await this.waitStopped(record.Id, 30_000))) throw failedPrecondition(`container ${record.Id} did not exit 30 s after SIGKILL`);
    }
    await this.mutex.run(record.Id, async () => {
      // AutoRemove may have removed it while we waited.
      if (this.records.has(record.Id)) await this.removeLocked(record.Id, opts.volumes ?? false);
    });
  }

  /** Volumes with the local driver's type/device options are mounts, made before use (a reboot undoes them). */
  private mountVolumes(record: ContainerRecord): void {
    for (const m of record.MountPoints) if (m.Type === 'volume' && m.Name) this.volumes.mount(m.Name);
  }

  /** Anonymous volumes still used by another container (VolumesFrom) stay, as in dockerd. */
  private removeAnonymousVolumes(points: MountPoint[]): void {
    for (const m of points) {
      if (!m.Anonymous || !m.Name || !this.volumes.has(m.Name) || this.volumes.inUse(m.Name)) continue;
      try {
        this.volumes.remove(m.Name);
        this.o.events?.publish('volume', 'destroy', m.Name, { driver: 'local' });
      } catch (err) {
        this.o.log.warn({ volume: m.Name, err }, 'removing an anonymous volume failed');
      }
    }
  }

  /** `taskDeleted`: the caller has just deleted the task under the lock, a round trip spared. */
  private async removeLocked(id: string, removeVolumes: boolean, taskDeleted = false): Promise<void> {
    const record = this.records.get(id)!;
    this.restarts.reset(id);
    this.setState(id, { Status: 'removing' });
    try {
      // The task holds the rootfs mount and the netns; once it is gone the rest are independent.
      if (!taskDeleted) await this.o.port.deleteTask(id);
      await Promise.all([this.releaseNetwork(id), this.o.port.deleteContainer(id), this.o.port.removeSnapshot(id)]);
      this.releaseShm(id);
    } catch (err) {
      this.setState(id, { Status: 'dead', Error: (err as Error).message });
      throw err;
    }
    this.o.store.remove(id);
    this.o.fifos.remove(id);
    this.records.delete(id);
    this.names.delete(record.Name);
    if (removeVolumes) this.removeAnonymousVolumes(record.MountPoints);
    this.stdinEndedEarly.delete(id);
    this.neverStarted.delete(id);
    this.notify(id, ['not-running', 'next-exit', 'removed'], record.State.ExitCode);
    this.emit(record, 'destroy');
  }

  /**
   * As dockerd: a client attached to a container that is not running (created, or exited since)
   * gets the output of its next run, until that run ends: `docker start -a` attaches first.
   */
  attach(ref: string, client: AttachClient, stdin: boolean): { record: ContainerRecord; attachment: Attachment | undefined } {
    const record = this.get(ref);
    if (record.State.Status === 'dead' || record.State.Status === 'removing') {
      return { record, attachment: undefined };
    }
    const paths = this.stdioPaths(record);
    this.o.fifos.create(record.Id, paths);
    this.emit(record, 'attach');
    return { record, attachment: this.attachments.attach(record.Id, paths, client, stdin && record.Config.OpenStdin) };
  }

  /** After an attached client closed its input: StdinOnce containers get end of file. */
  async inputEnded(id: string): Promise<void> {
    const record = this.records.get(id);
    if (!record?.Config.StdinOnce) return;
    // `docker run -i` with short input: the client is done before the start; the shim only
    // takes CloseIO for a started process.
    if (record.State.Status === 'created') this.stdinEndedEarly.add(id);
    else if (this.isRunning(id)) await this.closeStdin(id);
  }

  private async closeStdin(id: string): Promise<void> {
    await this.o.port.closeStdin(id).catch((err: SkiffError) => this.o.log.debug({ id, err }, 'CloseIO failed'));
  }

  metrics(id: string): Promise<TaskMetrics | undefined> {
    return this.o.port.metrics(id);
  }

  pids(id: string): Promise<number[]> {
    return this.o.port.listPids(id);
  }

  running(id: string): boolean {
    return this.isRunning(id);
  }

  /** Resolves after ms, or earlier when the container stops (logs --follow). */
  pauseWhileRunning(id: string, ms: number): Promise<void> {
    return this.waitStopped(id, ms).then(() => undefined);
  }

  async resize(ref: string, width: number, height: number): Promise<void> {
    const record = this.get(ref);
    if (!this.isRunning(record.Id)) throw conflict(`Container ${record.Id} is not running`);
    await this.o.port.resizePty(record.Id, width, height);
  }
}

/** Config.Healthcheck: the request's over the image's, absent when neither has one. */
function healthcheckOf(image: unknown, request: CreateBody['Healthcheck']): { Healthcheck?: ContainerRecord['Config']['Healthcheck'] } {
  const fromImage = HealthcheckSchema.safeParse(image);
  const merged = mergeHealthcheck(fromImage.success ? fromImage.data : undefined, request ?? undefined);
  return merged ? { Healthcheck: merged } : {};
}
