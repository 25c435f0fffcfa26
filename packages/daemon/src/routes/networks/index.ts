// The /networks routes, registered together.
import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../../http/deps';
import { networkConnectRoutes } from './connect';
import { networkCreateRoutes } from './create';
import { networkListRoutes } from './list';
import { networkRemoveRoutes } from './remove';

export function networkRoutes(app: FastifyInstance, deps: ApiDeps): void {
  for (const routes of [networkListRoutes, networkCreateRoutes, networkRemoveRoutes, networkConnectRoutes]) routes(app, deps);
}
