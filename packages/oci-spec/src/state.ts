import { z } from 'zod';
import { issuesError, parseWith } from './issues';
import { AnnotationsSchema } from './runtime-config';

/** The spec's four statuses plus "paused", which runc reports for a frozen cgroup. */
export const containerStatuses = ['creating', 'created', 'running', 'stopped', 'paused'] as const;

export const ContainerStatusSchema = z.enum(containerStatuses);

/**
 * What `state` prints: the spec's fields, then the ones runc adds (rootfs, created, owner), which
 * other runtimes may leave out.
 */
export const ContainerStateSchema = z
  .looseObject({
    ociVersion: z.string(),
    id: z.string().min(1, 'must not be empty'),
    status: ContainerStatusSchema,
    pid: z.int().min(0).optional(),
    bundle: z.string(),
    annotations: AnnotationsSchema.optional(),
    rootfs: z.string().optional(),
    // Go's RFC 3339 output: nanosecond fractions and a local offset both occur.
    created: z.iso.datetime({ offset: true }).optional(),
    owner: z.string().optional(),
  })
  .superRefine((state, ctx) => {
    // The spec requires the pid on Linux once the init process exists and has not exited.
    if ((state.status === 'created' || state.status === 'running') && state.pid === undefined) {
      ctx.addIssue({ code: 'custom', path: ['pid'], message: `required when status is "${state.status}"` });
    }
  });

export type ContainerStatus = z.infer<typeof ContainerStatusSchema>;
export type ContainerState = z.infer<typeof ContainerStateSchema>;

/** A state document checked against the schema, or InvalidArgument naming each bad field. */
export function validateContainerState(value: unknown, source = 'state'): ContainerState {
  const parsed = parseWith(ContainerStateSchema, value);
  if (!parsed.ok) throw issuesError(source, parsed.issues);
  return parsed.value;
}
