import { isSkiffError } from '@skiff/errors';
import type { LinuxDeviceCgroup } from '../../src/cgroups';
import { allowsEverything, compileDeviceFilter, reduceDeviceRules } from '../../src/cgroups/device-filter/compile';
import { deviceRuleText } from '../../src/cgroups/resources';
import { type DeviceRequest, runDeviceProgram } from './ebpf-interpreter';

const B = 1;
const C = 2;
const M = 1;
const R = 2;
const W = 4;

const allow = (type?: string, major?: number, minor?: number, access?: string): LinuxDeviceCgroup => ({ allow: true, type, major, minor, access });
const deny = (type?: string, major?: number, minor?: number, access?: string): LinuxDeviceCgroup => ({ allow: false, type, major, minor, access });

/** Docker's default rules, as it puts them in the OCI spec. */
const DOCKER_DEFAULT: LinuxDeviceCgroup[] = [
  deny(undefined, undefined, undefined, 'rwm'),
  allow('c', 1, 3, 'rwm'),
  allow('c', 1, 5, 'rwm'),
  allow('c', 1, 7, 'rwm'),
  allow('c', 1, 8, 'rwm'),
  allow('c', 1, 9, 'rwm'),
  allow('c', 5, 0, 'rwm'),
  allow('c', 5, 1, 'rwm'),
  allow('c', 136, -1, 'rwm'),
  allow('c', 5, 2, 'rwm'),
  allow('c', 10, 200, 'rwm'),
  allow('c', -1, -1, 'm'),
  allow('b', -1, -1, 'm'),
];

function filterAllows(rules: LinuxDeviceCgroup[], req: DeviceRequest): boolean {
  return runDeviceProgram(compileDeviceFilter(reduceDeviceRules(rules)), req) === 1;
}

/** The requests on which the compiled filter and the v1 controller disagree. */
function disagreements(rules: LinuxDeviceCgroup[], reqs: DeviceRequest[]): DeviceRequest[] {
  const program = compileDeviceFilter(reduceDeviceRules(rules));
  return reqs.filter((r) => (runDeviceProgram(program, r) === 1) !== v1Allows(rules, r));
}

const req = (type: number, major: number, minor: number, access: number): DeviceRequest => ({ type, major, minor, access });

/**
 * The v1 devices controller as the kernel implements it, fed the lines the v1 backend writes:
 * "a" to devices.deny, then each rule as text to devices.allow or devices.deny.
 */
function v1Allows(rules: LinuxDeviceCgroup[], r: DeviceRequest): boolean {
  interface Entry {
    type: number;
    major: number;
    minor: number;
    access: number;
  }
  let defaultAllow = false;
  let list: Entry[] = [];
  const write = (file: 'allow' | 'deny', line: string): void => {
    if (line.startsWith('a')) {
      defaultAllow = file === 'allow';
      list = [];
      return;
    }
    const [t, numbers, letters] = line.split(' ') as [string, string, string];
    const [maj, min] = numbers.split(':').map((n) => (n === '*' ? -1 : Number(n))) as [number, number];
    const e: Entry = { type: t === 'b' ? B : C, major: maj, minor: min, access: [...letters].reduce((a, l) => a | ({ r: R, w: W, m: M } as Record<string, number>)[l]!, 0) };
    const same = (x: Entry): boolean => x.type === e.type && x.major === e.major && x.minor === e.minor;
    if ((file === 'allow') === defaultAllow) {
      for (const x of list) if (same(x)) x.access &= ~e.access;
      list = list.filter((x) => x.access !== 0);
    } else {
      const existing = list.find(same);
      if (existing) existing.access |= e.access;
      else list.push(e);
    }
  };
  write('deny', 'a');
  for (const rule of rules) write(rule.allow ? 'allow' : 'deny', deviceRuleText(rule));

  const applies = (x: Entry): boolean => x.type === r.type && (x.major === -1 || x.major === r.major) && (x.minor === -1 || x.minor === r.minor);
  if (defaultAllow) return !list.some((x) => applies(x) && (x.access & r.access) !== 0);
  return list.some((x) => applies(x) && (r.access & ~x.access) === 0);
}

function kindOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    if (!isSkiffError(err)) throw err;
    return err.kind;
  }
}

/** Every request over a few devices, including ones no rule names, with every access combination. */
function requests(majors = [1, 5, 7, 136], minors = [0, 3, 9]): DeviceRequest[] {
  const out: DeviceRequest[] = [];
  for (const type of [B, C]) for (const major of majors) for (const minor of minors) for (let access = 0; access <= 7; access++) out.push(req(type, major, minor, access));
  return out;
}

