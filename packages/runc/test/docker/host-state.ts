import * as fs from 'node:fs';
import * as path from 'node:path';
import { MNT_DETACH } from '../../src/sys/constants';
import { realSyscalls } from '../../src/sys/koffi';

/**
 * Views of the host (processes, mounts, cgroups) and the few writes that undo what a daemon left
 * there. Whatever is unmounted or removed is selected by a path the caller owns.
 */

export function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return undefined;
}

export async function waitUntil(check: () => boolean, timeoutMs: number, intervalMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function isUnder(p: string, dir: string): boolean {
  return p === dir || p.startsWith(`${dir}/`);
}

export interface HostProcess {
  pid: number;
  cmdline: string;
  /** One path per hierarchy, from /proc/<pid>/cgroup. */
  cgroups: string[];
}

/** Every live (non-zombie) process; ones that exit while being read are left out. */
export function liveProcesses(): HostProcess[] {
  const result: HostProcess[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) continue;
      result.push({
        pid: Number(entry),
        cmdline: fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' '),
        cgroups: fs
          .readFileSync(`/proc/${entry}/cgroup`, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((line) => line.split(':').slice(2).join(':')),
      });
    } catch {
      // Gone meanwhile.
    }
  }
  return result;
}

/** The process's cgroup in the v1 hierarchy that has `controller`, e.g. /parent/<container id>. */
export function cgroupOf(pid: number, controller: string): string {
  for (const line of fs.readFileSync(`/proc/${pid}/cgroup`, 'utf8').split('\n')) {
    const [, controllers = '', ...rest] = line.split(':');
    if (controllers.split(',').includes(controller)) return rest.join(':');
  }
  throw new Error(`pid ${pid} is in no ${controller} cgroup`);
}

interface Mount {
  mountPoint: string;
  fstype: string;
  superOptions: string[];
}

function mounts(): Mount[] {
  // Fields: id parent major:minor root mount-point options [optional...] - fstype source super-options.
  // Paths escape space, tab, newline and backslash as octal.
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
  return fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .filter((line) => line.includes(' - '))
    .map((line) => {
      const [before = '', after = ''] = line.split(' - ');
      const [fstype = '', , superOptions = ''] = after.split(' ');
      return { mountPoint: unescape(before.split(' ')[4] ?? ''), fstype, superOptions: superOptions.split(',') };
    });
}

/** Where the v1 hierarchy with `controller` is mounted on the host, e.g. /sys/fs/cgroup/memory. */
export function cgroupV1MountPoint(controller: string): string | undefined {
  return mounts().find((m) => m.fstype === 'cgroup' && m.superOptions.includes(controller))?.mountPoint;
}

function mountPointsUnder(dir: string): string[] {
  return mounts()
    .map((m) => m.mountPoint)
    .filter((mountPoint) => isUnder(mountPoint, dir));
}

/** Detaches every mount at or below `dir`, deepest first; a stacked mount point is listed (and popped) once per layer. */
export function unmountUnder(dir: string): void {
  for (const mountPoint of mountPointsUnder(dir).sort((a, b) => b.length - a.length)) {
    realSyscalls().umount2(mountPoint, MNT_DETACH);
  }
  const left = mountPointsUnder(dir);
  if (left.length > 0) throw new Error(`still mounted: ${left.join(', ')}`);
}

/** The same relative cgroup in every hierarchy (v1 controllers, named v1, cgroup2) that has it. */
export function cgroupDirs(relative: string): Array<{ dir: string; mount: Mount }> {
  return mounts()
    .filter((m) => m.fstype === 'cgroup' || m.fstype === 'cgroup2')
    .map((mount) => ({ dir: path.join(mount.mountPoint, relative), mount }))
    .filter(({ dir }) => fs.existsSync(dir));
}

function subdirsDeepestFirst(dir: string): string[] {
  const below = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .flatMap((e) => subdirsDeepestFirst(path.join(dir, e.name)));
  return [...below, dir];
}

/** A SIGKILL stays pending in a frozen cgroup, so a paused container must be thawed before it can be killed. */
export function thawCgroupTree(relative: string): void {
  for (const { dir, mount } of cgroupDirs(relative)) {
    if (mount.fstype !== 'cgroup' || !mount.superOptions.includes('freezer')) continue;
    for (const cgroup of subdirsDeepestFirst(dir)) fs.writeFileSync(path.join(cgroup, 'freezer.state'), 'THAWED');
  }
}

/** Removes `relative` and every cgroup below it from all hierarchies; they must hold no process. */
export function removeCgroupTree(relative: string): void {
  for (const { dir } of cgroupDirs(relative)) {
    for (const cgroup of subdirsDeepestFirst(dir)) fs.rmdirSync(cgroup);
  }
}

export function isInCgroupTree(proc: HostProcess, relative: string): boolean {
  return proc.cgroups.some((cgroup) => isUnder(cgroup, relative));
}
