// Bodies of the routes the CLI's second slice uses: image history and removal, container top,
// changes and stats, volumes, networks, registry auth and disk usage.
import { z } from 'zod';

/** One layer of GET /images/{name}/history */
export const ImageHistoryItemSchema = z
  .object({
    Id: z.string(),
    Created: z.number(),
    CreatedBy: z.string(),
    Tags: z.array(z.string()).nullish(),
    Size: z.number(),
    Comment: z.string(),
  })
  .loose();
export type ImageHistoryItem = z.infer<typeof ImageHistoryItemSchema>;

/** One entry of DELETE /images/{name}: either an untagged reference or a deleted image */
export const ImageDeleteItemSchema = z.object({ Untagged: z.string().optional(), Deleted: z.string().optional() }).loose();
export type ImageDeleteItem = z.infer<typeof ImageDeleteItemSchema>;

/** GET /containers/{id}/top */
export const ContainerTopSchema = z.object({ Titles: z.array(z.string()).nullish(), Processes: z.array(z.array(z.string())).nullish() }).loose();

/** One entry of GET /containers/{id}/changes: Kind 0 modified, 1 added, 2 deleted */
export const ContainerChangeSchema = z.object({ Path: z.string(), Kind: z.number() }).loose();

const CpuStatsSchema = z
  .object({
    cpu_usage: z.object({ total_usage: z.number().optional(), percpu_usage: z.array(z.number()).nullish() }).loose().optional(),
    system_cpu_usage: z.number().optional(),
    online_cpus: z.number().optional(),
  })
  .loose();

/** One sample of GET /containers/{id}/stats */
export const ContainerStatsSchema = z
  .object({
    read: z.string().optional(),
    name: z.string().optional(),
    id: z.string().optional(),
    pids_stats: z.object({ current: z.number().optional() }).loose().optional(),
    cpu_stats: CpuStatsSchema.optional(),
    precpu_stats: CpuStatsSchema.optional(),
    memory_stats: z.object({ usage: z.number().optional(), limit: z.number().optional(), stats: z.record(z.string(), z.number()).optional() }).loose().optional(),
    blkio_stats: z
      .object({ io_service_bytes_recursive: z.array(z.object({ op: z.string(), value: z.number() }).loose()).nullish() })
      .loose()
      .optional(),
    networks: z.record(z.string(), z.object({ rx_bytes: z.number(), tx_bytes: z.number() }).loose()).nullish(),
  })
  .loose();
export type ContainerStats = z.infer<typeof ContainerStatsSchema>;

export const VolumeSchema = z
  .object({
    Name: z.string(),
    Driver: z.string(),
    Mountpoint: z.string(),
    CreatedAt: z.string().optional(),
    Labels: z.record(z.string(), z.string()).nullish(),
    Scope: z.string(),
    Options: z.record(z.string(), z.string()).nullish(),
  })
  .loose();
export type Volume = z.infer<typeof VolumeSchema>;

/** GET /volumes */
export const VolumeListSchema = z.object({ Volumes: z.array(VolumeSchema).nullish(), Warnings: z.array(z.string()).nullish() }).loose();

export const NetworkSchema = z
  .object({
    Name: z.string(),
    Id: z.string(),
    Driver: z.string(),
    Scope: z.string(),
    Created: z.string().optional(),
    Internal: z.boolean().optional(),
    IPAM: z.unknown().optional(),
    Containers: z.record(z.string(), z.unknown()).nullish(),
    Labels: z.record(z.string(), z.string()).nullish(),
  })
  .loose();
export type Network = z.infer<typeof NetworkSchema>;

/** POST /networks/create */
export const NetworkCreateResponseSchema = z.object({ Id: z.string(), Warning: z.string().optional() }).loose();

/** POST /auth */
export const AuthResponseSchema = z.object({ Status: z.string(), IdentityToken: z.string().optional() }).loose();

/** The answers of the prune routes: what went and the space reclaimed */
export const PruneResponseSchema = z
  .object({
    ContainersDeleted: z.array(z.string()).nullish(),
    ImagesDeleted: z.array(ImageDeleteItemSchema).nullish(),
    VolumesDeleted: z.array(z.string()).nullish(),
    NetworksDeleted: z.array(z.string()).nullish(),
    SpaceReclaimed: z.number().optional(),
  })
  .loose();
export type PruneResponse = z.infer<typeof PruneResponseSchema>;

/** GET /system/df */
export const DiskUsageSchema = z
  .object({
    LayersSize: z.number().optional(),
    Images: z.array(z.object({ Id: z.string(), Size: z.number(), SharedSize: z.number().optional(), Containers: z.number().optional() }).loose()).nullish(),
    Containers: z.array(z.object({ Id: z.string(), State: z.string().optional(), SizeRw: z.number().optional() }).loose()).nullish(),
    Volumes: z.array(z.object({ Name: z.string(), UsageData: z.object({ Size: z.number(), RefCount: z.number() }).loose().nullish() }).loose()).nullish(),
    BuildCache: z.array(z.unknown()).nullish(),
  })
  .loose();
export type DiskUsage = z.infer<typeof DiskUsageSchema>;
