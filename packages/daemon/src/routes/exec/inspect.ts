// GET /exec/{id}/json and POST /exec/{id}/resize.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDeps } from '../../http/deps';
import { parse, queryInt } from '../../http/query';

const ParamsSchema = z.object({ id: z.string() });
const ResizeSchema = z.object({ h: queryInt, w: queryInt });

export function execInspectRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/exec/:id/json', async (request) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    return deps.execs.inspect(id);
  });

  app.post('/exec/:id/resize', async (request, reply) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const q = parse(ResizeSchema, request.query, 'query');
    await deps.execs.resize(id, q.h ?? 0, q.w ?? 0);
    return reply.code(200).send();
  });
}
