// One test file's skiff-containerd: its own roots, socket directory and runtime root under a
// temporary directory, a busybox rootfs, gRPC clients, and a cleanup that leaves nothing behind
// (containerd, shims, containers, mounts, files) whatever state a failing test left.
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { defaultSpec, type RuntimeConfig } from '@skiff/oci-spec';
import { loadGrpcObject } from '@skiff/protos';
import type { ProtoGrpcType as ContainersProto } from '@skiff/protos/generated/containers';
import type { ProtoGrpcType as TasksProto } from '@skiff/protos/generated/tasks';
import type { ProtoGrpcType as EventsProto } from '@skiff/protos/generated/events';
import type { ProtoGrpcType as VersionProto } from '@skiff/protos/generated/version';
import type { Envelope__Output } from '@skiff/protos/generated/skiff/events/v1/Envelope';
// The shim's test helpers already solve reaping on this VM (PID 1 never reaps orphans).
import { becomeSubreaper, isLive, reapZombieChildren, spareChild, trackNodeChild } from '../../../shim/test/helpers/reaper';
import { makeRootfs } from '../../../shim/test/helpers/bundle';

export const containerdBin = path.resolve(__dirname, '../../bin/skiff-containerd');
export const shimBin = path.resolve(__dirname, '../../../shim/bin/skiff-shim');
export const skiffRuncBin = path.resolve(__dirname, '../../../runc/bin/skiff-runc');
export const RUNC = '/usr/sbin/runc';
export const canRunContainers =
  process.getuid?.() === 0 &&
  fs.existsSync(path.resolve(__dirname, '../../dist/cli/main.js')) &&
  fs.existsSync(path.resolve(__dirname, '../../../shim/dist/cli/main.js')) &&
  fs.existsSync('/bin/busybox');

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not met within ${timeoutMs} ms`);
    await sleep(20);
  }
}

type Unary = (req: object, meta: grpc.Metadata, opts: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res: any) => void) => void;

/** Promisified unary calls of a client, in a namespace. */
export function caller(client: grpc.Client, namespace = 'default') {
  return <T = any>(method: string, request: object = {}, timeoutMs = 30_000): Promise<T> =>
    new Promise((resolve, reject) => {
      const meta = new grpc.Metadata();
      meta.set('skiff-namespace', namespace);
      const fn = (client as unknown as Record<string, Unary>)[method]!;
      fn.call(client, request, meta, { deadline: Date.now() + timeoutMs }, (err, res) => (err ? reject(err) : resolve(res)));
    });
}

export interface StartedContainerd {
  child: ChildProcess;
  log: string;
}

export class ContainerdHarness {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-ctrd-it-'));
  readonly root = path.join(this.dir, 'root');
  readonly state = path.join(this.dir, 'state');
  readonly socketDir: string;
  readonly address = path.join(this.dir, 'containerd.sock');
  readonly runtimeRoot = path.join(this.dir, 'runtime');
  readonly runcRoot = path.join(this.dir, 'runc-root');
  readonly rootfs = path.join(this.dir, 'rootfs');
  readonly logs = path.join(this.dir, 'logs');
  private readonly clients: grpc.Client[] = [];
  private readonly children = new Set<ChildProcess>();
  private reaper: NodeJS.Timeout | undefined;
  current: StartedContainerd | undefined;
  private starts = 0;

  /** socketsUnderState puts the shims' sockets inside --state, as skiffd's layout may. */
  constructor(private readonly options: { warm?: number; socketsUnderState?: boolean } = {}) {
    this.socketDir = options.socketsUnderState ? path.join(this.state, 's') : path.join(this.dir, 's');
    becomeSubreaper();
    makeRootfs(this.rootfs);
    fs.mkdirSync(this.logs, { recursive: true });
  }

  reap(): void {
    reapZombieChildren(new Set([...this.children].map((c) => c.pid!)));
  }

  /** Keeps every orphan reaper off a child this harness did not spawn (a registry); reaping it would hang its owner. */
  spare(pid: number): void {
    spareChild(pid);
  }

  /**
   * A child process of the test. Spawn children through this: the reaper, which must take the
   * orphans re-parented to this process, spares only the children it knows, and a child it reaped
   * would never emit 'exit' or 'close'.
   */
  spawn(command: string, args: string[], options: SpawnOptions): ChildProcess {
    const child = trackNodeChild(spawn(command, args, options));
    this.children.add(child);
    child.on('exit', () => this.children.delete(child));
    return child;
  }

  /** Starts skiff-containerd and waits for its socket to answer Version. */
  async start(): Promise<StartedContainerd> {
    // Shims and containers are re-parented to this process when their parents exit. Started here,
    // not in the constructor: a harness of a skipped describe must not keep jest alive.
    this.reaper ??= setInterval(() => this.reap(), 50);
    const config = path.join(this.dir, 'config.json');
    fs.writeFileSync(
      config,
      JSON.stringify({ shim: { binary: shimBin, socketDir: this.socketDir, debug: true, warm: { size: this.options.warm ?? 0, namespaces: ['default'] } } }),
    );
    const log = path.join(this.dir, `containerd-${++this.starts}.log`);
    const fd = fs.openSync(log, 'a');
    const child = trackNodeChild(
      spawn(process.execPath, [containerdBin, '--root', this.root, '--state', this.state, '--address', this.address, '--config', config, '--log-level', 'debug'], {
        stdio: ['ignore', 'ignore', fd],
      }),
    );
    fs.closeSync(fd);
    this.children.add(child);
    child.on('exit', () => this.children.delete(child));
    const version = caller(this.client('version'));
    await until(
      async () => {
        if (child.exitCode !== null) throw new Error(`skiff-containerd exited ${child.exitCode}: ${fs.readFileSync(log, 'utf8')}`);
        return version('Version', {}, 1_000).then(
          () => true,
          () => false,
        );
      },
      20_000,
      'skiff-containerd answers',
    );
    this.current = { child, log };
    return this.current;
  }

  /** SIGKILL (crash) or SIGTERM (clean stop) of the running containerd; waits until it is gone. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.current?.child;
    if (!child) return;
    this.current = undefined;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    }
  }

  client(service: 'containers' | 'tasks' | 'events' | 'version'): grpc.Client {
    const file = `skiff/containerd/services/${service}/v1/${service}.proto`;
    const address = `unix://${this.address}`;
    const creds = grpc.credentials.createInsecure();
    let client: grpc.Client;
    if (service === 'containers') client = new (loadGrpcObject<ContainersProto>(file).skiff.containerd.services.containers.v1.Containers)(address, creds);
    else if (service === 'tasks') client = new (loadGrpcObject<TasksProto>(file).skiff.containerd.services.tasks.v1.Tasks)(address, creds);
    else if (service === 'events') client = new (loadGrpcObject<EventsProto>(file).skiff.containerd.services.events.v1.Events)(address, creds);
    else client = new (loadGrpcObject<VersionProto>(file).skiff.containerd.services.version.v1.Version)(address, creds);
    this.clients.push(client);
    return client;
  }

  /** Collects the events of a subscription until stop() is called. */
  subscribe(filters: string[] = []): { events: Envelope__Output[]; stop: () => void } {
    const events: Envelope__Output[] = [];
    const stream = (this.client('events') as unknown as { Subscribe(r: object): grpc.ClientReadableStream<Envelope__Output> }).Subscribe({ filters });
    stream.on('data', (e: Envelope__Output) => events.push(e));
    stream.on('error', () => undefined);
    return { events, stop: () => stream.cancel() };
  }

  /** A runtime spec running args in the busybox rootfs; stdout/err to the json log when `log`. */
  spec(args: string[], mutate?: (config: RuntimeConfig) => void): Buffer {
    const config = defaultSpec();
    config.process!.terminal = false;
    config.process!.args = args;
    config.root = { path: this.rootfs, readonly: true };
    mutate?.(config);
    return Buffer.from(JSON.stringify(config));
  }

  /** RuntimeOptions for the builtin runtime, or a runtime binary, with a json log of the container. */
  runtimeOptions(id: string, binary?: string): object {
    return {
      name: binary ?? 'builtin',
      root: binary ? this.runcRoot : this.runtimeRoot,
      runtimeArgs: [],
      logPathJsonFile: path.join(this.logs, `${id}.log`),
      logOptions: { maxSizeBytes: '0', maxFiles: 0 },
    };
  }

  /** Pids of every live process whose command line mentions this harness's directory. */
  ownProcesses(): number[] {
    const found: number[] = [];
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
      try {
        if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(this.dir) && isLive(Number(entry))) found.push(Number(entry));
      } catch {
        // Gone meanwhile.
      }
    }
    return found;
  }

  /** Every process left in the runtime roots' containers, then shims and containerd, then files. */
  async cleanup(): Promise<void> {
    // SKIFF_TEST_KEEP=1 keeps the directory (logs, bundles) of a failing run for a post-mortem.
    const keep = process.env.SKIFF_TEST_KEEP === '1';
    for (const client of this.clients) client.close();
    await this.stop('SIGKILL');
    for (const pid of this.ownProcesses()) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone.
      }
    }
    const runtimes: Array<[string, string[]]> = [
      [process.execPath, ['--single-threaded', skiffRuncBin, '--root', this.runtimeRoot]],
      [RUNC, ['--root', this.runcRoot]],
    ];
    for (const [bin, args] of runtimes) {
      const root = args[args.length - 1]!;
      if (!fs.existsSync(root)) continue;
      for (const id of fs.readdirSync(root)) {
        await new Promise((resolve) => spawn(bin, [...args, 'delete', '--force', id], { stdio: 'ignore' }).on('close', resolve));
      }
    }
    await until(() => (this.reap(), this.ownProcesses().length === 0), 5_000, 'processes gone').catch(() => undefined);
    clearInterval(this.reaper);
    this.reaper = undefined;
    this.reap();
    if (!keep) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
