import { invalidArgument } from '@skiff/errors';
import { MAX_INSTRUCTIONS, SOCK_FILTER_SIZE, encode } from './bpf';
import { generate } from './codegen';
import { resolveProfile, type SeccompConfig } from './profile';

export { knownFlags, supportedActions, supportedArchitectures, supportedFlags, supportedOperators } from './profile';
export type { SeccompConfig } from './profile';

export interface CompiledSeccomp {
  /** struct sock_filter[] as the kernel reads it: u16 code, u8 jt, u8 jf, u32 k, little-endian. */
  program: Buffer;
  instructionCount: number;
  /** SECCOMP_FILTER_FLAG_* bits for seccomp(SECCOMP_SET_MODE_FILTER, flags, ...). */
  flags: number;
  /** Names found in no selected architecture's table. They were skipped, as runc does; callers may warn. */
  unknownSyscalls: string[];
}

export interface CompileOptions {
  /**
   * The SCMP_ARCH_* name of the architecture the container runs natively, always included in the
   * filter. Defaults to the one matching process.arch.
   */
  nativeArch?: string;
}

/**
 * Compiles an OCI `linux.seccomp` object into a classic BPF seccomp filter. Invalid or unsupported
 * input (unknown names, SCMP_ACT_NOTIFY, out-of-range values, a program over the kernel's size
 * limit) throws an InvalidArgument SkiffError naming the offending value.
 */
export function compileSeccomp(config: SeccompConfig, options: CompileOptions = {}): CompiledSeccomp {
  const profile = resolveProfile(config, options.nativeArch);
  const instructions = generate(profile);
  if (instructions.length > MAX_INSTRUCTIONS) {
    throw invalidArgument(
      `seccomp profile compiles to ${instructions.length} BPF instructions, more than the kernel's limit of ${MAX_INSTRUCTIONS}`,
    );
  }
  const program = encode(instructions);
  return {
    program,
    instructionCount: program.length / SOCK_FILTER_SIZE,
    flags: profile.flags,
    unknownSyscalls: profile.unknownSyscalls,
  };
}
