import { z } from 'zod';

/** POST /containers/{id}/exec */
export const ExecCreateBodySchema = z
  .object({
    Cmd: z.array(z.string()),
    AttachStdin: z.boolean().optional(),
    AttachStdout: z.boolean().optional(),
    AttachStderr: z.boolean().optional(),
    Tty: z.boolean().optional(),
    Env: z.array(z.string()).nullish(),
    WorkingDir: z.string().optional(),
    User: z.string().optional(),
    Privileged: z.boolean().optional(),
    DetachKeys: z.string().optional(),
  })
  .loose();
export type ExecCreateBody = z.infer<typeof ExecCreateBodySchema>;

export const IdResponseSchema = z.object({ Id: z.string() }).loose();

/** POST /exec/{id}/start */
export const ExecStartBodySchema = z.object({ Detach: z.boolean().optional(), Tty: z.boolean().optional() }).loose();
export type ExecStartBody = z.infer<typeof ExecStartBodySchema>;

/** GET /exec/{id}/json */
export const ExecInspectSchema = z
  .object({
    ID: z.string(),
    Running: z.boolean(),
    ExitCode: z.number().nullable(),
    ContainerID: z.string(),
    Pid: z.number().optional(),
    OpenStdin: z.boolean().optional(),
    ProcessConfig: z.object({ tty: z.boolean().optional(), entrypoint: z.string().optional(), arguments: z.array(z.string()).optional() }).loose().optional(),
  })
  .loose();
export type ExecInspect = z.infer<typeof ExecInspectSchema>;
