import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDeps } from '../../http/deps';
import { parse } from '../../http/query';

const ParamsSchema = z.object({ id: z.string() });
const dimension = z.string().regex(/^\d+$/).transform(Number);
const QuerySchema = z.object({ h: dimension, w: dimension });

export function resizeRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/containers/:id/resize', async (request, reply) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const q = parse(QuerySchema, request.query, 'query');
    await deps.containers.resize(id, q.w, q.h);
    return reply.code(200).send();
  });
}
