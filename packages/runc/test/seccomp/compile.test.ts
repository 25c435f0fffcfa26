import { isSkiffError } from '@skiff/errors';
import {
  compileSeccomp,
  knownFlags,
  supportedActions,
  supportedArchitectures,
  supportedFlags,
  supportedOperators,
  type SeccompConfig,
} from '../../src/seccomp';
import { decode } from './bpf-interpreter';
import {
  AUDIT_ARCH_AARCH64,
  AUDIT_ARCH_ARM,
  AUDIT_ARCH_I386,
  AUDIT_ARCH_X86_64,
  NR,
  RET_ALLOW,
  RET_KILL_PROCESS,
  RET_KILL_THREAD,
  RET_LOG,
  RET_TRAP,
  X32_BIT,
  retErrno,
  retTrace,
  verdict,
} from './harness';

const x86 = { nativeArch: 'SCMP_ARCH_X86_64' };

function compile(config: SeccompConfig, options = x86) {
  return compileSeccomp(config, options);
}

function expectInvalid(config: SeccompConfig, message: RegExp, options = x86): void {
  let caught: unknown;
  try {
    compileSeccomp(config, options);
  } catch (err) {
    caught = err;
  }
  expect(isSkiffError(caught, 'InvalidArgument')).toBe(true);
  expect((caught as Error).message).toMatch(message);
}

describe('exported lists', () => {
  it('name what the compiler accepts', () => {
    expect(supportedActions).toEqual(expect.arrayContaining(['SCMP_ACT_ALLOW', 'SCMP_ACT_ERRNO', 'SCMP_ACT_KILL_PROCESS']));
    expect(supportedActions).not.toContain('SCMP_ACT_NOTIFY');
    expect(supportedOperators).toHaveLength(7);
    expect(supportedArchitectures).toEqual(['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32', 'SCMP_ARCH_AARCH64']);
    expect(knownFlags).toContain('SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV');
    expect(supportedFlags).toEqual(['SECCOMP_FILTER_FLAG_TSYNC', 'SECCOMP_FILTER_FLAG_LOG', 'SECCOMP_FILTER_FLAG_SPEC_ALLOW']);
  });
});

