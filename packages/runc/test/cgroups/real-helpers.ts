/** Cleanup for the tests that touch this host's real cgroups: they must leave nothing behind, even when failing. */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export function uniqueName(): string {
  return `skiff-test-${process.pid}-${randomBytes(4).toString('hex')}`;
}

function subtree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const below = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => subtree(path.join(dir, e.name)));
  return [...below, dir]; // deepest first
}

function procsOf(dir: string): number[] {
  try {
    return fs
      .readFileSync(path.join(dir, 'cgroup.procs'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map(Number);
  } catch {
    return [];
  }
}

/** Kills whatever is left in dir's tree (thawing it first, a frozen v1 task cannot die), then removes it. */
export async function forceRemove(dir: string): Promise<void> {
  const dirs = subtree(dir);
  for (const d of dirs) {
    for (const state of ['freezer.state', 'cgroup.freeze']) {
      try {
        fs.writeFileSync(path.join(d, state), state === 'freezer.state' ? 'THAWED' : '0');
      } catch {
        // Not a freezer cgroup.
      }
    }
    for (const pid of procsOf(d)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  for (const d of dirs) {
    for (let attempt = 0; fs.existsSync(d); attempt++) {
      try {
        fs.rmdirSync(d);
      } catch (err) {
        if (attempt >= 100) throw err;
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  }
}

export function sleeper(children: ChildProcess[]): ChildProcess {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

/**
 * A shell that execs sleep only when told to, so that the exec happens after it joined a cgroup:
 * v1 memory charges stay where pages were first touched, and the fresh address space of the exec
 * is what makes the new cgroup's usage visible.
 */
export function lateSleeper(children: ChildProcess[]): { child: ChildProcess; go: () => Promise<void> } {
  const child = spawn('sh', ['-c', 'read go; exec sleep 60'], { stdio: ['pipe', 'ignore', 'ignore'] });
  children.push(child);
  const go = async (): Promise<void> => {
    child.stdin!.write('go\n');
    for (let i = 0; i < 250; i++) {
      if (fs.readFileSync(`/proc/${child.pid}/comm`, 'utf8').trim() === 'sleep') return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the shell did not exec sleep');
  };
  return { child, go };
}

export function exitSignal(child: ChildProcess, timeoutMs = 5000): Promise<NodeJS.Signals | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.signalCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`process ${child.pid} did not exit`)), timeoutMs);
    child.once('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal);
    });
  });
}

/** The cgroup paths the kernel shows for pid, by hierarchy. */
export function cgroupOf(pid: number): string {
  return fs.readFileSync(`/proc/${pid}/cgroup`, 'utf8');
}
