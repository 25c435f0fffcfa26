import {
  Assembler,
  BPF_JMP_JEQ_K,
  BPF_JMP_JGE_K,
  BPF_JMP_JGT_K,
  Label,
  MAX_CONDITIONAL_JUMP,
  type ConditionalJump,
  type Instruction,
} from './bpf';
import { SECCOMP_RET_KILL_THREAD, type Comparison, type Profile, type SyscallRules } from './profile';
import type { SyscallTableArch } from './syscall-tables';

// struct seccomp_data { int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6]; }
const OFFSET_NR = 0;
const OFFSET_ARCH = 4;
const OFFSET_ARGS = 16;

const AUDIT_ARCH_X86_64 = 0xc000003e;
const auditArch: Record<SyscallTableArch, number> = {
  SCMP_ARCH_X86_64: AUDIT_ARCH_X86_64,
  // x32 tasks report the x86_64 audit arch; only bit 30 of the syscall number tells them apart.
  SCMP_ARCH_X32: AUDIT_ARCH_X86_64,
  SCMP_ARCH_X86: 0x40000003,
  SCMP_ARCH_AARCH64: 0xc00000b7,
};
const X32_SYSCALL_BIT = 0x40000000;

/**
 * Argument width as libseccomp sees it: on ABIs whose `long` is 32-bit (x86, x32) only the low
 * word of an argument is compared and the high word of the rule's value is ignored.
 */
const argumentBits: Record<SyscallTableArch, 32 | 64> = {
  SCMP_ARCH_X86_64: 64,
  SCMP_ARCH_X32: 32,
  SCMP_ARCH_X86: 32,
  SCMP_ARCH_AARCH64: 64,
};

/** What libseccomp does, unless told otherwise, to a process of an architecture not in the filter. */
const BAD_ARCH_ACTION = SECCOMP_RET_KILL_THREAD;

const low = (v: bigint): number => Number(v & 0xffffffffn);
const high = (v: bigint): number => Number(v >> 32n);

/**
 * Emits one 64-bit unsigned comparison from two 32-bit loads (all supported ABIs are little-endian,
 * so the low word comes first). Falls through when it holds, jumps to `fail` when it does not.
 * NE, LT and LE are emitted as EQ, GE and GT with the two outcomes swapped.
 */
function emitComparison(asm: Assembler, c: Comparison, bits: 32 | 64, fail: Label): void {
  const pass = new Label();
  const negated = c.op === 'NE' || c.op === 'LT' || c.op === 'LE';
  const [holds, fails] = negated ? [fail, pass] : [pass, fail];
  const ordered = c.op !== 'EQ' && c.op !== 'NE' && c.op !== 'MASKED_EQ';
  const lowJump: ConditionalJump =
    c.op === 'GT' || c.op === 'LE' ? BPF_JMP_JGT_K : c.op === 'GE' || c.op === 'LT' ? BPF_JMP_JGE_K : BPF_JMP_JEQ_K;
  const masked = c.op === 'MASKED_EQ';
  // libseccomp masks the expected value too, so bits of valueTwo outside the mask are ignored, and a
  // word whose mask is zero always matches and needs no test.
  const expected = masked ? c.valueTwo & c.value : c.value;
  const offset = OFFSET_ARGS + 8 * c.index;

  if (bits === 64 && !(masked && high(c.value) === 0)) {
    asm.load(offset + 4);
    if (masked) asm.and(high(c.value));
    // The high words decide unless they are equal; only then do the low words matter.
    if (ordered) asm.jump(BPF_JMP_JGT_K, high(expected), holds, null);
    asm.jump(BPF_JMP_JEQ_K, high(expected), null, fails);
  }
  if (!(masked && low(c.value) === 0)) {
    asm.load(offset);
    if (masked) asm.and(low(c.value));
    asm.jump(lowJump, low(expected), holds, fails);
  }
  asm.bind(pass);
}

/**
 * Code for one syscall number, entered with its number matched. Every path ends in a return, so
 * the caller needs no way back in, and the arguments can be loaded over the accumulator.
 */
function syscallBlock(syscall: SyscallRules, bits: 32 | 64, defaultAction: number): Assembler {
  const asm = new Assembler();
  for (const rule of syscall.conditional) {
    const next = new Label();
    for (const c of rule.comparisons) emitComparison(asm, c, bits, next);
    asm.ret(rule.action);
    asm.bind(next);
  }
  asm.ret(syscall.fallback ?? defaultAction);
  return asm;
}

