// POST /volumes/prune: unused volumes; from API 1.42 on only anonymous ones unless all=true.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { compareVersions, requestVersion } from '../../http/api-version';
import type { ApiDeps } from '../../http/deps';
import { parseFilters } from '../../http/filters';
import { parse } from '../../http/query';
import { pruneVolumes } from '../../volumes/filters';

const QuerySchema = z.object({ filters: z.string().optional() });
const FILTERS = new Set(['label', 'label!', 'all']);

export function volumePruneRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/volumes/prune', async (request) => {
    const q = parse(QuerySchema, request.query, 'query');
    const anonymousOnly = compareVersions(requestVersion(request.raw), '1.42') >= 0;
    const result = pruneVolumes(deps.containers.volumes, parseFilters(q.filters, FILTERS), anonymousOnly);
    for (const name of result.VolumesDeleted) deps.events.publish('volume', 'destroy', name, { driver: 'local' });
    deps.events.publish('volume', 'prune', '', { reclaimed: String(result.SpaceReclaimed) });
    return result;
  });
}
