// GET /volumes: skiffd has no volumes yet (named and anonymous volumes come with the networks
// and volumes work); clients that list them get Docker's empty answer rather than a 404.
import type { FastifyInstance } from 'fastify';

export function volumeRoutes(app: FastifyInstance): void {
  app.get('/volumes', async () => ({ Volumes: [], Warnings: null }));
}
