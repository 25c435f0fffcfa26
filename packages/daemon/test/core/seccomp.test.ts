// A container's seccomp section from its HostConfig: skiffd's built-in profile resolved against
// the container's capabilities and the machine's architecture, Docker-format profiles sent by the
// docker CLI as `seccomp=<json>`, unconfined and privileged containers, and the 400s.
import { httpStatusOf, isSkiffError } from '@skiff/errors';
import type { LinuxSeccomp } from '@skiff/oci-spec';
import { compileSeccomp } from '../../../runc/src/seccomp';
import { capabilities, checkHostConfig, DOCKER_CAPABILITIES } from '../../src/core/hostconfig';
import { containerSeccomp, decodeSeccompProfile, type SeccompHost, seccompSection } from '../../src/core/seccomp';

const amd64: SeccompHost = { goArch: 'amd64', scmpArch: 'SCMP_ARCH_X86_64', kernel: [6, 1] };
const arm64: SeccompHost = { goArch: 'arm64', scmpArch: 'SCMP_ARCH_AARCH64', kernel: [5, 10] };

/** The rules (action, errno, args) that name a syscall. */
const rulesFor = (s: LinuxSeccomp | undefined, name: string) => (s?.syscalls ?? []).filter((r) => r.names.includes(name));
const blocked = (s: LinuxSeccomp | undefined, name: string) => rulesFor(s, name).some((r) => r.action === 'SCMP_ACT_ERRNO' && !r.args);

function badRequest(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(isSkiffError(err, 'InvalidArgument')).toBe(true);
    expect(httpStatusOf('InvalidArgument')).toBe(400);
    return (err as Error).message;
  }
  throw new Error('expected a 400');
}

const withCaps = (hc: { CapAdd?: string[]; CapDrop?: string[]; Privileged?: boolean; SecurityOpt?: string[] }, host = amd64) =>
  containerSeccomp(hc, capabilities(hc), host);

describe('the built-in profile', () => {
  it('allows by default and denies with EPERM what Docker documents as blocked, on x86_64 with its 32-bit and x32 halves', () => {
    const s = withCaps({})!;
    expect(s.defaultAction).toBe('SCMP_ACT_ALLOW');
    expect(s.architectures).toEqual(['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32']);
    for (const name of ['mount', 'umount2', 'unshare', 'setns', 'pivot_root', 'ptrace', 'process_vm_readv', 'kcmp', 'keyctl', 'add_key',
      'bpf', 'perf_event_open', 'reboot', 'kexec_load', 'init_module', 'settimeofday', 'clock_settime', 'acct', 'mbind', 'syslog',
      'open_by_handle_at', 'io_uring_setup', 'userfaultfd', 'vm86', 'iopl', 'stime', 'umount']) {
      expect([name, blocked(s, name)]).toEqual([name, true]);
    }
    expect(rulesFor(s, 'mount')[0]).toEqual({ names: expect.arrayContaining(['mount']), action: 'SCMP_ACT_ERRNO', errnoRet: 1 });
    // clone3 fails as "not implemented", so libc retries with clone.
    expect(rulesFor(s, 'clone3')).toEqual([{ names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 }]);
    // clone itself only with a namespace flag: one masked rule per CLONE_NEW* flag on argument 0.
    const clone = rulesFor(s, 'clone');
    expect(clone).toHaveLength(7);
    for (const r of clone) {
      expect(r.args).toEqual([{ index: 0, value: r.args![0]!.value, valueTwo: r.args![0]!.value, op: 'SCMP_CMP_MASKED_EQ' }]);
    }
    expect(clone.map((r) => r.args![0]!.value as number).reduce((a, b) => a | b, 0)).toBe(0x7e02_0000);
    expect(blocked(s, 'read') || blocked(s, 'mkdir') || blocked(s, 'chroot')).toBe(false);
  });

  it('lifts each group with the capability that gates it (--cap-add), and keeps the others', () => {
    const admin = withCaps({ CapAdd: ['SYS_ADMIN'] })!;
    for (const name of ['mount', 'umount2', 'unshare', 'setns', 'pivot_root', 'quotactl', 'bpf', 'perf_event_open', 'syslog', 'clone', 'clone3']) {
      expect([name, rulesFor(admin, name)]).toEqual([name, []]);
    }
    expect(blocked(admin, 'ptrace')).toBe(true);
    expect(blocked(admin, 'keyctl')).toBe(true);

    const ptrace = withCaps({ CapAdd: ['CAP_SYS_PTRACE'] })!;
    expect(rulesFor(ptrace, 'ptrace')).toEqual([]);
    expect(rulesFor(ptrace, 'process_vm_writev')).toEqual([]);
    expect(blocked(ptrace, 'mount')).toBe(true);

    const bpf = withCaps({ CapAdd: ['BPF'] })!;
    expect(rulesFor(bpf, 'bpf')).toEqual([]);
    expect(blocked(bpf, 'perf_event_open')).toBe(true);
    expect(rulesFor(withCaps({ CapAdd: ['SYS_TIME'] }), 'clock_settime')).toEqual([]);
    expect(rulesFor(withCaps({ CapAdd: ['SYS_MODULE'] }), 'finit_module')).toEqual([]);
    expect(rulesFor(withCaps({ CapAdd: ['SYS_NICE'] }), 'mbind')).toEqual([]);

    // --cap-add ALL lifts every capability-gated call; the keyring stays shut.
    const all = withCaps({ CapAdd: ['ALL'] })!;
    expect(rulesFor(all, 'mount')).toEqual([]);
    expect(blocked(all, 'keyctl')).toBe(true);
    expect(blocked(all, 'io_uring_enter')).toBe(true);
  });

  it('on aarch64 names only the native architecture and leaves out the x86-only calls', () => {
    const s = withCaps({}, arm64)!;
    expect(s.architectures).toEqual(['SCMP_ARCH_AARCH64']);
    expect(blocked(s, 'mount')).toBe(true);
    for (const name of ['vm86', 'iopl', 'stime', 'umount', '_sysctl']) expect(rulesFor(s, name)).toEqual([]);
  });

  it('is what seccomp=builtin and an empty seccomp= give, and compiles in skiff-runc with every name known', () => {
    const s = withCaps({})!;
    expect(withCaps({ SecurityOpt: ['seccomp=builtin'] })).toEqual(s);
    expect(withCaps({ SecurityOpt: ['seccomp='] })).toEqual(s);
    const compiled = compileSeccomp(s, { nativeArch: 'SCMP_ARCH_X86_64' });
    expect(compiled.unknownSyscalls).toEqual([]);
    expect(compiled.instructionCount).toBeLessThan(1000);
    expect(compileSeccomp(withCaps({}, arm64)!, { nativeArch: 'SCMP_ARCH_AARCH64' }).unknownSyscalls).toEqual([]);
  });
});

