// POST /containers/{id}/rename?name=: Docker's name rules and conflicts.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDeps } from '../../http/deps';
import { parse } from '../../http/query';

const ParamsSchema = z.object({ id: z.string() });
const QuerySchema = z.object({ name: z.string().min(1, 'name is required') });

export function renameRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/containers/:id/rename', async (request, reply) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    deps.containers.rename(id, parse(QuerySchema, request.query, 'query').name);
    return reply.code(204).send();
  });
}
