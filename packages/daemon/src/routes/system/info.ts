// GET /info: the fields `docker info` prints, with the values this engine really has (no swarm,
// no plugins yet, cgroupfs driver, overlay snapshots).
import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../../http/deps';
import { SECCOMP_SECURITY_OPTION } from '../../core/seccomp';
import { version } from '../../version';

export function infoRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/info', async () => {
    const containers = deps.containers.all();
    const count = (...statuses: string[]) => containers.filter((c) => statuses.includes(c.State.Status)).length;
    const f = deps.facts;
    const cgroup2 = f.cgroupVersion === '2';
    return {
      ID: f.id,
      Containers: containers.length,
      ContainersRunning: count('running', 'restarting'),
      ContainersPaused: count('paused'),
      ContainersStopped: count('created', 'exited', 'dead', 'removing'),
      Images: await deps.countImages().catch(() => 0),
      Driver: 'overlayfs',
      DriverStatus: [['Snapshotter', 'skiff-containerd overlayfs']],
      Plugins: { Volume: ['local'], Network: ['bridge', 'host', 'null'], Authorization: null, Log: ['json-file', 'none'] },
      MemoryLimit: true,
      SwapLimit: cgroup2,
      CpuCfsPeriod: true,
      CpuCfsQuota: true,
      CPUShares: true,
      CPUSet: true,
      PidsLimit: true,
      IPv4Forwarding: true,
      Debug: false,
      NFd: 0,
      OomKillDisable: !cgroup2,
      NGoroutines: 0,
      SystemTime: new Date().toISOString(),
      LoggingDriver: deps.containers.defaultLogConfig.Type,
      CgroupDriver: 'cgroupfs',
      CgroupVersion: f.cgroupVersion,
      NEventsListener: 0,
      KernelVersion: f.kernelVersion,
      OperatingSystem: f.operatingSystem,
      OSVersion: f.osVersion,
      OSType: 'linux',
      Architecture: f.architecture,
      IndexServerAddress: 'https://index.docker.io/v1/',
      RegistryConfig: { IndexConfigs: {}, InsecureRegistryCIDRs: ['127.0.0.0/8'], Mirrors: [] },
      NCPU: f.ncpu,
      MemTotal: f.memTotal,
      GenericResources: null,
      DockerRootDir: deps.dataRoot,
      HttpProxy: '',
      HttpsProxy: '',
      NoProxy: '',
      Name: f.name,
      Labels: [],
      ExperimentalBuild: false,
      ServerVersion: version,
      Runtimes: deps.containers.runtimes.list(),
      DefaultRuntime: deps.containers.runtimes.defaultName,
      Swarm: { NodeID: '', NodeAddr: '', LocalNodeState: 'inactive', ControlAvailable: false, Error: '', RemoteManagers: null },
      LiveRestoreEnabled: true,
      Isolation: '',
      InitBinary: '',
      ContainerdCommit: { ID: '' },
      RuncCommit: { ID: '' },
      InitCommit: { ID: '' },
      SecurityOptions: [SECCOMP_SECURITY_OPTION],
      // No CDI device support: no spec directories (the field is not omitempty in Docker).
      CDISpecDirs: null,
      Warnings: [],
    };
  });
}