describe('actions', () => {
  it.each([
    ['SCMP_ACT_ALLOW', RET_ALLOW],
    ['SCMP_ACT_KILL', RET_KILL_THREAD],
    ['SCMP_ACT_KILL_THREAD', RET_KILL_THREAD],
    ['SCMP_ACT_KILL_PROCESS', RET_KILL_PROCESS],
    ['SCMP_ACT_TRAP', RET_TRAP],
    ['SCMP_ACT_ERRNO', retErrno(1)],
    ['SCMP_ACT_TRACE', retTrace(1)],
    ['SCMP_ACT_LOG', RET_LOG],
  ])('default %s returns %d for every syscall', (name, expected) => {
    const compiled = compile({ defaultAction: name });
    for (const nr of [0, 1, 39, 435, 1000]) expect(verdict(compiled, { nr })).toBe(expected);
  });

  it('uses defaultErrnoRet as the default errno or trace data', () => {
    expect(verdict(compile({ defaultAction: 'SCMP_ACT_ERRNO', defaultErrnoRet: 38 }), { nr: 1 })).toBe(retErrno(38));
    expect(verdict(compile({ defaultAction: 'SCMP_ACT_TRACE', defaultErrnoRet: 7 }), { nr: 1 })).toBe(retTrace(7));
    expect(verdict(compile({ defaultAction: 'SCMP_ACT_ERRNO', defaultErrnoRet: 0 }), { nr: 1 })).toBe(retErrno(0));
  });

  it('uses errnoRet of a rule, EPERM without it, and ignores it for actions without data', () => {
    const compiled = compile({
      defaultAction: 'SCMP_ACT_ALLOW',
      syscalls: [
        { names: ['mkdir'], action: 'SCMP_ACT_ERRNO', errnoRet: 30 },
        { names: ['getpid'], action: 'SCMP_ACT_ERRNO' },
        { names: ['clone'], action: 'SCMP_ACT_TRACE', errnoRet: 1234 },
        { names: ['socket'], action: 'SCMP_ACT_LOG', errnoRet: 99 },
      ],
    });
    expect(verdict(compiled, { nr: NR.x86_64.mkdir })).toBe(retErrno(30));
    expect(verdict(compiled, { nr: NR.x86_64.getpid })).toBe(retErrno(1));
    expect(verdict(compiled, { nr: NR.x86_64.clone })).toBe(retTrace(1234));
    expect(verdict(compiled, { nr: NR.x86_64.socket })).toBe(RET_LOG);
    expect(verdict(compiled, { nr: NR.x86_64.write })).toBe(RET_ALLOW);
  });

  it('rejects SCMP_ACT_NOTIFY anywhere, and notify listeners', () => {
    expectInvalid({ defaultAction: 'SCMP_ACT_NOTIFY' }, /defaultAction: SCMP_ACT_NOTIFY: seccomp notify is not supported by skiff-runc/);
    expectInvalid(
      { defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ names: ['mkdir'], action: 'SCMP_ACT_NOTIFY' }] },
      /syscalls\[0\]: SCMP_ACT_NOTIFY: seccomp notify is not supported by skiff-runc/,
    );
    expectInvalid({ defaultAction: 'SCMP_ACT_ALLOW', listenerPath: '/run/seccomp.sock' }, /notify is not supported/);
  });

  it('rejects unknown actions and out-of-range errno values, naming them', () => {
    expectInvalid({ defaultAction: 'SCMP_ACT_NOPE' }, /"SCMP_ACT_NOPE"/);
    expectInvalid({ defaultAction: 'SCMP_ACT_ERRNO', defaultErrnoRet: 65536 }, /errnoRet 65536/);
    expectInvalid(
      { defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ names: ['mkdir'], action: 'SCMP_ACT_ERRNO', errnoRet: -1 }] },
      /syscalls\[0\]: errnoRet -1/,
    );
    expectInvalid({ defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ names: [''], action: 'SCMP_ACT_ERRNO' }] }, /empty syscall name/);
  });
});

describe('flags', () => {
  it('maps flag names to SECCOMP_FILTER_FLAG_* bits', () => {
    expect(compile({ defaultAction: 'SCMP_ACT_ALLOW' }).flags).toBe(0);
    expect(compile({ defaultAction: 'SCMP_ACT_ALLOW', flags: ['SECCOMP_FILTER_FLAG_TSYNC'] }).flags).toBe(1);
    expect(
      compile({ defaultAction: 'SCMP_ACT_ALLOW', flags: ['SECCOMP_FILTER_FLAG_LOG', 'SECCOMP_FILTER_FLAG_SPEC_ALLOW'] }).flags,
    ).toBe(6);
  });

  it('rejects unknown flags and the notify-only WAIT_KILLABLE_RECV', () => {
    expectInvalid({ defaultAction: 'SCMP_ACT_ALLOW', flags: ['SECCOMP_FILTER_FLAG_BOGUS'] }, /"SECCOMP_FILTER_FLAG_BOGUS"/);
    expectInvalid(
      { defaultAction: 'SCMP_ACT_ALLOW', flags: ['SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV'] },
      /SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV is not supported/,
    );
  });
});

