// `docker exec`: processes added to a running container's task. Each exec instance has its own
// FIFOs (under the container's FIFO directory, so removing the container removes them), its own
// attach hub, and an exit status from skiff-containerd's exit events. Instances live in memory,
// as in dockerd: they are gone after a restart of skiffd.
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { conflict, internal, isSkiffError, notFound } from '@skiff/errors';
import type { ExecCreateBodySchema } from '@skiff/engine-api';
import type { z } from 'zod';
import { AttachManager, type AttachClient, type Attachment } from './attach';
import type { ContainerService } from './containers';
import { execUserFromRoot, execUserWithoutFiles } from './exec-user';
import type { ResolvedUser } from './hostconfig-user';
import type { FifoDirs, StdioPaths } from './fifos';
import type { ContainerdPort, TaskExit } from './ports';
import { isLive } from './rootfs-view';
import { buildProcess, mergeEnv } from './spec';

export type ExecCreate = z.infer<typeof ExecCreateBodySchema>;

interface ExecInstance {
  id: string;
  containerId: string;
  config: ExecCreate;
  started: boolean;
  running: boolean;
  exitCode: number | null;
  pid: number;
  exited: Promise<void>;
  markExited: () => void;
}

export interface ExecServiceOptions {
  port: ContainerdPort;
  containers: ContainerService;
  fifos: FifoDirs;
  log: Logger;
}

const fifoKey = (e: ExecInstance) => `${e.containerId}/exec-${e.id}`;

export class ExecService {
  private readonly execs = new Map<string, ExecInstance>();
  private readonly attachments = new AttachManager();

  constructor(private readonly o: ExecServiceOptions) {}

  create(containerRef: string, config: ExecCreate): string {
    const record = this.o.containers.get(containerRef);
    if (record.State.Status === 'paused') throw conflict(`Container ${record.Id} is paused, unpause the container before exec`);
    if (record.State.Status !== 'running') throw conflict(`Container ${record.Id} is not running`);
    const id = randomBytes(32).toString('hex');
    let markExited!: () => void;
    const exited = new Promise<void>((resolve) => (markExited = resolve));
    this.execs.set(id, { id, containerId: record.Id, config, started: false, running: false, exitCode: null, pid: 0, exited, markExited });
    this.o.containers.execEvent(record.Id, `exec_create: ${config.Cmd.join(' ')}`, { execID: id });
    return id;
  }

  get(id: string): ExecInstance {
    const e = this.execs.get(id);
    if (!e) throw notFound(`No such exec instance: ${id}`);
    return e;
  }

  /**
   * Starts the process; with a client, its output goes there (attached before the start, so
   * nothing is missed) and its input to the process.
   */
  async start(id: string, client: AttachClient | undefined): Promise<Attachment | undefined> {
    const e = this.get(id);
    if (e.started) throw conflict(e.running ? `Error: Exec command ${id} is already running` : `Error: Exec command ${id} has already run`);
    const record = this.o.containers.get(e.containerId);
    if (record.State.Status !== 'running') throw conflict(`Container ${record.Id} is not running`);
    e.started = true;
    const c = e.config;
    const dir = this.o.fifos.dir(fifoKey(e));
    const paths: StdioPaths = {
      stdin: c.AttachStdin ? `${dir}/stdin` : '',
      stdout: `${dir}/stdout`,
      stderr: c.Tty ? '' : `${dir}/stderr`,
    };
    this.o.fifos.create(fifoKey(e), paths);
    const attachment = client ? this.attachments.attach(id, paths, client, c.AttachStdin) : undefined;
    const base = buildProcess(record);
    try {
      const spec = {
        ...base,
        terminal: c.Tty,
        args: c.Cmd,
        env: mergeEnv(base.env ?? [], c.Tty ? ['TERM=xterm'] : [], c.Env ?? []),
        cwd: c.WorkingDir || base.cwd,
        user: c.User ? await this.user(e.containerId, c.User, record.HostConfig.GroupAdd ?? []) : base.user,
        ...(c.ConsoleSize ? { consoleSize: { height: c.ConsoleSize[0]!, width: c.ConsoleSize[1]! } } : {}),
      };
      await this.o.port.execProcess({ containerId: e.containerId, execId: id, terminal: c.Tty, ...paths, spec });
      // Before the start, as Docker: a short process's exit may be handled before startProcess answers.
      this.o.containers.execEvent(e.containerId, `exec_start: ${c.Cmd.join(' ')}`, { execID: id });
      e.pid = await this.o.port.startProcess(e.containerId, id);
      e.running = true;
      this.attachments.taskCreated(id);
    } catch (err) {
      attachment?.detach();
      e.exitCode = 126;
      e.markExited();
      this.o.fifos.remove(fifoKey(e));
      await this.o.port.deleteProcess(e.containerId, id).catch(() => undefined);
      throw err;
    }
    return attachment;
  }

