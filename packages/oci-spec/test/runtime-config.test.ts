import { type SkiffError, isSkiffError } from '@skiff/errors';
import {
  type RuntimeConfig,
  isSupportedOciVersion,
  parseRuntimeConfig,
  stringifyRuntimeConfig,
  validateRuntimeConfig,
} from '../src';
import { fixtureNames, readFixture, specValidators } from './helpers';

function thrown(fn: () => unknown): SkiffError {
  try {
    fn();
  } catch (err) {
    if (isSkiffError(err, 'InvalidArgument')) return err;
    throw err;
  }
  throw new Error('expected an InvalidArgument error');
}

/** A small valid config that each case below breaks in one place. */
function base(): Record<string, any> {
  return {
    ociVersion: '1.0.2',
    process: { user: { uid: 0, gid: 0 }, args: ['sh'], cwd: '/' },
    root: { path: 'rootfs' },
    hostname: 'box',
    mounts: [{ destination: '/proc', type: 'proc', source: 'proc' }],
    linux: {
      namespaces: [{ type: 'pid' }, { type: 'mount' }, { type: 'uts' }],
      seccomp: {
        defaultAction: 'SCMP_ACT_ERRNO',
        syscalls: [{ names: ['read'], action: 'SCMP_ACT_ALLOW', args: [{ index: 0, value: 1, op: 'SCMP_CMP_EQ' }] }],
      },
    },
  };
}

function broken(edit: (c: Record<string, any>) => void): Record<string, any> {
  const config = base();
  edit(config);
  return config;
}

describe('fixtures', () => {
  it.each(fixtureNames())('accepts %s without warnings', (name) => {
    const warnings: string[] = [];
    const config = parseRuntimeConfig(readFixture(name), { onWarning: (w) => warnings.push(w) });
    expect(config.root.path).not.toBe('');
    expect(warnings).toEqual([]);
  });

  it('keeps fields it does not know, at every level', () => {
    const config = parseRuntimeConfig(readFixture('every-linux-field-1.3.json'));
    expect(config['org.example.top-level-extension']).toEqual({ version: 2 });
    expect(config.process?.['org.example.process-extension']).toEqual({ anything: true });
    expect(config.linux?.['org.example.linux-extension']).toEqual([1, 2, 3]);
  });

  it('reads the int64 fields that use -1 for "unlimited"', () => {
    const config = parseRuntimeConfig(readFixture('docker-seccomp.json'));
    expect(config.linux?.resources?.memory).toEqual({ limit: -1, swap: -1 });
    expect(config.linux?.resources?.devices?.[3]).toMatchObject({ major: 136, minor: -1 });
  });
});

describe('ociVersion', () => {
  it.each(['1.0.0', '1.0.1', '1.0.2-dev', '1.0.0-rc5-dev', '1.1.0', '1.2.1', '1.3.0', '1.3.12', '1.1.0+dev'])(
    'accepts %s',
    (version) => {
      expect(isSupportedOciVersion(version)).toBe(true);
      expect(validateRuntimeConfig({ ...base(), ociVersion: version }).ociVersion).toBe(version);
    },
  );

  it.each(['0.6.0', '1.4.0', '2.0.0', '1.0', 'v1.0.0', '', '1.00.0', '1.3.0 '])('rejects %j', (version) => {
    expect(isSupportedOciVersion(version)).toBe(false);
    expect(thrown(() => validateRuntimeConfig({ ...base(), ociVersion: version })).message).toBe(
      `config.json: ociVersion: unsupported version ${JSON.stringify(version)} (this runtime reads 1.0.0 through 1.3.x)`,
    );
  });
});