describe('architectures', () => {
  const profile: SeccompConfig = {
    defaultAction: 'SCMP_ACT_ERRNO',
    syscalls: [{ names: ['getpid', 'write'], action: 'SCMP_ACT_ALLOW' }],
  };

  it('always includes the native architecture and kills foreign ones', () => {
    const compiled = compile(profile);
    expect(verdict(compiled, { nr: NR.x86_64.getpid })).toBe(RET_ALLOW);
    expect(verdict(compiled, { nr: NR.x86_64.mkdir })).toBe(retErrno(1));
    expect(verdict(compiled, { arch: AUDIT_ARCH_I386, nr: NR.i386.getpid })).toBe(RET_KILL_THREAD);
    expect(verdict(compiled, { arch: AUDIT_ARCH_AARCH64, nr: NR.aarch64.getpid })).toBe(RET_KILL_THREAD);
    expect(verdict(compiled, { arch: AUDIT_ARCH_ARM, nr: 20 })).toBe(RET_KILL_THREAD);
  });

  it('resolves names per architecture', () => {
    const compiled = compile({ ...profile, architectures: ['SCMP_ARCH_X86', 'SCMP_ARCH_AARCH64'] });
    expect(verdict(compiled, { arch: AUDIT_ARCH_I386, nr: NR.i386.getpid })).toBe(RET_ALLOW);
    expect(verdict(compiled, { arch: AUDIT_ARCH_I386, nr: NR.x86_64.getpid })).toBe(retErrno(1));
    expect(verdict(compiled, { arch: AUDIT_ARCH_AARCH64, nr: NR.aarch64.getpid })).toBe(RET_ALLOW);
    expect(verdict(compiled, { arch: AUDIT_ARCH_AARCH64, nr: NR.x86_64.getpid })).toBe(retErrno(1));
    expect(verdict(compiled, { nr: NR.x86_64.getpid })).toBe(RET_ALLOW);
  });

  it('uses the nativeArch option instead of the host', () => {
    const compiled = compileSeccomp(profile, { nativeArch: 'SCMP_ARCH_AARCH64' });
    expect(verdict(compiled, { arch: AUDIT_ARCH_AARCH64, nr: NR.aarch64.write })).toBe(RET_ALLOW);
    expect(verdict(compiled, { nr: NR.x86_64.write })).toBe(RET_KILL_THREAD);
  });

  it('defaults the native architecture from process.arch', () => {
    const audit = { x64: AUDIT_ARCH_X86_64, arm64: AUDIT_ARCH_AARCH64, ia32: AUDIT_ARCH_I386 }[process.arch as string];
    if (audit === undefined) return;
    const compiled = compileSeccomp({ defaultAction: 'SCMP_ACT_LOG' });
    expect(verdict(compiled, { arch: audit, nr: 1 })).toBe(RET_LOG);
  });

  it('rejects unknown and unsupported architectures, naming them', () => {
    expectInvalid({ ...profile, architectures: ['SCMP_ARCH_VAX'] }, /"SCMP_ARCH_VAX"/);
    expectInvalid({ ...profile, architectures: ['SCMP_ARCH_ARM'] }, /"SCMP_ARCH_ARM" is not supported/);
    expectInvalid(profile, /nativeArch.*"SCMP_ARCH_PPC64LE"/, { nativeArch: 'SCMP_ARCH_PPC64LE' });
  });

  it('keeps x32 calls away from x86_64 rules and kills them when x32 is not selected', () => {
    const compiled = compile(profile);
    expect(verdict(compiled, { nr: NR.x32.getpid })).toBe(RET_KILL_THREAD);
    expect(verdict(compiled, { nr: NR.x32.write })).toBe(RET_KILL_THREAD);
    // A plain x86_64 number outside the tables still gets the default, not the bad-arch action.
    expect(verdict(compiled, { nr: X32_BIT - 1 })).toBe(retErrno(1));
  });

  it('applies x32 rules to x32 calls only', () => {
    const compiled = compile({
      defaultAction: 'SCMP_ACT_ERRNO',
      architectures: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X32'],
      syscalls: [
        { names: ['getpid'], action: 'SCMP_ACT_ALLOW' },
        { names: ['write'], action: 'SCMP_ACT_LOG' },
      ],
    });
    expect(verdict(compiled, { nr: NR.x32.getpid })).toBe(RET_ALLOW);
    expect(verdict(compiled, { nr: NR.x32.write })).toBe(RET_LOG);
    expect(verdict(compiled, { nr: NR.x86_64.write })).toBe(RET_LOG);
    // x32 numbers without the bit are x86_64 numbers, and vice versa.
    expect(verdict(compiled, { nr: X32_BIT + NR.x86_64.mkdir })).toBe(retErrno(1));
    expect(verdict(compiled, { nr: X32_BIT | 512 })).toBe(retErrno(1));
  });

  it('supports x32 without x86_64 when another architecture is native', () => {
    const compiled = compileSeccomp(
      { defaultAction: 'SCMP_ACT_ERRNO', architectures: ['SCMP_ARCH_X32'], syscalls: [{ names: ['getpid'], action: 'SCMP_ACT_ALLOW' }] },
      { nativeArch: 'SCMP_ARCH_AARCH64' },
    );
    expect(verdict(compiled, { nr: NR.x32.getpid })).toBe(RET_ALLOW);
    expect(verdict(compiled, { nr: NR.x86_64.getpid })).toBe(RET_KILL_THREAD);
    expect(verdict(compiled, { arch: AUDIT_ARCH_AARCH64, nr: NR.aarch64.getpid })).toBe(RET_ALLOW);
  });
});

