// GET /containers/json: `docker ps`, with all, limit and the basic filters (status, name, id,
// label).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invalidArgument } from '@skiff/errors';
import type { ApiDeps } from '../../http/deps';
import { parseFilters } from '../../http/filters';
import { parse, queryBool, queryInt } from '../../http/query';
import type { ContainerRecord } from '../../store/record';
import { STATUSES } from '../../store/record';
import { summary } from './views';
import { HEALTH_STATUSES } from '../../core/health-config';

const QuerySchema = z.object({
  all: queryBool,
  limit: queryInt,
  size: queryBool,
  filters: z.string().optional(),
});

const SUPPORTED = new Set(['status', 'name', 'id', 'label', 'health']);

function containerFilters(text: string | undefined): Map<string, string[]> {
  const out = parseFilters(text, SUPPORTED);
  for (const s of out.get('status') ?? []) {
    if (!(STATUSES as readonly string[]).includes(s)) throw invalidArgument(`invalid filter 'status=${s}'`);
  }
  for (const h of out.get('health') ?? []) {
    if (![...HEALTH_STATUSES, 'none'].includes(h)) throw invalidArgument(`Unrecognized filter value for health: ${h}`);
  }
  return out;
}

/** Docker matches names as regular expressions; one that does not compile matches as text. */
function nameMatcher(pattern: string): (name: string) => boolean {
  try {
    const re = new RegExp(pattern);
    return (name) => re.test(name);
  } catch {
    return (name) => name.includes(pattern);
  }
}

/**
 * Each key must match any of its values, except labels, which must all match (dockerd's rule:
 * docker-compose relies on it to tell one-off containers from service ones). Docker's name and
 * id filters are substring/prefix matches.
 */
function matches(r: ContainerRecord, filters: Map<string, string[]>): boolean {
  for (const [key, values] of filters) {
    if (values.length === 0) continue;
    const test = (v: string): boolean => {
      switch (key) {
        case 'status':
          return r.State.Status === v;
        case 'name':
          return nameMatcher(v)(`/${r.Name}`);
        case 'id':
          return r.Id.startsWith(v);
        case 'health':
          return (r.State.Health?.Status ?? 'none') === v;
        default: {
          const eq = v.indexOf('=');
          return eq < 0 ? v in r.Config.Labels : r.Config.Labels[v.slice(0, eq)] === v.slice(eq + 1);
        }
      }
    };
    if (!(key === 'label' ? values.every(test) : values.some(test))) return false;
  }
  return true;
}

export function listRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/containers/json', async (request) => {
    const q = parse(QuerySchema, request.query, 'query');
    const filters = containerFilters(q.filters);
    const limit = q.limit !== undefined && q.limit > 0 ? q.limit : undefined;
    // As in dockerd: a status filter or a limit lists stopped containers too.
    const all = q.all || limit !== undefined || filters.has('status');
    let list = deps.containers
      .all()
      .filter((r) => all || r.State.Status === 'running' || r.State.Status === 'paused' || r.State.Status === 'restarting')
      .filter((r) => matches(r, filters))
      .sort((a, b) => b.Created.localeCompare(a.Created));
    if (limit !== undefined) list = list.slice(0, limit);
    return list.map(summary);
  });
}
