// GET /containers/{id}/changes (`docker diff`): the paths the container added, changed and
// deleted, from its snapshot's upper dir (core/archive-changes.ts).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDeps } from '../../http/deps';
import { parse } from '../../http/query';

const ParamsSchema = z.object({ id: z.string() });

export function changesRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/containers/:id/changes', async (request) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    return deps.containers.changes(id);
  });
}
