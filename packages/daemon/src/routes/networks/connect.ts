// POST /networks/{id}/connect and /disconnect: a container joins or leaves a network, at once
// when it is running (an interface is added to or removed from its namespace).
import type { FastifyInstance } from 'fastify';
import { NetworkConnectBodySchema, NetworkDisconnectBodySchema } from '@skiff/engine-api';
import { z } from 'zod';
import { notFound, permissionDenied } from '@skiff/errors';
import type { ApiDeps } from '../../http/deps';
import { parse } from '../../http/query';
import { newEndpoint } from '../../network/service';
import { networking } from './common';

const ParamsSchema = z.object({ id: z.string() });

export function networkConnectRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/networks/:id/connect', async (request, reply) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const body = parse(NetworkConnectBodySchema, request.body, 'body');
    const network = networking(deps);
    const n = network.find(id);
    if (n.kind === 'builtin') throw permissionDenied('container cannot be disconnected from host network or connected to host network');
    const def = n.def;
    const requested = newEndpoint(def, body.EndpointConfig ?? null);
    const record = await deps.containers.updateRecord(body.Container, async (r, running) => {
      const mode = r.HostConfig.NetworkMode;
      if (mode === 'host' || mode === 'none' || mode.startsWith('container:')) throw permissionDenied('container sharing network namespace with another container or host cannot be connected to any other network');
      if (def.Name in r.Networks) throw permissionDenied(`endpoint with name ${r.Name} already exists in network ${def.Name}`);
      let endpoint = requested;
      if (running) endpoint = await network.connectRunning(r, def.Name, endpoint, deps.containers.all());
      return { ...r, Networks: { ...r.Networks, [def.Name]: endpoint } };
    });
    network.syncFiles(deps.containers.all(), record);
    deps.events.publish('network', 'connect', def.Id, { container: record.Id, name: def.Name, type: def.Driver });
    return reply.code(200).send();
  });

  app.post('/networks/:id/disconnect', async (request, reply) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const body = parse(NetworkDisconnectBodySchema, request.body, 'body');
    const network = networking(deps);
    const n = network.find(id);
    if (n.kind === 'builtin') throw permissionDenied('container cannot be disconnected from host network or connected to host network');
    const def = n.def;
    const record = await deps.containers.updateRecord(body.Container, async (r, running) => {
      const endpoint = r.Networks[def.Name];
      if (!endpoint) throw notFound(`container ${r.Id} is not connected to network ${def.Name}`);
      if (running) await network.disconnectRunning(r, endpoint);
      const rest = { ...r.Networks };
      delete rest[def.Name];
      return { ...r, Networks: rest };
    });
    network.syncFiles(deps.containers.all(), record);
    deps.events.publish('network', 'disconnect', def.Id, { container: record.Id, name: def.Name, type: def.Driver });
    return reply.code(200).send();
  });
}
