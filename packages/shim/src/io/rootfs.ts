// Assembling a task's root filesystem from the mounts containerd passes in Create (a snapshot's
// overlay or bind mount), and taking it apart at Delete. The shim does it, not containerd, so the
// mount lives as long as the task's shim, whoever else restarts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { invalidArgument } from '@skiff/errors';
import { parseMountOptions, SysError, type Syscalls } from '@skiff/runc';

export interface RootfsMount {
  type: string;
  source: string;
  target: string;
  options: string[];
}

/** Mounting and unmounting a rootfs, as a port so the task manager's tests need no kernel. */
export interface RootfsMounter {
  mount(mounts: readonly RootfsMount[], rootfs: string): void;
  unmount(rootfs: string): void;
}

const MS_BIND = 0x1000;
const MS_REC = 0x4000;
const MS_REMOUNT = 0x20;
const MS_RDONLY = 0x1;
const MNT_DETACH = 0x2;
const ENOENT = 2;
const ENOTDIR = 20;
const EINVAL = 22;
// mount(2) copies at most one page of filesystem data.
const PAGE_SIZE = 4096;

/**
 * Overlay options name every lower directory by absolute path; a deep image overflows the page
 * mount(2) accepts. Directories with a common parent are then named relative to it, and the
 * mount is made from there (the shim is single-threaded: the chdir is not seen by anything else).
 */
function compact(data: string): { data: string; cwd?: string } {
  if (data.length < PAGE_SIZE) return { data };
  const paths = data.split(',').flatMap((o) => {
    const [key, value] = o.split('=', 2);
    return ['lowerdir', 'upperdir', 'workdir'].includes(key!) && value ? value.split(':') : [];
  });
  let common = path.dirname(paths[0] ?? '/');
  while (!paths.every((p) => p.startsWith(`${common}/`)) && common !== '/') common = path.dirname(common);
  const relative = data.split(common + '/').join('');
  if (relative.length >= PAGE_SIZE) throw invalidArgument(`overlay options are ${data.length} bytes even relative to ${common}: too many layers`);
  return { data: relative, cwd: common };
}

export function kernelRootfsMounter(sys: Syscalls): RootfsMounter {
  return {
    mount(mounts, rootfs) {
      const done: string[] = [];
      try {
        for (const m of mounts) {
          const target = path.join(rootfs, m.target);
          if (!target.startsWith(rootfs)) throw invalidArgument(`rootfs mount target "${m.target}" leaves the rootfs`);
          fs.mkdirSync(target, { recursive: true });
          const parsed = parseMountOptions(m.options, m.type);
          if (m.type === 'bind' || parsed.bind) {
            sys.mount(m.source, target, null, MS_BIND | (parsed.recursive ? MS_REC : 0), null);
            done.push(target);
            if (parsed.flags & MS_RDONLY) sys.mount(null, target, null, MS_BIND | MS_REMOUNT | MS_RDONLY | (parsed.flags & ~MS_REMOUNT), null);
            continue;
          }
          const { data, cwd } = compact(parsed.data.join(','));
          const previous = process.cwd();
          if (cwd) process.chdir(cwd);
          try {
            sys.mount(m.source, target, m.type, parsed.flags, data || null);
          } catch (err) {
            // What the caller asked for does not mount (missing layer, bad option): its error, not ours.
            if (err instanceof SysError && [EINVAL, ENOENT, ENOTDIR].includes(err.errno)) {
              throw invalidArgument(`rootfs ${m.type} mount of "${m.source}": ${err.message}`);
            }
            throw err;
          } finally {
            if (cwd) process.chdir(previous);
          }
          done.push(target);
        }
      } catch (err) {
        for (const target of done.reverse()) sys.umount2(target, MNT_DETACH);
        throw err;
      }
    },
    unmount(rootfs) {
      // Whatever is stacked on the rootfs, innermost first; detached if something still uses it.
      for (;;) {
        try {
          sys.umount2(rootfs, MNT_DETACH);
        } catch {
          return;
        }
      }
    },
  };
}
