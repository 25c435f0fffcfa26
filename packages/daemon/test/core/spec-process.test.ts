// An exec'd process starts from the container's process, built alone: it must not depend on what
// only the container's create needed from the host (device nodes, docker-init), which may be gone
// by the time of the exec.
import { buildProcess, buildSpec } from '../../src/core/spec';
import type { ContainerRecord } from '../../src/store/record';

const MISSING = '/dev/skiff-test-no-such-device';

function record(hostConfig: Partial<ContainerRecord['HostConfig']>): ContainerRecord {
  return {
    Id: 'a'.repeat(64),
    Path: 'sleep',
    Args: ['100'],
    Config: { Hostname: 'h1', User: '', Tty: false, Env: ['A=1'], WorkingDir: '/w' },
    HostConfig: { NetworkMode: 'none', ...hostConfig },
    MountPoints: [],
  } as unknown as ContainerRecord;
}

describe('buildProcess', () => {
  it('is the process of the full spec', () => {
    const r = record({ CapAdd: ['NET_ADMIN'], Ulimits: [{ Name: 'nofile', Soft: 100, Hard: 200 }], OomScoreAdj: 5, SecurityOpt: ['no-new-privileges'], Init: true });
    const proc = buildProcess(r);
    expect(proc).toEqual(buildSpec(r).process);
    expect(proc.capabilities?.bounding).toContain('CAP_NET_ADMIN');
    expect(proc.rlimits).toContainEqual({ type: 'RLIMIT_NOFILE', soft: 100, hard: 200 });
    expect(proc).toMatchObject({ oomScoreAdj: 5, noNewPrivileges: true, cwd: '/w', args: ['/sbin/docker-init', '--', 'sleep', '100'] });
    expect(proc.env).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'HOSTNAME=h1', 'A=1']);
  });

  it('reads nothing the create named on the host: a device gone since, docker-init', () => {
    const r = record({
      Init: true,
      Devices: [{ PathOnHost: MISSING, PathInContainer: '/dev/x', CgroupPermissions: 'rwm' }],
      BlkioDeviceReadBps: [{ Path: MISSING, Rate: 1024 }],
    });
    expect(() => buildSpec(r)).toThrow(MISSING);
    expect(buildProcess(r).args).toEqual(['/sbin/docker-init', '--', 'sleep', '100']);
  });
});
