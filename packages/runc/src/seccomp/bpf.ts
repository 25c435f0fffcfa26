import { internal } from '@skiff/errors';

// Classic BPF opcodes (linux/filter.h) limited to what the seccomp compiler emits. Seccomp only
// accepts absolute 32-bit loads from struct seccomp_data, so A is always loaded whole.
const BPF_LD_W_ABS = 0x20;
const BPF_ALU_AND_K = 0x54;
const BPF_JMP_JA = 0x05;
export const BPF_JMP_JEQ_K = 0x15;
export const BPF_JMP_JGT_K = 0x25;
export const BPF_JMP_JGE_K = 0x35;
const BPF_RET_K = 0x06;

export type ConditionalJump = typeof BPF_JMP_JEQ_K | typeof BPF_JMP_JGT_K | typeof BPF_JMP_JGE_K;

/** The kernel's BPF_MAXINSNS: seccomp refuses longer programs. */
export const MAX_INSTRUCTIONS = 4096;
/** jt/jf are u8 offsets; anything further needs a BPF_JA, whose offset is 32-bit. */
export const MAX_CONDITIONAL_JUMP = 255;
export const SOCK_FILTER_SIZE = 8;

export interface Instruction {
  code: number;
  jt: number;
  jf: number;
  k: number;
}

/** A forward jump target; bound to a position once the code it names has been reached. */
export class Label {
  position: number | undefined;
}

type PendingInstruction =
  | { code: number; k: number; jt: Label | null; jf: Label | null }
  | { code: typeof BPF_JMP_JA; target: Label };

/**
 * Builds straight-line BPF with symbolic forward jumps. A null target means "fall through"
 * (offset 0). Sections are built in their own Assembler and spliced in with `append`, which lets
 * the caller measure a section before choosing between a conditional jump over it and a BPF_JA
 * trampoline.
 */
export class Assembler {
  private readonly code: PendingInstruction[] = [];
  private readonly bound: Label[] = [];

  get length(): number {
    return this.code.length;
  }

  bind(label: Label): void {
    if (label.position !== undefined) throw internal('seccomp: BPF label bound twice');
    label.position = this.code.length;
    this.bound.push(label);
  }

  load(offset: number): void {
    this.code.push({ code: BPF_LD_W_ABS, k: offset, jt: null, jf: null });
  }

  and(mask: number): void {
    this.code.push({ code: BPF_ALU_AND_K, k: mask, jt: null, jf: null });
  }

  jump(op: ConditionalJump, k: number, jt: Label | null, jf: Label | null): void {
    this.code.push({ code: op, k, jt, jf });
  }

  goto(target: Label): void {
    this.code.push({ code: BPF_JMP_JA, target });
  }

  ret(value: number): void {
    this.code.push({ code: BPF_RET_K, k: value, jt: null, jf: null });
  }

  /** Moves `section` to the end of this one; its labels keep pointing at the same instructions. */
  append(section: Assembler): void {
    for (const label of section.bound.splice(0)) {
      label.position = label.position! + this.code.length;
      this.bound.push(label);
    }
    this.code.push(...section.code.splice(0));
  }

  resolve(): Instruction[] {
    return this.code.map((insn, pc) => {
      if ('target' in insn) return { code: insn.code, jt: 0, jf: 0, k: offset(pc, insn.target, 0xffffffff) };
      return {
        code: insn.code,
        jt: offset(pc, insn.jt, MAX_CONDITIONAL_JUMP),
        jf: offset(pc, insn.jf, MAX_CONDITIONAL_JUMP),
        k: insn.k >>> 0,
      };
    });
  }
}

function offset(pc: number, target: Label | null, max: number): number {
  if (target === null) return 0;
  if (target.position === undefined) throw internal('seccomp: BPF jump to an unbound label');
  const distance = target.position - (pc + 1);
  // The layout is designed so this never fires; if it did, the program would jump somewhere other
  // than intended, so refusing is the only safe answer.
  if (distance < 0 || distance > max) throw internal(`seccomp: BPF jump of ${distance} at ${pc} is out of range`);
  return distance;
}

/** Packs instructions as the kernel's struct sock_filter array (native little-endian). */
export function encode(program: readonly Instruction[]): Buffer {
  const buf = Buffer.alloc(program.length * SOCK_FILTER_SIZE);
  program.forEach((insn, i) => {
    const at = i * SOCK_FILTER_SIZE;
    buf.writeUInt16LE(insn.code, at);
    buf.writeUInt8(insn.jt, at + 2);
    buf.writeUInt8(insn.jf, at + 3);
    buf.writeUInt32LE(insn.k, at + 4);
  });
  return buf;
}
