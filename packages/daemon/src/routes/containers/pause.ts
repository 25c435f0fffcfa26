// POST /containers/{id}/pause and /unpause: the cgroup freezer, through the task.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDeps } from '../../http/deps';
import { parse } from '../../http/query';

const ParamsSchema = z.object({ id: z.string() });

export function pauseRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/containers/:id/pause', async (request, reply) => {
    await deps.containers.pause(parse(ParamsSchema, request.params, 'path').id);
    return reply.code(204).send();
  });
  app.post('/containers/:id/unpause', async (request, reply) => {
    await deps.containers.unpause(parse(ParamsSchema, request.params, 'path').id);
    return reply.code(204).send();
  });
}
