import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDeps } from '../../http/deps';
import { parse } from '../../http/query';

const ParamsSchema = z.object({ id: z.string() });
const QuerySchema = z.object({ detachKeys: z.string().optional() });

export function startRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/containers/:id/start', async (request, reply) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    parse(QuerySchema, request.query, 'query');
    await deps.containers.start(id);
    return reply.code(204).send();
  });
}
