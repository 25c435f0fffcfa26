// What the daemon needs from skiff-containerd, as one interface: the core is written and tested
// against it (a fake in tests, gRPC in skiffd), so no route or core test needs root or a socket.
import type { Platform } from '@skiff/engine-api';
import type { Readable } from 'node:stream';
import type { LinuxResources } from '@skiff/oci-spec';

export interface ImageRecord {
  /** The full reference the image is stored under ("docker.io/library/busybox:latest"). */
  name: string;
  target: { mediaType: string; digest: string; size: number };
}

export interface TaskState {
  containerId: string;
  pid: number;
  status: 'UNKNOWN' | 'CREATED' | 'RUNNING' | 'STOPPED' | 'PAUSED' | 'PAUSING';
  exitStatus: number;
  exitedAt: Date | undefined;
}

export interface TaskExit {
  containerId: string;
  /** Set for the exit of an exec'd process; absent for the container's own. */
  execId?: string;
  exitStatus: number;
  exitedAt: Date;
}

export interface NewContainer {
  id: string;
  image: string;
  spec: object;
  snapshotKey: string;
  labels: Record<string, string>;
  /** logPath empty: no log file (the none driver); `log`: the json-file log's rotation. */
  runtime: { name: string; root: string; runtimeArgs: string[]; logPath: string; log: { maxSizeBytes: number; maxFiles: number } };
}

export interface NewTask {
  containerId: string;
  terminal: boolean;
  stdin: string;
  stdout: string;
  stderr: string;
}

/** A process to run in a container's task (`docker exec`). */
export interface NewProcess {
  containerId: string;
  execId: string;
  terminal: boolean;
  stdin: string;
  stdout: string;
  stderr: string;
  /** The OCI "process" object. */
  spec: object;
}

/** A cgroup sample of a container's task (skiff.types.v1.Metrics), counters as numbers. */
export interface TaskMetrics {
  cpu: { usageTotalNs: number; usageUserNs: number; usageSystemNs: number; perCpuNs: number[]; periods: number; throttledPeriods: number; throttledTimeNs: number };
  memory: { usageBytes: number; maxUsageBytes: number; limitBytes: number; cacheBytes: number; rssBytes: number; inactiveFileBytes: number; failcnt: number; raw: Record<string, number> };
  pids: { current: number; limit: number };
  blkio: { ioServiceBytes: BlkioEntry[]; ioServiced: BlkioEntry[] };
}

export interface BlkioEntry {
  major: number;
  minor: number;
  op: string;
  value: number;
}

/** One mount of a snapshot (skiff.types.v1.Mount); target "" is the root itself. */
export interface SnapshotMount {
  type: string;
  source: string;
  target: string;
  options: string[];
}

export interface EventSubscription {
  close(): void;
}

export interface ContainerdPort {
  /** NotFound when no image has that name. */
  getImage(name: string): Promise<ImageRecord>;
  listImages(): Promise<ImageRecord[]>;
  readBlob(digest: string): Promise<Buffer>;
  /** Unpacks the image's layers if needed; returns the chain id to prepare a snapshot on. */
  unpack(name: string, platform?: Platform): Promise<string>;
  prepareSnapshot(key: string, parent: string): Promise<void>;
  /** What to mount to see an active snapshot's filesystem; NotFound for an unknown key. */
  snapshotMounts(key: string): Promise<SnapshotMount[]>;
  /** The container's whole filesystem (its snapshot, no volumes) as a tar (`docker export`). */
  exportRootfs(id: string): Readable;
  /** Forgets the snapshot; a missing one is not an error. */
  removeSnapshot(key: string): Promise<void>;
  createContainer(container: NewContainer): Promise<void>;
  /** Replaces the spec the container's next task starts from. */
  updateContainerSpec(id: string, spec: object): Promise<void>;
  /** A missing container is not an error. */
  deleteContainer(id: string): Promise<void>;
  createTask(task: NewTask): Promise<number>;
  startTask(id: string): Promise<number>;
  listTasks(): Promise<TaskState[]>;
  kill(id: string, signal: number): Promise<void>;
  /** Deletes a stopped task; a missing one is not an error. */
  deleteTask(id: string): Promise<void>;
  /** execId "" is the container's own process. */
  closeStdin(id: string, execId?: string): Promise<void>;
  resizePty(id: string, width: number, height: number, execId?: string): Promise<void>;
  /** The task's cgroup sample; undefined when it has no running task. */
  metrics(id: string): Promise<TaskMetrics | undefined>;
  /** Host pids of every process in the container. */
  listPids(id: string): Promise<number[]>;
  /** Freezes and thaws every process of the task (the cgroup freezer). */
  pauseTask(id: string): Promise<void>;
  resumeTask(id: string): Promise<void>;
  /** New cgroup limits for the running task. */
  updateTask(id: string, resources: LinuxResources): Promise<void>;
  /** Adds a process to the task (not started). */
  execProcess(process: NewProcess): Promise<void>;
  startProcess(id: string, execId: string): Promise<number>;
  /** Forgets an exited process; a missing one is not an error. */
  deleteProcess(id: string, execId: string): Promise<void>;
  /**
   * Task exits (and exec'd process exits, with execId) as they happen. `onBroken` is called once if the stream ends (containerd went
   * away): the caller resubscribes and resyncs from listTasks, since the bus keeps no backlog.
   */
  subscribeExits(onExit: (exit: TaskExit) => void, onBroken: (err: Error) => void): EventSubscription;
}
