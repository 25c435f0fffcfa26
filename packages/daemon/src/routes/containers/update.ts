// POST /containers/{id}/update: `docker update`'s memory, CPU and pids limits on the running task.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ContainerUpdateBodySchema } from '@skiff/engine-api';
import { toLinuxResources, updatedHostConfig } from '../../core/update';
import type { ApiDeps } from '../../http/deps';
import { parse } from '../../http/query';

const ParamsSchema = z.object({ id: z.string() });

export function updateRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/containers/:id/update', async (request) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const body = parse(ContainerUpdateBodySchema, request.body, 'body');
    await deps.containers.update(id, toLinuxResources(body), updatedHostConfig(body));
    return { Warnings: [] };
  });
}
