import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isSkiffError } from '@skiff/errors';
import { RuntimeFeaturesSchema, knownCapabilities, runtimeFeatures } from '../src';

describe('runtimeFeatures', () => {
  const features = runtimeFeatures({
    seccomp: { archs: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86'], supportedFlags: ['SECCOMP_FILTER_FLAG_LOG'] },
    annotations: { 'org.skiff.runc.version': '0.1.0' },
  });

  it('states the versions, hooks and fixed refusals', () => {
    expect(features).toMatchObject({
      ociVersionMin: '1.0.0',
      ociVersionMax: '1.3.0',
      hooks: ['prestart', 'createRuntime', 'createContainer', 'startContainer', 'poststart', 'poststop'],
      linux: {
        cgroup: { v1: true, v2: true, systemd: false, systemdUser: false },
        apparmor: { enabled: false },
        selinux: { enabled: false },
        intelRdt: { enabled: false },
        mountExtensions: { idmap: { enabled: false } },
      },
      annotations: { 'org.skiff.runc.version': '0.1.0' },
    });
    expect(features.linux?.capabilities).toEqual([...knownCapabilities]);
    expect(features.linux?.namespaces).not.toContain('time');
    expect(features.mountOptions).toContain('rbind');
  });

  it('reports the seccomp support it is given, the spec\'s full vocabulary by default', () => {
    expect(features.linux?.seccomp).toMatchObject({
      enabled: true,
      archs: ['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86'],
      supportedFlags: ['SECCOMP_FILTER_FLAG_LOG'],
    });
    expect(features.linux?.seccomp?.actions).toHaveLength(9);
    expect(features.linux?.seccomp?.operators).toHaveLength(7);
    expect(features.linux?.seccomp?.knownFlags).toHaveLength(4);
    const narrowed = runtimeFeatures({ seccomp: { archs: [], actions: ['SCMP_ACT_ALLOW'], operators: ['SCMP_CMP_EQ'], knownFlags: [] } });
    expect(narrowed.linux?.seccomp).toEqual({
      enabled: true,
      actions: ['SCMP_ACT_ALLOW'],
      operators: ['SCMP_CMP_EQ'],
      archs: [],
      knownFlags: [],
      supportedFlags: [],
    });
  });

  it('says seccomp is off when the runtime has none', () => {
    const without = runtimeFeatures();
    expect(without.linux?.seccomp).toEqual({ enabled: false });
    expect(without.annotations).toBeUndefined();
  });

  it('lets the runtime narrow cgroups, namespaces and mount options', () => {
    const narrow = runtimeFeatures({ cgroup: { v1: false, v2: true }, namespaces: ['pid', 'mount'], mountOptions: ['ro'] });
    expect(narrow.linux?.cgroup).toEqual({ v1: false, v2: true, systemd: false, systemdUser: false });
    expect(narrow.linux?.namespaces).toEqual(['pid', 'mount']);
    expect(narrow.mountOptions).toEqual(['ro']);
  });

  it('refuses names outside the spec, as a bug in the caller', () => {
    let error: unknown;
    try {
      runtimeFeatures({ seccomp: { archs: ['SCMP_ARCH_VAX'] } });
    } catch (err) {
      error = err;
    }
    expect(isSkiffError(error, 'InvalidArgument')).toBe(true);
    expect((error as Error).message).toBe('features: linux.seccomp.archs[0]: unknown value "SCMP_ARCH_VAX"');
  });
});

(existsSync('/usr/sbin/runc') ? it : it.skip)('reads what runc features prints', () => {
  const printed = JSON.parse(execFileSync('/usr/sbin/runc', ['features'], { encoding: 'utf8' }));
  expect(RuntimeFeaturesSchema.parse(printed)).toEqual(printed);
});
