// A container as skiffd keeps it: what the user asked for (Docker's Config and HostConfig
// subset of this slice), what the image gave, and the state machine's current state. Persisted
// as JSON, so the schema is also what recovery parses after a restart.
import { z } from 'zod';
import { HealthcheckSchema, hostConfigMountFields, hostConfigNetworkFields, hostConfigResourceFields, RestartPolicySchema } from '@skiff/engine-api';
import { MountPointSchema } from '../core/mounts';
import { networkRecordFields } from '../network/endpoint';
import { restartRecordFields } from '../core/restart-policy';
import { HealthSchema } from '../core/health-config';
import { DEFAULT_LOG_CONFIG, LogConfigSchema } from '../core/log-config';

export const STATUSES = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'] as const;
export type Status = (typeof STATUSES)[number];

export const ContainerConfigSchema = z.object({
  Hostname: z.string(),
  Domainname: z.string(),
  User: z.string(),
  AttachStdin: z.boolean(),
  AttachStdout: z.boolean(),
  AttachStderr: z.boolean(),
  Tty: z.boolean(),
  OpenStdin: z.boolean(),
  StdinOnce: z.boolean(),
  Env: z.array(z.string()),
  Cmd: z.array(z.string()).nullable(),
  Image: z.string(),
  WorkingDir: z.string(),
  Entrypoint: z.array(z.string()).nullable(),
  Labels: z.record(z.string(), z.string()),
  StopSignal: z.string().optional(),
  StopTimeout: z.number().int().optional(),
  Healthcheck: HealthcheckSchema.optional(),
  /** The image's and the request's Volumes, as {"/path": {}}. */
  Volumes: z.record(z.string(), z.object({})).optional(),
  /** The image's and the request's exposed ports, as {"80/tcp": {}}. */
  ExposedPorts: z.record(z.string(), z.object({})).optional(),
});
export type ContainerConfig = z.infer<typeof ContainerConfigSchema>;

export const HostConfigSchema = z.object({
  AutoRemove: z.boolean(),
  NetworkMode: z.string(),
  ...hostConfigNetworkFields,
  RestartPolicy: RestartPolicySchema.optional(),
  LogConfig: LogConfigSchema.default(DEFAULT_LOG_CONFIG),
  /** The OCI runtime's name (HostConfig.Runtime): "builtin" or one of the daemon's runtimes. */
  Runtime: z.string().default('builtin'),
  ...hostConfigMountFields,
  ...hostConfigResourceFields,
});
export type HostConfig = z.infer<typeof HostConfigSchema>;

export const StateSchema = z.object({
  Status: z.enum(STATUSES),
  Pid: z.number().int(),
  ExitCode: z.number().int(),
  Error: z.string(),
  StartedAt: z.string(),
  FinishedAt: z.string(),
  Health: HealthSchema.optional(),
});
export type State = z.infer<typeof StateSchema>;

export const ContainerRecordSchema = z.object({
  Id: z.string().regex(/^[0-9a-f]{64}$/),
  /** Without Docker's leading slash. */
  Name: z.string(),
  Created: z.string(),
  Path: z.string(),
  Args: z.array(z.string()),
  /** The image's config digest: Docker's image id. */
  Image: z.string(),
  /** The full reference the image was resolved to. */
  ImageName: z.string(),
  Config: ContainerConfigSchema,
  HostConfig: HostConfigSchema,
  /** Config.User and GroupAdd as ids, when names had to be looked up in the container's /etc at create. */
  ProcessUser: z.object({ uid: z.number().int(), gid: z.number().int(), additionalGids: z.array(z.number().int()).optional() }).optional(),
  /** The mounts resolved at create (Docker's MountPoints): volume names, sources, modes. */
  MountPoints: z.array(MountPointSchema).default([]),
  ...networkRecordFields,
  ...restartRecordFields,
  State: StateSchema,
  LogPath: z.string(),
});
export type ContainerRecord = z.infer<typeof ContainerRecordSchema>;

/** Docker's zero time, which it reports for a container never started or never stopped. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';
