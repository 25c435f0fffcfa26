import { z } from 'zod';

/** One line of POST /images/create (pull, import), /images/{name}/push or /images/load. */
export const ProgressMessageSchema = z
  .object({
    id: z.string().optional(),
    stream: z.string().optional(),
    status: z.string().optional(),
    progress: z.string().optional(),
    progressDetail: z.object({ current: z.number().optional(), total: z.number().optional() }).loose().optional(),
    error: z.string().optional(),
    errorDetail: z.object({ message: z.string().optional(), code: z.number().optional() }).loose().optional(),
  })
  .loose();
export type ProgressMessage = z.infer<typeof ProgressMessageSchema>;

/** One line of GET /events */
export const EventMessageSchema = z
  .object({
    Type: z.string(),
    Action: z.string(),
    Actor: z.object({ ID: z.string(), Attributes: z.record(z.string(), z.string()).optional() }).loose(),
    scope: z.string().optional(),
    time: z.number(),
    /** A client that keeps every digit reads it as a decimal string (beyond a double's precision). */
    timeNano: z.union([z.number(), z.string()]).optional(),
  })
  .loose();
export type EventMessage = z.infer<typeof EventMessageSchema>;
