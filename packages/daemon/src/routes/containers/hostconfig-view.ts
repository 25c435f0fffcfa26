// inspect's HostConfig: every field of Docker's HostConfig struct (its Resources embedded) in the
// struct's order, so `docker inspect -f '{{json .HostConfig}}'`, which re-encodes that struct,
// prints what skiffd sent. Fields skiffd has no feature for carry the values dockerd reports for a
// container created without them; `omitempty` fields are left out when empty, as Go leaves them.
import { defaultSpec } from '@skiff/oci-spec';
import type { HostConfig } from '../../store/record';
import { memorySwappiness } from '../../core/hostconfig';
import { restartPolicyView } from '../../core/restart-policy';

/** Docker's /dev/shm size when ShmSize is 0: 64 MiB. */
const DEFAULT_SHM_SIZE = 64 * 1024 * 1024;

/** The paths skiffd's spec masks and makes read-only (none for a privileged container, as dockerd). */
const { maskedPaths: MASKED_PATHS = [], readonlyPaths: READONLY_PATHS = [] } = defaultSpec().linux ?? {};

/** Go's `omitempty` for a map, a slice or a pointer: absent when null or empty. */
function omitEmpty<K extends string>(key: K, value: object | null | undefined): Partial<Record<K, object>> {
  if (value == null) return {};
  const empty = Array.isArray(value) ? value.length === 0 : Object.keys(value).length === 0;
  return empty ? {} : ({ [key]: value } as Record<K, object>);
}

/** HostConfig.Resources, embedded in HostConfig at this place. */
function resourcesView(hc: HostConfig): Record<string, unknown> {
  return {
    CpuShares: hc.CpuShares ?? 0,
    Memory: hc.Memory ?? 0,
    NanoCpus: hc.NanoCpus ?? 0,
    CgroupParent: hc.CgroupParent ?? '',
    BlkioWeight: hc.BlkioWeight ?? 0,
    BlkioWeightDevice: hc.BlkioWeightDevice ?? [],
    BlkioDeviceReadBps: hc.BlkioDeviceReadBps ?? [],
    BlkioDeviceWriteBps: hc.BlkioDeviceWriteBps ?? [],
    BlkioDeviceReadIOps: hc.BlkioDeviceReadIOps ?? [],
    BlkioDeviceWriteIOps: hc.BlkioDeviceWriteIOps ?? [],
    CpuPeriod: hc.CpuPeriod ?? 0,
    CpuQuota: hc.CpuQuota ?? 0,
    CpuRealtimePeriod: hc.CpuRealtimePeriod ?? 0,
    CpuRealtimeRuntime: hc.CpuRealtimeRuntime ?? 0,
    CpusetCpus: hc.CpusetCpus ?? '',
    CpusetMems: hc.CpusetMems ?? '',
    Devices: hc.Devices ?? [],
    DeviceCgroupRules: hc.DeviceCgroupRules ?? null,
    DeviceRequests: null,
    MemoryReservation: hc.MemoryReservation ?? 0,
    MemorySwap: hc.MemorySwap ?? 0,
    MemorySwappiness: memorySwappiness(hc) ?? null,
    OomKillDisable: hc.OomKillDisable ?? false,
    // dockerd stores 0 and -1 (no limit, what the docker CLI sends by default) as unset.
    PidsLimit: hc.PidsLimit != null && hc.PidsLimit > 0 ? hc.PidsLimit : null,
    Ulimits: hc.Ulimits ?? [],
    CpuCount: 0,
    CpuPercent: 0,
    IOMaximumIOps: 0,
    IOMaximumBandwidth: 0,
  };
}

export function hostConfigInspectView(hc: HostConfig): Record<string, unknown> {
  return {
    Binds: hc.Binds ?? null,
    ContainerIDFile: '',
    LogConfig: hc.LogConfig,
    NetworkMode: hc.NetworkMode,
    PortBindings: hc.PortBindings ?? {},
    RestartPolicy: restartPolicyView(hc.RestartPolicy),
    AutoRemove: hc.AutoRemove,
    VolumeDriver: '',
    VolumesFrom: hc.VolumesFrom ?? null,
    ConsoleSize: [0, 0],
    ...omitEmpty('Annotations', hc.Annotations),
    CapAdd: hc.CapAdd ?? null,
    CapDrop: hc.CapDrop ?? null,
    CgroupnsMode: hc.CgroupnsMode || 'host',
    Dns: hc.Dns ?? [],
    DnsOptions: hc.DnsOptions ?? [],
    DnsSearch: hc.DnsSearch ?? [],
    ExtraHosts: hc.ExtraHosts ?? null,
    GroupAdd: hc.GroupAdd ?? null,
    IpcMode: hc.IpcMode || 'private',
    Cgroup: '',
    Links: null,
    OomScoreAdj: hc.OomScoreAdj ?? 0,
    PidMode: hc.PidMode ?? '',
    Privileged: hc.Privileged ?? false,
    PublishAllPorts: hc.PublishAllPorts ?? false,
    ReadonlyRootfs: hc.ReadonlyRootfs ?? false,
    SecurityOpt: hc.SecurityOpt ?? null,
    ...omitEmpty('Tmpfs', hc.Tmpfs),
    UTSMode: hc.UTSMode ?? '',
    UsernsMode: hc.UsernsMode ?? '',
    ShmSize: hc.ShmSize || DEFAULT_SHM_SIZE,
    ...omitEmpty('Sysctls', hc.Sysctls),
    ...(hc.Runtime ? { Runtime: hc.Runtime } : {}),
    Isolation: '',
    ...resourcesView(hc),
    ...omitEmpty('Mounts', hc.Mounts),
    MaskedPaths: hc.Privileged ? null : [...MASKED_PATHS],
    ReadonlyPaths: hc.Privileged ? null : [...READONLY_PATHS],
    ...(hc.Init != null ? { Init: hc.Init } : {}),
  };
}
