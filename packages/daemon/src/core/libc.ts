// The two calls skiffd makes on every container and exec that Node lacks, bound through koffi (as
// skiff-runc and skiff-containerd bind theirs): mkfifo(3) and umount2(2). Each used to be a child
// process (`mkfifo`, `umount`), and a spawn from skiffd costs 10-30 ms on a small VM, on the path
// of every `docker exec` (new FIFOs) and of every container's exit (its network namespace's bind
// mount). Neither changes the calling thread's namespaces. koffi is loaded on first use, so
// skiffd's start-up does not pay for it.
import * as fs from 'node:fs';
import * as os from 'node:os';

interface Libc {
  mkfifo: (path: string, mode: number) => unknown;
  umount2: (path: string, flags: number) => unknown;
  errno: () => number;
}

let bound: Libc | undefined;

function libc(): Libc {
  if (!bound) {
    const koffi = require('koffi') as typeof import('koffi');
    const lib = koffi.load('libc.so.6');
    bound = {
      mkfifo: lib.func('int mkfifo(const char *path, unsigned int mode)'),
      umount2: lib.func('int umount2(const char *target, int flags)'),
      errno: () => koffi.errno(),
    };
  }
  return bound;
}

const errnoNames = new Map(Object.entries(os.constants.errno).map(([name, n]) => [n, name]));

/** Shaped like Node's own fs errors, so callers test err.code the same way for both. */
function check(result: unknown, syscall: string, target: string): void {
  if (Number(result) >= 0) return;
  const errno = libc().errno();
  const code = errnoNames.get(errno) ?? `errno ${errno}`;
  const err = new Error(`${syscall} ${target}: ${code}`) as NodeJS.ErrnoException;
  Object.assign(err, { code, errno, syscall, path: target });
  throw err;
}

/** A FIFO with exactly `mode` (as `mkfifo -m`: the umask does not narrow it). */
export function mkfifo(target: string, mode: number): void {
  check(libc().mkfifo(target, mode), 'mkfifo', target);
  fs.chmodSync(target, mode);
}

/** umount(8) of one mount point, without its child process. */
export function unmount(target: string): void {
  check(libc().umount2(target, 0), 'umount', target);
}
