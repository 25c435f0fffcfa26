import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SkiffError, internal, type ErrorKind } from '@skiff/errors';
import type { LinuxResources, Process } from '@skiff/oci-spec';
import { ConsoleSocket } from '@skiff/runc';
import type { CgroupStats, CreateOptions, SpawnOptions, Spawned, StdioFds, TaskRuntime } from '../core/ports';

// runc reports failures as text; these are the ones the Task API gives a meaning to (NOT_FOUND,
// FAILED_PRECONDITION...). crun and skiff-runc use the same wording.
const KINDS: [RegExp, ErrorKind][] = [
  [/container does not exist|not exist/i, 'NotFound'],
  [/container with id exists|already exists/i, 'AlreadyExists'],
  [/not running|not stopped|is paused|not paused|has stopped|cannot start/i, 'FailedPrecondition'],
];

/** A failed runtime command as a SkiffError, its kind read from the runtime's message. */
export function runtimeError(command: string, message: string): SkiffError {
  const kind = KINDS.find(([pattern]) => pattern.test(message))?.[1] ?? 'Internal';
  return new SkiffError(kind, `${command}: ${message}`);
}

/** The last error runc wrote to its --log in JSON ({"level":"error","msg":...}). */
function lastLoggedError(logFile: string): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(logFile, 'utf8');
  } catch {
    return undefined;
  }
  let message: string | undefined;
  for (const line of text.split('\n')) {
    try {
      const entry = JSON.parse(line) as { level?: string; msg?: string };
      if (entry.level === 'error' && entry.msg) message = entry.msg;
    } catch {
      // Not JSON: a runtime that ignored --log-format.
    }
  }
  return message;
}

export interface ExternalRuntimeOptions {
  /** Absolute path of the runtime binary (runc, crun, skiff-runc). */
  binary: string;
  root: string;
  /** Global arguments before the subcommand (RuntimeOptions.runtime_args). */
  args: string[];
  /**
   * Called with +1 when a runtime command starts and -1 when it is done. The processes it creates
   * become the shim's children only when it exits (they are re-parented to the subreaper), and
   * until their pids are known the orphan reaper must keep its hands off.
   */
  onCommand?: (delta: 1 | -1) => void;
}

const SIGKILL = 9;

/** The console socket of a command, in its directory: runc connects to it and sends the pty master. */
const CONSOLE_SOCKET = 'console.sock';

function consoleFlag(terminal: boolean, dir: string): string[] {
  return terminal ? ['--console-socket', path.join(dir, CONSOLE_SOCKET)] : [];
}

interface RunOptions {
  stdio?: StdioFds;
  /** Written to the command's stdin. */
  input?: string;
  prepare?: (dir: string) => void;
  /** Listen on the command's console socket and take the pty master it sends. */
  terminal?: boolean;
  /** Removes what the command made, when its terminal cannot be had. */
  undo?: (pid: number) => Promise<void>;
}

interface RunResult {
  stdout: string;
  /** The pid file's content; 0 when the command wrote none. */
  pid: number;
  terminal?: number;
}

/**
 * Any OCI runtime binary that speaks runc's command line, run once per operation. The container
 * inherits the command's stdio, so the runtime's own errors are read from its --log file (as
 * containerd's shim does), never from stderr, which is the container's.
 */
export class ExternalRuntime implements TaskRuntime {
  constructor(private readonly opts: ExternalRuntimeOptions) {}

