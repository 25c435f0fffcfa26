import { compileSeccomp, type SeccompConfig } from '../../src/seccomp';
import { Assembler, BPF_JMP_JEQ_K, Label } from '../../src/seccomp/bpf';
import { syscallTables } from '../../src/seccomp/syscall-tables';
import { decode } from './bpf-interpreter';
import { AUDIT_ARCH_ARM, RET_ALLOW, RET_KILL_THREAD, X32_BIT, archs, expectedVerdict, retErrno, verdict, type ArchName } from './harness';

/** Every (number, name) a filter for `arch` can see, plus numbers that are in no table. */
function callsOf(arch: ArchName): Array<[number, string | undefined]> {
  const byNumber = new Map(Object.entries(syscallTables[arch]).map(([name, nr]) => [nr, name]));
  const base = arch === 'SCMP_ARCH_X32' ? X32_BIT : 0;
  const extra = [base + 999, base + 0x3ffffff, arch === 'SCMP_ARCH_X32' ? 0xffffffff : X32_BIT - 1];
  return [...byNumber, ...extra.map((nr): [number, undefined] => [nr, undefined])];
}

// Shaped like Docker's default profile: a long allow list over several architectures' names, a
// few argument-restricted syscalls, an errno override, and names the host does not know.
const denied = new Set([
  ...['mount', 'umount2', 'reboot', 'kexec_load', 'init_module', 'unshare', 'setns'],
  ...['ptrace', 'personality', 'clone', 'clone3', 'socket'], // restricted by the rules below
]);
const allowList = [
  ...new Set(
    [syscallTables.SCMP_ARCH_X86_64, syscallTables.SCMP_ARCH_X86, syscallTables.SCMP_ARCH_AARCH64].flatMap((table) => Object.keys(table)),
  ),
]
  .filter((name) => !denied.has(name))
  .sort()
  .slice(0, 350);

const dockerLike: SeccompConfig = {
  defaultAction: 'SCMP_ACT_ERRNO',
  defaultErrnoRet: 1,
  architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32'],
  syscalls: [
    { names: [...allowList, 'landlock_frobnicate'], action: 'SCMP_ACT_ALLOW' },
    ...[0x0, 0x8, 0x20000, 0x20008, 0xffffffff].map((value) => ({
      names: ['personality'],
      action: 'SCMP_ACT_ALLOW',
      args: [{ index: 0, value, op: 'SCMP_CMP_EQ' }],
    })),
    { names: ['clone'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 0x7e020000, valueTwo: 0, op: 'SCMP_CMP_MASKED_EQ' }] },
    { names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 },
    { names: ['socket'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 40, op: 'SCMP_CMP_NE' }] },
    {
      names: ['ptrace'],
      action: 'SCMP_ACT_ALLOW',
      args: [
        { index: 0, value: 16, op: 'SCMP_CMP_LT' },
        { index: 3, value: 0, op: 'SCMP_CMP_EQ' },
      ],
    },
  ],
};

const interestingArgs = [0n, 8n, 40n, 0x20000n, 0x7e020000n, 0x10000n, 0xffffffffn, 0x1_0000_0008n, 0xffff_ffff_ffff_ffffn];

