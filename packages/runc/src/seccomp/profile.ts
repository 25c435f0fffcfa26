import { invalidArgument } from '@skiff/errors';
import { syscallTableArchitectures, syscallTables, type SyscallTableArch } from './syscall-tables';

/**
 * The OCI runtime-spec `linux.seccomp` object. Declared here, structurally, so the compiler does not
 * depend on the spec package's schema; any object of that shape can be passed.
 */
export interface SeccompConfig {
  defaultAction: string;
  defaultErrnoRet?: number;
  architectures?: string[];
  flags?: string[];
  listenerPath?: string;
  listenerMetadata?: string;
  syscalls?: Array<{
    names: string[];
    action: string;
    errnoRet?: number;
    args?: Array<{ index: number; value: number | bigint; valueTwo?: number | bigint; op: string }>;
  }>;
}

// SECCOMP_RET_* from linux/seccomp.h.
const SECCOMP_RET_KILL_PROCESS = 0x80000000;
export const SECCOMP_RET_KILL_THREAD = 0x00000000;
const SECCOMP_RET_TRAP = 0x00030000;
const SECCOMP_RET_ERRNO = 0x00050000;
const SECCOMP_RET_TRACE = 0x7ff00000;
const SECCOMP_RET_LOG = 0x7ffc0000;
const SECCOMP_RET_ALLOW = 0x7fff0000;
const SECCOMP_RET_DATA = 0xffff;
const EPERM = 1;

export const supportedActions = [
  'SCMP_ACT_KILL',
  'SCMP_ACT_KILL_THREAD',
  'SCMP_ACT_KILL_PROCESS',
  'SCMP_ACT_TRAP',
  'SCMP_ACT_ERRNO',
  'SCMP_ACT_TRACE',
  'SCMP_ACT_ALLOW',
  'SCMP_ACT_LOG',
];

export const supportedOperators = [
  'SCMP_CMP_NE',
  'SCMP_CMP_LT',
  'SCMP_CMP_LE',
  'SCMP_CMP_EQ',
  'SCMP_CMP_GE',
  'SCMP_CMP_GT',
  'SCMP_CMP_MASKED_EQ',
];

export type Operator = 'NE' | 'LT' | 'LE' | 'EQ' | 'GE' | 'GT' | 'MASKED_EQ';

/**
 * Only architectures with a generated syscall table: a rule cannot be placed without the number.
 * SCMP_ARCH_ARM is missing because its table (arch/arm/tools/syscall.tbl) is not installed as a
 * UAPI header on the machines the table is generated on.
 */
export const supportedArchitectures: string[] = [...syscallTableArchitectures];

// SECCOMP_FILTER_FLAG_* from linux/seccomp.h.
const filterFlagBits: Record<string, number> = {
  SECCOMP_FILTER_FLAG_TSYNC: 1 << 0,
  SECCOMP_FILTER_FLAG_LOG: 1 << 1,
  SECCOMP_FILTER_FLAG_SPEC_ALLOW: 1 << 2,
  SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV: 1 << 5,
};

export const knownFlags = Object.keys(filterFlagBits);
// WAIT_KILLABLE_RECV only changes how a notify listener receives; the kernel rejects it without
// SECCOMP_FILTER_FLAG_NEW_LISTENER, and skiff-runc installs no listener.
export const supportedFlags = knownFlags.filter((flag) => flag !== 'SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV');

/** The kernel passes at most six syscall arguments in seccomp_data.args. */
const MAX_ARGS = 6;

export interface Comparison {
  index: number;
  op: Operator;
  value: bigint;
  /** Only used by MASKED_EQ, where `value` is the mask and this is the expected result. */
  valueTwo: bigint;
}

export interface Rule {
  /** The SECCOMP_RET_* value returned when every comparison holds. */
  action: number;
  comparisons: Comparison[];
}

/** Everything one syscall number of one architecture is subject to. */
export interface SyscallRules {
  /** Tried in config order; the first rule whose comparisons all hold decides. */
  conditional: Rule[];
  /** Returned when no conditional rule matched: the first unconditional rule, else the default. */
  fallback: number | undefined;
}

