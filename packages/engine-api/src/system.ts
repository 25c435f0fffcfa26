import { z } from 'zod';

/** GET /version */
export const VersionSchema = z
  .object({
    Version: z.string(),
    ApiVersion: z.string(),
    MinAPIVersion: z.string().optional(),
    GitCommit: z.string().optional(),
    GoVersion: z.string().optional(),
    Os: z.string(),
    Arch: z.string(),
    KernelVersion: z.string().optional(),
    BuildTime: z.string().optional(),
    Components: z.array(z.object({ Name: z.string(), Version: z.string(), Details: z.record(z.string(), z.unknown()).optional() }).loose()).optional(),
    Platform: z.object({ Name: z.string() }).loose().optional(),
  })
  .loose();
export type Version = z.infer<typeof VersionSchema>;

/** GET /info */
export const InfoSchema = z
  .object({
    ID: z.string().optional(),
    Containers: z.number(),
    ContainersRunning: z.number(),
    ContainersPaused: z.number(),
    ContainersStopped: z.number(),
    Images: z.number(),
    Driver: z.string().optional(),
    Name: z.string().optional(),
    ServerVersion: z.string().optional(),
    KernelVersion: z.string().optional(),
    OperatingSystem: z.string().optional(),
    OSType: z.string().optional(),
    Architecture: z.string().optional(),
    NCPU: z.number().optional(),
    MemTotal: z.number().optional(),
    DockerRootDir: z.string().optional(),
    CgroupDriver: z.string().optional(),
    CgroupVersion: z.string().optional(),
  })
  .loose();
export type Info = z.infer<typeof InfoSchema>;

/** Every error response: the text clients print after "Error response from daemon:". */
export const ErrorBodySchema = z.object({ message: z.string() }).loose();
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