describe('device filter: rule semantics', () => {
  it("Docker's default: the listed char devices, ptys, and mknod of anything", () => {
    const rules = DOCKER_DEFAULT;
    expect(filterAllows(rules, req(C, 1, 3, R | W))).toBe(true); // /dev/null
    expect(filterAllows(rules, req(C, 1, 9, R))).toBe(true); // /dev/urandom
    expect(filterAllows(rules, req(C, 136, 4, R | W))).toBe(true); // /dev/pts/4
    expect(filterAllows(rules, req(C, 5, 2, R | W))).toBe(true); // /dev/ptmx
    expect(filterAllows(rules, req(C, 10, 200, R | W))).toBe(true); // /dev/net/tun
    expect(filterAllows(rules, req(C, 1, 1, R))).toBe(false); // /dev/mem
    expect(filterAllows(rules, req(C, 1, 11, R))).toBe(false); // /dev/kmsg
    expect(filterAllows(rules, req(C, 10, 229, R | W))).toBe(false); // /dev/fuse
    expect(filterAllows(rules, req(B, 8, 0, R))).toBe(false); // /dev/sda
    expect(filterAllows(rules, req(C, 1, 1, M))).toBe(true);
    expect(filterAllows(rules, req(B, 8, 0, M))).toBe(true);
    expect(filterAllows(rules, req(B, 8, 0, M | R))).toBe(false);
    expect(disagreements(rules, requests([1, 5, 10, 136], [0, 1, 2, 3, 5, 7, 8, 9, 11, 200]))).toEqual([]);
  });

  it('allow-all needs no program, and compiles to one that allows everything', () => {
    for (const rules of [[allow()], [allow('a', -1, -1, 'rwm')], [deny(), allow()], [allow(), allow('c', 1, 3, 'r')]]) {
      const policy = reduceDeviceRules(rules);
      expect(allowsEverything(policy)).toBe(true);
      expect(compileDeviceFilter(policy)).toHaveLength(16);
      for (const r of requests()) expect(runDeviceProgram(compileDeviceFilter(policy), r)).toBe(1);
    }
  });

  it('no rules at all (or deny-all) denies everything: the v1 backend starts from deny-all', () => {
    for (const rules of [[], [deny()], [allow('c', 1, 3, 'rwm'), deny('a')]]) {
      expect(allowsEverything(reduceDeviceRules(rules))).toBe(false);
      for (const r of requests()) expect(filterAllows(rules, r)).toBe(false);
    }
  });

  it('allow-all then deny: a denial applies when it shares any requested access, as v1 does', () => {
    const rules = [allow(), deny('c', 1, 3, 'w'), deny('b', 8, -1, 'rwm')];
    expect(filterAllows(rules, req(C, 1, 3, R))).toBe(true);
    expect(filterAllows(rules, req(C, 1, 3, W))).toBe(false);
    expect(filterAllows(rules, req(C, 1, 3, R | W))).toBe(false);
    expect(filterAllows(rules, req(C, 1, 3, M))).toBe(true);
    expect(filterAllows(rules, req(C, 1, 5, W))).toBe(true);
    expect(filterAllows(rules, req(B, 1, 3, W))).toBe(true);
    expect(filterAllows(rules, req(B, 8, 0, M))).toBe(false);
    expect(filterAllows(rules, req(B, 8, 17, R))).toBe(false);
    expect(filterAllows(rules, req(B, 9, 0, R))).toBe(true);
    expect(disagreements(rules, requests([1, 8, 9], [0, 3, 17]))).toEqual([]);
  });

  it('wildcards: absent, -1, and type "a" resetting whatever its numbers say', () => {
    const rules = [deny(), allow('c', 136, undefined, 'rw'), allow('b', -1, 0, 'r')];
    expect(filterAllows(rules, req(C, 136, 7, R | W))).toBe(true);
    expect(filterAllows(rules, req(C, 136, 7, M))).toBe(false);
    expect(filterAllows(rules, req(C, 137, 0, R))).toBe(false);
    expect(filterAllows(rules, req(B, 8, 0, R))).toBe(true);
    expect(filterAllows(rules, req(B, 8, 1, R))).toBe(false);
    expect(filterAllows(rules, req(B, 8, 0, W))).toBe(false);
    // The kernel reads only the letter of an "a" rule: it switches the default and drops the list.
    expect(allowsEverything(reduceDeviceRules([deny(), allow('c', 1, 3, 'rwm'), allow('a', 1, 3, 'r')]))).toBe(true);
    expect(reduceDeviceRules([allow(), deny('c', 1, 3), deny('a', 1, 3, 'r')])).toEqual({ defaultAllow: false, exceptions: [] });
  });

  it('access: a grant must cover every requested bit; grants for the same device merge, others do not', () => {
    expect(filterAllows([allow('c', 1, 3, 'r')], req(C, 1, 3, R))).toBe(true);
    expect(filterAllows([allow('c', 1, 3, 'r')], req(C, 1, 3, R | W))).toBe(false);
    expect(filterAllows([allow('c', 1, 3, 'r')], req(C, 1, 3, 0))).toBe(true);
    expect(filterAllows([allow('c', 1, 3, 'r'), allow('c', 1, 3, 'w')], req(C, 1, 3, R | W))).toBe(true);
    const split = [allow('c', 1, -1, 'r'), allow('c', 1, 3, 'w')];
    expect(filterAllows(split, req(C, 1, 3, W))).toBe(true);
    expect(filterAllows(split, req(C, 1, 3, R))).toBe(true);
    expect(filterAllows(split, req(C, 1, 3, R | W))).toBe(false);
    // A later deny takes letters away from the same device's grant.
    const narrowed = [...DOCKER_DEFAULT, deny('c', 1, 3, 'w')];
    expect(filterAllows(narrowed, req(C, 1, 3, R))).toBe(true);
    expect(filterAllows(narrowed, req(C, 1, 3, W))).toBe(false);
    expect(filterAllows(narrowed, req(C, 1, 3, M))).toBe(true);
    expect(reduceDeviceRules([allow('c', 1, 3, 'rw'), deny('c', 1, 3, 'wr')]).exceptions).toEqual([]);
  });

  it('refuses a rule that v1 would silently not apply because a wildcard rule covers it', () => {
    expect(kindOf(() => reduceDeviceRules([allow('c', 1, -1, 'rw'), deny('c', 1, 3, 'w')]))).toBe('InvalidArgument');
    expect(kindOf(() => reduceDeviceRules([allow('c', -1, -1, 'm'), deny('c', 1, 3, 'm')]))).toBe('InvalidArgument');
    expect(kindOf(() => reduceDeviceRules([allow(), deny('c', -1, 3, 'rw'), allow('c', 1, 3, 'r')]))).toBe('InvalidArgument');
    // Docker's "c *:* m" and "c 136:* rwm" cover every pty's mknod and access.
    expect(kindOf(() => reduceDeviceRules([...DOCKER_DEFAULT, deny('c', 136, 0, 'rw')]))).toBe('InvalidArgument');
    expect(kindOf(() => reduceDeviceRules([...DOCKER_DEFAULT, deny('c', 1, 3, 'm')]))).toBe('InvalidArgument');
    // No shared access letter, or another type: v1 applies them as written, and so does the filter.
    for (const rules of [
      [allow('c', 1, -1, 'r'), deny('c', 1, 3, 'w')],
      [allow('b', 1, -1, 'rw'), deny('c', 1, 3, 'w')],
      [...DOCKER_DEFAULT, deny('c', 5, 2, 'rw')],
    ]) {
      expect(kindOf(() => reduceDeviceRules(rules))).toBeUndefined();
      expect(disagreements(rules, requests([1, 5, 136], [0, 2, 3]))).toEqual([]);
    }
  });

  it('matches numbers from 2^31 up exactly, and refuses numbers beyond 32 bits', () => {
    const rules = [allow('c', 0xffffffff, 0x80000000, 'r'), allow('b', 7, 0x7fffffff, 'r')];
    expect(filterAllows(rules, req(C, 0xffffffff, 0x80000000, R))).toBe(true);
    expect(filterAllows(rules, req(C, 0x7fffffff, 0x80000000, R))).toBe(false);
    expect(filterAllows(rules, req(C, 0xffffffff, 0, R))).toBe(false);
    expect(filterAllows(rules, req(B, 7, 0x7fffffff, R))).toBe(true);
    expect(filterAllows(rules, req(B, 7, 0xffffffff, R))).toBe(false);
    expect(kindOf(() => reduceDeviceRules([allow('c', 2 ** 32, 0)]))).toBe('InvalidArgument');
    expect(kindOf(() => reduceDeviceRules([{ allow: true, type: 'c', major: 1n, minor: 2n ** 40n }]))).toBe('InvalidArgument');
  });

  it('agrees with the v1 controller on random rule lists', () => {
    // xorshift32: reproducible lists without a dependency.
    let state = 0x5eed;
    const rand = (n: number): number => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) % n;
    };
    const pick = <T>(items: readonly T[]): T => items[rand(items.length)]!;
    const all = requests([1, 5, 7], [3, 9, 0]);
    let compared = 0;
    for (let i = 0; i < 600; i++) {
      const rules = Array.from({ length: rand(8) }, (): LinuxDeviceCgroup => ({
        allow: rand(2) === 0,
        type: pick([undefined, 'a', 'b', 'c', 'c', 'c', 'b']),
        major: pick([undefined, -1, 1, 5, 5]),
        minor: pick([undefined, -1, 3, 9, 9]),
        access: pick([undefined, 'r', 'w', 'm', 'rw', 'rm', 'wm', 'rwm']),
      }));
      if (kindOf(() => reduceDeviceRules(rules)) !== undefined) continue;
      compared++;
      expect([rules, disagreements(rules, all)]).toEqual([rules, []]);
    }
    expect(compared).toBeGreaterThan(300);
  });
});
