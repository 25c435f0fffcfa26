// GET /volumes: the local volumes, filtered by name, label, dangling and driver.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDeps } from '../../http/deps';
import { parseFilters } from '../../http/filters';
import { parse } from '../../http/query';
import { filterVolumes } from '../../volumes/filters';

const QuerySchema = z.object({ filters: z.string().optional() });
const FILTERS = new Set(['name', 'label', 'dangling', 'driver']);

export function volumeListRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/volumes', async (request) => {
    const q = parse(QuerySchema, request.query, 'query');
    return { Volumes: filterVolumes(deps.containers.volumes, parseFilters(q.filters, FILTERS)), Warnings: null };
  });
}
