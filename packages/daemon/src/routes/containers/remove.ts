import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDeps } from '../../http/deps';
import { parse, queryBool } from '../../http/query';

const ParamsSchema = z.object({ id: z.string() });
// v: the container's anonymous volumes go with it.
const QuerySchema = z.object({ force: queryBool, v: queryBool, link: queryBool });

export function removeRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.delete('/containers/:id', async (request, reply) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const q = parse(QuerySchema, request.query, 'query');
    await deps.containers.remove(id, { force: q.force, volumes: q.v });
    return reply.code(204).send();
  });
}
