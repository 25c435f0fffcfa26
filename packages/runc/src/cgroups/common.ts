import * as fs from 'node:fs';
import * as path from 'node:path';
import { invalidArgument } from '@skiff/errors';
import { errnoOf, exists, fsError, parseNumber, pollUntil, readKeyed, readText, timing, writeValue } from './kernfs';
import type { BlkioEntry, FreezerState } from './types';

const SIGKILL = 9;

/** The object without its undefined fields, or undefined when nothing is left (stats omit missing files). */
export function compact<T extends object>(o: T): T | undefined {
  const kept = Object.entries(o).filter(([, v]) => v !== undefined);
  return kept.length > 0 ? (Object.fromEntries(kept) as T) : undefined;
}

/** A whitespace-separated list of numbers (cpuacct.usage_percpu). */
export function readNumberList(file: string): number[] | undefined {
  const words = readText(file)?.trim().split(/\s+/).filter((w) => w !== '');
  if (words === undefined || words.length === 0) return undefined;
  const nums = words.map((w) => parseNumber(w));
  return nums.every((n) => n !== undefined) ? (nums as number[]) : undefined;
}

/** v1 blkio stat files: "MAJ:MIN Op value" or "MAJ:MIN value" lines, plus a "Total" summary that is skipped. */
export function parseBlkio(text: string | undefined): BlkioEntry[] {
  const out: BlkioEntry[] = [];
  for (const line of (text ?? '').split('\n')) {
    const fields = line.trim().split(/\s+/);
    const dev = /^(\d+):(\d+)$/.exec(fields[0] ?? '');
    if (!dev || fields.length < 2 || fields.length > 3) continue;
    const value = parseNumber(fields[fields.length - 1]);
    if (value === undefined) continue;
    const entry: BlkioEntry = { major: Number(dev[1]), minor: Number(dev[2]), value };
    if (fields.length === 3) entry.op = fields[1]!;
    out.push(entry);
  }
  return out;
}

/** Page sizes ("2MB") for which dir has hugetlb.<size>.<suffix> files. */
export function hugetlbSizes(dir: string, suffix: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const pattern = new RegExp(`^hugetlb\\.([^.]+)\\.${suffix.replace(/\./g, '\\.')}$`);
  return names.flatMap((n) => pattern.exec(n)?.[1] ?? []);
}

export function checkPid(pid: number): void {
  if (!Number.isSafeInteger(pid) || pid <= 0) throw invalidArgument(`not a process id: ${pid}`);
}

interface Signallable {
  freezerState(): FreezerState;
  freeze(): void;
  thaw(): void;
  pids(): number[];
}

/**
 * SIGKILL through cgroup.kill when the kernel has it: it reaches every task, including ones forked
 * meanwhile. Otherwise the cgroup is frozen while each pid is signalled so nothing can fork a child
 * the loop would miss, then thawed so the signals get delivered. A cgroup that was already frozen
 * (a paused container) is left frozen, as its owner wants; the signals arrive on resume.
 */
export function signalAll(m: Signallable, signal: number, killFile: string | undefined): void {
  if (signal === SIGKILL && killFile !== undefined && exists(killFile)) {
    writeValue(killFile, '1');
    return;
  }
  const wrap = m.freezerState() === 'thawed';
  if (wrap) m.freeze();
  try {
    for (const pid of m.pids()) {
      try {
        process.kill(pid, signal);
      } catch (err) {
        if (errnoOf(err) !== 'ESRCH') throw fsError(`cannot send signal ${signal} to process ${pid}`, err);
      }
    }
  } finally {
    if (wrap) m.thaw();
  }
}

/**
 * cgroup2's "populated 0" in cgroup.events is the kernel's own word that the last task has left,
 * which a killed task only does once fully exited; waiting for it before rmdir saves blind EBUSY
 * retries. Bounded: a cgroup that stays populated is reported by the rmdir that follows.
 */
export function waitUnpopulated(dir: string): void {
  const events = path.join(dir, 'cgroup.events');
  if (!exists(events)) return;
  pollUntil(() => readKeyed(events)?.populated !== 1, timing.busyTimeoutMs);
}
