import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ContainerCreateBodySchema } from '@skiff/engine-api';
import type { ApiDeps } from '../../http/deps';
import { parse } from '../../http/query';

const QuerySchema = z.object({ name: z.string().optional(), platform: z.string().optional() });

export function createRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/containers/create', async (request, reply) => {
    const query = parse(QuerySchema, request.query, 'query');
    const body = parse(ContainerCreateBodySchema, request.body, 'body');
    const created = await deps.containers.create(body, query.name, query.platform);
    return reply.code(201).send(created);
  });
}
