import { z } from 'zod';

const consoleSize = z.array(z.number().int()).length(2).nullish();

/** POST /containers/{id}/exec */
export const ExecCreateBodySchema = z.object({
  AttachStdin: z.boolean().default(false),
  AttachStdout: z.boolean().default(false),
  AttachStderr: z.boolean().default(false),
  DetachKeys: z.string().optional(),
  Tty: z.boolean().default(false),
  ConsoleSize: consoleSize,
  Env: z.array(z.string()).nullish(),
  Privileged: z.boolean().default(false),
  User: z.string().default(''),
  WorkingDir: z.string().default(''),
  Cmd: z.array(z.string()).min(1, 'No exec command specified'),
});
export type ExecCreateBody = z.input<typeof ExecCreateBodySchema>;

export const IdResponseSchema = z.object({ Id: z.string() }).loose();

/** POST /exec/{id}/start; some clients send no body at all. */
export const ExecStartBodySchema = z
  .object({ Detach: z.boolean().default(false), Tty: z.boolean().default(false), ConsoleSize: consoleSize })
  .default({ Detach: false, Tty: false });
export type ExecStartBody = z.input<typeof ExecStartBodySchema>;

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
