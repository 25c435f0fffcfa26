// The few system calls Node lacks that unpacking and diffing need: extended attributes (overlay
// whiteout markers, file capabilities, PAX-carried xattrs) and mknod (devices, overlay whiteouts).
// Bound through koffi, like skiff-runc: a child process per call would cost milliseconds per file.
import * as os from 'node:os';
import koffi from 'koffi';

const libc = koffi.load('libc.so.6');

const fn = {
  lsetxattr: libc.func('int lsetxattr(const char *path, const char *name, const void *value, size_t size, int flags)'),
  lgetxattr: libc.func('long lgetxattr(const char *path, const char *name, _Out_ void *value, size_t size)'),
  llistxattr: libc.func('long llistxattr(const char *path, _Out_ void *list, size_t size)'),
  mknod: libc.func('int mknod(const char *path, unsigned int mode, unsigned long dev)'),
};

const errnoNames = new Map(Object.entries(os.constants.errno).map(([name, n]) => [n, name]));

/** Shaped like Node's own fs errors, so callers test err.code the same way for both. */
function fail(syscall: string, target: string): never {
  const errno = koffi.errno();
  const code = errnoNames.get(errno) ?? `errno ${errno}`;
  const err = new Error(`${syscall} ${target}: ${code}`) as NodeJS.ErrnoException;
  err.code = code;
  err.errno = errno;
  err.syscall = syscall;
  err.path = target;
  throw err;
}

export function lsetxattr(target: string, name: string, value: Buffer): void {
  if (Number(fn.lsetxattr(target, name, value, value.length, 0)) < 0) fail('lsetxattr', target);
}

/** The attribute's value, or undefined when the file does not have it. */
export function lgetxattr(target: string, name: string): Buffer | undefined {
  for (let size = 256; ; size *= 4) {
    const buf = Buffer.alloc(size);
    const n = Number(fn.lgetxattr(target, name, buf, size));
    if (n >= 0) return buf.subarray(0, n);
    const errno = koffi.errno();
    if (errno === os.constants.errno.ENODATA) return undefined;
    if (errno !== os.constants.errno.ERANGE || size > 1 << 20) fail('lgetxattr', target);
  }
}

export function llistxattr(target: string): string[] {
  for (let size = 1024; ; size *= 4) {
    const buf = Buffer.alloc(size);
    const n = Number(fn.llistxattr(target, buf, size));
    if (n >= 0) return buf.subarray(0, n).toString('latin1').split('\0').filter((s) => s !== '').map((s) => Buffer.from(s, 'latin1').toString());
    if (koffi.errno() !== os.constants.errno.ERANGE || size > 1 << 20) fail('llistxattr', target);
  }
}

export const S_IFCHR = 0o020000;
export const S_IFBLK = 0o060000;
export const S_IFIFO = 0o010000;

export function mknod(target: string, mode: number, major = 0, minor = 0): void {
  if (Number(fn.mknod(target, mode, makedev(major, minor))) < 0) fail('mknod', target);
}

// glibc's encoding of dev_t: 12 bits of major and 20 of minor in the low 32, the rest above.
export function makedev(major: number, minor: number): number {
  const low = ((minor & 0xff) | ((major & 0xfff) << 8) | ((minor & ~0xff) << 12)) >>> 0;
  const high = (major & ~0xfff) >>> 0;
  return high * 2 ** 32 + low;
}

export function majorOf(dev: number): number {
  return ((dev >>> 8) & 0xfff) | (Math.floor(dev / 2 ** 32) & ~0xfff);
}

export function minorOf(dev: number): number {
  return ((dev & 0xff) | ((dev >>> 12) & ~0xff)) >>> 0;
}
