// POST /containers/{id}/restart: stop with the stop options (t, signal), then start.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDeps } from '../../http/deps';
import { parse, queryInt } from '../../http/query';

const ParamsSchema = z.object({ id: z.string() });
const QuerySchema = z.object({ t: queryInt, signal: z.string().optional() });

export function restartRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/containers/:id/restart', async (request, reply) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const q = parse(QuerySchema, request.query, 'query');
    await deps.containers.restart(id, { ...(q.t !== undefined ? { timeout: q.t } : {}), ...(q.signal ? { signal: q.signal } : {}) });
    return reply.code(204).send();
  });
}
