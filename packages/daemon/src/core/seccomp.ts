// A container's seccomp filter: HostConfig.SecurityOpt's `seccomp=` (the docker CLI sends the
// profile file's JSON content, or `unconfined`/`builtin`) and Privileged, turned into the OCI
// `linux.seccomp` section the runtime compiles. Profiles are in Docker's format, whose rules can be
// conditional on the container's capabilities, the machine's architecture and its kernel; those
// conditions are resolved here, so the runtime gets only what applies. skiffd's own default
// (core/seccomp-default.ts) goes through the same path.
import * as os from 'node:os';
import { z } from 'zod';
import { invalidArgument } from '@skiff/errors';
import { type LinuxSeccomp, SeccompActionSchema, SeccompArchSchema, SeccompFlagSchema, SeccompOperatorSchema } from '@skiff/oci-spec';
import { BUILTIN_SECCOMP_PROFILE } from './seccomp-default';

/** What `docker info` lists under SecurityOptions for the default profile, as dockerd. */
export const SECCOMP_SECURITY_OPTION = 'name=seccomp,profile=builtin';

// Go's encoding/json, which dockerd decodes profiles with, takes null for any slice or struct.
const uint32 = z.number().int().min(0).max(2 ** 32 - 1);
// Argument operands are uint64; beyond 2^53 JSON.parse has already rounded them, so they are refused.
const uint64 = z.number().refine((v) => Number.isSafeInteger(v) && v >= 0, 'must be an integer from 0 to 2^53-1 (larger operands are not supported)');
const strings = z.array(z.string()).nullish();
const kernelVersion = z.string().regex(/^\d+(\.\d+)?$/, 'must be a kernel version such as "5.8"');

const FilterSchema = z.looseObject({ caps: strings, arches: strings, minKernel: kernelVersion.nullish() });

const SyscallSchema = z.looseObject({
  name: z.string().nullish(),
  names: strings,
  action: SeccompActionSchema,
  errnoRet: uint32.nullish(),
  args: z
    .array(z.looseObject({ index: uint32, value: uint64, valueTwo: uint64.nullish(), op: SeccompOperatorSchema }))
    .nullish(),
  comment: z.string().nullish(),
  includes: FilterSchema.nullish(),
  excludes: FilterSchema.nullish(),
});

export const DockerSeccompProfileSchema = z.looseObject({
  defaultAction: SeccompActionSchema,
  defaultErrnoRet: uint32.nullish(),
  architectures: z.array(SeccompArchSchema).nullish(),
  archMap: z.array(z.looseObject({ architecture: SeccompArchSchema, subArchitectures: z.array(SeccompArchSchema).nullish() })).nullish(),
  syscalls: z.array(SyscallSchema).nullish(),
  flags: z.array(SeccompFlagSchema).nullish(),
  listenerPath: z.string().nullish(),
  listenerMetadata: z.string().nullish(),
});

export type DockerSeccompProfile = z.infer<typeof DockerSeccompProfileSchema>;

/** The machine a profile's conditions are resolved for. */
export interface SeccompHost {
  /** Go's name of the native architecture (what a profile's `arches` name). */
  goArch: string;
  /** libseccomp's name of it (what `archMap` and `architectures` name), if it has one. */
  scmpArch: z.infer<typeof SeccompArchSchema> | undefined;
  /** The running kernel's major and minor version. */
  kernel: [number, number];
}

/** Node's process.arch as Go and libseccomp name it. */
const ARCHES: Record<string, [string, z.infer<typeof SeccompArchSchema>]> = {
  x64: ['amd64', 'SCMP_ARCH_X86_64'],
  ia32: ['386', 'SCMP_ARCH_X86'],
  arm64: ['arm64', 'SCMP_ARCH_AARCH64'],
  arm: ['arm', 'SCMP_ARCH_ARM'],
  loong64: ['loong64', 'SCMP_ARCH_LOONGARCH64'],
  mips: ['mips', 'SCMP_ARCH_MIPS'],
  mipsel: ['mipsle', 'SCMP_ARCH_MIPSEL'],
  ppc: ['ppc', 'SCMP_ARCH_PPC'],
  riscv64: ['riscv64', 'SCMP_ARCH_RISCV64'],
  s390: ['s390', 'SCMP_ARCH_S390'],
  s390x: ['s390x', 'SCMP_ARCH_S390X'],
};

function parseKernel(version: string): [number, number] {
  const m = /^(\d+)(?:\.(\d+))?/.exec(version);
  return m ? [Number(m[1]), Number(m[2] ?? 0)] : [0, 0];
}

let thisMachine: SeccompHost | undefined;

export function thisHost(): SeccompHost {
  if (thisMachine) return thisMachine;
  // Node calls both ppc64 and ppc64le "ppc64"; the byte order tells them apart.
  const ppc64: [string, z.infer<typeof SeccompArchSchema>] = os.endianness() === 'LE' ? ['ppc64le', 'SCMP_ARCH_PPC64LE'] : ['ppc64', 'SCMP_ARCH_PPC64'];
  const [goArch, scmpArch] = process.arch === 'ppc64' ? ppc64 : (ARCHES[process.arch] ?? [process.arch, undefined]);
  thisMachine = { goArch, scmpArch, kernel: parseKernel(os.release()) };
  return thisMachine;
}