  /**
   * Runs one subcommand. Its files (log, pid file, process.json, console socket) live in a fresh
   * directory that `args` receives and that is removed afterwards.
   */
  private async run(args: (dir: string) => string[], opts: RunOptions = {}): Promise<RunResult> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-shim-runtime-'));
    const logFile = path.join(dir, 'log.json');
    const argv = args(dir);
    let consoleSocket: ConsoleSocket | undefined;
    this.opts.onCommand?.(1);
    try {
      opts.prepare?.(dir);
      if (opts.terminal) consoleSocket = new ConsoleSocket(path.join(dir, CONSOLE_SOCKET));
      const child = spawn(this.opts.binary, ['--root', this.opts.root, '--log', logFile, '--log-format', 'json', ...this.opts.args, ...argv], {
        stdio: opts.stdio ? [opts.stdio.stdin, opts.stdio.stdout, opts.stdio.stderr] : [opts.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      // A runtime that exits without reading its input must not fail the shim with EPIPE.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(opts.input);
      const code = await new Promise<number | null>((resolve, reject) => {
        child.on('error', reject);
        child.on('close', resolve);
      });
      if (code !== 0) {
        const message = lastLoggedError(logFile) ?? (stderr.trim() || `exited with ${code}`);
        throw runtimeError(`${path.basename(this.opts.binary)} ${argv[0]}`, message);
      }
      const pidFile = path.join(dir, 'pid');
      const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8')) : 0;
      if (!consoleSocket) return { stdout, pid };
      try {
        // The command has returned, so a runtime that gave the process a terminal has sent its master.
        return { stdout, pid, terminal: consoleSocket.receiveMaster() };
      } catch (err) {
        // The process exists, but nobody could ever reach its terminal: take it back.
        await opts.undo?.(pid).catch(() => undefined);
        throw internal(`${path.basename(this.opts.binary)} ${argv[0]}: no terminal on the console socket: ${(err as Error).message}`);
      }
    } finally {
      consoleSocket?.close();
      fs.rmSync(dir, { recursive: true, force: true });
      this.opts.onCommand?.(-1);
    }
  }

  async create(id: string, opts: CreateOptions): Promise<Spawned> {
    const { pid, terminal } = await this.run(
      (dir) => ['create', '--bundle', opts.bundle, '--pid-file', path.join(dir, 'pid'), ...consoleFlag(opts.terminal, dir), id],
      { stdio: opts.stdio, terminal: opts.terminal, undo: () => this.delete(id) },
    );
    return { pid, ...(terminal !== undefined ? { terminal } : {}) };
  }

  async start(id: string): Promise<void> {
    await this.run(() => ['start', id]);
  }

  async kill(id: string, signal: number, all: boolean): Promise<void> {
    await this.run(() => ['kill', ...(all ? ['--all'] : []), id, String(signal)]);
  }

  async delete(id: string): Promise<void> {
    await this.run(() => ['delete', '--force', id]);
  }

  async exec(id: string, proc: Process, opts: SpawnOptions): Promise<Spawned> {
    const { pid, terminal } = await this.run(
      (dir) => [
        'exec',
        '--detach',
        '--pid-file',
        path.join(dir, 'pid'),
        '--process',
        path.join(dir, 'process.json'),
        ...consoleFlag(opts.terminal, dir),
        id,
      ],
      {
        stdio: opts.stdio,
        prepare: (dir) => fs.writeFileSync(path.join(dir, 'process.json'), JSON.stringify(proc)),
        terminal: opts.terminal,
        // Re-parented to the shim when the command exited: the orphan reaper collects it.
        undo: async (pid) => {
          process.kill(pid, SIGKILL);
        },
      },
    );
    return { pid, ...(terminal !== undefined ? { terminal } : {}) };
  }

  async pause(id: string): Promise<void> {
    await this.run(() => ['pause', id]);
  }

  async resume(id: string): Promise<void> {
    await this.run(() => ['resume', id]);
  }

  async pids(id: string): Promise<number[]> {
    // runc prints null, not [], for an empty cgroup.
    return (JSON.parse((await this.run(() => ['ps', '--format', 'json', id])).stdout) as number[] | null) ?? [];
  }

  async stats(id: string): Promise<CgroupStats> {
    // `events --stats` prints runc's types.Stats, the shape skiff-runc's library returns too.
    return (JSON.parse((await this.run(() => ['events', '--stats', id])).stdout) as { data: CgroupStats }).data;
  }

  async update(id: string, resources: LinuxResources): Promise<void> {
    await this.run(() => ['update', '--resources', '-', id], { input: JSON.stringify(resources) });
  }

  /** `state`: the init's pid and status, for `skiff-shim delete`. */
  async state(id: string): Promise<{ pid: number; status: string }> {
    return JSON.parse((await this.run(() => ['state', id])).stdout) as { pid: number; status: string };
  }
}