describe('syscall names', () => {
  it('skips names no selected table knows and reports them once', () => {
    const compiled = compile({
      defaultAction: 'SCMP_ACT_ERRNO',
      syscalls: [
        { names: ['getpid', 'no_such_call', 'socketcall'], action: 'SCMP_ACT_ALLOW' },
        { names: ['no_such_call', 'constructor', '__proto__'], action: 'SCMP_ACT_LOG' },
      ],
    });
    // socketcall exists on i386 only, which is not selected here.
    expect(compiled.unknownSyscalls).toEqual(['no_such_call', 'socketcall', 'constructor', '__proto__']);
    expect(verdict(compiled, { nr: NR.x86_64.getpid })).toBe(RET_ALLOW);
  });

  it('does not report a name that one selected architecture knows', () => {
    const compiled = compile({
      defaultAction: 'SCMP_ACT_ERRNO',
      architectures: ['SCMP_ARCH_X86'],
      syscalls: [{ names: ['socketcall'], action: 'SCMP_ACT_ALLOW' }],
    });
    expect(compiled.unknownSyscalls).toEqual([]);
    expect(verdict(compiled, { arch: AUDIT_ARCH_I386, nr: 102 })).toBe(RET_ALLOW);
    expect(verdict(compiled, { nr: 102 })).toBe(retErrno(1));
  });
});

