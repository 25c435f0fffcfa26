// POST /containers/prune (`docker container prune`): removes every container that is not running
// (created, exited, dead), narrowed by the `until` and `label`/`label!` filters as dockerd does.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invalidArgument } from '@skiff/errors';
import type { ContainerRecord } from '../../store/record';
import type { ApiDeps } from '../../http/deps';
import { parseFilters } from '../../http/filters';
import { parse } from '../../http/query';

const QuerySchema = z.object({ filters: z.string().optional() });
const FILTERS = new Set(['until', 'label', 'label!']);
const GO_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1e3, m: 60e3, h: 3600e3 };

/** A Docker `until`: a Go duration before now ("10m", "1h30m"), a Unix time, or a date. */
export function untilCutoff(value: string, now = Date.now()): number {
  if (/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(value)) {
    let ms = 0;
    for (const [, n, unit] of value.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) ms += Number(n) * GO_UNITS[unit!]!;
    return now - ms;
  }
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw invalidArgument(`failed to parse value "${value}" as a duration or timestamp`);
  return t;
}

/** Docker's label filter: "key" wants the label present, "key=value" that value. */
function hasLabel(record: ContainerRecord, filter: string): boolean {
  const eq = filter.indexOf('=');
  const labels = record.Config.Labels;
  return eq < 0 ? filter in labels : labels[filter.slice(0, eq)] === filter.slice(eq + 1);
}

export function containerPruneRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/containers/prune', async (request) => {
    const q = parse(QuerySchema, request.query, 'query');
    const filters = parseFilters(q.filters, FILTERS);
    const cutoffs = (filters.get('until') ?? []).map((u) => untilCutoff(u));
    const candidates = deps.containers.all().filter(
      (r) =>
        ['created', 'exited', 'dead'].includes(r.State.Status) &&
        cutoffs.every((c) => Date.parse(r.Created) < c) &&
        (filters.get('label') ?? []).every((l) => hasLabel(r, l)) &&
        (filters.get('label!') ?? []).every((l) => !hasLabel(r, l)),
    );
    const deleted: string[] = [];
    for (const r of candidates) {
      try {
        await deps.containers.remove(r.Id, { force: false });
        deleted.push(r.Id);
      } catch (err) {
        // One container that cannot go (started meanwhile, removal failed) does not stop the prune.
        request.log.warn({ err, container: r.Id }, 'prune: container not removed');
      }
    }
    deps.events.publish('container', 'prune', '', { reclaimed: '0' });
    return { ContainersDeleted: deleted.length > 0 ? deleted : null, SpaceReclaimed: 0 };
  });
}
