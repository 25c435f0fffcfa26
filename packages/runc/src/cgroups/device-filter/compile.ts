/**
 * OCI device rules → an eBPF program of type BPF_PROG_TYPE_CGROUP_DEVICE that decides as the v1
 * devices controller would after the v1 backend's writes ("a" to devices.deny, then each rule to
 * devices.allow or devices.deny).
 */
import { invalidArgument } from '@skiff/errors';
import type { Int, LinuxDeviceCgroup } from '../types';

/** Device types and access bits of struct bpf_cgroup_dev_ctx (the v1 controller uses the same values). */
export const DEV_BLOCK = 1;
export const DEV_CHAR = 2;
const ACC_MKNOD = 1;
const ACC_READ = 2;
const ACC_WRITE = 4;

/** A major or minor that matches every number ("*"). */
export const ANY = -1;

const ACCESS_BITS: Record<string, number> = { r: ACC_READ, w: ACC_WRITE, m: ACC_MKNOD };
const U32_MAX = 0xffffffffn;

/** One entry of the v1 controller's exception list: its type is always b or c, "a" rules reset the list. */
export interface DeviceException {
  type: typeof DEV_BLOCK | typeof DEV_CHAR;
  major: number;
  minor: number;
  access: number;
}

/**
 * The state a v1 devices cgroup ends in: a default, and exceptions to it. With defaultAllow the
 * exceptions are denials, otherwise grants; an access is granted by the default only when no
 * exception applies to it.
 */
export interface DevicePolicy {
  defaultAllow: boolean;
  exceptions: DeviceException[];
}

function deviceNumber(v: Int | undefined, field: string): number {
  if (v === undefined) return ANY;
  const n = BigInt(v);
  if (n < 0n) return ANY;
  // The kernel's dev_t numbers are u32 in the program's context, and v1 parses them as u32 too.
  if (n > U32_MAX) throw invalidArgument(`linux.resources.devices ${field} ${n} does not fit in 32 bits`);
  return Number(n);
}

function accessBits(access: string): number {
  let bits = 0;
  for (const letter of access) {
    const bit = ACCESS_BITS[letter];
    if (bit === undefined) throw invalidArgument(`linux.resources.devices access ${JSON.stringify(access)} must be made of r, w and m`);
    bits |= bit;
  }
  return bits;
}

function ruleText(ex: DeviceException): string {
  const num = (n: number): string => (n === ANY ? '*' : String(n));
  const letters = Object.entries(ACCESS_BITS)
    .filter(([, bit]) => (ex.access & bit) !== 0)
    .map(([letter]) => letter)
    .join('');
  return `${ex.type === DEV_BLOCK ? 'b' : 'c'} ${num(ex.major)}:${num(ex.minor)} ${letters}`;
}

const sameDevices = (a: DeviceException, b: DeviceException): boolean => a.type === b.type && a.major === b.major && a.minor === b.minor;

/**
 * Replays the rules on a v1 devices cgroup's state, as the kernel keeps it. The v1 backend starts
 * from deny-all, and every rule of type "a" starts over (the kernel reads nothing after the "a":
 * numbers and access of such a rule do not matter). A rule of the other verdict than the default
 * adds an exception, merging access into an entry for the same type:major:minor; a rule of the
 * default's verdict takes its access letters away from that exact entry only.
 *
 * That last step is where v1 silently does less than asked: an entry with a wildcard major or minor
 * that covers the rule's devices keeps applying to them (the kernel cannot split it), so "allow
 * c 1:* rw" then "deny c 1:3 w" still lets c 1:3 be written. Such a rule list is an InvalidArgument
 * here, as in runc, rather than a filter that quietly differs from what the rules say.
 */
export function reduceDeviceRules(rules: readonly LinuxDeviceCgroup[]): DevicePolicy {
  let policy: DevicePolicy = { defaultAllow: false, exceptions: [] };
  for (const rule of rules) {
    const type = rule.type ?? 'a';
    if (type === 'a') {
      policy = { defaultAllow: rule.allow, exceptions: [] };
      continue;
    }
    if (type !== 'b' && type !== 'c') throw invalidArgument(`linux.resources.devices type ${JSON.stringify(type)} must be "a", "b" or "c"`);
    const ex: DeviceException = {
      type: type === 'b' ? DEV_BLOCK : DEV_CHAR,
      major: deviceNumber(rule.major, 'major'),
      minor: deviceNumber(rule.minor, 'minor'),
      access: accessBits(rule.access ?? 'rwm'),
    };
    const entry = policy.exceptions.find((e) => sameDevices(e, ex));
    if (rule.allow !== policy.defaultAllow) {
      if (entry) entry.access |= ex.access;
      else policy.exceptions.push(ex);
      continue;
    }
    const covering = policy.exceptions.find(
      (e) =>
        e !== entry &&
        e.type === ex.type &&
        (e.major === ANY || e.major === ex.major) &&
        (e.minor === ANY || e.minor === ex.minor) &&
        (e.access & ex.access) !== 0,
    );
    if (covering) {
      throw invalidArgument(
        `linux.resources.devices: the ${rule.allow ? 'allow' : 'deny'} rule "${ruleText(ex)}" cannot take effect, ` +
          `the earlier ${rule.allow ? 'deny' : 'allow'} rule "${ruleText(covering)}" covers it and the devices cgroup cannot split a wildcard rule`,
      );
    }
    if (entry) {
      entry.access &= ~ex.access;
      if (entry.access === 0) policy.exceptions.splice(policy.exceptions.indexOf(entry), 1);
    }
  }
  return policy;
}

