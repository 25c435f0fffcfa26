// Shared by the seccomp tests. Kernel constants are spelled out here rather than imported from the
// compiler, so a wrong constant there cannot hide behind the same wrong constant here.
import type { CompiledSeccomp, SeccompConfig } from '../../src/seccomp';
import { run, seccompData, validate, type SyscallInput } from './bpf-interpreter';

export const AUDIT_ARCH_X86_64 = 0xc000003e;
export const AUDIT_ARCH_I386 = 0x40000003;
export const AUDIT_ARCH_AARCH64 = 0xc00000b7;
export const AUDIT_ARCH_ARM = 0x40000028;
export const X32_BIT = 0x40000000;

export const RET_KILL_PROCESS = 0x80000000;
export const RET_KILL_THREAD = 0;
export const RET_TRAP = 0x00030000;
export const RET_LOG = 0x7ffc0000;
export const RET_ALLOW = 0x7fff0000;
export const retErrno = (errno: number): number => (0x00050000 | errno) >>> 0;
export const retTrace = (data: number): number => (0x7ff00000 | data) >>> 0;

/** Per-architecture numbers of a few syscalls, from the kernel's syscall tables. */
export const NR = {
  x86_64: { write: 1, getpid: 39, clone: 56, socket: 41, mkdir: 83, personality: 135, mkdirat: 258 },
  i386: { write: 4, getpid: 20, personality: 136, socket: 359 },
  x32: { write: X32_BIT + 1, getpid: X32_BIT + 39 },
  aarch64: { write: 64, getpid: 172, personality: 92, clone: 220, mkdirat: 34 },
} as const;

const validated = new WeakSet<Buffer>();

/** Runs the filter on one synthetic syscall (x86_64 unless said otherwise) and returns its verdict. */
export function verdict(compiled: CompiledSeccomp, input: Partial<SyscallInput> & { nr: number }): number {
  if (!validated.has(compiled.program)) {
    validate(compiled.program);
    validated.add(compiled.program);
  }
  return run(compiled.program, seccompData({ arch: AUDIT_ARCH_X86_64, ...input }));
}

/** The architectures a filter can be asked about, with how the kernel identifies their calls. */
export const archs = {
  SCMP_ARCH_X86_64: { audit: AUDIT_ARCH_X86_64, argBits: 64 },
  SCMP_ARCH_X86: { audit: AUDIT_ARCH_I386, argBits: 32 },
  SCMP_ARCH_X32: { audit: AUDIT_ARCH_X86_64, argBits: 32 },
  SCMP_ARCH_AARCH64: { audit: AUDIT_ARCH_AARCH64, argBits: 64 },
} as const;
export type ArchName = keyof typeof archs;

function actionValue(action: string, errnoRet: number | undefined): number {
  const table: Record<string, number> = {
    SCMP_ACT_KILL: RET_KILL_THREAD,
    SCMP_ACT_KILL_THREAD: RET_KILL_THREAD,
    SCMP_ACT_KILL_PROCESS: RET_KILL_PROCESS,
    SCMP_ACT_TRAP: RET_TRAP,
    SCMP_ACT_ERRNO: retErrno(errnoRet ?? 1),
    SCMP_ACT_TRACE: retTrace(errnoRet ?? 1),
    SCMP_ACT_ALLOW: RET_ALLOW,
    SCMP_ACT_LOG: RET_LOG,
  };
  return table[action]!;
}

/**
 * The documented semantics, evaluated directly on the config for one syscall `name` (undefined
 * when the number is in no table) of a selected architecture: the straightforward model the
 * compiled program must agree with.
 */
export function expectedVerdict(config: SeccompConfig, arch: ArchName, name: string | undefined, args: bigint[]): number {
  const defaultAction = actionValue(config.defaultAction, config.defaultErrnoRet);
  const word = (v: bigint) => (archs[arch].argBits === 32 ? v & 0xffffffffn : v);
  let unconditional: number | undefined;
  for (const entry of config.syscalls ?? []) {
    const action = actionValue(entry.action, entry.errnoRet);
    if (name === undefined || !entry.names.includes(name) || action === defaultAction) continue;
    const conditions = entry.args ?? [];
    if (conditions.length === 0) {
      unconditional ??= action;
      continue;
    }
    const holds = conditions.map((c) => {
      const a = word(args[c.index] ?? 0n);
      const v = word(BigInt(c.value));
      switch (c.op) {
        case 'SCMP_CMP_EQ': return a === v;
        case 'SCMP_CMP_NE': return a !== v;
        case 'SCMP_CMP_LT': return a < v;
        case 'SCMP_CMP_LE': return a <= v;
        case 'SCMP_CMP_GT': return a > v;
        case 'SCMP_CMP_GE': return a >= v;
        default: return (a & v) === (word(BigInt(c.valueTwo ?? 0)) & v);
      }
    });
    const sameArgTwice = new Set(conditions.map((c) => c.index)).size !== conditions.length;
    if (sameArgTwice ? holds.some(Boolean) : holds.every(Boolean)) return action;
  }
  return unconditional ?? defaultAction;
}