describe('structural errors', () => {
  const schema = specValidators();

  // [what, edit, expected message, whether the spec's JSON schema refuses it too]
  const cases: [string, (c: Record<string, any>) => void, string, boolean][] = [
    ['args as a string', (c) => (c.process.args = 'sh'), 'process.args: expected array, received string', true],
    ['no root', (c) => delete c.root, 'root: required', false],
    ['no root.path', (c) => (c.root = {}), 'root.path: required', true],
    ['empty root.path', (c) => (c.root.path = ''), 'root.path: must not be empty', false],
    ['no process.cwd', (c) => delete c.process.cwd, 'process.cwd: required', true],
    ['no uid', (c) => delete c.process.user.uid, 'process.user.uid: required', false],
    ['negative uid', (c) => (c.process.user.uid = -1), 'process.user.uid: expected uint32 (an integer from 0 to 4294967295)', true],
    ['fractional gid', (c) => (c.process.user.gid = 1.5), 'process.user.gid: expected uint32 (an integer from 0 to 4294967295)', true],
    [
      'unknown namespace type',
      (c) => (c.linux.namespaces[0].type = 'net'),
      'linux.namespaces[0].type: expected one of "pid", "network", "mount", "ipc", "uts", "user", "cgroup", "time"',
      true,
    ],
    ['unknown rlimit', (c) => (c.process.rlimits = [{ type: 'NOFILE', hard: 1, soft: 1 }]), 'process.rlimits[0].type: unknown value "NOFILE"', true],
    ['rlimit without soft', (c) => (c.process.rlimits = [{ type: 'RLIMIT_NOFILE', hard: 1 }]), 'process.rlimits[0].soft: required', true],
    ['capability without CAP_', (c) => (c.process.capabilities = { bounding: ['NET_ADMIN'] }), 'process.capabilities.bounding[0]: expected a capability name like CAP_KILL', false],
    ['console size without width', (c) => (c.process.consoleSize = { height: 10 }), 'process.consoleSize.width: required', true],
    ['scheduler without policy', (c) => (c.process.scheduler = { nice: 1 }), 'process.scheduler.policy: required', true],
    ['bad io priority class', (c) => (c.process.ioPriority = { class: 'BE' }), 'process.ioPriority.class: expected one of "IOPRIO_CLASS_RT", "IOPRIO_CLASS_BE", "IOPRIO_CLASS_IDLE"', true],
    ['bad cpu affinity', (c) => (c.process.execCPUAffinity = { initial: 'all' }), 'process.execCPUAffinity.initial: expected a CPU list like "0-3,7"', true],
    ['mount without destination', (c) => delete c.mounts[0].destination, 'mounts[0].destination: required', true],
    ['mount mapping without size', (c) => (c.mounts[0].uidMappings = [{ containerID: 0, hostID: 1 }]), 'mounts[0].uidMappings[0].size: required', true],
    ['hook without path', (c) => (c.hooks = { poststop: [{ args: ['x'] }] }), 'hooks.poststop[0].path: required', true],
    ['hook timeout 0', (c) => (c.hooks = { prestart: [{ path: '/x', timeout: 0 }] }), 'hooks.prestart[0].timeout: must be at least 1 second', true],
    ['annotation not a string', (c) => (c.annotations = { 'org.example.n': 1 }), 'annotations["org.example.n"]: expected string, received number', true],
    ['memory limit as text', (c) => (c.linux.resources = { memory: { limit: '512m' } }), 'linux.resources.memory.limit: expected number, received string', true],
    ['pids without limit', (c) => (c.linux.resources = { pids: {} }), 'linux.resources.pids.limit: required', true],
    ['hugepage size without unit', (c) => (c.linux.resources = { hugepageLimits: [{ pageSize: '2M', limit: 0 }] }), 'linux.resources.hugepageLimits[0].pageSize: expected a page size like "2MB"', true],
    ['device cgroup rule without allow', (c) => (c.linux.resources = { devices: [{ access: 'rwm' }] }), 'linux.resources.devices[0].allow: required', true],
    ['blkio weight above uint16', (c) => (c.linux.resources = { blockIO: { weight: 70000 } }), 'linux.resources.blockIO.weight: expected uint16 (an integer from 0 to 65535)', true],
    ['device of unknown type', (c) => (c.linux.devices = [{ path: '/dev/x', type: 'x' }]), 'linux.devices[0].type: expected one of "c", "b", "u", "p"', true],
    ['device mode beyond 0777', (c) => (c.linux.devices = [{ path: '/dev/x', type: 'c', fileMode: 0o1000 }]), 'linux.devices[0].fileMode: expected file mode (an integer from 0 to 511)', true],
    ['memBwSchema without MB:', (c) => (c.linux.intelRdt = { memBwSchema: 'L3:0=f' }), 'linux.intelRdt.memBwSchema: expected a line starting with "MB:"', true],
    ['unknown propagation', (c) => (c.linux.rootfsPropagation = 'rsharp'), 'linux.rootfsPropagation: expected one of "private", "shared", "slave", "unbindable", "rprivate", "rshared", "rslave", "runbindable"', true],
    ['fractional time offset', (c) => (c.linux.timeOffsets = { boottime: { secs: 1.5 } }), 'linux.timeOffsets.boottime.secs: expected int64 (an integer from -9223372036854775808 to 9223372036854775807)', true],
    ['unknown memory policy', (c) => (c.linux.memoryPolicy = { mode: 'MPOL_ANY' }), 'linux.memoryPolicy.mode: expected one of "MPOL_DEFAULT", "MPOL_BIND", "MPOL_INTERLEAVE", "MPOL_WEIGHTED_INTERLEAVE", "MPOL_PREFERRED", "MPOL_PREFERRED_MANY", "MPOL_LOCAL"', true],
    ['personality without domain', (c) => (c.linux.personality = { flags: [] }), 'linux.personality.domain: required', false],
    ['seccomp without defaultAction', (c) => delete c.linux.seccomp.defaultAction, 'linux.seccomp.defaultAction: required', true],
    ['unknown seccomp arch', (c) => (c.linux.seccomp.architectures = ['SCMP_ARCH_VAX']), 'linux.seccomp.architectures[0]: unknown value "SCMP_ARCH_VAX"', true],
    ['unknown seccomp flag', (c) => (c.linux.seccomp.flags = ['SECCOMP_FILTER_FLAG_NEW']), 'linux.seccomp.flags[0]: expected one of "SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_SPEC_ALLOW", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"', true],
    ['syscall rule naming nothing', (c) => (c.linux.seccomp.syscalls[0].names = []), 'linux.seccomp.syscalls[0].names: must name at least one syscall', true],
    ['unknown seccomp operator', (c) => (c.linux.seccomp.syscalls[0].args[0].op = 'SCMP_CMP_XOR'), 'linux.seccomp.syscalls[0].args[0].op: expected one of "SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ"', true],
    ['negative seccomp operand', (c) => (c.linux.seccomp.syscalls[0].args[0].value = -1), 'linux.seccomp.syscalls[0].args[0].value: expected uint64 (an integer from 0 to 18446744073709551615)', true],
  ];

  it.each(cases)('%s', (_what, edit, message, schemaRefuses) => {
    const config = broken(edit);
    expect(thrown(() => validateRuntimeConfig(config)).message).toBe(`config.json: ${message}`);
    // Where zod mirrors a rule of the spec's schema, the spec's schema must agree.
    expect(schema.config(config).length > 0).toBe(schemaRefuses);
  });

  it('reports every problem, one line each', () => {
    const config = broken((c) => {
      c.process.args = 'sh';
      c.linux.namespaces[0].type = 'net';
      delete c.root;
    });
    expect(thrown(() => validateRuntimeConfig(config)).message.split('\n')).toEqual([
      'config.json: process.args: expected array, received string',
      'config.json: root: required',
      'config.json: linux.namespaces[0].type: expected one of "pid", "network", "mount", "ipc", "uts", "user", "cgroup", "time"',
    ]);
  });

  it('stops listing after twenty problems', () => {
    const config = broken((c) => (c.mounts = Array.from({ length: 30 }, () => ({ type: 'tmpfs' }))));
    const lines = thrown(() => validateRuntimeConfig(config)).message.split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[20]).toBe('config.json: ... and 10 more');
  });

  it('names the document as the caller asks', () => {
    expect(thrown(() => validateRuntimeConfig('nope', { source: '/run/b/config.json' })).message).toBe(
      '/run/b/config.json: expected object, received string',
    );
  });
});

