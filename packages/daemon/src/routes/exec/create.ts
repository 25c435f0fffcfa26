// POST /containers/{id}/exec: a new exec instance in a running container.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ExecCreateBodySchema } from '@skiff/engine-api';
import type { ApiDeps } from '../../http/deps';
import { parse } from '../../http/query';

const ParamsSchema = z.object({ id: z.string() });

export function execCreateRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/containers/:id/exec', async (request, reply) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const body = parse(ExecCreateBodySchema, request.body, 'body');
    return reply.code(201).send({ Id: deps.execs.create(id, body) });
  });
}
