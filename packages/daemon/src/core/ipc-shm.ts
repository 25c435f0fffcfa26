// IpcMode "shareable" and "container:<x>", as dockerd does them. A shareable container's /dev/shm
// is a tmpfs skiffd mounts on the host for each run (as dockerd's containers/<id>/mounts/shm) and
// binds into the container; a container joining its IPC namespace binds the same tmpfs, so both
// see the same POSIX shared memory. A tmpfs inside the donor's own mount namespace could not be
// bound from outside it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuntimeConfig } from '@skiff/oci-spec';
import { invalidArgument } from '@skiff/errors';
import { mountTmpfs, unmount } from './libc';

const MS_NOSUID = 0x2;
const MS_NODEV = 0x4;
const MS_NOEXEC = 0x8;

/** The spec's /dev/shm as a bind of a host directory (the shared tmpfs). */
export function withShmBind(spec: RuntimeConfig, source: string): RuntimeConfig {
  const shm = { destination: '/dev/shm', type: 'bind', source, options: ['rbind', 'nosuid', 'noexec', 'nodev'] };
  const mounts = spec.mounts ?? [];
  const at = mounts.findIndex((m) => m.destination === '/dev/shm');
  return { ...spec, mounts: at < 0 ? [...mounts, shm] : mounts.map((m, i) => (i === at ? shm : m)) };
}

/** The host tmpfs of each shareable container, under one directory of the exec-root. */
export class ShmMounts {
  constructor(private readonly root: string) {}

  pathOf(id: string): string {
    return path.join(this.root, id);
  }

  /** Whether the container's tmpfs is mounted now (it is only while the container runs). */
  isMounted(id: string): boolean {
    try {
      return fs.statSync(this.pathOf(id)).dev !== fs.statSync(this.root).dev;
    } catch {
      return false;
    }
  }

  /** Mounts the tmpfs for a run; one left from a run skiffd did not see end is used again. */
  mount(id: string, sizeBytes: number): string {
    const dir = this.pathOf(id);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!this.isMounted(id)) mountTmpfs(dir, MS_NOSUID | MS_NODEV | MS_NOEXEC, `mode=1777,size=${sizeBytes}`);
    return dir;
  }

  /** After the run: gone, whatever a container that joined it still holds open (a lazy unmount then). */
  unmount(id: string): void {
    const dir = this.pathOf(id);
    if (this.isMounted(id)) {
      try {
        unmount(dir);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EBUSY') throw err;
        unmount(dir, { lazy: true });
      }
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** dockerd's (20.10) refusal of a donor that does not share its IPC namespace. */
export function nonShareable(id: string): Error {
  return invalidArgument(`can't join IPC of container ${id}: non-shareable IPC (hint: use IpcMode:shareable for the donor container)`);
}
