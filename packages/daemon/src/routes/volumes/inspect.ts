// GET /volumes/{name}.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDeps } from '../../http/deps';
import { parse } from '../../http/query';

const ParamsSchema = z.object({ name: z.string() });

export function volumeInspectRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/volumes/:name', async (request) => {
    const { name } = parse(ParamsSchema, request.params, 'path');
    return deps.containers.volumes.get(name);
  });
}