/**
 * The syscall-number dispatch for one architecture, entered with nothing loaded.
 *
 * Syscalls with a single unconditional action are tested in runs of `jeq nr` that all jump forward
 * to one shared return at the end of the run; a run is cut at 255 tests so the first test still
 * reaches it with an 8-bit offset. Syscalls with argument rules get their own block; the test in
 * front of it skips it with jf when it is short, or through a BPF_JA trampoline when it is not.
 * Either way no conditional jump ever spans more than one run or one rule.
 */
function archBody(rules: Map<number, SyscallRules>, bits: 32 | 64, defaultAction: number): Assembler {
  const asm = new Assembler();
  asm.load(OFFSET_NR);

  const runs = new Map<number, number[]>();
  const blocks: Array<[number, SyscallRules]> = [];
  for (const [nr, syscall] of [...rules].sort((a, b) => a[0] - b[0])) {
    if (syscall.conditional.length) blocks.push([nr, syscall]);
    else if (syscall.fallback !== undefined) {
      const run = runs.get(syscall.fallback);
      if (run) run.push(nr);
      else runs.set(syscall.fallback, [nr]);
    }
  }

  // Biggest runs first: the commonest action (usually ALLOW) is then found after the fewest tests.
  for (const [actionValue, numbers] of [...runs].sort((a, b) => b[1].length - a[1].length || a[0] - b[0])) {
    for (let start = 0; start < numbers.length; start += MAX_CONDITIONAL_JUMP) {
      const chunk = numbers.slice(start, start + MAX_CONDITIONAL_JUMP);
      const match = new Label();
      const after = new Label();
      chunk.forEach((nr, i) => asm.jump(BPF_JMP_JEQ_K, nr, match, i === chunk.length - 1 ? after : null));
      asm.bind(match);
      asm.ret(actionValue);
      asm.bind(after);
    }
  }

  for (const [nr, syscall] of blocks) {
    const block = syscallBlock(syscall, bits, defaultAction);
    const after = new Label();
    if (block.length <= MAX_CONDITIONAL_JUMP) {
      asm.jump(BPF_JMP_JEQ_K, nr, null, after);
    } else {
      const enter = new Label();
      asm.jump(BPF_JMP_JEQ_K, nr, enter, null);
      asm.goto(after);
      asm.bind(enter);
    }
    asm.append(block);
    asm.bind(after);
  }

  asm.ret(defaultAction);
  return asm;
}

/**
 * The whole filter: a dispatch on seccomp_data.arch whose every branch is a BPF_JA (so it can
 * reach bodies of any size), a shared bad-architecture return, then one body per architecture.
 *
 * x86_64 and x32 share AUDIT_ARCH_X86_64, so that branch also splits on the x32 bit of the syscall
 * number, as libseccomp does: numbers at or above the bit go to the x32 body and the rest to the
 * x86_64 body, and whichever of the two was not selected gets the bad-architecture action. So an
 * x86_64 rule never matches an x32 call (and vice versa), and an x32 call under a filter without
 * SCMP_ARCH_X32 is killed like any other foreign architecture instead of reaching the default.
 */
export function generate(profile: Profile): Instruction[] {
  const asm = new Assembler();
  const bad = new Label();
  const entries = new Map(profile.architectures.map((arch) => [arch, new Label()]));
  const entry = (arch: SyscallTableArch): Label => entries.get(arch) ?? bad;

  asm.load(OFFSET_ARCH);
  const dispatched = new Set<number>();
  for (const arch of profile.architectures) {
    const audit = auditArch[arch];
    if (dispatched.has(audit)) continue;
    dispatched.add(audit);
    const next = new Label();
    asm.jump(BPF_JMP_JEQ_K, audit, null, next);
    if (audit === AUDIT_ARCH_X86_64) {
      const native = new Label();
      asm.load(OFFSET_NR);
      asm.jump(BPF_JMP_JGE_K, X32_SYSCALL_BIT, null, native);
      asm.goto(entry('SCMP_ARCH_X32'));
      asm.bind(native);
      asm.goto(entry('SCMP_ARCH_X86_64'));
    } else {
      asm.goto(entry(arch));
    }
    asm.bind(next);
  }
  asm.bind(bad);
  asm.ret(BAD_ARCH_ACTION);

  for (const [arch, label] of entries) {
    asm.bind(label);
    asm.append(archBody(profile.rules.get(arch)!, argumentBits[arch], profile.defaultAction));
  }
  return asm.resolve();
}
