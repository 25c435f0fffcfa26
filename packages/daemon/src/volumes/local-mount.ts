// The local driver's options, as dockerd's: `type`, `device` and `o` make the volume a mount of
// that filesystem (tmpfs, nfs, a block device...) on its _data directory, done when a container
// is about to use it; without them the volume is the plain directory.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { internal, invalidArgument } from '@skiff/errors';

const VALID = new Set(['type', 'device', 'o', 'size']);

export function checkLocalOptions(opts: Record<string, string> | null | undefined): void {
  for (const key of Object.keys(opts ?? {})) if (!VALID.has(key)) throw invalidArgument(`invalid option: "${key}"`);
  if (opts?.size !== undefined) throw invalidArgument('quota size requested but no quota support');
}

export function isMountPoint(dir: string): boolean {
  return fs
    .readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .some((line) => line.split(' ')[4] === dir);
}

/** Mounts the volume's filesystem on its data directory unless it is mounted already. */
export function mountVolume(mountpoint: string, opts: Record<string, string> | null): void {
  if (!opts?.type && !opts?.device) return;
  if (isMountPoint(mountpoint)) return;
  const args = [...(opts.type ? ['-t', opts.type] : []), ...(opts.o ? ['-o', opts.o] : []), opts.device ?? opts.type!, mountpoint];
  try {
    execFileSync('mount', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (err) {
    throw internal(`error while mounting volume '${mountpoint}': ${String((err as { stderr?: Buffer }).stderr ?? err).trim()}`, { cause: err });
  }
}

/** Before a volume's directory goes: its filesystem must not be emptied along with it. */
export function unmountVolume(mountpoint: string): void {
  if (!isMountPoint(mountpoint)) return;
  execFileSync('umount', [mountpoint], { stdio: 'ignore' });
}
