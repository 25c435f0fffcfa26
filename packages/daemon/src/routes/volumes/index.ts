// The /volumes routes, registered together.
import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../../http/deps';
import { volumeCreateRoutes } from './create';
import { volumeInspectRoutes } from './inspect';
import { volumeListRoutes } from './list';
import { volumePruneRoutes } from './prune';
import { volumeRemoveRoutes } from './remove';

export function volumeRoutes(app: FastifyInstance, deps: ApiDeps): void {
  for (const routes of [volumeListRoutes, volumeCreateRoutes, volumePruneRoutes, volumeInspectRoutes, volumeRemoveRoutes]) routes(app, deps);
}
