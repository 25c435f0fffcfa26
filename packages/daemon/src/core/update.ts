// POST /containers/{id}/update: Docker's resource fields turned into the OCI "linux.resources"
// that Tasks.Update hands to the runtime (the cgroup of the running task).
import type { ContainerUpdateBodySchema } from '@skiff/engine-api';
import type { z } from 'zod';
import type { LinuxResources } from '@skiff/oci-spec';
import { cpuResources } from './hostconfig';
import { checkRestartPolicy, type RestartPolicy } from './restart-policy';

export type UpdateBody = z.infer<typeof ContainerUpdateBodySchema>;

/** Zero means "unchanged" in Docker's update, so only non-zero fields become limits. */
export function toLinuxResources(body: UpdateBody): LinuxResources {
  const memory: NonNullable<LinuxResources['memory']> = {};
  if (body.Memory) memory.limit = body.Memory;
  if (body.MemoryReservation) memory.reservation = body.MemoryReservation;
  if (body.MemorySwap) memory.swap = body.MemorySwap;
  const cpu = cpuResources(body);
  const resources: LinuxResources = {};
  if (Object.keys(memory).length) resources.memory = memory;
  if (Object.keys(cpu).length) resources.cpu = cpu;
  // Docker: a negative limit lifts it (-1 to the kernel), zero leaves it.
  if (body.PidsLimit) resources.pids = { limit: body.PidsLimit < 0 ? -1 : body.PidsLimit };
  return resources;
}

/** The HostConfig fields an update changes (the non-zero ones), kept for inspect and later starts. */
export function updatedHostConfig(body: UpdateBody): Partial<UpdateBody> & { RestartPolicy?: RestartPolicy } {
  const out: Partial<UpdateBody> & { RestartPolicy?: RestartPolicy } = {};
  // An empty policy name leaves the policy as it is (Docker's update).
  if (body.RestartPolicy?.Name) {
    checkRestartPolicy(body.RestartPolicy, false);
    out.RestartPolicy = body.RestartPolicy;
  }
  for (const key of ['Memory', 'MemoryReservation', 'MemorySwap', 'NanoCpus', 'CpuShares', 'CpuPeriod', 'CpuQuota', 'CpusetCpus', 'CpusetMems', 'PidsLimit'] as const) {
    if (body[key]) (out as Record<string, unknown>)[key] = body[key];
  }
  return out;
}
