import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SkiffError, type ErrorKind } from '@skiff/errors';
import type { Process } from '@skiff/oci-spec';
import type { CgroupStats, StdioFds, TaskRuntime } from '../core/ports';

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

/**
 * Any OCI runtime binary that speaks runc's command line, run once per operation. The container
 * inherits the command's stdio, so the runtime's own errors are read from its --log file (as
 * containerd's shim does), never from stderr, which is the container's.
 */
export class ExternalRuntime implements TaskRuntime {
  constructor(private readonly opts: ExternalRuntimeOptions) {}

  /**
   * Runs one subcommand. Its files (log, pid file, process.json) live in a fresh directory that
   * `args` receives and that is removed afterwards; `result: 'pid'` returns the pid file's content.
   */
  private async run(
    args: (dir: string) => string[],
    opts: { stdio?: StdioFds; prepare?: (dir: string) => void; result?: 'stdout' | 'pid' } = {},
  ): Promise<string> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-shim-runtime-'));
    const logFile = path.join(dir, 'log.json');
    const argv = args(dir);
    this.opts.onCommand?.(1);
    try {
      opts.prepare?.(dir);
      const child = spawn(this.opts.binary, ['--root', this.opts.root, '--log', logFile, '--log-format', 'json', ...this.opts.args, ...argv], {
        stdio: opts.stdio ? [opts.stdio.stdin, opts.stdio.stdout, opts.stdio.stderr] : ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve, reject) => {
        child.on('error', reject);
        child.on('close', resolve);
      });
      if (code !== 0) {
        const message = lastLoggedError(logFile) ?? (stderr.trim() || `exited with ${code}`);
        throw runtimeError(`${path.basename(this.opts.binary)} ${argv[0]}`, message);
      }
      return opts.result === 'pid' ? fs.readFileSync(path.join(dir, 'pid'), 'utf8') : stdout;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      this.opts.onCommand?.(-1);
    }
  }

  async create(id: string, opts: { bundle: string; stdio: StdioFds }): Promise<number> {
    const pid = await this.run((dir) => ['create', '--bundle', opts.bundle, '--pid-file', path.join(dir, 'pid'), id], { stdio: opts.stdio, result: 'pid' });
    return Number(pid);
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

  async exec(id: string, process: Process, stdio: StdioFds): Promise<number> {
    const pid = await this.run((dir) => ['exec', '--detach', '--pid-file', path.join(dir, 'pid'), '--process', path.join(dir, 'process.json'), id], {
      stdio,
      prepare: (dir) => fs.writeFileSync(path.join(dir, 'process.json'), JSON.stringify(process)),
      result: 'pid',
    });
    return Number(pid);
  }

  async pause(id: string): Promise<void> {
    await this.run(() => ['pause', id]);
  }

  async resume(id: string): Promise<void> {
    await this.run(() => ['resume', id]);
  }

  async pids(id: string): Promise<number[]> {
    // runc prints null, not [], for an empty cgroup.
    return (JSON.parse(await this.run(() => ['ps', '--format', 'json', id])) as number[] | null) ?? [];
  }

  async stats(id: string): Promise<CgroupStats> {
    // `events --stats` prints runc's types.Stats, the shape skiff-runc's library returns too.
    return (JSON.parse(await this.run(() => ['events', '--stats', id])) as { data: CgroupStats }).data;
  }

  /** `state`: the init's pid and status, for `skiff-shim delete`. */
  async state(id: string): Promise<{ pid: number; status: string }> {
    return JSON.parse(await this.run(() => ['state', id])) as { pid: number; status: string };
  }
}
