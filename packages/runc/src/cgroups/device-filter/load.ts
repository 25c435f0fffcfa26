/**
 * The bpf(2) calls that put a device program on a cgroup2 directory. The union bpf_attr layouts are
 * written by hand: offsets from include/uapi/linux/bpf.h, all fields little-endian.
 */
import * as fs from 'node:fs';
import koffi from 'koffi';
import { SkiffError, failedPrecondition, internal, permissionDenied } from '@skiff/errors';
import { SysError } from '../../sys/syscalls';

const libc = koffi.load('libc.so.6');
const syscall = libc.func('long syscall(long number, ...)');

const SYS_BPF = process.arch === 'arm64' ? 280 : 321;

const BPF_PROG_LOAD = 5;
const BPF_PROG_ATTACH = 8;
const BPF_PROG_DETACH = 9;
const BPF_PROG_GET_FD_BY_ID = 13;
const BPF_PROG_QUERY = 16;

const BPF_PROG_TYPE_CGROUP_DEVICE = 15;
const BPF_CGROUP_DEVICE = 6;
/** Lets other programs stay attached next to ours, which is what makes attach-then-detach possible. */
const BPF_F_ALLOW_MULTI = 2;

const EPERM = 1;
const ENOENT = 2;
const ENOSPC = 28;
const ENOSYS = 38;

const LICENSE = 'Apache-2.0';
const PROGRAM_NAME = 'skiff_devices';
const LOG_SIZE = 1 << 20;

function bpf(cmd: number, command: string, attr: Buffer): number {
  const result = Number(syscall(SYS_BPF, 'int', cmd, 'void *', attr, 'unsigned int', attr.length));
  if (result < 0) throw new SysError(`bpf(${command})`, koffi.errno());
  return result;
}

function cString(text: string, size = text.length + 1): Buffer {
  const buf = Buffer.alloc(size);
  buf.write(text, 'latin1');
  return buf;
}

function loadProgram(program: Buffer, dir: string): number {
  const license = cString(LICENSE);
  const attr = Buffer.alloc(72);
  attr.writeUInt32LE(BPF_PROG_TYPE_CGROUP_DEVICE, 0);
  attr.writeUInt32LE(program.length / 8, 4);
  attr.writeBigUInt64LE(koffi.address(program), 8);
  attr.writeBigUInt64LE(koffi.address(license), 16);
  cString(PROGRAM_NAME, 16).copy(attr, 48);
  try {
    return bpf(BPF_PROG_LOAD, 'BPF_PROG_LOAD', attr);
  } catch (err) {
    // The verifier's log is only asked for on a second attempt: a log buffer costs verifier time,
    // and a buffer too small for the log would fail an acceptable program.
    const log = Buffer.alloc(LOG_SIZE);
    attr.writeUInt32LE(1, 24);
    attr.writeUInt32LE(log.length, 28);
    attr.writeBigUInt64LE(koffi.address(log), 32);
    try {
      return bpf(BPF_PROG_LOAD, 'BPF_PROG_LOAD', attr);
    } catch {
      const text = log.toString('utf8', 0, Math.max(0, log.indexOf(0))).trim();
      throw bpfError(`cannot load the device filter for ${dir}`, err, text === '' ? undefined : `verifier log:\n${text.slice(-4000)}`);
    }
  }
}

/** The ids of the device programs attached to the cgroup itself (not those inherited from ancestors). */
function attachedPrograms(cgroupFd: number): number[] {
  let capacity = 16;
  for (;;) {
    const ids = Buffer.alloc(capacity * 4);
    const attr = Buffer.alloc(32);
    attr.writeUInt32LE(cgroupFd, 0);
    attr.writeUInt32LE(BPF_CGROUP_DEVICE, 4);
    attr.writeBigUInt64LE(koffi.address(ids), 16);
    attr.writeUInt32LE(capacity, 24);
    try {
      bpf(BPF_PROG_QUERY, 'BPF_PROG_QUERY', attr);
    } catch (err) {
      // The kernel reports the real count along with ENOSPC.
      const count = attr.readUInt32LE(24);
      if (err instanceof SysError && err.errno === ENOSPC && count > capacity) {
        capacity = count;
        continue;
      }
      throw err;
    }
    return Array.from({ length: attr.readUInt32LE(24) }, (_, i) => ids.readUInt32LE(i * 4));
  }
}

function attachAttr(cgroupFd: number, programFd: number, flags: number): Buffer {
  const attr = Buffer.alloc(20);
  attr.writeUInt32LE(cgroupFd, 0);
  attr.writeUInt32LE(programFd, 4);
  attr.writeUInt32LE(BPF_CGROUP_DEVICE, 8);
  attr.writeUInt32LE(flags, 12);
  return attr;
}

/** Detaches a program by id; one that went away meanwhile is fine. */
function detach(cgroupFd: number, id: number): void {
  const byId = Buffer.alloc(12);
  byId.writeUInt32LE(id, 0);
  let programFd: number;
  try {
    programFd = bpf(BPF_PROG_GET_FD_BY_ID, 'BPF_PROG_GET_FD_BY_ID', byId);
  } catch (err) {
    if (err instanceof SysError && err.errno === ENOENT) return;
    throw err;
  }
  try {
    bpf(BPF_PROG_DETACH, 'BPF_PROG_DETACH', attachAttr(cgroupFd, programFd, 0));
  } catch (err) {
    if (!(err instanceof SysError && err.errno === ENOENT)) throw err;
  } finally {
    fs.closeSync(programFd);
  }
}

function bpfError(what: string, err: unknown, detail?: string): SkiffError {
  const message = `${what}: ${err instanceof Error ? err.message : String(err)}${detail ? `\n${detail}` : ''}`;
  const errno = err instanceof SysError ? err.errno : undefined;
  if (errno === EPERM) return permissionDenied(message, { cause: err });
  if (errno === ENOSYS) return failedPrecondition(`${message} (kernel without bpf(2))`, { cause: err });
  return internal(message, { cause: err });
}

/** The kernel side of device control on cgroup v2, an object so that tests can stand in for it. */
export const cgroupDeviceFilters = {
  /**
   * Makes program the cgroup's only device filter, or leaves it without one. The new program is
   * attached before the old ones are detached: while both are attached an access must pass both,
   * so the container is never less restricted than either rule set says.
   */
  replace(dir: string, program: Buffer | undefined): void {
    let cgroupFd: number;
    try {
      cgroupFd = fs.openSync(dir, fs.constants.O_RDONLY | fs.constants.O_DIRECTORY);
    } catch (err) {
      throw bpfError(`cannot open cgroup ${dir}`, err);
    }
    try {
      const old = attachedPrograms(cgroupFd);
      if (program) {
        const programFd = loadProgram(program, dir);
        try {
          bpf(BPF_PROG_ATTACH, 'BPF_PROG_ATTACH', attachAttr(cgroupFd, programFd, BPF_F_ALLOW_MULTI));
        } finally {
          // The attachment holds its own reference to the program.
          fs.closeSync(programFd);
        }
      }
      for (const id of old) detach(cgroupFd, id);
    } catch (err) {
      throw err instanceof SkiffError ? err : bpfError(`cannot set the device filter of ${dir}`, err);
    } finally {
      fs.closeSync(cgroupFd);
    }
  },
};
