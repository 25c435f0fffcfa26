import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDeps } from '../../http/deps';
import { parse } from '../../http/query';

const ParamsSchema = z.object({ id: z.string() });
const QuerySchema = z.object({ signal: z.string().optional() });

export function killRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/containers/:id/kill', async (request, reply) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const q = parse(QuerySchema, request.query, 'query');
    await deps.containers.kill(id, q.signal || undefined);
    return reply.code(204).send();
  });
}
