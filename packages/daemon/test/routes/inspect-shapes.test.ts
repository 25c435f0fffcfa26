// The key order of skiffd's inspect documents against a real dockerd's: the docker CLI and Go
// clients re-encode what they read in their structs' order, so `docker inspect -f '{{json .}}'`
// prints skiffd's raw JSON only when every field is there in that order.
//
// The lists were recorded from Debian's dockerd (docker.io 20.10.24+dfsg1; it serves API 1.41 at
// most, so not 1.44) for `docker run -d -p 8080:80 -v /tmp:/data busybox sleep 1000` and a user
// bridge network, as printed by `docker inspect -f '{{json .}}'` of the docker CLI 28.2.2: that
// re-encoding puts dockerd's document in the CLI's structs, which are those a dockerd 28 sends at
// API 1.44 (ConsoleSize after VolumesFrom, MacAddress/DriverOpts/GwPriority/DNSNames in an endpoint,
// EnableIPv4, CDISpecDirs; no KernelMemory in HostConfig, no BridgeNfIptables in /info).
import { NetworkService } from '../../src/network/service';
import { silentLogger } from '../../src/log';
import { fakeDaemon } from '../helpers/fake-containerd';
import { RecordingRunner } from '../helpers/recording-runner';

const TOP = ['Id', 'Created', 'Path', 'Args', 'State', 'Image', 'ResolvConfPath', 'HostnamePath', 'HostsPath', 'LogPath', 'Name', 'RestartCount', 'Driver', 'Platform', 'MountLabel', 'ProcessLabel', 'AppArmorProfile', 'ExecIDs', 'HostConfig', 'GraphDriver', 'Mounts', 'Config', 'NetworkSettings'];
const STATE = ['Status', 'Running', 'Paused', 'Restarting', 'OOMKilled', 'Dead', 'Pid', 'ExitCode', 'Error', 'StartedAt', 'FinishedAt'];
const CONFIG = ['Hostname', 'Domainname', 'User', 'AttachStdin', 'AttachStdout', 'AttachStderr', 'ExposedPorts', 'Tty', 'OpenStdin', 'StdinOnce', 'Env', 'Cmd', 'Image', 'Volumes', 'WorkingDir', 'Entrypoint', 'OnBuild', 'Labels'];
const HOST_CONFIG = [
  'Binds', 'ContainerIDFile', 'LogConfig', 'NetworkMode', 'PortBindings', 'RestartPolicy', 'AutoRemove', 'VolumeDriver', 'VolumesFrom', 'ConsoleSize', 'CapAdd', 'CapDrop',
  'CgroupnsMode', 'Dns', 'DnsOptions', 'DnsSearch', 'ExtraHosts', 'GroupAdd', 'IpcMode', 'Cgroup', 'Links', 'OomScoreAdj', 'PidMode', 'Privileged', 'PublishAllPorts',
  'ReadonlyRootfs', 'SecurityOpt', 'UTSMode', 'UsernsMode', 'ShmSize', 'Runtime', 'Isolation', 'CpuShares', 'Memory', 'NanoCpus', 'CgroupParent', 'BlkioWeight',
  'BlkioWeightDevice', 'BlkioDeviceReadBps', 'BlkioDeviceWriteBps', 'BlkioDeviceReadIOps', 'BlkioDeviceWriteIOps', 'CpuPeriod', 'CpuQuota', 'CpuRealtimePeriod',
  'CpuRealtimeRuntime', 'CpusetCpus', 'CpusetMems', 'Devices', 'DeviceCgroupRules', 'DeviceRequests', 'MemoryReservation', 'MemorySwap', 'MemorySwappiness',
  'OomKillDisable', 'PidsLimit', 'Ulimits', 'CpuCount', 'CpuPercent', 'IOMaximumIOps', 'IOMaximumBandwidth', 'MaskedPaths', 'ReadonlyPaths',
];
const NETWORK_SETTINGS = [
  'Bridge', 'SandboxID', 'SandboxKey', 'Ports', 'HairpinMode', 'LinkLocalIPv6Address', 'LinkLocalIPv6PrefixLen', 'SecondaryIPAddresses', 'SecondaryIPv6Addresses',
  'EndpointID', 'Gateway', 'GlobalIPv6Address', 'GlobalIPv6PrefixLen', 'IPAddress', 'IPPrefixLen', 'IPv6Gateway', 'MacAddress', 'Networks',
];
const ENDPOINT = ['IPAMConfig', 'Links', 'Aliases', 'MacAddress', 'DriverOpts', 'GwPriority', 'NetworkID', 'EndpointID', 'Gateway', 'IPAddress', 'IPPrefixLen', 'IPv6Gateway', 'GlobalIPv6Address', 'GlobalIPv6PrefixLen', 'DNSNames'];
const NETWORK = ['Name', 'Id', 'Created', 'Scope', 'Driver', 'EnableIPv4', 'EnableIPv6', 'IPAM', 'Internal', 'Attachable', 'Ingress', 'ConfigFrom', 'ConfigOnly', 'Containers', 'Options', 'Labels'];
/** dockerd's list but KernelMemory and KernelMemoryTCP: `omitempty`, and false here (no kmem limits). */
const INFO = [
  'ID', 'Containers', 'ContainersRunning', 'ContainersPaused', 'ContainersStopped', 'Images', 'Driver', 'DriverStatus', 'Plugins', 'MemoryLimit', 'SwapLimit',
  'CpuCfsPeriod', 'CpuCfsQuota', 'CPUShares', 'CPUSet', 'PidsLimit', 'IPv4Forwarding', 'Debug', 'NFd', 'OomKillDisable', 'NGoroutines', 'SystemTime', 'LoggingDriver',
  'CgroupDriver', 'CgroupVersion', 'NEventsListener', 'KernelVersion', 'OperatingSystem', 'OSVersion', 'OSType', 'Architecture', 'IndexServerAddress', 'RegistryConfig',
  'NCPU', 'MemTotal', 'GenericResources', 'DockerRootDir', 'HttpProxy', 'HttpsProxy', 'NoProxy', 'Name', 'Labels', 'ExperimentalBuild', 'ServerVersion', 'Runtimes',
  'DefaultRuntime', 'Swarm', 'LiveRestoreEnabled', 'Isolation', 'InitBinary', 'ContainerdCommit', 'RuncCommit', 'InitCommit', 'SecurityOptions', 'CDISpecDirs', 'Warnings',
];

