import { z } from 'zod';

/** One entry of GET /images/json */
export const ImageSummarySchema = z
  .object({
    Id: z.string(),
    ParentId: z.string().optional(),
    RepoTags: z.array(z.string()).nullish(),
    RepoDigests: z.array(z.string()).nullish(),
    Created: z.number(),
    Size: z.number(),
    /** Bytes of its layers other images have too; -1 when the daemon did not compute it. */
    SharedSize: z.number().optional(),
    Labels: z.record(z.string(), z.string()).nullish(),
    Containers: z.number().optional(),
  })
  .loose();
export type ImageSummary = z.infer<typeof ImageSummarySchema>;
