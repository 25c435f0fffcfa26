// GET /networks and /networks/{id}: the built-in networks (host, none, bridge) and the
// user-defined ones, with the running containers attached to each.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDeps } from '../../http/deps';
import { parseFilters } from '../../http/filters';
import { parse } from '../../http/query';
import { networkMatches, networkView } from '../../network/views';
import { builtinRefs, findNetwork } from '../../network/service';

const QuerySchema = z.object({ filters: z.string().optional() });
const ParamsSchema = z.object({ id: z.string() });
export const NETWORK_FILTERS = new Set(['name', 'id', 'label', 'driver', 'type', 'scope', 'dangling']);

export function networkListRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/networks', async (request) => {
    const q = parse(QuerySchema, request.query, 'query');
    const filters = parseFilters(q.filters, NETWORK_FILTERS);
    const records = deps.containers.all();
    // The list has no Containers (Docker fills them only on inspect).
    // Without bridge networking (route tests) only the built-ins exist.
    return (deps.containers.network?.list() ?? builtinRefs())
      .map((n) => ({ ...networkView(n, records), Containers: {} }))
      .filter((v) => networkMatches(v, filters));
  });
  app.get('/networks/:id', async (request) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    return networkView(findNetwork(deps.containers.network?.list() ?? builtinRefs(), id), deps.containers.all());
  });
}