describe('no filter', () => {
  it('for seccomp=unconfined (or seccomp:unconfined) and for privileged containers, whatever profile they name', () => {
    expect(withCaps({ SecurityOpt: ['seccomp=unconfined'] })).toBeUndefined();
    expect(withCaps({ SecurityOpt: ['seccomp:unconfined'] })).toBeUndefined();
    expect(withCaps({ Privileged: true })).toBeUndefined();
    expect(withCaps({ Privileged: true, SecurityOpt: ['seccomp={"defaultAction":"SCMP_ACT_ALLOW"}'] })).toBeUndefined();
    // The last seccomp option wins, as in dockerd.
    expect(withCaps({ SecurityOpt: ['seccomp=unconfined', 'no-new-privileges', 'seccomp=builtin'] })?.defaultAction).toBe('SCMP_ACT_ALLOW');
  });
});

describe("a profile in Docker's format", () => {
  const profile = (p: object) => `seccomp=${JSON.stringify(p)}`;

  it('keeps the rules whose includes and excludes match the capabilities, architecture and kernel', () => {
    const p = {
      defaultAction: 'SCMP_ACT_ERRNO',
      defaultErrnoRet: 1,
      architectures: ['SCMP_ARCH_X86_64'],
      flags: ['SECCOMP_FILTER_FLAG_SPEC_ALLOW'],
      syscalls: [
        { names: ['read', 'write'], action: 'SCMP_ACT_ALLOW', comment: 'always' },
        { names: ['chown'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_CHOWN'] } },
        { names: ['mount'], action: 'SCMP_ACT_ALLOW', includes: { caps: ['CAP_SYS_ADMIN', 'CAP_CHOWN'] } },
        { names: ['kill'], action: 'SCMP_ACT_ALLOW', excludes: { caps: ['CAP_KILL'] } },
        { names: ['arch_prctl'], action: 'SCMP_ACT_ALLOW', includes: { arches: ['amd64', 'x32'] } },
        { names: ['vm86'], action: 'SCMP_ACT_ALLOW', excludes: { arches: ['amd64'] } },
        { names: ['clone3'], action: 'SCMP_ACT_ALLOW', includes: { minKernel: '5.3' } },
        { names: ['landlock_create_ruleset'], action: 'SCMP_ACT_ALLOW', includes: { minKernel: '6.7' } },
        { name: 'personality', action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 8, op: 'SCMP_CMP_EQ' }] },
        { names: ['socket'], action: 'SCMP_ACT_ERRNO', errnoRet: 97, args: [{ index: 0, value: 40, valueTwo: 0, op: 'SCMP_CMP_EQ' }], includes: null, excludes: {} },
        { names: [], action: 'SCMP_ACT_ALLOW' },
      ],
    };
    expect(withCaps({ SecurityOpt: [profile(p)] })).toEqual({
      defaultAction: 'SCMP_ACT_ERRNO',
      defaultErrnoRet: 1,
      architectures: ['SCMP_ARCH_X86_64'],
      flags: ['SECCOMP_FILTER_FLAG_SPEC_ALLOW'],
      syscalls: [
        { names: ['read', 'write'], action: 'SCMP_ACT_ALLOW' },
        { names: ['chown'], action: 'SCMP_ACT_ALLOW' },
        { names: ['arch_prctl'], action: 'SCMP_ACT_ALLOW' },
        { names: ['clone3'], action: 'SCMP_ACT_ALLOW' },
        { names: ['personality'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 8, op: 'SCMP_CMP_EQ' }] },
        { names: ['socket'], action: 'SCMP_ACT_ERRNO', errnoRet: 97, args: [{ index: 0, value: 40, valueTwo: 0, op: 'SCMP_CMP_EQ' }] },
      ],
    });
    const dropped = withCaps({ CapDrop: ['CHOWN', 'KILL'], CapAdd: ['SYS_ADMIN'], SecurityOpt: [profile(p)] }, arm64)!;
    expect(dropped.syscalls!.map((r) => r.names[0])).toEqual(['read', 'kill', 'vm86', 'clone3', 'personality', 'socket']);
  });

  it('takes from archMap the native architecture with its sub-architectures only', () => {
    const p = decodeSeccompProfile(JSON.stringify({
      defaultAction: 'SCMP_ACT_ALLOW',
      archMap: [
        { architecture: 'SCMP_ARCH_AARCH64', subArchitectures: ['SCMP_ARCH_ARM'] },
        { architecture: 'SCMP_ARCH_X86_64', subArchitectures: ['SCMP_ARCH_X86'] },
        { architecture: 'SCMP_ARCH_S390X', subArchitectures: null },
      ],
    }));
    expect(seccompSection(p, [], amd64).architectures).toEqual(['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86']);
    expect(seccompSection(p, [], arm64).architectures).toEqual(['SCMP_ARCH_AARCH64', 'SCMP_ARCH_ARM']);
    // No entry for this machine: the runtime's native architecture alone.
    expect(seccompSection(p, [], { goArch: 'riscv64', scmpArch: 'SCMP_ARCH_RISCV64', kernel: [6, 1] }).architectures).toBeUndefined();
  });

  it('is refused with a 400 when it is not JSON, not a profile, or asks for what skiffd does not do', () => {
    expect(badRequest(() => withCaps({ SecurityOpt: ['seccomp=/etc/profile.json'] }))).toMatch(/^Decoding seccomp profile failed: .*JSON/);
    expect(badRequest(() => withCaps({ SecurityOpt: [profile({ defaultAction: 'SCMP_ACT_MAYBE' })] }))).toMatch(
      /^Decoding seccomp profile failed: defaultAction: /,
    );
    expect(badRequest(() => withCaps({ SecurityOpt: [profile({ defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ names: ['read'], action: 'SCMP_ACT_ERRNO', errnoRet: -1 }] })] }))).toMatch(
      /^Decoding seccomp profile failed: syscalls\.0\.errnoRet: /,
    );
    expect(badRequest(() => withCaps({ SecurityOpt: [profile({ syscalls: [] })] }))).toContain('defaultAction');
    expect(badRequest(() => withCaps({ SecurityOpt: [profile({ defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ name: 'a', names: ['b'], action: 'SCMP_ACT_ERRNO' }] })] }))).toContain(
      'both "name" and "names"',
    );
    expect(badRequest(() => withCaps({ SecurityOpt: [profile({ defaultAction: 'SCMP_ACT_ALLOW', architectures: ['SCMP_ARCH_X86'], archMap: [{ architecture: 'SCMP_ARCH_X86_64' }] })] }))).toContain(
      'both "architectures" and "archMap"',
    );
    expect(badRequest(() => withCaps({ SecurityOpt: [profile({ defaultAction: 'SCMP_ACT_ALLOW', listenerPath: '/run/agent.sock' })] }))).toContain('seccomp notify');
    expect(badRequest(() => withCaps({ SecurityOpt: [profile({ defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ names: ['mkdir'], action: 'SCMP_ACT_NOTIFY' }] })] }))).toContain(
      'not supported by skiffd',
    );
  });

  it('is checked when the container is created (checkHostConfig), privileged ones excepted', () => {
    expect(badRequest(() => checkHostConfig({ SecurityOpt: ['seccomp={"defaultAction":1}'] }))).toContain('Decoding seccomp profile failed');
    expect(() => checkHostConfig({ SecurityOpt: ['seccomp={"defaultAction":"SCMP_ACT_ALLOW"}'] })).not.toThrow();
    expect(() => checkHostConfig({ SecurityOpt: ['seccomp=unconfined'] })).not.toThrow();
    expect(() => checkHostConfig({})).not.toThrow();
    expect(capabilities({})).toEqual(DOCKER_CAPABILITIES);
  });
});