/** Whether the policy lets every access through, which is what a cgroup without a device program does. */
export function allowsEverything(policy: DevicePolicy): boolean {
  return policy.defaultAllow && policy.exceptions.length === 0;
}

// struct bpf_insn opcodes (include/uapi/linux/bpf_common.h, bpf.h): class | operation | source.
const LDX_MEM_W = 0x61;
const MOV64_K = 0xb7;
const MOV32_K = 0xb4;
const MOV32_X = 0xbc;
const AND32_K = 0x54;
const RSH32_K = 0x74;
const JEQ_K = 0x15;
const JNE_K = 0x55;
const JNE_X = 0x5d;
const EXIT = 0x95;

// The context arrives in R1 and the verdict leaves in R0. R1 is scratch once the fields are loaded.
const R0 = 0;
const R1 = 1;
const R_TYPE = 2;
const R_ACCESS = 3;
const R_MAJOR = 4;
const R_MINOR = 5;

interface Insn {
  code: number;
  dst: number;
  src: number;
  off: number;
  imm: number;
  /** A jump past the end of the current exception's block, whose offset is known once the block is complete. */
  toNext?: true;
}

const insn = (code: number, dst: number, src: number, off: number, imm: number): Insn => ({ code, dst, src, off, imm });
const skipIf = (code: number, dst: number, src: number, imm: number): Insn => ({ code, dst, src, off: 0, imm, toNext: true });
const verdict = (allow: boolean): Insn[] => [insn(MOV64_K, R0, 0, 0, allow ? 1 : 0), insn(EXIT, 0, 0, 0, 0)];

/** Skips the block unless reg (a zero-extended u32) equals value. */
function skipUnlessEqual(reg: number, value: number): Insn[] {
  // A K operand is sign-extended to 64 bits, so a number from 2^31 up goes through a register,
  // where a 32-bit move zero-extends it like the loaded field.
  if (value <= 0x7fffffff) return [skipIf(JNE_K, reg, 0, value)];
  return [insn(MOV32_K, R1, 0, 0, value | 0), skipIf(JNE_X, reg, R1, 0)];
}

/**
 * The checks of one exception, ending in the exception's verdict. The access test differs by mode,
 * as in the kernel: a grant must hold every requested access bit, a denial applies as soon as it
 * shares one (so with "deny c 1:3 w", opening /dev/null read-write is refused, not just writing).
 */
function exceptionBlock(ex: DeviceException, defaultAllow: boolean): Insn[] {
  const block: Insn[] = [skipIf(JNE_K, R_TYPE, 0, ex.type)];
  if (ex.major !== ANY) block.push(...skipUnlessEqual(R_MAJOR, ex.major));
  if (ex.minor !== ANY) block.push(...skipUnlessEqual(R_MINOR, ex.minor));
  block.push(insn(MOV32_X, R1, R_ACCESS, 0, 0));
  if (defaultAllow) block.push(insn(AND32_K, R1, 0, 0, ex.access), skipIf(JEQ_K, R1, 0, 0));
  else block.push(insn(AND32_K, R1, 0, 0, ~ex.access), skipIf(JNE_K, R1, 0, 0));
  block.push(...verdict(!defaultAllow));
  return block.map((i, at) => (i.toNext ? { ...i, off: block.length - at - 1 } : i));
}

/** The program as struct bpf_insn array (8 bytes each, little-endian), ready for BPF_PROG_LOAD. */
export function compileDeviceFilter(policy: DevicePolicy): Buffer {
  const program: Insn[] = [];
  if (policy.exceptions.length > 0) {
    program.push(
      // access_type is (access << 16) | type.
      insn(LDX_MEM_W, R_TYPE, R1, 0, 0),
      insn(MOV32_X, R_ACCESS, R_TYPE, 0, 0),
      insn(RSH32_K, R_ACCESS, 0, 0, 16),
      insn(AND32_K, R_TYPE, 0, 0, 0xffff),
      insn(LDX_MEM_W, R_MAJOR, R1, 4, 0),
      insn(LDX_MEM_W, R_MINOR, R1, 8, 0),
    );
    for (const ex of policy.exceptions) program.push(...exceptionBlock(ex, policy.defaultAllow));
  }
  program.push(...verdict(policy.defaultAllow));

  const out = Buffer.alloc(program.length * 8);
  program.forEach((i, at) => {
    out.writeUInt8(i.code, at * 8);
    out.writeUInt8((i.src << 4) | i.dst, at * 8 + 1);
    out.writeInt16LE(i.off, at * 8 + 2);
    out.writeInt32LE(i.imm, at * 8 + 4);
  });
  return out;
}