describe('argument conditions', () => {
  const HI = 0x1_0000_0000n;
  const values = [0n, 1n, 5n, 0xffffffffn, HI, HI + 5n, 5n * HI, 5n * HI + 5n, 0xffff_ffff_ffff_ffffn, 0x8000_0000_0000_0000n];
  const holds: Record<string, (a: bigint, v: bigint) => boolean> = {
    SCMP_CMP_EQ: (a, v) => a === v,
    SCMP_CMP_NE: (a, v) => a !== v,
    SCMP_CMP_LT: (a, v) => a < v,
    SCMP_CMP_LE: (a, v) => a <= v,
    SCMP_CMP_GT: (a, v) => a > v,
    SCMP_CMP_GE: (a, v) => a >= v,
  };

  it.each(Object.keys(holds))('%s compares all 64 bits, unsigned, on 64-bit architectures', (op) => {
    for (const v of values) {
      const compiled = compile({
        defaultAction: 'SCMP_ACT_ALLOW',
        architectures: ['SCMP_ARCH_AARCH64'],
        syscalls: [{ names: ['write'], action: 'SCMP_ACT_ERRNO', args: [{ index: 2, value: v, op }] }],
      });
      for (const a of values) {
        const expected = holds[op]!(a, v) ? retErrno(1) : RET_ALLOW;
        expect([a, v, verdict(compiled, { nr: NR.x86_64.write, args: [0, 0, a] })]).toEqual([a, v, expected]);
        expect([a, v, verdict(compiled, { arch: AUDIT_ARCH_AARCH64, nr: NR.aarch64.write, args: [0, 0, a] })]).toEqual([
          a,
          v,
          expected,
        ]);
        // The other arguments must not be the ones compared.
        expect(verdict(compiled, { nr: NR.x86_64.write, args: [a, a, 0, a, a, a] })).toBe(holds[op]!(0n, v) ? retErrno(1) : RET_ALLOW);
      }
    }
  });

  it.each(Object.keys(holds))('%s compares only the low word on 32-bit architectures, like libseccomp', (op) => {
    for (const v of values) {
      const compiled = compile({
        defaultAction: 'SCMP_ACT_ALLOW',
        architectures: ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'],
        syscalls: [{ names: ['write'], action: 'SCMP_ACT_ERRNO', args: [{ index: 0, value: v, op }] }],
      });
      for (const a of values) {
        const expected = holds[op]!(a & 0xffffffffn, v & 0xffffffffn) ? retErrno(1) : RET_ALLOW;
        expect([a, v, verdict(compiled, { arch: AUDIT_ARCH_I386, nr: NR.i386.write, args: [a] })]).toEqual([a, v, expected]);
        expect([a, v, verdict(compiled, { nr: NR.x32.write, args: [a] })]).toEqual([a, v, expected]);
      }
    }
  });

  it('MASKED_EQ tests (arg & value) == valueTwo on both words', () => {
    const mask = 0x0000_00ff_7e02_0000n;
    const compiled = compile({
      defaultAction: 'SCMP_ACT_ALLOW',
      architectures: ['SCMP_ARCH_X86'],
      syscalls: [
        {
          names: ['personality'],
          action: 'SCMP_ACT_TRAP',
          args: [{ index: 0, value: mask, valueTwo: 0x0000_0012_0002_0000n, op: 'SCMP_CMP_MASKED_EQ' }],
        },
      ],
    });
    const cases: Array<[bigint, boolean]> = [
      [0x0000_0012_0002_0000n, true],
      [0xff00_ff12_8002_ffffn, true], // bits outside the mask are ignored
      [0x0000_0013_0002_0000n, false], // high word differs under the mask
      [0x0000_0012_0000_0000n, false], // low word differs under the mask
      [0n, false],
    ];
    for (const [a, matches] of cases) {
      expect([a, verdict(compiled, { nr: NR.x86_64.personality, args: [a] })]).toEqual([a, matches ? RET_TRAP : RET_ALLOW]);
    }
    // On i386 only the low word takes part: the high words of mask and datum are dropped.
    expect(verdict(compiled, { arch: AUDIT_ARCH_I386, nr: NR.i386.personality, args: [0x0002_0000n] })).toBe(RET_TRAP);
    expect(verdict(compiled, { arch: AUDIT_ARCH_I386, nr: NR.i386.personality, args: [0x0000_0000n] })).toBe(RET_ALLOW);
  });

  it('MASKED_EQ ignores valueTwo bits outside the mask and always holds with a zero mask, like libseccomp', () => {
    const rule = (value: bigint, valueTwo: bigint): SeccompConfig => ({
      defaultAction: 'SCMP_ACT_ALLOW',
      syscalls: [{ names: ['personality'], action: 'SCMP_ACT_TRAP', args: [{ index: 0, value, valueTwo, op: 'SCMP_CMP_MASKED_EQ' }] }],
    });
    const outside = compile(rule(0xff00n, 0xffff_0000_1200n));
    expect(verdict(outside, { nr: NR.x86_64.personality, args: [0x1234n] })).toBe(RET_TRAP);
    expect(verdict(outside, { nr: NR.x86_64.personality, args: [0x1334n] })).toBe(RET_ALLOW);
    const zero = compile(rule(0n, 5n));
    for (const a of [0n, 5n, 0xffff_ffff_ffff_ffffn]) expect(verdict(zero, { nr: NR.x86_64.personality, args: [a] })).toBe(RET_TRAP);
    // A zero high mask needs no test of the high word at all.
    const lowOnly = compile(rule(0x7e020000n, 0n));
    const highToo = compile(rule(0x1_7e020000n, 0n));
    expect(highToo.instructionCount - lowOnly.instructionCount).toBe(3);
  });

  it('accepts numbers and bigints up to 2^64-1 and rejects anything else', () => {
    const base = { defaultAction: 'SCMP_ACT_ALLOW' };
    const withArg = (arg: { index: number; value: number | bigint; op: string; valueTwo?: number | bigint }): SeccompConfig => ({
      ...base,
      syscalls: [{ names: ['write'], action: 'SCMP_ACT_ERRNO', args: [arg] }],
    });
    const max = compile(withArg({ index: 0, value: 0xffff_ffff_ffff_ffffn, op: 'SCMP_CMP_EQ' }));
    expect(verdict(max, { nr: NR.x86_64.write, args: [0xffff_ffff_ffff_ffffn] })).toBe(retErrno(1));
    expect(verdict(max, { nr: NR.x86_64.write, args: [0xffff_ffff_ffff_fffen] })).toBe(RET_ALLOW);
    const safe = compile(withArg({ index: 5, value: Number.MAX_SAFE_INTEGER, op: 'SCMP_CMP_EQ' }));
    expect(verdict(safe, { nr: NR.x86_64.write, args: [0, 0, 0, 0, 0, Number.MAX_SAFE_INTEGER] })).toBe(retErrno(1));

    expectInvalid(withArg({ index: 0, value: 1n << 64n, op: 'SCMP_CMP_EQ' }), /outside the unsigned 64-bit range/);
    expectInvalid(withArg({ index: 0, value: -1, op: 'SCMP_CMP_EQ' }), /args\[0\]\.value: -1/);
    expectInvalid(withArg({ index: 0, value: 2 ** 60, op: 'SCMP_CMP_EQ' }), /bigint/);
    expectInvalid(withArg({ index: 0, value: 1.5, op: 'SCMP_CMP_EQ' }), /1\.5/);
    expectInvalid(withArg({ index: 0, value: 1, valueTwo: -2, op: 'SCMP_CMP_MASKED_EQ' }), /valueTwo: -2/);
    expectInvalid(withArg({ index: 6, value: 1, op: 'SCMP_CMP_EQ' }), /index 6/);
    expectInvalid(withArg({ index: 0, value: 1, op: 'SCMP_CMP_SIMILAR' }), /"SCMP_CMP_SIMILAR"/);
  });

  it('ANDs the conditions of one entry and ORs entries', () => {
    const compiled = compile({
      defaultAction: 'SCMP_ACT_ALLOW',
      syscalls: [
        {
          names: ['write'],
          action: 'SCMP_ACT_ERRNO',
          args: [
            { index: 0, value: 1, op: 'SCMP_CMP_EQ' },
            { index: 2, value: 100, op: 'SCMP_CMP_GT' },
          ],
        },
        { names: ['write'], action: 'SCMP_ACT_ERRNO', args: [{ index: 0, value: 7, op: 'SCMP_CMP_EQ' }] },
      ],
    });
    const w = (fd: number, len: number) => verdict(compiled, { nr: NR.x86_64.write, args: [fd, 0, len] });
    expect(w(1, 101)).toBe(retErrno(1));
    expect(w(1, 100)).toBe(RET_ALLOW);
    expect(w(2, 101)).toBe(RET_ALLOW);
    expect(w(7, 0)).toBe(retErrno(1));
  });

  it('ORs conditions that test the same argument, as runc does', () => {
    const compiled = compile({
      defaultAction: 'SCMP_ACT_ALLOW',
      syscalls: [
        {
          names: ['write'],
          action: 'SCMP_ACT_ERRNO',
          args: [
            { index: 0, value: 10, op: 'SCMP_CMP_GE' },
            { index: 0, value: 3, op: 'SCMP_CMP_EQ' },
            { index: 1, value: 9, op: 'SCMP_CMP_EQ' },
          ],
        },
      ],
    });
    const w = (fd: number, buf: number) => verdict(compiled, { nr: NR.x86_64.write, args: [fd, buf] });
    expect(w(3, 0)).toBe(retErrno(1));
    expect(w(11, 0)).toBe(retErrno(1));
    expect(w(0, 9)).toBe(retErrno(1));
    expect(w(4, 0)).toBe(RET_ALLOW);
  });

  it('accepts more than six conditions when an argument repeats, since each becomes its own rule', () => {
    const compiled = compile({
      defaultAction: 'SCMP_ACT_ALLOW',
      syscalls: [
        {
          names: ['write'],
          action: 'SCMP_ACT_ERRNO',
          args: Array.from({ length: 8 }, (_, value) => ({ index: 0, value, op: 'SCMP_CMP_EQ' })),
        },
      ],
    });
    for (let fd = 0; fd < 8; fd++) expect(verdict(compiled, { nr: NR.x86_64.write, args: [fd] })).toBe(retErrno(1));
    expect(verdict(compiled, { nr: NR.x86_64.write, args: [8] })).toBe(RET_ALLOW);
  });
});

