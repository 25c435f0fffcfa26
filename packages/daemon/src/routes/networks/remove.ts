// DELETE /networks/{id} and POST /networks/prune.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDeps } from '../../http/deps';
import { parseFilters } from '../../http/filters';
import { parse } from '../../http/query';
import { networkMatches, networkView } from '../../network/views';
import { networking } from './common';

const ParamsSchema = z.object({ id: z.string() });
const QuerySchema = z.object({ filters: z.string().optional() });
const PRUNE_FILTERS = new Set(['label', 'until']);

export function networkRemoveRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.delete('/networks/:id', async (request, reply) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const def = await networking(deps).remove(id, deps.containers.all());
    deps.events.publish('network', 'destroy', def.Id, { name: def.Name, type: def.Driver });
    return reply.code(204).send();
  });

  // Unused user-defined networks: no container (in any state) attached.
  app.post('/networks/prune', async (request) => {
    const q = parse(QuerySchema, request.query, 'query');
    const filters = parseFilters(q.filters, PRUNE_FILTERS);
    const until = filters.get('until')?.[0];
    const records = deps.containers.all();
    const network = networking(deps);
    const deleted: string[] = [];
    for (const n of network.list()) {
      if (n.kind !== 'bridge' || n.def.Name === 'bridge') continue;
      if (records.some((r) => Object.values(r.Networks).some((e) => e.NetworkID === n.def.Id))) continue;
      if (!networkMatches(networkView(n, records), new Map([...filters].filter(([k]) => k === 'label')))) continue;
      if (until && Date.parse(n.def.Created) >= untilTime(until)) continue;
      await network.remove(n.def.Id, records);
      deps.events.publish('network', 'destroy', n.def.Id, { name: n.def.Name, type: n.def.Driver });
      deleted.push(n.def.Name);
    }
    return { NetworksDeleted: deleted };
  });
}

/** A timestamp (seconds) or a Go-style duration ago ("24h", "10m"). */
function untilTime(value: string): number {
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const m = /^(\d+)(s|m|h)$/.exec(value);
  if (m) return Date.now() - Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 's' | 'm' | 'h'];
  return Date.parse(value);
}
