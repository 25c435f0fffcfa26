import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type SkiffError,
  failedPrecondition,
  internal,
  invalidArgument,
  notFound,
  permissionDenied,
} from '@skiff/errors';

/**
 * The operations whose behaviour on cgroupfs differs from an ordinary directory tree: mkdir makes
 * the kernel populate the control files, rmdir succeeds on a directory full of them, and a write
 * is checked by the kernel. The managers go through this object so that tests can put a simulated
 * kernel behind a temp-dir tree.
 */
export const kernfs = {
  mkdir(dir: string): void {
    fs.mkdirSync(dir, { mode: 0o755 });
  },
  rmdir(dir: string): void {
    fs.rmdirSync(dir);
  },
  write(file: string, value: string): void {
    // O_WRONLY without O_CREAT: some files (devices.allow, cgroup.kill) are write-only, so O_RDWR
    // fails, and a missing file must stay an error rather than turn into a regular file.
    const fd = fs.openSync(file, fs.constants.O_WRONLY);
    try {
      // One write(2) per value: the kernel parses each write on its own.
      fs.writeSync(fd, value);
    } finally {
      fs.closeSync(fd);
    }
  },
};

/** Bounds on the waits (tests shorten them). */
export const timing = {
  /** How long freeze() waits for the kernel to report FROZEN. */
  freezeTimeoutMs: 5000,
  /** How long destroy() keeps retrying a cgroup that still has exiting processes. */
  busyTimeoutMs: 2000,
};

export function errnoOf(err: unknown): string | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Turns a failed cgroupfs operation into the SkiffError kind that says what went wrong. */
export function fsError(what: string, err: unknown): SkiffError {
  const code = errnoOf(err);
  const options = { cause: err };
  switch (code) {
    case 'ENOENT':
      return failedPrecondition(`${what}: no such file (controller not available for this cgroup)`, options);
    case 'EINVAL':
    case 'ERANGE':
    case 'EOVERFLOW':
      return invalidArgument(`${what}: the kernel rejected the value (${code})`, options);
    case 'EBUSY':
      return failedPrecondition(`${what}: the cgroup is busy (EBUSY), e.g. a limit below current usage`, options);
    case 'ENOSPC':
      return failedPrecondition(`${what}: ENOSPC (no CPUs or memory nodes in the cgroup's cpuset?)`, options);
    case 'ESRCH':
      return notFound(`${what}: no such process`, options);
    case 'EPERM':
    case 'EACCES':
    case 'EROFS':
      return permissionDenied(`${what}: ${code}`, options);
    default:
      return internal(`${what}: ${err instanceof Error ? err.message : String(err)}`, options);
  }
}

function writeError(file: string, value: string, err: unknown): SkiffError {
  return fsError(`cannot write "${value}" to ${file}`, err);
}

export function writeValue(file: string, value: string): void {
  try {
    kernfs.write(file, value);
  } catch (err) {
    throw writeError(file, value, err);
  }
}

/**
 * Writes values that constrain each other (quota vs burst vs period, rt runtime vs period, shares
 * vs idle): which order the kernel accepts depends on the values already in place, so a write
 * refused with EINVAL is retried after the others went through, until a round makes no progress.
 */
export function writeSettling(writes: Array<[file: string, value: string]>): void {
  let pending = writes;
  while (pending.length > 0) {
    const refused: Array<[string, string]> = [];
    let firstError: unknown;
    for (const [file, value] of pending) {
      try {
        kernfs.write(file, value);
      } catch (err) {
        if (errnoOf(err) !== 'EINVAL') throw writeError(file, value, err);
        refused.push([file, value]);
        firstError ??= err;
      }
    }
    if (refused.length === pending.length) {
      const [file, value] = refused[0]!;
      throw writeError(file, value, firstError);
    }
    pending = refused;
  }
}

/** The file's text, or undefined when it cannot be read (missing file, controller not enabled). */
export function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export function exists(file: string): boolean {
  return fs.existsSync(file);
}

