// POST /networks/create: a user-defined bridge network.
import type { FastifyInstance } from 'fastify';
import { NetworkCreateBodySchema } from '@skiff/engine-api';
import { invalidArgument } from '@skiff/errors';
import type { ApiDeps } from '../../http/deps';
import { parse } from '../../http/query';
import { networking } from './common';

export function networkCreateRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/networks/create', async (request, reply) => {
    const body = parse(NetworkCreateBodySchema, request.body, 'body');
    if (body.Name === '') throw invalidArgument('network name cannot be empty');
    if (body.EnableIPv6) throw invalidArgument('IPv6 networks are not supported by skiffd');
    const config = body.IPAM?.Config ?? [];
    if (config.length > 1) throw invalidArgument('skiffd networks have one IPv4 subnet');
    const def = await networking(deps).create({
      Name: body.Name,
      Driver: body.Driver,
      Internal: body.Internal,
      Attachable: body.Attachable,
      Labels: body.Labels ?? {},
      Options: body.Options ?? {},
      Subnet: config[0]?.Subnet,
      Gateway: config[0]?.Gateway,
      IPRange: config[0]?.IPRange,
      AuxAddresses: config[0]?.AuxiliaryAddresses ?? undefined,
    });
    deps.events.publish('network', 'create', def.Id, { name: def.Name, type: def.Driver });
    return reply.code(201).send({ Id: def.Id, Warning: '' });
  });
}