describe('a Docker-sized profile', () => {
  let compiled: ReturnType<typeof compileSeccomp>;
  beforeAll(() => {
    compiled = compileSeccomp(dockerLike, { nativeArch: 'SCMP_ARCH_X86_64' });
  });

  it('fits the kernel limit with room to spare', () => {
    expect(allowList).toHaveLength(350);
    expect(compiled.instructionCount).toBeLessThanOrEqual(4096);
    expect(compiled.instructionCount).toBeLessThan(1500);
    expect(compiled.unknownSyscalls).toEqual(['landlock_frobnicate']);
  });

  it('jumps only forward and inside the program', () => {
    const insns = decode(compiled.program);
    insns.forEach((insn, pc) => {
      if (insn.code === 0x05) expect(pc + 1 + insn.k).toBeLessThan(insns.length);
      else if ((insn.code & 0x07) === 0x05) expect(pc + 1 + Math.max(insn.jt, insn.jf)).toBeLessThan(insns.length);
    });
    // The allow list spans more than one 8-bit jump, so long jumps must have been laid out.
    expect(insns.some((insn) => insn.code === 0x05 && insn.k > 255)).toBe(true);
  });

  it.each(['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32'] as const)('decides every %s syscall as the profile says', (arch) => {
    let allowed = 0;
    for (const [nr, name] of callsOf(arch)) {
      for (const a of interestingArgs) {
        const args = [a, 0n, 0n, a === 8n ? 1n : 0n];
        const got = verdict(compiled, { arch: archs[arch].audit, nr, args });
        expect([name, nr, a, got]).toEqual([name, nr, a, expectedVerdict(dockerLike, arch, name, args)]);
        if (got === RET_ALLOW && a === 0n) allowed++;
      }
    }
    expect(allowed).toBeGreaterThan(250);
  });

  it('spot-checks the conditional rules', () => {
    const x = syscallTables.SCMP_ARCH_X86_64;
    expect(verdict(compiled, { nr: x.personality!, args: [0x20008n] })).toBe(RET_ALLOW);
    expect(verdict(compiled, { nr: x.personality!, args: [0x1_0000_0008n] })).toBe(retErrno(1));
    expect(verdict(compiled, { nr: x.clone!, args: [0x11n] })).toBe(RET_ALLOW);
    expect(verdict(compiled, { nr: x.clone!, args: [0x10000000n] })).toBe(retErrno(1));
    expect(verdict(compiled, { nr: x.clone3! })).toBe(retErrno(38));
    expect(verdict(compiled, { nr: x.socket!, args: [40n] })).toBe(retErrno(1));
    expect(verdict(compiled, { nr: x.socket!, args: [2n] })).toBe(RET_ALLOW);
  });

  it('kills calls from architectures it does not list', () => {
    expect(verdict(compiled, { arch: archs.SCMP_ARCH_AARCH64.audit, nr: 64 })).toBe(RET_KILL_THREAD);
    expect(verdict(compiled, { arch: AUDIT_ARCH_ARM, nr: 4 })).toBe(RET_KILL_THREAD);
  });

  it('stays within the limit with all four architectures', () => {
    const all = compileSeccomp(
      { ...dockerLike, architectures: [...dockerLike.architectures!, 'SCMP_ARCH_AARCH64'] },
      { nativeArch: 'SCMP_ARCH_X86_64' },
    );
    expect(all.instructionCount).toBeLessThanOrEqual(4096);
    for (const [nr, name] of callsOf('SCMP_ARCH_AARCH64')) {
      expect([name, verdict(all, { arch: archs.SCMP_ARCH_AARCH64.audit, nr, args: [8n] })]).toEqual([
        name,
        expectedVerdict(dockerLike, 'SCMP_ARCH_AARCH64', name, [8n]),
      ]);
    }
  });
});

