// A classic BPF interpreter with the kernel's seccomp acceptance checks, so tests can run compiled
// filters against synthetic syscalls and also catch programs the kernel would refuse to load.

export const SECCOMP_DATA_SIZE = 64;
const MAX_INSNS = 4096;
const MEM_WORDS = 16;

export interface Insn {
  code: number;
  jt: number;
  jf: number;
  k: number;
}

export function decode(program: Buffer): Insn[] {
  if (program.length % 8 !== 0) throw new Error(`program length ${program.length} is not a multiple of 8`);
  const insns: Insn[] = [];
  for (let at = 0; at < program.length; at += 8) {
    insns.push({
      code: program.readUInt16LE(at),
      jt: program.readUInt8(at + 2),
      jf: program.readUInt8(at + 3),
      k: program.readUInt32LE(at + 4),
    });
  }
  return insns;
}

const cls = (code: number): number => code & 0x07;
const CLS_LD = 0x00;
const CLS_LDX = 0x01;
const CLS_ST = 0x02;
const CLS_STX = 0x03;
const CLS_ALU = 0x04;
const CLS_JMP = 0x05;
const CLS_RET = 0x06;
const CLS_MISC = 0x07;
const SRC_X = 0x08;

// The opcodes seccomp_check_filter() lets through (everything else is -EINVAL).
const seccompOpcodes = new Set([
  0x20, // ld [k]           (BPF_LD|BPF_W|BPF_ABS, rewritten by the kernel to a seccomp_data load)
  0x80, // ld #len
  0x81, // ldx #len
  0x06, // ret #k
  0x16, // ret a
  ...[0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xa0].flatMap((op) => [0x04 | op, 0x0c | op]), // alu k/x
  0x84, // neg
  0x00, // ld #k
  0x01, // ldx #k
  0x07, // tax
  0x87, // txa
  0x60, // ld M[k]
  0x61, // ldx M[k]
  0x02, // st M[k]
  0x03, // stx M[k]
  0x05, // ja
  ...[0x10, 0x20, 0x30, 0x40].flatMap((op) => [0x05 | op, 0x0d | op]), // jeq/jgt/jge/jset k/x
]);

/** Throws for anything the kernel would reject in seccomp(SECCOMP_SET_MODE_FILTER). */
export function validate(program: Buffer): void {
  const insns = decode(program);
  if (insns.length === 0 || insns.length > MAX_INSNS) throw new Error(`bad program length ${insns.length}`);
  insns.forEach((insn, pc) => {
    const { code, jt, jf, k } = insn;
    if (!seccompOpcodes.has(code)) throw new Error(`opcode 0x${code.toString(16)} at ${pc} not allowed in seccomp`);
    if (code === 0x20 && (k >= SECCOMP_DATA_SIZE || k % 4 !== 0)) throw new Error(`bad seccomp_data offset ${k} at ${pc}`);
    if ((code === 0x60 || code === 0x61 || code === 0x02 || code === 0x03) && k >= MEM_WORDS) throw new Error(`bad M[${k}] at ${pc}`);
    if (code === 0x34 && k === 0) throw new Error(`division by zero at ${pc}`);
    if (code === 0x05) {
      if (k >= insns.length - pc - 1) throw new Error(`ja out of range at ${pc}`);
    } else if (cls(code) === CLS_JMP) {
      if (pc + jt + 1 >= insns.length || pc + jf + 1 >= insns.length) throw new Error(`jump out of range at ${pc}`);
    }
  });
  if (cls(insns[insns.length - 1]!.code) !== CLS_RET) throw new Error('last instruction is not a return');
}

export interface SyscallInput {
  arch: number;
  nr: number;
  instructionPointer?: bigint;
  args?: Array<bigint | number>;
}

/** struct seccomp_data as a little-endian kernel fills it in. */
export function seccompData(input: SyscallInput): Buffer {
  const buf = Buffer.alloc(SECCOMP_DATA_SIZE);
  buf.writeInt32LE(input.nr | 0, 0);
  buf.writeUInt32LE(input.arch >>> 0, 4);
  buf.writeBigUInt64LE(input.instructionPointer ?? 0n, 8);
  (input.args ?? []).forEach((a, i) => buf.writeBigUInt64LE(BigInt(a), 16 + 8 * i));
  return buf;
}

/** Runs the filter and returns its SECCOMP_RET_* verdict. */
export function run(program: Buffer, data: Buffer): number {
  const insns = decode(program);
  const mem = new Uint32Array(MEM_WORDS);
  let a = 0;
  let x = 0;
  let pc = 0;
  for (;;) {
    const insn = insns[pc];
    if (!insn) throw new Error(`fell off the program at ${pc}`);
    const { code, jt, jf, k } = insn;
    pc++;
    switch (cls(code)) {
      case CLS_LD:
        if (code === 0x20) a = data.readUInt32LE(k);
        else if (code === 0x80) a = SECCOMP_DATA_SIZE;
        else if (code === 0x00) a = k;
        else a = mem[k]!;
        break;
      case CLS_LDX:
        if (code === 0x81) x = SECCOMP_DATA_SIZE;
        else if (code === 0x01) x = k;
        else x = mem[k]!;
        break;
      case CLS_ST:
        mem[k] = a;
        break;
      case CLS_STX:
        mem[k] = x;
        break;
      case CLS_ALU: {
        const operand = code & SRC_X ? x : k;
        switch (code & 0xf0) {
          case 0x00: a = (a + operand) >>> 0; break;
          case 0x10: a = (a - operand) >>> 0; break;
          case 0x20: a = Math.imul(a, operand) >>> 0; break;
          // The kernel makes A/0 with a zero X end the filter returning 0.
          case 0x30: if (operand === 0) return 0; a = Math.floor(a / operand) >>> 0; break;
          case 0x40: a = (a | operand) >>> 0; break;
          case 0x50: a = (a & operand) >>> 0; break;
          case 0x60: a = operand >= 32 ? 0 : (a << operand) >>> 0; break;
          case 0x70: a = operand >= 32 ? 0 : a >>> operand; break;
          case 0x80: a = -a >>> 0; break;
          default: a = (a ^ operand) >>> 0; break;
        }
        break;
      }
      case CLS_JMP: {
        if (code === 0x05) {
          pc += k;
          break;
        }
        const operand = code & SRC_X ? x : k;
        let taken: boolean;
        switch (code & 0xf0) {
          case 0x10: taken = a === operand; break;
          case 0x20: taken = a > operand; break;
          case 0x30: taken = a >= operand; break;
          default: taken = (a & operand) !== 0; break;
        }
        pc += taken ? jt : jf;
        break;
      }
      case CLS_RET:
        return (code === 0x16 ? a : k) >>> 0;
      case CLS_MISC:
        if (code === 0x07) x = a;
        else a = x;
        break;
    }
  }
}
