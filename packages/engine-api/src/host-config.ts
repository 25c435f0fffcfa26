// HostConfig as a client sends it at create: the fields a server acts on, grouped as the server
// keeps them (resources and security, mounts, name resolution and ports, restart, logging), so a
// server can store a group in its own record with the same definition. Parsed values carry the
// defaults a server needs; senders write z.input of these (defaulted fields optional).
import { z } from 'zod';

const int = z.number().int();
const stringList = z.array(z.string()).nullish();

export const UlimitSchema = z.object({ Name: z.string(), Soft: int, Hard: int });

/** A block device and a rate for it (`--device-read-bps /dev/vda:1mb`): bytes or operations per second. */
export const ThrottleDeviceSchema = z.object({ Path: z.string(), Rate: int.min(0) });
const throttleList = z.array(ThrottleDeviceSchema).nullish();

/** A block device and its proportional weight (`--blkio-weight-device /dev/vda:300`); 0 leaves it unset. */
export const WeightDeviceSchema = z.object({ Path: z.string(), Weight: int.min(0).max(65535) });

/** A device cgroup rule as the cgroup v1 devices files take it: "type major:minor access" ("c 1:3 rwm", "b 7:* r"). */
export const DEVICE_CGROUP_RULE = /^([acb]) ([0-9]+|\*):([0-9]+|\*) ([rwm]{1,3})$/;

/** One `--device`: a host device node (or a directory of them), where it appears, what it may do. */
export const DeviceMappingSchema = z.object({
  PathOnHost: z.string(),
  PathInContainer: z.string().default(''),
  CgroupPermissions: z.string().default(''),
});

/** Resources, capabilities and security options. */
export const hostConfigResourceFields = {
  Memory: int.min(0).optional(),
  MemorySwap: int.min(-1).optional(),
  MemoryReservation: int.min(0).optional(),
  NanoCpus: int.min(0).optional(),
  CpuShares: int.min(0).optional(),
  CpuPeriod: int.min(0).optional(),
  CpuQuota: int.optional(),
  CpuRealtimePeriod: int.min(0).optional(),
  CpuRealtimeRuntime: int.optional(),
  CpusetCpus: z.string().optional(),
  CpusetMems: z.string().optional(),
  PidsLimit: int.nullish(),
  BlkioWeight: int.min(0).max(1000).optional(),
  BlkioWeightDevice: z.array(WeightDeviceSchema).nullish(),
  BlkioDeviceReadBps: throttleList,
  BlkioDeviceWriteBps: throttleList,
  BlkioDeviceReadIOps: throttleList,
  BlkioDeviceWriteIOps: throttleList,
  OomKillDisable: z.boolean().nullish(),
  /** 0 to 100; -1 (what the docker CLI sends by default) or null leaves the kernel's. */
  MemorySwappiness: int.nullish(),
  OomScoreAdj: int.optional(),
  Ulimits: z.array(UlimitSchema).nullish(),
  CapAdd: stringList,
  CapDrop: stringList,
  Privileged: z.boolean().optional(),
  ReadonlyRootfs: z.boolean().optional(),
  SecurityOpt: stringList,
  Sysctls: z.record(z.string(), z.string()).nullish(),
  /** Passed through to the OCI runtime as the spec's annotations (API 1.43+). */
  Annotations: z.record(z.string(), z.string()).nullish(),
  ShmSize: int.min(0).optional(),
  GroupAdd: stringList,
  Init: z.boolean().nullish(),
  Devices: z.array(DeviceMappingSchema).nullish(),
  /** Device cgroup rules as the v1 devices files take them ("c 1:3 rwm"). */
  DeviceCgroupRules: stringList,
  /** Namespaces: "" (the container's own), "host", or another container's ("container:<id>"). */
  PidMode: z.string().optional(),
  /** "host", "private", or "" for the daemon's default (dockerd's: host on cgroup v1, private on v2). */
  CgroupnsMode: z.string().optional(),
  /** The cgroup the container's goes under (`--cgroup-parent`): absolute, or relative to the runtime's own. */
  CgroupParent: z.string().optional(),
  IpcMode: z.string().optional(),
  UTSMode: z.string().optional(),
  /** "" or "host": skiffd, like dockerd without userns-remap, runs containers in the host's user namespace. */
  UsernsMode: z.string().optional(),
  /** Per-container storage driver options (`--storage-opt size=...`), which skiffd's overlayfs snapshots cannot honour. */
  StorageOpt: z.record(z.string(), z.string()).nullish(),
};