export interface Profile {
  defaultAction: number;
  flags: number;
  /** Distinct, native first: the filter tests the architecture a process is most likely to use first. */
  architectures: SyscallTableArch[];
  rules: Map<SyscallTableArch, Map<number, SyscallRules>>;
  unknownSyscalls: string[];
}

const hostArchitectures: Partial<Record<string, SyscallTableArch>> = {
  x64: 'SCMP_ARCH_X86_64',
  ia32: 'SCMP_ARCH_X86',
  arm64: 'SCMP_ARCH_AARCH64',
};

function architecture(name: string, where: string): SyscallTableArch {
  const arch = syscallTableArchitectures.find((a) => a === name);
  if (!arch) {
    throw invalidArgument(
      `${where}: seccomp architecture "${name}" is not supported by skiff-runc (supported: ${supportedArchitectures.join(', ')})`,
    );
  }
  return arch;
}

function nativeArchitecture(nativeArch: string | undefined): SyscallTableArch {
  if (nativeArch !== undefined) return architecture(nativeArch, 'nativeArch');
  const arch = hostArchitectures[process.arch];
  if (!arch) throw invalidArgument(`seccomp: skiff-runc has no syscall table for host architecture ${process.arch}`);
  return arch;
}

function errnoData(value: number | undefined, fallback: number, where: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0 || value > SECCOMP_RET_DATA) {
    throw invalidArgument(`${where}: errnoRet ${value} is not an integer between 0 and ${SECCOMP_RET_DATA}`);
  }
  return value;
}

/**
 * Maps an action name to its SECCOMP_RET_* value. Like runc, errnoRet is the data of ERRNO and
 * TRACE (EPERM when absent) and is ignored for the other actions, which carry no data.
 */
function action(name: string, errnoRet: number | undefined, where: string): number {
  switch (name) {
    case 'SCMP_ACT_KILL':
    case 'SCMP_ACT_KILL_THREAD':
      return SECCOMP_RET_KILL_THREAD;
    case 'SCMP_ACT_KILL_PROCESS':
      return SECCOMP_RET_KILL_PROCESS;
    case 'SCMP_ACT_TRAP':
      return SECCOMP_RET_TRAP;
    case 'SCMP_ACT_ERRNO':
      return (SECCOMP_RET_ERRNO | errnoData(errnoRet, EPERM, where)) >>> 0;
    case 'SCMP_ACT_TRACE':
      return (SECCOMP_RET_TRACE | errnoData(errnoRet, EPERM, where)) >>> 0;
    case 'SCMP_ACT_ALLOW':
      return SECCOMP_RET_ALLOW;
    case 'SCMP_ACT_LOG':
      return SECCOMP_RET_LOG;
    case 'SCMP_ACT_NOTIFY':
      throw invalidArgument(`${where}: SCMP_ACT_NOTIFY: seccomp notify is not supported by skiff-runc`);
    default:
      throw invalidArgument(`${where}: unknown seccomp action "${name}" (supported: ${supportedActions.join(', ')})`);
  }
}

const UINT64_MAX = (1n << 64n) - 1n;

function uint64(value: number | bigint, where: string): bigint {
  if (typeof value === 'bigint') {
    if (value < 0n || value > UINT64_MAX) throw invalidArgument(`${where}: ${value} is outside the unsigned 64-bit range`);
    return value;
  }
  // A number past 2^53 has already lost digits (JSON.parse does that silently), so comparing
  // against it would test some neighbouring value; insist on a bigint instead.
  if (!Number.isSafeInteger(value) || value < 0) {
    throw invalidArgument(`${where}: ${value} is not a non-negative safe integer; pass values above 2^53 as bigint`);
  }
  return BigInt(value);
}

