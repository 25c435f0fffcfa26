// DELETE /volumes/{name}: refused (409) while any container uses the volume, even with force.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDeps } from '../../http/deps';
import { parse, queryBool } from '../../http/query';

const ParamsSchema = z.object({ name: z.string() });
const QuerySchema = z.object({ force: queryBool });

export function volumeRemoveRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.delete('/volumes/:name', async (request, reply) => {
    const { name } = parse(ParamsSchema, request.params, 'path');
    const q = parse(QuerySchema, request.query, 'query');
    const existed = deps.containers.volumes.has(name);
    deps.containers.volumes.remove(name, { force: q.force });
    if (existed) deps.events.publish('volume', 'destroy', name, { driver: 'local' });
    return reply.code(204).send();
  });
}
