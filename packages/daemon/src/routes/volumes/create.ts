// POST /volumes/create: a local volume (a generated 64-hex name when none is given).
import type { FastifyInstance } from 'fastify';
import { VolumeCreateBodySchema } from '@skiff/engine-api';
import type { ApiDeps } from '../../http/deps';
import { parse } from '../../http/query';

export function volumeCreateRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/volumes/create', async (request, reply) => {
    const body = parse(VolumeCreateBodySchema, request.body, 'body');
    const { volume, created } = deps.containers.volumes.create(body);
    if (created) deps.events.publish('volume', 'create', volume.Name, { driver: volume.Driver });
    return reply.code(201).send(volume);
  });
}