function comparison(arg: { index: number; value: number | bigint; valueTwo?: number | bigint; op: string }, where: string): Comparison {
  if (!Number.isInteger(arg.index) || arg.index < 0 || arg.index >= MAX_ARGS) {
    throw invalidArgument(`${where}: argument index ${arg.index} is not between 0 and ${MAX_ARGS - 1}`);
  }
  if (!supportedOperators.includes(arg.op)) {
    throw invalidArgument(`${where}: unknown seccomp operator "${arg.op}" (supported: ${supportedOperators.join(', ')})`);
  }
  return {
    index: arg.index,
    op: arg.op.slice('SCMP_CMP_'.length) as Operator,
    value: uint64(arg.value, `${where}.value`),
    valueTwo: uint64(arg.valueTwo ?? 0, `${where}.valueTwo`),
  };
}

/**
 * runc hands libseccomp one rule with all conditions, except when two of them test the same
 * argument: then it adds one rule per condition, so they are ORed. Containers see that behaviour,
 * so it is reproduced here rather than ANDing such conditions.
 */
function rulesOf(actionValue: number, comparisons: Comparison[]): Rule[] {
  const indexes = new Set(comparisons.map((c) => c.index));
  if (indexes.size === comparisons.length) return [{ action: actionValue, comparisons }];
  return comparisons.map((c) => ({ action: actionValue, comparisons: [c] }));
}

function flagBits(flags: string[]): number {
  let bits = 0;
  for (const flag of flags) {
    if (!knownFlags.includes(flag)) {
      throw invalidArgument(`unknown seccomp flag "${flag}" (known: ${knownFlags.join(', ')})`);
    }
    if (!supportedFlags.includes(flag)) {
      throw invalidArgument(`seccomp flag ${flag} is not supported by skiff-runc: it needs a seccomp notify listener`);
    }
    bits |= filterFlagBits[flag]!;
  }
  return bits;
}

function syscallNumber(arch: SyscallTableArch, name: string): number | undefined {
  const table = syscallTables[arch];
  return Object.hasOwn(table, name) ? table[name] : undefined;
}

/** Validates a config and resolves it into per-architecture, per-syscall-number rule lists. */
export function resolveProfile(config: SeccompConfig, nativeArch: string | undefined): Profile {
  if (config.listenerPath) {
    throw invalidArgument('seccomp listenerPath is set, but seccomp notify is not supported by skiff-runc');
  }
  const defaultAction = action(config.defaultAction, config.defaultErrnoRet, 'seccomp defaultAction');
  const architectures = [
    ...new Set([
      nativeArchitecture(nativeArch),
      ...(config.architectures ?? []).map((a, i) => architecture(a, `seccomp architectures[${i}]`)),
    ]),
  ];
  const rules = new Map(architectures.map((arch) => [arch, new Map<number, SyscallRules>()]));
  const unknown = new Set<string>();

  (config.syscalls ?? []).forEach((entry, i) => {
    const where = `seccomp syscalls[${i}]`;
    const actionValue = action(entry.action, entry.errnoRet, where);
    // No count limit is needed: with distinct indexes there are at most six, and with a repeated
    // one every rule gets a single condition.
    const entryRules = rulesOf(
      actionValue,
      (entry.args ?? []).map((arg, j) => comparison(arg, `${where}.args[${j}]`)),
    );
    for (const name of entry.names) {
      if (!name) throw invalidArgument(`${where}: empty syscall name`);
      const numbers = architectures.map((arch) => [arch, syscallNumber(arch, name)] as const);
      if (numbers.every(([, nr]) => nr === undefined)) unknown.add(name);
      // runc skips a rule whose action is the default one (libseccomp refuses it), so such a rule
      // never shadows a later rule for the same syscall.
      if (actionValue === defaultAction) continue;
      for (const [arch, nr] of numbers) {
        if (nr === undefined) continue;
        const forArch = rules.get(arch)!;
        let syscall = forArch.get(nr);
        if (!syscall) forArch.set(nr, (syscall = { conditional: [], fallback: undefined }));
        for (const rule of entryRules) {
          if (rule.comparisons.length) syscall.conditional.push(rule);
          // Later unconditional rules could never be reached, so only the first one counts.
          else syscall.fallback ??= rule.action;
        }
      }
    }
  });

  return {
    defaultAction,
    flags: flagBits(config.flags ?? []),
    architectures,
    rules,
    unknownSyscalls: [...unknown],
  };
}