/** A single-number file; undefined when missing, "max" or not a number. */
export function readNumber(file: string): number | undefined {
  return parseNumber(readText(file));
}

export function parseNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (!/^-?\d+$/.test(t)) return undefined;
  return Number(t);
}

/** Same as readNumber but exact, for values compared against limits near 2^63. */
export function readBigInt(file: string): bigint | undefined {
  const t = readText(file)?.trim();
  return t !== undefined && /^-?\d+$/.test(t) ? BigInt(t) : undefined;
}

/** "key value" lines (memory.stat, cpu.stat, memory.events...) → numbers; undefined when the file is missing. */
export function readKeyed(file: string): Record<string, number> | undefined {
  const text = readText(file);
  if (text === undefined) return undefined;
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const [key, value, extra] = line.trim().split(/\s+/);
    const n = parseNumber(value);
    if (key && n !== undefined && extra === undefined) out[key] = n;
  }
  return out;
}

/** Space-separated words of a file such as cgroup.controllers. */
export function readWords(file: string): string[] {
  return (readText(file) ?? '').split(/\s+/).filter((w) => w !== '');
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocking sleep: callers are short-lived CLI paths that must not return before the kernel caught up. */
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function childDirs(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => path.join(dir, e.name));
  } catch {
    return [];
  }
}

/** Pids in cgroup.procs of dir and of every cgroup below it. */
export function listProcs(dir: string): number[] {
  const found = new Set<number>();
  const visit = (d: string): void => {
    for (const line of (readText(path.join(d, 'cgroup.procs')) ?? '').split('\n')) {
      const pid = parseNumber(line);
      if (pid !== undefined && pid > 0) found.add(pid);
    }
    for (const child of childDirs(d)) visit(child);
  };
  visit(dir);
  return [...found];
}

/** mkdir -p that records each directory it made, so a failed create can undo exactly those. */
export function makeDirs(dir: string, created: string[]): void {
  const missing: string[] = [];
  for (let d = dir; !fs.existsSync(d); d = path.dirname(d)) {
    if (path.dirname(d) === d) break;
    missing.unshift(d);
  }
  for (const d of missing) {
    try {
      kernfs.mkdir(d);
    } catch (err) {
      if (errnoOf(err) === 'EEXIST') continue; // another runtime process made it meanwhile
      throw fsError(`cannot create cgroup ${d}`, err);
    }
    created.push(d);
  }
}

/** Best-effort undo of makeDirs, deepest first; the original failure is what the caller reports. */
export function removeCreated(created: string[]): void {
  for (const d of [...created].reverse()) {
    try {
      kernfs.rmdir(d);
    } catch {
      // Left behind only if something else already moved into it; the caller's error matters more.
    }
  }
}

/**
 * rmdir of a cgroup and all cgroups below it, deepest first. EBUSY means processes are still
 * leaving (a killed task stays in the cgroup until it has fully exited), so that is retried for a
 * bounded time; a cgroup that is already gone is fine.
 */
export function removeTree(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const child of childDirs(dir)) removeTree(child);
  const deadline = Date.now() + timing.busyTimeoutMs;
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    try {
      kernfs.rmdir(dir);
      return;
    } catch (err) {
      const code = errnoOf(err);
      if (code === 'ENOENT') return;
      if (code !== 'EBUSY' || Date.now() >= deadline) {
        throw failedPrecondition(`cannot remove cgroup ${dir}: ${code ?? String(err)}`, { cause: err });
      }
    }
    sleepSync(delay);
  }
}

/** Polls until check() is true or the deadline passes; returns whether check() succeeded. */
export function pollUntil(check: () => boolean, timeoutMs: number): boolean {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 1; ; delay = Math.min(delay * 2, 50)) {
    if (check()) return true;
    if (Date.now() >= deadline) return false;
    sleepSync(delay);
  }
}
