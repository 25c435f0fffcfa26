// A container's root filesystem as a host path, for daemon-side file work (docker cp, export,
// copying image content into a new volume, reading /etc/passwd).
//
// Contract of withRootfs(deps, record, mode, fn):
// - fn receives an absolute host directory that is the container's "/" and is awaited; the view
//   is valid only until fn's promise settles, and is torn down afterwards even if fn throws.
// - A running or paused container (State.Pid > 0) is seen through /proc/<pid>/root: its own
//   mount namespace, so volumes, bind mounts and tmpfs mounts are included, and writes land
//   where the container would see them. `mode` cannot be enforced there; callers that must not
//   write simply do not.
// - Otherwise the container's snapshot (key = container id) is mounted on a private directory
//   under <execRoot>/rootfs, read-only when mode is 'ro'. With `volumes` (docker cp), the
//   container's volumes and bind mounts are mounted at their destinations too, as dockerd does
//   for a stopped container, read-only where the container has them read-only (or mode is
//   'ro'); missing mount points are made in the layer, so the snapshot is then mounted writable.
//   tmpfs mounts are not shown (a stopped container's tmpfs holds nothing).
// - The path is a plain directory on the host, NOT a chroot: symlinks inside it may point
//   anywhere ("/etc" means the host's /etc). Resolve every path with resolveInRoot
//   (core/archive-paths.ts) or an equivalent before touching it.
// - The caller should hold whatever keeps the container from starting or being removed for the
//   duration (a stopped container's upper dir must not be mounted twice by a start meanwhile).
import { execFile } from 'node:child_process';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { internal } from '@skiff/errors';
import type { ContainerRecord } from '../store/record';
import { components, resolveInRoot } from './archive-paths';
import type { MountPoint } from './mounts';
import type { ContainerdPort, SnapshotMount } from './ports';

const run = promisify(execFile);

export type RootfsMode = 'ro' | 'rw';

export interface RootfsDeps {
  port: Pick<ContainerdPort, 'snapshotMounts'>;
  /** skiffd's exec-root; temporary mount points go in its rootfs/ directory. */
  execRoot: string;
}

/** Whether withRootfs will use the live task's view (so mounts and volumes are included). */
export function isLive(record: Pick<ContainerRecord, 'State'>): boolean {
  return (record.State.Status === 'running' || record.State.Status === 'paused') && record.State.Pid > 0;
}

export async function withRootfs<T>(
  deps: RootfsDeps,
  record: Pick<ContainerRecord, 'Id' | 'State'>,
  mode: RootfsMode,
  fn: (root: string) => Promise<T>,
  volumes: MountPoint[] = [],
): Promise<T> {
  if (isLive(record)) {
    const root = `/proc/${record.State.Pid}/root`;
    try {
      await fsp.access(root);
    } catch (err) {
      throw internal(`container ${record.Id}: process ${record.State.Pid} is gone`, { cause: err });
    }
    return fn(root);
  }
  const mounts = await deps.port.snapshotMounts(record.Id);
  const base = path.join(deps.execRoot, 'rootfs');
  await fsp.mkdir(base, { recursive: true, mode: 0o700 });
  const dir = await fsp.mkdtemp(path.join(base, `${record.Id.slice(0, 12)}-`));
  const mounted: string[] = [];
  const shown = volumes.filter((m) => m.Type !== 'tmpfs');
  // Mount points missing from the layer are made in it, as dockerd does (and a start would):
  // then the snapshot is mounted writable whatever the mode, the volumes keep theirs.
  const snapshotMode: RootfsMode = shown.length > 0 ? 'rw' : mode;
  try {
    for (const m of mounts) {
      const target = m.target ? path.join(dir, m.target) : dir;
      await mountOne(m, target, snapshotMode);
      mounted.push(target);
    }
    // Outer destinations first, so a volume inside another lands on top of it.
    for (const v of shown.sort((a, b) => components(a.Destination).length - components(b.Destination).length)) {
      // Resolved inside the view: a symlink in the container cannot send the mount elsewhere.
      const { hostPath } = await resolveInRoot(dir, v.Destination, true);
      const source = await fsp.stat(v.Source).catch(() => undefined);
      // A bind source removed since: nothing to show there (a start would fail on it).
      if (!source) continue;
      const isDir = source.isDirectory();
      const exists = await fsp.stat(hostPath).then(
        () => true,
        () => false,
      );
      if (!exists) {
        if (isDir) await fsp.mkdir(hostPath, { recursive: true });
        else {
          await fsp.mkdir(path.dirname(hostPath), { recursive: true });
          await fsp.writeFile(hostPath, '');
        }
      }
      await mountOne({ type: 'bind', source: v.Source, target: '', options: ['rbind'] }, hostPath, mode === 'ro' || !v.RW ? 'ro' : 'rw');
      mounted.push(hostPath);
    }
    return await fn(dir);
  } finally {
    for (const target of mounted.reverse()) await unmount(target);
    await fsp.rmdir(dir);
  }
}

function stderrOf(err: unknown): string {
  return String((err as { stderr?: string }).stderr ?? '').trim() || (err as Error).message;
}

// Mounting goes through util-linux mount(8) in a child: Node has no mount(2), and a child keeps
// the multi-threaded daemon's own state (cwd, credentials) untouched.
async function mountOne(m: SnapshotMount, target: string, mode: RootfsMode): Promise<void> {
  const bind = m.type === 'bind' || m.options.includes('bind') || m.options.includes('rbind');
  let options = m.options.filter((o) => o !== 'ro' && o !== 'rw');
  const upper = options.find((o) => o.startsWith('upperdir='));
  if (!bind && mode === 'ro' && upper) {
    // Read-only, the upper dir becomes the top lower layer: overlay then needs no work dir and
    // never touches the upper one, which a start may mount writable meanwhile.
    const lower = options.find((o) => o.startsWith('lowerdir='))?.slice('lowerdir='.length);
    const top = upper.slice('upperdir='.length);
    options = [...options.filter((o) => !/^(upperdir|workdir|lowerdir)=/.test(o)), `lowerdir=${lower ? `${top}:${lower}` : top}`];
  }
  if (bind && !options.includes('bind') && !options.includes('rbind')) options = ['rbind', ...options];
  options.push(mode);
  const args = bind ? ['-o', options.join(','), m.source, target] : ['-t', m.type, '-o', options.join(','), m.source, target];
  try {
    await run('mount', args);
  } catch (err) {
    throw internal(`mount ${m.type} ${m.source} on ${target} failed: ${stderrOf(err)}`, { cause: err });
  }
}

/** A mount still busy (a stray open file) is detached lazily so cleanup never hangs. */
async function unmount(target: string): Promise<void> {
  try {
    await run('umount', [target]);
  } catch (err) {
    if (!/busy/i.test(stderrOf(err))) throw internal(`umount ${target} failed: ${stderrOf(err)}`, { cause: err });
    await run('umount', ['-l', target]);
  }
}