  /**
   * -u resolved in the container's own files, seen through its live root. dockerd answers an
   * unknown name with a plain error, so 500 rather than create's 400.
   */
  private async user(containerId: string, user: string, groupAdd: string[]): Promise<ResolvedUser> {
    const fixed = execUserWithoutFiles(user, groupAdd);
    if (fixed) return fixed;
    try {
      return await this.o.containers.withRootfs(containerId, 'ro', async (root, record) => {
        // Stopped meanwhile: the view would be its snapshot, and the exec cannot run anyway.
        if (!isLive(record)) throw conflict(`Container ${record.Id} is not running`);
        return execUserFromRoot(root, user, groupAdd);
      });
    } catch (err) {
      throw isSkiffError(err, 'InvalidArgument') ? internal(err.message, { cause: err }) : err;
    }
  }

  /** The client's input ended: the process gets end of file. */
  async inputEnded(id: string): Promise<void> {
    const e = this.get(id);
    if (e.running) await this.o.port.closeStdin(e.containerId, id).catch((err: Error) => this.o.log.debug({ id, err: err.message }, 'CloseIO failed'));
  }

  resize(id: string, height: number, width: number): Promise<void> {
    const e = this.get(id);
    if (!e.running) throw conflict(`Exec ${id} is not running`);
    return this.o.port.resizePty(e.containerId, width, height, id);
  }

  /** Resolves once the process has exited and its status is recorded. */
  exited(id: string): Promise<void> {
    return this.get(id).exited;
  }

  handleExit(exit: TaskExit): void {
    const e = exit.execId ? this.execs.get(exit.execId) : undefined;
    if (!e || e.containerId !== exit.containerId) return;
    e.running = false;
    e.exitCode = exit.exitStatus;
    e.markExited();
    this.o.containers.execEvent(e.containerId, 'exec_die', { execID: e.id, exitCode: String(exit.exitStatus) });
    void this.o.port.deleteProcess(e.containerId, e.id).catch((err: Error) => this.o.log.debug({ id: e.id, err: err.message }, 'DeleteProcess failed'));
    // The attached client has the output already or reads what is left from open descriptors.
    this.o.fifos.remove(fifoKey(e));
  }

  /** A healthcheck probe's instance, not kept once its result is read. */
  forget(id: string): void {
    this.execs.delete(id);
  }

  idsOf(containerId: string): string[] {
    return [...this.execs.values()].filter((e) => e.containerId === containerId).map((e) => e.id);
  }

  inspect(id: string): object {
    const e = this.get(id);
    const c = e.config;
    return {
      ID: e.id,
      Running: e.running,
      ExitCode: e.exitCode,
      ProcessConfig: { tty: c.Tty, entrypoint: c.Cmd[0], arguments: c.Cmd.slice(1), privileged: c.Privileged, user: c.User },
      OpenStdin: c.AttachStdin,
      OpenStderr: c.AttachStderr,
      OpenStdout: c.AttachStdout,
      CanRemove: false,
      ContainerID: e.containerId,
      DetachKeys: c.DetachKeys ?? '',
      Pid: e.pid,
    };
  }
}
