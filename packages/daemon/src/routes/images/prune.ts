// POST /images/prune: images no container uses; only untagged ones unless dangling=false.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDeps } from '../../http/deps';
import { parseFilters } from '../../http/filters';
import { parse } from '../../http/query';

const QuerySchema = z.object({ filters: z.string().optional() });

export function imagePruneRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/images/prune', async (request) => {
    const q = parse(QuerySchema, request.query, 'query');
    const dangling = parseFilters(q.filters, new Set(['dangling']))
      .get('dangling')?.[0];
    return deps.images.prune(dangling === undefined || dangling === 'true' || dangling === '1');
  });
}
