import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultSpec, stringifyRuntimeConfig, validateRuntimeConfig } from '../src';

describe('defaultSpec', () => {
  it('is a valid config that validation leaves as it is', () => {
    for (const rootless of [false, true]) {
      const warnings: string[] = [];
      const spec = defaultSpec({ rootless });
      expect(validateRuntimeConfig(spec, { onWarning: (w) => warnings.push(w) })).toEqual(spec);
      expect(warnings).toEqual([]);
    }
  });

  it('describes the container runc spec describes', () => {
    const spec = defaultSpec();
    expect(spec.ociVersion).toBe('1.0.2-dev');
    expect(spec.hostname).toBe('runc');
    expect(spec.root).toEqual({ path: 'rootfs', readonly: true });
    expect(spec.process).toMatchObject({ terminal: true, args: ['sh'], cwd: '/', noNewPrivileges: true });
    expect(spec.process?.capabilities?.inheritable).toBeUndefined();
    expect(spec.process?.rlimits).toEqual([{ type: 'RLIMIT_NOFILE', hard: 1024, soft: 1024 }]);
    expect(spec.mounts?.map((m) => m.destination)).toEqual(['/proc', '/dev', '/dev/pts', '/dev/shm', '/dev/mqueue', '/sys', '/sys/fs/cgroup']);
    expect(spec.linux?.namespaces?.map((n) => n.type)).toEqual(['pid', 'network', 'ipc', 'uts', 'mount']);
    expect(spec.linux?.resources).toEqual({ devices: [{ allow: false, access: 'rwm' }] });
  });

  it('maps container root to the given host ids when rootless', () => {
    const spec = defaultSpec({ rootless: true, hostUid: 1000, hostGid: 1001 });
    expect(spec.linux?.uidMappings).toEqual([{ containerID: 0, hostID: 1000, size: 1 }]);
    expect(spec.linux?.gidMappings).toEqual([{ containerID: 0, hostID: 1001, size: 1 }]);
    expect(spec.linux?.namespaces?.map((n) => n.type)).toEqual(['pid', 'ipc', 'uts', 'mount', 'user']);
    expect(spec.linux?.resources).toBeUndefined();
    expect(spec.mounts?.find((m) => m.destination === '/sys')).toEqual({
      destination: '/sys',
      type: 'none',
      source: '/sys',
      options: ['rbind', 'nosuid', 'noexec', 'nodev', 'ro'],
    });
    expect(spec.mounts?.find((m) => m.destination === '/dev/pts')?.options).not.toContain('gid=5');
  });

  it('maps to the current user by default, as runc does', () => {
    const spec = defaultSpec({ rootless: true });
    expect(spec.linux?.uidMappings?.[0].hostID).toBe(process.geteuid?.() ?? 0);
    expect(spec.linux?.gidMappings?.[0].hostID).toBe(process.getegid?.() ?? 0);
  });

  it('hands out a fresh object every time', () => {
    const first = defaultSpec();
    first.process?.args?.push('-c');
    first.process?.capabilities?.bounding?.push('CAP_SYS_ADMIN');
    expect(defaultSpec()).toEqual(defaultSpec());
    expect(defaultSpec().process?.args).toEqual(['sh']);
    expect(defaultSpec().process?.capabilities?.bounding).toHaveLength(3);
  });
});

// The reference is runc 1.1's own output; another runc version writes a different default.
function runc11(): string | undefined {
  const binary = '/usr/sbin/runc';
  if (!existsSync(binary)) return undefined;
  return /^runc version 1\.1\./.test(execFileSync(binary, ['--version'], { encoding: 'utf8' })) ? binary : undefined;
}

const runc = runc11();
(runc ? describe : describe.skip)('against runc 1.1 spec', () => {
  function runcSpec(args: string[]): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'oci-spec-'));
    try {
      execFileSync(runc!, ['spec', ...args], { cwd: dir });
      return readFileSync(path.join(dir, 'config.json'), 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it.each([
    ['runc spec', [], false],
    ['runc spec --rootless', ['--rootless'], true],
  ] as const)('matches `%s` byte for byte, before and after validation', (_name, args, rootless) => {
    const expected = runcSpec([...args]);
    expect(JSON.stringify(defaultSpec({ rootless }), null, '\t')).toBe(expected);
    expect(stringifyRuntimeConfig(validateRuntimeConfig(JSON.parse(expected)), '\t')).toBe(expected);
  });
});
