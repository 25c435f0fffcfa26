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
    DriverStatus: z.array(z.tuple([z.string(), z.string()])).nullish(),
    LoggingDriver: z.string().optional(),
    Plugins: z
      .object({
        Volume: z.array(z.string()).nullish(),
        Network: z.array(z.string()).nullish(),
        Authorization: z.array(z.string()).nullish(),
        Log: z.array(z.string()).nullish(),
      })
      .loose()
      .optional(),
    CDISpecDirs: z.array(z.string()).nullish(),
    Swarm: z.object({ LocalNodeState: z.string().optional() }).loose().optional(),
    Runtimes: z.record(z.string(), z.unknown()).nullish(),
    DefaultRuntime: z.string().optional(),
    InitBinary: z.string().optional(),
    ContainerdCommit: z.object({ ID: z.string().optional(), Expected: z.string().optional() }).loose().optional(),
    RuncCommit: z.object({ ID: z.string().optional(), Expected: z.string().optional() }).loose().optional(),
    InitCommit: z.object({ ID: z.string().optional(), Expected: z.string().optional() }).loose().optional(),
    SecurityOptions: z.array(z.string()).nullish(),
    Debug: z.boolean().optional(),
    HttpProxy: z.string().optional(),
    HttpsProxy: z.string().optional(),
    NoProxy: z.string().optional(),
    Labels: z.array(z.string()).nullish(),
    ExperimentalBuild: z.boolean().optional(),
    RegistryConfig: z
      .object({
        InsecureRegistryCIDRs: z.array(z.string()).nullish(),
        IndexConfigs: z.record(z.string(), z.object({ Name: z.string(), Secure: z.boolean() }).loose()).nullish(),
        Mirrors: z.array(z.string()).nullish(),
      })
      .loose()
      .nullish(),
    LiveRestoreEnabled: z.boolean().optional(),
    DefaultAddressPools: z.array(z.object({ Base: z.string(), Size: z.number() }).loose()).nullish(),
    Warnings: z.array(z.string()).nullish(),
  })
  .loose();
export type Info = z.infer<typeof InfoSchema>;

/** Every error response: the text clients print after "Error response from daemon:". */
export const ErrorBodySchema = z.object({ message: z.string() }).loose();
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
