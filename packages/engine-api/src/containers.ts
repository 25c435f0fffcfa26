import { z } from 'zod';
import { HealthcheckSchema, HostConfigCreateSchema } from './host-config';
import { EndpointSettingsRequestSchema } from './networks';

/** HostConfig as inspect returns it: a reader keeps what it does not know. */
export const HostConfigSchema = z
  .object({
    AutoRemove: z.boolean().optional(),
    Binds: z.array(z.string()).nullish(),
    NetworkMode: z.string().optional(),
    Privileged: z.boolean().optional(),
    Init: z.boolean().nullish(),
  })
  .loose();
export type HostConfig = z.infer<typeof HostConfigSchema>;

const stringList = z.array(z.string()).nullish();
// Docker accepts a string for these too (older clients): it is one argument.
const commandLine = z.union([z.array(z.string()), z.string().transform((s) => [s])]).nullish();

/**
 * POST /containers/create. Every field is optional on the wire: a server answers a missing Image
 * with Docker's own message rather than a schema error.
 */
export const ContainerCreateBodySchema = z.looseObject({
  Hostname: z.string().optional(),
  Domainname: z.string().optional(),
  User: z.string().optional(),
  AttachStdin: z.boolean().optional(),
  AttachStdout: z.boolean().optional(),
  AttachStderr: z.boolean().optional(),
  Tty: z.boolean().optional(),
  OpenStdin: z.boolean().optional(),
  StdinOnce: z.boolean().optional(),
  Env: stringList,
  Cmd: commandLine,
  Entrypoint: commandLine,
  Image: z.string().optional(),
  WorkingDir: z.string().optional(),
  Labels: z.record(z.string(), z.string()).nullish(),
  StopSignal: z.string().optional(),
  StopTimeout: z.number().int().nullish(),
  Healthcheck: HealthcheckSchema.nullish(),
  /** "port/proto" -> {}: the ports `-P` publishes. */
  ExposedPorts: z.record(z.string(), z.unknown()).nullish(),
  /** Anonymous volumes to create, as {"/path": {}}. */
  Volumes: z.record(z.string(), z.unknown()).nullish(),
  HostConfig: HostConfigCreateSchema.nullish(),
  /** The networks to join besides NetworkMode's, with their aliases (compose puts the service name there). */
  NetworkingConfig: z
    .looseObject({
      EndpointsConfig: z.record(z.string(), EndpointSettingsRequestSchema.nullable()).nullish(),
    })
    .nullish(),
});
export type ContainerCreateBody = z.input<typeof ContainerCreateBodySchema>;

export const ContainerCreateResponseSchema = z.object({ Id: z.string(), Warnings: z.array(z.string()).nullish() }).loose();
export type ContainerCreateResponse = z.infer<typeof ContainerCreateResponseSchema>;

const PortSchema = z.object({ PrivatePort: z.number(), PublicPort: z.number().optional(), Type: z.string(), IP: z.string().optional() }).loose();

/** One entry of GET /containers/json */
export const ContainerSummarySchema = z
  .object({
    Id: z.string(),
    Names: z.array(z.string()),
    Image: z.string(),
    ImageID: z.string().optional(),
    Command: z.string(),
    Created: z.number(),
    State: z.string(),
    Status: z.string(),
    Ports: z.array(PortSchema).nullish(),
    Labels: z.record(z.string(), z.string()).nullish(),
    SizeRw: z.number().optional(),
    SizeRootFs: z.number().optional(),
    Mounts: z.array(z.object({ Name: z.string().optional(), Source: z.string().optional(), Driver: z.string().optional() }).loose()).nullish(),
    NetworkSettings: z.object({ Networks: z.record(z.string(), z.unknown()).nullish() }).loose().nullish(),
    ImageManifestDescriptor: z.object({ platform: z.unknown().optional() }).loose().nullish(),
  })
  .loose();
export type ContainerSummary = z.infer<typeof ContainerSummarySchema>;

export const ContainerStateSchema = z
  .object({
    Status: z.string(),
    Running: z.boolean(),
    Paused: z.boolean(),
    Restarting: z.boolean().optional(),
    OOMKilled: z.boolean().optional(),
    Dead: z.boolean().optional(),
    Pid: z.number(),
    ExitCode: z.number(),
    Error: z.string().optional(),
    StartedAt: z.string(),
    FinishedAt: z.string(),
  })
  .loose();

/** GET /containers/{id}/json */
export const ContainerInspectSchema = z
  .object({
    Id: z.string(),
    Created: z.string(),
    Path: z.string(),
    Args: z.array(z.string()),
    State: ContainerStateSchema,
    Image: z.string(),
    Name: z.string(),
    Config: z
      .object({
        Tty: z.boolean().optional(),
        OpenStdin: z.boolean().optional(),
        Image: z.string().optional(),
        Cmd: z.array(z.string()).nullish(),
        Env: z.array(z.string()).nullish(),
      })
      .loose(),
    HostConfig: HostConfigSchema.optional(),
  })
  .loose();
export type ContainerInspect = z.infer<typeof ContainerInspectSchema>;

/** POST /containers/{id}/update */
export const ContainerUpdateResponseSchema = z.object({ Warnings: z.array(z.string()).nullish() }).loose();

/** POST /containers/{id}/wait */
export const ContainerWaitResponseSchema = z
  .object({ StatusCode: z.number(), Error: z.object({ Message: z.string() }).nullish() })
  .loose();
export type ContainerWaitResponse = z.infer<typeof ContainerWaitResponseSchema>;
