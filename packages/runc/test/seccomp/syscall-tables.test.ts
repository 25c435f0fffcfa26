import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { syscallTables } from '../../src/seccomp/syscall-tables';

const generator = join(__dirname, '../../tools/gen-syscall-tables.mjs');
const committed = join(__dirname, '../../src/seccomp/syscall-tables.ts');

// The generator exits 2 when this machine has no kernel headers; then there is nothing to compare.
const fresh = spawnSync(process.execPath, [generator, '--stdout'], { encoding: 'utf8' });
const headersPresent = fresh.status !== 2;

describe('generated syscall tables', () => {
  (headersPresent ? it : it.skip)('match a fresh generation from the kernel headers', () => {
    expect(fresh.stderr).toBe('');
    expect(fresh.status).toBe(0);
    // On failure: node packages/runc/tools/gen-syscall-tables.mjs
    expect(fresh.stdout).toBe(readFileSync(committed, 'utf8'));
  });

  it('hold well-known numbers', () => {
    expect(syscallTables.SCMP_ARCH_X86_64).toMatchObject({ read: 0, write: 1, mkdir: 83, clone3: 435, set_mempolicy_home_node: 450 });
    expect(syscallTables.SCMP_ARCH_X86).toMatchObject({ exit: 1, write: 4, socketcall: 102, mmap2: 192, socket: 359 });
    expect(syscallTables.SCMP_ARCH_X32).toMatchObject({ read: 0x40000000, rt_sigaction: 0x40000200, execve: 0x40000208 });
    // aarch64 takes its numbers from the generic table, with the 64-bit names of the __NR3264 aliases.
    expect(syscallTables.SCMP_ARCH_AARCH64).toMatchObject({
      io_setup: 0,
      fcntl: 25,
      mkdirat: 34,
      renameat: 38,
      lseek: 62,
      newfstatat: 79,
      fstat: 80,
      mmap: 222,
      clone3: 435,
      memfd_secret: 447,
    });
    for (const name of ['mkdir', 'open', 'fcntl64', 'mmap2', 'clock_gettime64', 'syscalls', 'arch_specific_syscall']) {
      expect([name, Object.hasOwn(syscallTables.SCMP_ARCH_AARCH64, name)]).toEqual([name, false]);
    }
  });

  it('give every name one number and every number one name', () => {
    for (const [arch, table] of Object.entries(syscallTables)) {
      const numbers = Object.values(table);
      expect([arch, new Set(numbers).size]).toEqual([arch, numbers.length]);
    }
  });
});