let d: ReturnType<typeof fakeDaemon>;
beforeEach(async () => {
  d = fakeDaemon({
    network: (dataRoot, execRoot) =>
      new NetworkService({ dataRoot, execRoot, runner: new RecordingRunner(), bridge: 'skiff0', bip: '172.30.0.1/16', mtu: 1500, pools: [{ base: '10.223.0.0/24', size: 28 }], log: silentLogger(), resolvConf: '/nonexistent', hostsFile: '/nonexistent', makeNetns: () => undefined }),
  });
  await d.containers.network!.init();
});
afterEach(async () => {
  await d.close();
});

const req = (method: 'GET' | 'POST', url: string, payload?: object) => d.app.inject({ method, url, ...(payload ? { payload } : {}) });
const keys = (o: unknown) => Object.keys(o as object);

// What the docker CLI sends for `run -d -p 8080:80 -v /tmp:/data busybox sleep 1000` (the fields skiffd keeps).
const runBody = {
  Image: 'busybox',
  Cmd: ['sleep', '1000'],
  ExposedPorts: { '80/tcp': {} },
  HostConfig: { Binds: ['/tmp:/data'], NetworkMode: 'default', PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }] }, RestartPolicy: { Name: 'no', MaximumRetryCount: 0 }, Dns: [], DnsOptions: [], DnsSearch: [], Ulimits: [] },
};

