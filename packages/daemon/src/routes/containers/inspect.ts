import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDeps } from '../../http/deps';
import { parse, queryBool } from '../../http/query';
import { inspect } from './views';

const ParamsSchema = z.object({ id: z.string() });
const QuerySchema = z.object({ size: queryBool });

export function inspectRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/containers/:id/json', async (request) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    parse(QuerySchema, request.query, 'query');
    const record = deps.containers.get(id);
    const running = record.State.Status === 'running' || record.State.Status === 'paused';
    const netns = running ? deps.containers.network?.specNetns(record, (ref) => deps.containers.get(ref)) : undefined;
    const files = deps.containers.network?.filesInUse(record, (ref) => deps.containers.get(ref));
    return inspect(record, deps.execs.idsOf(record.Id), netns ?? '', files);
  });
}
