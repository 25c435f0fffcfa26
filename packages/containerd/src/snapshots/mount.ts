// Mounting from Node. Node has no mount(2); this module runs util-linux mount(8)/umount(8) as
// child processes. That keeps a native binding out of skiff-containerd for two calls that are far
// from any hot path (unpacking a layer, diffing a snapshot, tests), and a child process can chdir
// (spawn's cwd) for the relative-lowerdir form below without moving the daemon's own working
// directory under its concurrent async work. mountAll/unmount are the seam to swap for a koffi
// binding later; compactMountOptions stays useful then.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { internal, invalidArgument } from '@skiff/errors';
import type { Mount } from './types';

const run = promisify(execFile);

// mount(2) copies its data argument into one page; the string and its NUL must fit.
const MOUNT_DATA_MAX = 4096 - 1;

const PATH_OPTIONS = ['lowerdir=', 'upperdir=', 'workdir='];

/**
 * Fits an overlay's options into the kernel's one-page limit. A deep chain of absolute lowerdirs
 * (128 layers of "/var/lib/.../snapshots/123/fs") does not fit; relative to the directory all
 * those paths share they shrink to "123/fs". The kernel resolves relative lowerdir, upperdir and
 * workdir against the caller's working directory at mount time, so the mount must then be done
 * from cwd. Options that already fit are returned unchanged (no cwd), as containerd does.
 */
export function compactMountOptions(options: string[]): { cwd?: string; options: string[] } {
  if (options.join(',').length <= MOUNT_DATA_MAX) return { options };
  const paths: string[] = [];
  for (const o of options) {
    const prefix = PATH_OPTIONS.find((p) => o.startsWith(p));
    if (prefix === 'lowerdir=') paths.push(...o.slice(prefix.length).split(':'));
    else if (prefix) paths.push(o.slice(prefix.length));
  }
  const base = commonDirectory(paths);
  if (base === undefined) throw invalidArgument('mount options exceed a page and their paths share no directory to shorten them');
  const relative = (p: string) => path.relative(base, p) || '.';
  const compacted = options.map((o) => {
    const prefix = PATH_OPTIONS.find((p) => o.startsWith(p));
    if (prefix === 'lowerdir=') return prefix + o.slice(prefix.length).split(':').map(relative).join(':');
    if (prefix) return prefix + relative(o.slice(prefix.length));
    return o;
  });
  if (compacted.join(',').length > MOUNT_DATA_MAX) {
    throw invalidArgument(`mount options are ${compacted.join(',').length} bytes even relative to ${base}; the kernel takes ${MOUNT_DATA_MAX}`);
  }
  return { cwd: base, options: compacted };
}

function commonDirectory(paths: string[]): string | undefined {
  if (paths.length === 0 || !paths.every((p) => path.isAbsolute(p))) return undefined;
  let common = path.dirname(paths[0]!).split('/');
  for (const p of paths.slice(1)) {
    const parts = path.dirname(p).split('/');
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.join('/') || '/';
}

function isBind(m: Mount): boolean {
  return m.type === 'bind' || m.options.includes('bind') || m.options.includes('rbind');
}

async function mountOne(m: Mount, target: string): Promise<void> {
  let args: string[];
  let cwd: string | undefined;
  if (isBind(m)) {
    const options = m.options.includes('bind') || m.options.includes('rbind') ? m.options : ['rbind', ...m.options];
    // util-linux applies "ro" to a bind mount with the remount it needs, in the same call.
    args = ['-o', options.join(','), m.source, target];
  } else {
    const compacted = compactMountOptions(m.options);
    cwd = compacted.cwd;
    args = ['-t', m.type, ...(compacted.options.length ? ['-o', compacted.options.join(',')] : []), m.source, target];
  }
  try {
    await run('mount', args, { cwd });
  } catch (err) {
    const stderr = String((err as { stderr?: string }).stderr ?? '').trim();
    throw internal(`mount ${m.type} ${m.source} on ${target} failed: ${stderr || (err as Error).message}`, { cause: err });
  }
}

/** Mounts each entry in order under target (a Mount's target is relative to it; "" is target). */
export async function mountAll(mounts: Mount[], target: string): Promise<void> {
  const done: string[] = [];
  try {
    for (const m of mounts) {
      const where = m.target ? path.join(target, m.target) : target;
      await mountOne(m, where);
      done.push(where);
    }
  } catch (err) {
    for (const where of done.reverse()) await unmount(where);
    throw err;
  }
}

/**
 * Unmounts target; a busy mount is detached lazily (umount -l) so cleanup never hangs on a stray
 * open file. A target that is not mounted is not an error: cleanup paths call this blindly.
 */
export async function unmount(target: string): Promise<void> {
  try {
    await run('umount', [target]);
    return;
  } catch (err) {
    const stderr = String((err as { stderr?: string }).stderr ?? '');
    if (/not mounted|no mount point specified|No such file or directory/.test(stderr)) return;
    if (!/busy/i.test(stderr)) throw internal(`umount ${target} failed: ${stderr.trim() || (err as Error).message}`, { cause: err });
  }
  try {
    await run('umount', ['-l', target]);
  } catch (err) {
    const stderr = String((err as { stderr?: string }).stderr ?? '').trim();
    throw internal(`umount -l ${target} failed: ${stderr || (err as Error).message}`, { cause: err });
  }
}
