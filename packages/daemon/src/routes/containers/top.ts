// GET /containers/{id}/top?ps_args=: the container's processes as the host's ps shows them.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { conflict } from '@skiff/errors';
import { top } from '../../core/top';
import type { ApiDeps } from '../../http/deps';
import { parse } from '../../http/query';

const ParamsSchema = z.object({ id: z.string() });
const QuerySchema = z.object({ ps_args: z.string().optional() });

export function topRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/containers/:id/top', async (request) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const q = parse(QuerySchema, request.query, 'query');
    const record = deps.containers.get(id);
    if (!deps.containers.running(record.Id)) throw conflict(`Container ${record.Id} is not running`);
    return top(await deps.containers.pids(record.Id), q.ps_args ?? '');
  });
}