describe('precedence', () => {
  const fd = (compiled: ReturnType<typeof compile>, value: number) => verdict(compiled, { nr: NR.x86_64.write, args: [value] });

  it('tries conditional rules in config order; the first match wins', () => {
    const compiled = compile({
      defaultAction: 'SCMP_ACT_ALLOW',
      syscalls: [
        { names: ['write'], action: 'SCMP_ACT_ERRNO', errnoRet: 10, args: [{ index: 0, value: 5, op: 'SCMP_CMP_LE' }] },
        { names: ['write'], action: 'SCMP_ACT_ERRNO', errnoRet: 20, args: [{ index: 0, value: 3, op: 'SCMP_CMP_GE' }] },
      ],
    });
    expect(fd(compiled, 1)).toBe(retErrno(10));
    expect(fd(compiled, 4)).toBe(retErrno(10));
    expect(fd(compiled, 6)).toBe(retErrno(20));
  });

  it('applies an unconditional rule only when no conditional rule matched, wherever it appears', () => {
    for (const unconditionalFirst of [true, false]) {
      const unconditional = { names: ['write'], action: 'SCMP_ACT_LOG' };
      const conditional = { names: ['write'], action: 'SCMP_ACT_TRAP', args: [{ index: 0, value: 2, op: 'SCMP_CMP_EQ' }] };
      const compiled = compile({
        defaultAction: 'SCMP_ACT_ALLOW',
        syscalls: unconditionalFirst ? [unconditional, conditional] : [conditional, unconditional],
      });
      expect(fd(compiled, 2)).toBe(RET_TRAP);
      expect(fd(compiled, 3)).toBe(RET_LOG);
    }
  });

  it('lets the first unconditional rule win over later ones', () => {
    const compiled = compile({
      defaultAction: 'SCMP_ACT_ALLOW',
      syscalls: [
        { names: ['write'], action: 'SCMP_ACT_LOG' },
        { names: ['write'], action: 'SCMP_ACT_TRAP' },
      ],
    });
    expect(fd(compiled, 0)).toBe(RET_LOG);
  });

  it('drops rules whose action is the default action, as runc does', () => {
    const compiled = compile({
      defaultAction: 'SCMP_ACT_ERRNO',
      syscalls: [
        { names: ['write'], action: 'SCMP_ACT_ERRNO', args: [{ index: 0, value: 2, op: 'SCMP_CMP_EQ' }] },
        { names: ['write'], action: 'SCMP_ACT_ALLOW' },
        { names: ['getpid'], action: 'SCMP_ACT_ERRNO' },
        { names: ['getpid'], action: 'SCMP_ACT_LOG' },
        // A different errno is a different action, so this one stays.
        { names: ['mkdir'], action: 'SCMP_ACT_ERRNO', errnoRet: 2 },
      ],
    });
    expect(fd(compiled, 2)).toBe(RET_ALLOW);
    expect(verdict(compiled, { nr: NR.x86_64.getpid })).toBe(RET_LOG);
    expect(verdict(compiled, { nr: NR.x86_64.mkdir })).toBe(retErrno(2));
  });
});

describe('program shape', () => {
  it('is a packed sock_filter array ending in a return', () => {
    const compiled = compile({ defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ names: ['mkdir'], action: 'SCMP_ACT_ERRNO' }] });
    expect(compiled.program.length).toBe(compiled.instructionCount * 8);
    const insns = decode(compiled.program);
    expect(insns[0]).toEqual({ code: 0x20, jt: 0, jf: 0, k: 4 });
    expect(insns.at(-1)).toEqual({ code: 0x06, jt: 0, jf: 0, k: RET_ALLOW });
  });

  it('is deterministic', () => {
    const config: SeccompConfig = {
      defaultAction: 'SCMP_ACT_ERRNO',
      architectures: ['SCMP_ARCH_X86', 'SCMP_ARCH_X32'],
      syscalls: [
        { names: ['write', 'read', 'getpid'], action: 'SCMP_ACT_ALLOW' },
        { names: ['personality'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 8, op: 'SCMP_CMP_EQ' }] },
      ],
    };
    expect(compile(config).program.equals(compile(config).program)).toBe(true);
  });
});