it('container inspect: top level, State, Config, HostConfig, NetworkSettings and an endpoint in dockerd\'s order', async () => {
  const id = (await req('POST', '/v1.44/containers/create?name=pv', runBody)).json().Id as string;
  expect((await req('POST', `/v1.44/containers/${id}/start`)).statusCode).toBe(204);
  const c = (await req('GET', `/v1.44/containers/${id}/json`)).json();
  expect(keys(c)).toEqual(TOP);
  expect(keys(c.State)).toEqual(STATE);
  expect(keys(c.Config)).toEqual(CONFIG);
  expect(keys(c.HostConfig)).toEqual(HOST_CONFIG);
  expect(keys(c.NetworkSettings)).toEqual(NETWORK_SETTINGS);
  expect(keys(c.NetworkSettings.Networks.bridge)).toEqual(ENDPOINT);
  expect(keys(c.GraphDriver)).toEqual(['Data', 'Name']);
  // dockerd's zero values for what skiffd has no feature for; what skiffd keeps is unchanged.
  expect(c.HostConfig).toMatchObject({
    Binds: ['/tmp:/data'], ContainerIDFile: '', VolumeDriver: '', ConsoleSize: [0, 0], CgroupnsMode: 'host', IpcMode: 'private', Links: null, Devices: [],
    DeviceCgroupRules: null, DeviceRequests: null, MemorySwappiness: null, BlkioWeightDevice: [], Ulimits: [], PortBindings: runBody.HostConfig.PortBindings,
  });
  expect(c.HostConfig.MaskedPaths).toContain('/proc/kcore');
  expect(c.NetworkSettings).toMatchObject({ HairpinMode: false, SecondaryIPAddresses: null, IPAddress: c.NetworkSettings.Networks.bridge.IPAddress });
  expect(c.Config).toMatchObject({ Volumes: null, OnBuild: null, Labels: {} });
});

it('container inspect: omitempty fields appear only when set, in their places', async () => {
  const body = {
    Image: 'busybox',
    Cmd: ['true'],
    StopSignal: 'SIGUSR1',
    Healthcheck: { Test: ['CMD', 'true'], Interval: null, Retries: 2 },
    HostConfig: { Tmpfs: { '/t': '' }, Sysctls: { 'net.ipv4.ip_forward': '1' }, Init: true, Privileged: true },
  };
  const id = (await req('POST', '/v1.44/containers/create', body)).json().Id as string;
  const c = (await req('GET', `/v1.44/containers/${id}/json`)).json();
  const hc = keys(c.HostConfig);
  expect(hc.slice(hc.indexOf('SecurityOpt'), hc.indexOf('UTSMode') + 1)).toEqual(['SecurityOpt', 'Tmpfs', 'UTSMode']);
  expect(hc.slice(hc.indexOf('ShmSize'), hc.indexOf('Isolation') + 1)).toEqual(['ShmSize', 'Sysctls', 'Runtime', 'Isolation']);
  expect(hc.slice(-3)).toEqual(['MaskedPaths', 'ReadonlyPaths', 'Init']);
  expect(c.HostConfig).toMatchObject({ MaskedPaths: null, ReadonlyPaths: null, Init: true });
  expect(keys(c.Config).slice(keys(c.Config).indexOf('Cmd'))).toEqual(['Cmd', 'Healthcheck', 'Image', 'Volumes', 'WorkingDir', 'Entrypoint', 'OnBuild', 'Labels', 'StopSignal']);
  expect(c.Config.Healthcheck).toEqual({ Test: ['CMD', 'true'], Retries: 2 });
});

it('network inspect and an endpoint on a user network in dockerd\'s order', async () => {
  expect((await req('POST', '/v1.44/networks/create', { Name: 'netx' })).statusCode).toBe(201);
  const id = (await req('POST', '/v1.44/containers/create', { Image: 'busybox', Cmd: ['sleep', '1000'], HostConfig: { NetworkMode: 'netx' } })).json().Id as string;
  expect((await req('POST', `/v1.44/containers/${id}/start`)).statusCode).toBe(204);
  const net = (await req('GET', '/v1.44/networks/netx')).json();
  expect(keys(net)).toEqual(NETWORK);
  expect(keys(net.Containers[id])).toEqual(['Name', 'EndpointID', 'MacAddress', 'IPv4Address', 'IPv6Address']);
  // Go's time.Time: no trailing zeros in the fraction.
  expect(net.Created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*[1-9])?Z$/);
  for (const name of ['bridge', 'host', 'none']) expect(keys((await req('GET', `/v1.44/networks/${name}`)).json())).toEqual(NETWORK);
  const c = (await req('GET', `/v1.44/containers/${id}/json`)).json();
  expect(keys(c.NetworkSettings.Networks.netx)).toEqual(ENDPOINT);
});

it('/info in dockerd\'s order', async () => {
  expect(keys((await req('GET', '/v1.44/info')).json())).toEqual(INFO);
});
