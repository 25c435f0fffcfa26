// GET and HEAD /_ping: clients negotiate the API version from these headers before anything
// else, so they must be the same on every URL form and method.
import type { FastifyInstance, FastifyReply } from 'fastify';

const PING_HEADERS = { 'Cache-Control': 'no-cache, no-store, must-revalidate', Pragma: 'no-cache' };

export function pingRoutes(app: FastifyInstance): void {
  app.get('/_ping', { exposeHeadRoute: false }, async (_req, reply: FastifyReply) => {
    void reply.headers(PING_HEADERS).type('text/plain; charset=utf-8');
    return 'OK';
  });
  app.head('/_ping', async (_req, reply: FastifyReply) => {
    void reply.headers({ ...PING_HEADERS, 'Content-Length': '0' }).type('text/plain; charset=utf-8');
    return '';
  });
}
