// POST /volumes/create: a local volume (a generated 64-hex name when none is given).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDeps } from '../../http/deps';
import { parse } from '../../http/query';

const BodySchema = z.looseObject({
  Name: z.string().optional(),
  Driver: z.string().optional(),
  DriverOpts: z.record(z.string(), z.string()).nullish(),
  Labels: z.record(z.string(), z.string()).nullish(),
});

export function volumeCreateRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/volumes/create', async (request, reply) => {
    const body = parse(BodySchema, request.body, 'body');
    const { volume, created } = deps.containers.volumes.create(body);
    if (created) deps.events.publish('volume', 'create', volume.Name, { driver: volume.Driver });
    return reply.code(201).send(volume);
  });
}