describe('runc rules', () => {
  it.each<[string, (c: Record<string, any>) => void, string]>([
    ['empty args', (c) => (c.process.args = []), 'process.args: must not be empty'],
    ['missing args', (c) => delete c.process.args, 'process.args: must not be empty'],
    ['empty cwd', (c) => (c.process.cwd = ''), 'process.cwd: must not be empty'],
    ['relative cwd', (c) => (c.process.cwd = 'srv'), 'process.cwd: must be an absolute path'],
    ['duplicate namespace', (c) => c.linux.namespaces.push({ type: 'pid', path: '/proc/1/ns/pid' }), 'linux.namespaces[3]: duplicate namespace "pid"'],
    ['uid mappings without a user namespace', (c) => (c.linux.uidMappings = [{ containerID: 0, hostID: 1000, size: 1 }]), 'linux.uidMappings: needs a user namespace in linux.namespaces'],
    ['gid mappings without a user namespace', (c) => (c.linux.gidMappings = [{ containerID: 0, hostID: 1000, size: 1 }]), 'linux.gidMappings: needs a user namespace in linux.namespaces'],
    ['hostname without a UTS namespace', (c) => c.linux.namespaces.pop(), 'hostname: needs a private UTS namespace in linux.namespaces'],
    ['domainname without a UTS namespace', (c) => { c.linux.namespaces.pop(); delete c.hostname; c.domainname = 'x'; }, 'domainname: needs a private UTS namespace in linux.namespaces'],
  ])('refuses %s', (_what, edit, message) => {
    expect(thrown(() => validateRuntimeConfig(broken(edit))).message).toBe(`config.json: ${message}`);
  });

  it('allows a config without a process, as `create` needs none until `start`', () => {
    expect(validateRuntimeConfig(broken((c) => delete c.process)).process).toBeUndefined();
  });

  it('allows mappings once there is a user namespace', () => {
    const config = broken((c) => {
      c.linux.namespaces.push({ type: 'user' });
      c.linux.uidMappings = [{ containerID: 0, hostID: 1000, size: 1 }];
    });
    expect(validateRuntimeConfig(config).linux?.uidMappings).toHaveLength(1);
  });

  it('makes relative mount destinations absolute and says so', () => {
    const warnings: string[] = [];
    const config = broken((c) => c.mounts.push({ destination: 'tmp', type: 'tmpfs', source: 'tmpfs' }));
    const parsed = validateRuntimeConfig(config, { onWarning: (w) => warnings.push(w) });
    expect(parsed.mounts?.map((m) => m.destination)).toEqual(['/proc', '/tmp']);
    expect(warnings).toEqual(['config.json: mounts[1].destination: "tmp" is not absolute; using "/tmp"']);
    expect(config.mounts[1].destination).toBe('tmp');
  });

  it('warns about capabilities it does not know, once per set', () => {
    const warnings: string[] = [];
    const config = broken((c) => (c.process.capabilities = { bounding: ['CAP_KILL', 'CAP_FUTURE', 'CAP_FUTURE'], ambient: ['CAP_FUTURE'] }));
    validateRuntimeConfig(config, { onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([
      'config.json: process.capabilities.bounding: unknown capability "CAP_FUTURE" will be ignored',
      'config.json: process.capabilities.ambient: unknown capability "CAP_FUTURE" will be ignored',
    ]);
  });

  it('accepts what runc warns about even with nobody listening', () => {
    expect(() => validateRuntimeConfig(broken((c) => (c.mounts[0].destination = 'proc')))).not.toThrow();
  });
});

describe('JSON text', () => {
  const withOperand = (literal: string) =>
    JSON.stringify(base()).replace('"value":1', `"value":${literal}`);

  it('keeps seccomp operands beyond 2^53 exact, as BigInt', () => {
    const config = parseRuntimeConfig(readFixture('docker-seccomp.json'));
    const socket = config.linux?.seccomp?.syscalls?.find((s) => s.names.includes('socket'));
    expect(socket?.args?.[0].value).toBe(18446744073709551615n);
    expect(socket?.args?.[0].valueTwo).toBe(18446744073709551600n);
    const personality = config.linux?.seccomp?.syscalls?.filter((s) => s.names.includes('personality'));
    expect(personality?.[1].args?.[0].value).toBe(4294967295);
  });

  it('rounds big integers elsewhere exactly as JSON.parse does', () => {
    const config = parseRuntimeConfig(readFixture('podman-rootless.json'));
    expect(config.process?.rlimits?.[2].hard).toBe(2 ** 64);
  });

  it('writes BigInt operands back digit for digit', () => {
    const text = withOperand('18446744073709551615');
    const config = parseRuntimeConfig(text);
    const written = stringifyRuntimeConfig(config);
    expect(written).toContain('"value":18446744073709551615');
    expect(parseRuntimeConfig(written)).toEqual(config);
  });

  it('writes configs without BigInt just as JSON.stringify does', () => {
    const config = validateRuntimeConfig(base());
    expect(stringifyRuntimeConfig(config, 2)).toBe(JSON.stringify(config, null, 2));
  });

  it('accepts operands that JSON.parse already rounded', () => {
    const config = validateRuntimeConfig(JSON.parse(withOperand('18446744073709551615')));
    expect(config.linux?.seccomp?.syscalls?.[0].args?.[0].value).toBe(2 ** 64);
  });

  it('refuses BigInt operands beyond uint64 and BigInt where the spec has no exact form', () => {
    const tooBig = broken((c) => (c.linux.seccomp.syscalls[0].args[0].value = 2n ** 64n));
    expect(thrown(() => validateRuntimeConfig(tooBig)).message).toBe(
      'config.json: linux.seccomp.syscalls[0].args[0].value: expected uint64 (an integer from 0 to 18446744073709551615)',
    );
    const elsewhere = broken((c) => (c.linux.resources = { memory: { limit: 5n } }));
    expect(thrown(() => validateRuntimeConfig(elsewhere)).message).toBe(
      'config.json: linux.resources.memory.limit: expected number, received bigint',
    );
  });

  it('leaves digits inside strings alone, escaped quotes included', () => {
    const config = base();
    config.annotations = { plain: '12345678901234567890', quoted: 'say "12345678901234567890"', slash: '\\' };
    expect(parseRuntimeConfig(JSON.stringify(config)).annotations).toEqual(config.annotations);
  });

  it('cannot be steered into replacing a prototype by a "__proto__" key', () => {
    const text = JSON.stringify(base()).replace('{', '{"__proto__":12345678901234567890,"x":{"__proto__":{"polluted":1}},');
    const config = parseRuntimeConfig(text);
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(config.x)).toBe(Object.prototype);
    expect((config.x as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports syntax errors as InvalidArgument with JSON.parse\'s own position', () => {
    const bad = '{"ociVersion": "1.0.0", "big": 12345678901234567890, }';
    let expected = '';
    try {
      JSON.parse(bad);
    } catch (err) {
      expected = (err as Error).message;
    }
    expect(thrown(() => parseRuntimeConfig(bad)).message).toBe(`config.json: invalid JSON: ${expected}`);
    expect(thrown(() => parseRuntimeConfig('')).message).toMatch(/^config\.json: invalid JSON: /);
  });

  it('passes JSON that is not an object on to validation', () => {
    expect(thrown(() => parseRuntimeConfig('[]')).message).toBe('config.json: expected object, received array');
  });

  it('returns a config typed for its consumers', () => {
    const config: RuntimeConfig = parseRuntimeConfig(readFixture('minimal.json'));
    expect(config).toEqual({ ociVersion: '1.0.0', root: { path: 'rootfs' } });
  });
});
