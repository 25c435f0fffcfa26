// Loads compiled filters into a real kernel. Each filter goes into a throwaway node child, because
// a seccomp filter can never be removed from the process (and its children) that installs it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileSeccomp, type SeccompConfig } from '../../src/seccomp';
import { syscallTables } from '../../src/seccomp/syscall-tables';

const PR_SET_NO_NEW_PRIVS = 38;
const PR_SET_SECCOMP = 22;
const SECCOMP_MODE_FILTER = 2;
const ENOTBLK = 15;

// argv: koffi path, hex sock_filter array, an empty directory to create test directories in.
// Prints one JSON line: how mkdir behaved with the restricted and an unrestricted mode.
const childSource = `
const fs = require('node:fs');
const path = require('node:path');
const koffi = require(process.argv[2]);
const libc = koffi.load('libc.so.6');
const prctl = libc.func('int prctl(int option, ...)');
const errnoLocation = libc.func('int *__errno_location(void)');
const fail = (step) => {
  process.stdout.write(JSON.stringify({ failed: step, errno: koffi.decode(errnoLocation(), 'int') }));
  process.exit(0);
};
const filter = Buffer.from(process.argv[3], 'hex');
const fprog = Buffer.alloc(16); // struct sock_fprog: u16 len, padding, pointer
fprog.writeUInt16LE(filter.length / 8, 0);
fprog.writeBigUInt64LE(koffi.address(filter), 8);
const ul = 'unsigned long';
if (prctl(${PR_SET_NO_NEW_PRIVS}, ul, 1, ul, 0, ul, 0, ul, 0) !== 0) fail('no_new_privs');
if (prctl(${PR_SET_SECCOMP}, ul, ${SECCOMP_MODE_FILTER}, 'void *', fprog) !== 0) fail('seccomp');
const outcome = (mode) => {
  try {
    fs.mkdirSync(path.join(process.argv[4], 'd' + mode.toString(8)), { mode });
    return 'ok';
  } catch (err) {
    return err.errno; // libuv has no name for every errno, so compare numbers
  }
};
process.stdout.write(JSON.stringify({ restricted: outcome(0o700), other: outcome(0o755) }));
`;

let koffiPath: string | undefined;
try {
  koffiPath = require.resolve('koffi');
} catch {
  koffiPath = undefined;
}

const workDir = mkdtempSync(join(tmpdir(), 'skiff-seccomp-'));
const childScript = join(workDir, 'child.cjs');
writeFileSync(childScript, childSource);
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function runChild(config: SeccompConfig, name: string): unknown {
  const dir = join(workDir, name);
  mkdirSync(dir);
  const compiled = compileSeccomp(config);
  const result = spawnSync(process.execPath, [childScript, koffiPath!, compiled.program.toString('hex'), dir], {
    encoding: 'utf8',
    cwd: workDir,
  });
  if (result.status !== 0) throw new Error(`child failed (${result.status ?? result.signal}): ${result.stderr}`);
  return JSON.parse(result.stdout);
}

// glibc may implement mkdir() with either syscall, so both are restricted (on the mode argument).
const mkdirRules: NonNullable<SeccompConfig['syscalls']> = [
  { names: ['mkdir'], action: 'SCMP_ACT_ERRNO', errnoRet: ENOTBLK, args: [{ index: 1, value: 0o700, op: 'SCMP_CMP_EQ' }] },
  { names: ['mkdirat'], action: 'SCMP_ACT_ERRNO', errnoRet: ENOTBLK, args: [{ index: 2, value: 0o700, op: 'SCMP_CMP_EQ' }] },
];

// The child's struct sock_fprog layout assumes a 64-bit host.
const hostTables: Partial<Record<string, Readonly<Record<string, number>>>> = {
  x64: syscallTables.SCMP_ARCH_X86_64,
  arm64: syscallTables.SCMP_ARCH_AARCH64,
};
const hostTable = process.platform === 'linux' ? hostTables[process.arch] : undefined;

// Only where a trivial filter can be installed at all: 64-bit Linux with glibc and koffi.
const available =
  hostTable !== undefined &&
  koffiPath !== undefined &&
  (() => {
    try {
      const outcome = runChild({ defaultAction: 'SCMP_ACT_ALLOW' }, 'probe') as { failed?: string };
      return outcome.failed === undefined;
    } catch {
      return false;
    }
  })();

describe('on a real kernel', () => {
  (available ? it : it.skip)('enforces an argument-conditioned errno rule', () => {
    expect(runChild({ defaultAction: 'SCMP_ACT_ALLOW', syscalls: mkdirRules }, 'small')).toEqual({ restricted: -ENOTBLK, other: 'ok' });
  });

  (available ? it : it.skip)('accepts a Docker-sized program', () => {
    // Hundreds of rules that never match, so the child keeps working, around the mkdir ones.
    const names = Object.keys(hostTable!).filter((n) => !n.startsWith('mkdir')).slice(0, 300);
    const config: SeccompConfig = {
      defaultAction: 'SCMP_ACT_ALLOW',
      syscalls: [
        { names, action: 'SCMP_ACT_KILL_PROCESS', args: [{ index: 5, value: 0xdead_beef_cafe_f00dn, op: 'SCMP_CMP_EQ' }] },
        ...mkdirRules,
      ],
    };
    expect(compileSeccomp(config).instructionCount).toBeGreaterThan(1500);
    expect(runChild(config, 'large')).toEqual({ restricted: -ENOTBLK, other: 'ok' });
  });
});