function decodingFailed(detail: string): Error {
  return invalidArgument(`Decoding seccomp profile failed: ${detail}`);
}

/** A profile as sent in `seccomp=<json>`, checked against Docker's format. */
export function decodeSeccompProfile(json: string): DockerSeccompProfile {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw decodingFailed(`${(err as Error).message} (the value of --security-opt seccomp= must be a profile's JSON, "unconfined" or "builtin")`);
  }
  const parsed = DockerSeccompProfileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw decodingFailed(`${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  }
  return parsed.data;
}

function normalizeCap(cap: string): string {
  const upper = cap.toUpperCase();
  return upper.startsWith('CAP_') ? upper : `CAP_${upper}`;
}

const atLeast = (kernel: [number, number], min: string) => {
  const [major, minor] = parseKernel(min);
  return kernel[0] > major || (kernel[0] === major && kernel[1] >= minor);
};

/** Whether a rule applies: all of `includes` holds and none of `excludes` does. */
function applies(rule: z.infer<typeof SyscallSchema>, caps: Set<string>, host: SeccompHost): boolean {
  const inc = rule.includes;
  if (inc?.caps?.length && !inc.caps.every((c) => caps.has(normalizeCap(c)))) return false;
  if (inc?.arches?.length && !inc.arches.includes(host.goArch)) return false;
  if (inc?.minKernel && !atLeast(host.kernel, inc.minKernel)) return false;
  const exc = rule.excludes;
  if (exc?.caps?.some((c) => caps.has(normalizeCap(c)))) return false;
  if (exc?.arches?.includes(host.goArch)) return false;
  return true;
}

/** The OCI section of a decoded profile for a container holding `caps` on `host`. */
export function seccompSection(profile: DockerSeccompProfile, caps: readonly string[], host: SeccompHost = thisHost()): LinuxSeccomp {
  if (profile.listenerPath || profile.listenerMetadata || profile.defaultAction === 'SCMP_ACT_NOTIFY' || profile.syscalls?.some((s) => s.action === 'SCMP_ACT_NOTIFY')) {
    throw invalidArgument('seccomp notify (SCMP_ACT_NOTIFY, listenerPath) is not supported by skiffd');
  }
  if (profile.architectures?.length && profile.archMap?.length) {
    throw decodingFailed('the profile sets both "architectures" and "archMap"; use one of them');
  }
  const architectures = profile.archMap?.length
    ? profile.archMap.filter((a) => a.architecture === host.scmpArch).flatMap((a) => [a.architecture, ...(a.subArchitectures ?? [])])
    : [...(profile.architectures ?? [])];
  const held = new Set(caps);
  const syscalls: NonNullable<LinuxSeccomp['syscalls']> = [];
  for (const [i, rule] of (profile.syscalls ?? []).entries()) {
    if (rule.name && rule.names?.length) throw decodingFailed(`syscalls.${i}: sets both "name" and "names"; use one of them`);
    if (rule.excludes?.minKernel) throw decodingFailed(`syscalls.${i}.excludes.minKernel: not supported (only includes.minKernel is)`);
    const names = rule.name ? [rule.name] : (rule.names ?? []);
    if (!names.length || !applies(rule, held, host)) continue;
    syscalls.push({
      names,
      action: rule.action,
      ...(rule.errnoRet != null ? { errnoRet: rule.errnoRet } : {}),
      ...(rule.args?.length
        ? { args: rule.args.map((a) => ({ index: a.index, value: a.value, ...(a.valueTwo != null ? { valueTwo: a.valueTwo } : {}), op: a.op })) }
        : {}),
    });
  }
  return {
    defaultAction: profile.defaultAction,
    ...(profile.defaultErrnoRet != null ? { defaultErrnoRet: profile.defaultErrnoRet } : {}),
    ...(architectures.length ? { architectures } : {}),
    ...(profile.flags?.length ? { flags: [...profile.flags] } : {}),
    syscalls,
  };
}

let builtin: DockerSeccompProfile | undefined;

function builtinProfile(): DockerSeccompProfile {
  builtin ??= DockerSeccompProfileSchema.parse(BUILTIN_SECCOMP_PROFILE);
  return builtin;
}

/** The value of the last `seccomp=`/`seccomp:` option (dockerd keeps the last), if any. */
function seccompOption(securityOpt: readonly string[]): string | undefined {
  let value: string | undefined;
  for (const opt of securityOpt) {
    const m = /^seccomp[=:]([\s\S]*)$/.exec(opt);
    if (m) value = m[1];
  }
  return value;
}

/**
 * The container's `linux.seccomp`: none when privileged or `seccomp=unconfined` (as dockerd),
 * the built-in profile when no profile is given (or `builtin`), else the given one. Throws
 * InvalidArgument (400) for a profile that cannot be used.
 */
export function containerSeccomp(
  hc: { Privileged?: boolean | null; SecurityOpt?: string[] | null },
  caps: readonly string[],
  host: SeccompHost = thisHost(),
): LinuxSeccomp | undefined {
  if (hc.Privileged) return undefined;
  const value = seccompOption(hc.SecurityOpt ?? []);
  if (value === 'unconfined') return undefined;
  const profile = value === undefined || value === '' || value === 'builtin' ? builtinProfile() : decodeSeccompProfile(value);
  return seccompSection(profile, caps, host);
}
