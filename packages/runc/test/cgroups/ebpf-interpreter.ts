/**
 * Runs a BPF_PROG_TYPE_CGROUP_DEVICE program the way the kernel would, for the few instructions
 * the device filter compiler emits. Anything else (another opcode, a read of an unset register, a
 * jump out of the program or backwards, falling off the end) throws, like the verifier's refusal.
 */

export interface DeviceRequest {
  /** 1 block, 2 char. */
  type: number;
  major: number;
  minor: number;
  /** Bits: 1 mknod, 2 read, 4 write. */
  access: number;
}

const MASK32 = (1n << 32n) - 1n;

/** The returned verdict: 1 allows, 0 denies. */
export function runDeviceProgram(program: Buffer, req: DeviceRequest): number {
  if (program.length === 0 || program.length % 8 !== 0) throw new Error(`program of ${program.length} bytes is not whole instructions`);
  const count = program.length / 8;
  const ctx = Buffer.alloc(12);
  ctx.writeUInt32LE(((req.access << 16) | req.type) >>> 0, 0);
  ctx.writeUInt32LE(req.major >>> 0, 4);
  ctx.writeUInt32LE(req.minor >>> 0, 8);

  // undefined = never written; 'ctx' = the context pointer in R1 at entry.
  const regs: Array<bigint | 'ctx' | undefined> = new Array(11).fill(undefined);
  regs[1] = 'ctx';
  const scalar = (r: number): bigint => {
    const v = regs[r];
    if (typeof v !== 'bigint') throw new Error(`r${r} read as a number while ${v === undefined ? 'unset' : 'the context pointer'}`);
    return v;
  };
  const sext32 = (imm: number): bigint => BigInt.asUintN(64, BigInt(imm));

  for (let pc = 0; ; ) {
    if (pc < 0 || pc >= count) throw new Error(`pc ${pc} out of the program (${count} instructions)`);
    const at = pc * 8;
    const code = program.readUInt8(at);
    const dst = program.readUInt8(at + 1) & 0x0f;
    const src = program.readUInt8(at + 1) >> 4;
    const off = program.readInt16LE(at + 2);
    const imm = program.readInt32LE(at + 4);
    const jump = (taken: boolean): void => {
      if (off < 0) throw new Error(`backward jump at ${pc}`);
      pc += 1 + (taken ? off : 0);
    };
    switch (code) {
      case 0x61: {
        // r_dst = *(u32 *)(r_src + off), only from the context, only its three u32 fields.
        if (regs[src] !== 'ctx') throw new Error(`load at ${pc} from r${src}, which is not the context`);
        if (![0, 4, 8].includes(off)) throw new Error(`load at ${pc} from context offset ${off}`);
        regs[dst] = BigInt(ctx.readUInt32LE(off));
        pc++;
        break;
      }
      case 0xb7: // r_dst = imm (64-bit, sign-extended)
        regs[dst] = sext32(imm);
        pc++;
        break;
      case 0xb4: // w_dst = imm (upper half zeroed)
        regs[dst] = BigInt(imm >>> 0);
        pc++;
        break;
      case 0xbc: // w_dst = w_src
        regs[dst] = scalar(src) & MASK32;
        pc++;
        break;
      case 0x54: // w_dst &= imm
        regs[dst] = scalar(dst) & MASK32 & BigInt(imm >>> 0);
        pc++;
        break;
      case 0x74: // w_dst >>= imm
        regs[dst] = (scalar(dst) & MASK32) >> BigInt(imm & 31);
        pc++;
        break;
      case 0x15: // if r_dst == imm goto +off
        jump(scalar(dst) === sext32(imm));
        break;
      case 0x55: // if r_dst != imm goto +off
        jump(scalar(dst) !== sext32(imm));
        break;
      case 0x5d: // if r_dst != r_src goto +off
        jump(scalar(dst) !== scalar(src));
        break;
      case 0x95: {
        // The verifier only accepts 0 or 1 in R0 for this program type.
        const verdict = scalar(0);
        if (verdict !== 0n && verdict !== 1n) throw new Error(`exit at ${pc} with r0 = ${verdict}`);
        return Number(verdict);
      }
      default:
        throw new Error(`opcode 0x${code.toString(16)} at ${pc} is not one the interpreter knows`);
    }
  }
}