/** One entry of HostConfig.Mounts (`docker run --mount`). */
export const MountRequestSchema = z.looseObject({
  Type: z.enum(['bind', 'volume', 'tmpfs']),
  Source: z.string().optional(),
  Target: z.string().optional(),
  ReadOnly: z.boolean().optional(),
  Consistency: z.string().optional(),
  BindOptions: z.looseObject({ Propagation: z.string().optional(), CreateMountpoint: z.boolean().optional() }).nullish(),
  VolumeOptions: z
    .looseObject({
      NoCopy: z.boolean().optional(),
      Labels: z.record(z.string(), z.string()).nullish(),
      DriverConfig: z.looseObject({ Name: z.string().optional(), Options: z.record(z.string(), z.string()).nullish() }).nullish(),
    })
    .nullish(),
  TmpfsOptions: z.looseObject({ SizeBytes: int.optional(), Mode: int.optional() }).nullish(),
});
export type MountRequestBody = z.input<typeof MountRequestSchema>;

/** Binds ("src:dst[:mode]"), --mount, --tmpfs and --volumes-from. */
export const hostConfigMountFields = {
  Binds: stringList,
  Mounts: z.array(MountRequestSchema).nullish(),
  Tmpfs: z.record(z.string(), z.string()).nullish(),
  VolumesFrom: stringList,
};

export const PortBindingSchema = z.object({ HostIp: z.string().nullish(), HostPort: z.string().nullish() });

/** Name resolution and published ports. */
export const hostConfigNetworkFields = {
  Dns: stringList,
  DnsSearch: stringList,
  DnsOptions: stringList,
  /** "host:ip" lines for /etc/hosts. */
  ExtraHosts: stringList,
  /** "80/tcp" -> the host addresses it is published on (null: none). */
  PortBindings: z.record(z.string(), z.array(PortBindingSchema).nullable()).nullish(),
  PublishAllPorts: z.boolean().nullish(),
};

/** Names are checked by the server, which answers an unknown one with Docker's message. */
export const RestartPolicySchema = z.object({
  Name: z.string().default(''),
  MaximumRetryCount: int.default(0),
});

const nanoseconds = int.min(0);

/** Config.Healthcheck; durations in nanoseconds. */
export const HealthcheckSchema = z.object({
  Test: stringList,
  // docker-py (so docker-compose) sends null for every field it was not given.
  Interval: nanoseconds.nullish(),
  Timeout: nanoseconds.nullish(),
  StartPeriod: nanoseconds.nullish(),
  StartInterval: nanoseconds.nullish(),
  Retries: int.min(0).nullish(),
});
export type HealthcheckBody = z.input<typeof HealthcheckSchema>;

/** HostConfig.LogConfig as asked for: the server checks the driver and its options. */
export const LogConfigRequestSchema = z.looseObject({ Type: z.string().nullish(), Config: z.record(z.string(), z.string()).nullish() });

/** HostConfig of POST /containers/create. */
export const HostConfigCreateSchema = z.looseObject({
  AutoRemove: z.boolean().optional(),
  NetworkMode: z.string().optional(),
  RestartPolicy: RestartPolicySchema.nullish(),
  Runtime: z.string().nullish(),
  LogConfig: LogConfigRequestSchema.nullish(),
  ...hostConfigNetworkFields,
  ...hostConfigMountFields,
  ...hostConfigResourceFields,
});
export type HostConfigCreateBody = z.input<typeof HostConfigCreateSchema>;

/** POST /containers/{id}/update: resources of the running container and its restart policy. */
export const ContainerUpdateBodySchema = z
  .looseObject(hostConfigResourceFields)
  .pick({
    Memory: true,
    MemoryReservation: true,
    MemorySwap: true,
    NanoCpus: true,
    CpuShares: true,
    CpuPeriod: true,
    CpuQuota: true,
    CpusetCpus: true,
    CpusetMems: true,
    PidsLimit: true,
  })
  .extend({ RestartPolicy: RestartPolicySchema.nullish() });
export type ContainerUpdateBody = z.input<typeof ContainerUpdateBodySchema>;