describe('layout limits', () => {
  it('reaches past a syscall block longer than an 8-bit jump', () => {
    // 20 rules of 6 conditions each make one block of several hundred instructions.
    const rules = Array.from({ length: 20 }, (_, i) => ({
      names: ['write'],
      action: 'SCMP_ACT_ERRNO',
      errnoRet: 100 + i,
      args: Array.from({ length: 6 }, (_, index) => ({ index, value: BigInt(i) << 32n, op: 'SCMP_CMP_GE' })),
    }));
    const config: SeccompConfig = {
      defaultAction: 'SCMP_ACT_ALLOW',
      syscalls: [...rules, { names: ['read'], action: 'SCMP_ACT_ERRNO', args: [{ index: 0, value: 3, op: 'SCMP_CMP_EQ' }] }],
    };
    const compiled = compileSeccomp(config, { nativeArch: 'SCMP_ARCH_X86_64' });
    expect(compiled.instructionCount).toBeGreaterThan(300);
    const x = syscallTables.SCMP_ARCH_X86_64;
    for (const i of [0, 7, 19, 25]) {
      const args = Array.from({ length: 6 }, () => (BigInt(i) << 32n) + 1n);
      expect(verdict(compiled, { nr: x.write!, args })).toBe(expectedVerdict(config, 'SCMP_ARCH_X86_64', 'write', args));
    }
    expect(verdict(compiled, { nr: x.write!, args: [5n << 32n, 5n << 32n, 0n] })).toBe(retErrno(100));
    expect(verdict(compiled, { nr: x.read!, args: [3n] })).toBe(retErrno(1));
    expect(verdict(compiled, { nr: x.read!, args: [4n] })).toBe(RET_ALLOW);
  });

  it('refuses to assemble a conditional jump beyond 255 instructions', () => {
    const asm = new Assembler();
    const far = new Label();
    asm.jump(BPF_JMP_JEQ_K, 1, far, null);
    for (let i = 0; i < 256; i++) asm.ret(0);
    asm.bind(far);
    asm.ret(1);
    expect(() => asm.resolve()).toThrow(/out of range/);
  });

  it('refuses a profile over 4096 instructions', () => {
    const names = Object.keys(syscallTables.SCMP_ARCH_X86_64).slice(0, 150);
    const config: SeccompConfig = {
      defaultAction: 'SCMP_ACT_ALLOW',
      syscalls: names.map((name) => ({
        names: [name],
        action: 'SCMP_ACT_ERRNO',
        args: Array.from({ length: 6 }, (_, index) => ({ index, value: 1, op: 'SCMP_CMP_GT' })),
      })),
    };
    expect(() => compileSeccomp(config, { nativeArch: 'SCMP_ARCH_X86_64' })).toThrow(/more than the kernel's limit of 4096/);
  });
});

describe('random profiles', () => {
  // A fixed-seed generator keeps failures reproducible.
  let seed = 0x5eed;
  const random = (n: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  const pick = <T>(items: readonly T[]): T => items[random(items.length)]!;

  const names = ['write', 'read', 'getpid', 'personality', 'socketcall', 'mkdirat', 'no_such_call'];
  const actions = ['SCMP_ACT_ALLOW', 'SCMP_ACT_ERRNO', 'SCMP_ACT_LOG', 'SCMP_ACT_TRAP', 'SCMP_ACT_KILL_PROCESS', 'SCMP_ACT_TRACE'];
  const ops = ['SCMP_CMP_EQ', 'SCMP_CMP_NE', 'SCMP_CMP_LT', 'SCMP_CMP_LE', 'SCMP_CMP_GT', 'SCMP_CMP_GE', 'SCMP_CMP_MASKED_EQ'];
  const values = [0n, 1n, 2n, 0xffn, 0xffffffffn, 0x1_0000_0000n, 0x1_0000_0001n, 0xffff_ffff_ffff_ffffn];
  const archNames = Object.keys(archs) as ArchName[];

  function randomConfig(): SeccompConfig {
    const entry = () => ({
      names: Array.from({ length: 1 + random(2) }, () => pick(names)),
      action: pick(actions),
      ...(random(2) ? { errnoRet: random(3) } : {}),
      args: Array.from({ length: random(4) }, () => ({ index: random(3), value: pick(values), valueTwo: pick(values), op: pick(ops) })),
    });
    return {
      defaultAction: pick(actions),
      ...(random(2) ? { defaultErrnoRet: random(3) } : {}),
      architectures: archNames.filter(() => random(2)),
      syscalls: Array.from({ length: 1 + random(8) }, entry),
    };
  }

  it('agree with the reference semantics on 300 random profiles', () => {
    for (let round = 0; round < 300; round++) {
      const config = randomConfig();
      const native = pick(archNames.filter((a) => a !== 'SCMP_ARCH_X32'));
      const compiled = compileSeccomp(config, { nativeArch: native });
      const selected = new Set([native, ...(config.architectures as ArchName[])]);
      for (const arch of archNames) {
        for (const name of names) {
          const nr = syscallTables[arch][name];
          if (nr === undefined) continue;
          for (let trial = 0; trial < 6; trial++) {
            const args = [pick(values), pick(values), pick(values)];
            const expected = selected.has(arch) ? expectedVerdict(config, arch, name, args) : RET_KILL_THREAD;
            const got = verdict(compiled, { arch: archs[arch].audit, nr, args });
            if (got !== expected) {
              const profile = JSON.stringify(config, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
              throw new Error(`round ${round}: ${arch} ${name}(${args}) gave ${got}, expected ${expected}\n${profile}`);
            }
          }
        }
      }
    }
  });
});
