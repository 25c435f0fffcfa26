// GET /networks and /networks/{id}: the networks skiffd has today, which are the two that need no
// network set-up: `host` (the host's namespace) and `none` (a namespace with only loopback, which
// is also what `default`/`bridge` containers get until bridge networking lands). Listing a
// `bridge` network would promise connectivity containers do not have.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '@skiff/errors';
import type { ApiDeps } from '../../http/deps';
import { parse } from '../../http/query';

const NETWORKS = [
  { name: 'host', driver: 'host' },
  { name: 'none', driver: 'null' },
] as const;

/** Stable ids, so a network is the same object across requests and restarts. */
const networkId = (name: string) => createHash('sha256').update(`skiffd network ${name}`).digest('hex');

function network(n: (typeof NETWORKS)[number], created: string): object {
  return {
    Name: n.name,
    Id: networkId(n.name),
    Created: created,
    Scope: 'local',
    Driver: n.driver,
    EnableIPv6: false,
    IPAM: { Driver: 'default', Options: null, Config: [] },
    Internal: false,
    Attachable: false,
    Ingress: false,
    ConfigFrom: { Network: '' },
    ConfigOnly: false,
    Containers: {},
    Options: {},
    Labels: {},
  };
}

const ParamsSchema = z.object({ id: z.string() });

/** They exist since the engine does: the time its id was made under the data root. */
function engineCreated(dataRoot: string): string {
  try {
    return fs.statSync(path.join(dataRoot, 'engine-id')).mtime.toISOString();
  } catch {
    return new Date(0).toISOString();
  }
}

export function networkRoutes(app: FastifyInstance, deps: ApiDeps): void {
  const created = engineCreated(deps.dataRoot);
  app.get('/networks', async () => NETWORKS.map((n) => network(n, created)));
  app.get('/networks/:id', async (request) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const found = NETWORKS.find((n) => n.name === id || (id.length >= 1 && networkId(n.name).startsWith(id)));
    if (!found) throw notFound(`network ${id} not found`);
    return network(found, created);
  });
}
