// POST /containers/{id}/wait: the headers go out at once, the body when the condition is met.
// Clients send the wait before the start and block on the response headers, so the waiter must
// be registered before those headers are flushed, or a fast container's exit could be missed.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDeps } from '../../http/deps';
import { engineHeaders } from '../../http/headers';
import { parse } from '../../http/query';

const ParamsSchema = z.object({ id: z.string() });
const QuerySchema = z.object({ condition: z.enum(['not-running', 'next-exit', 'removed', '']).optional() });

export function waitRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/containers/:id/wait', async (request, reply) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const q = parse(QuerySchema, request.query, 'query');
    const gone = new AbortController();
    const exitCode = deps.containers.wait(id, q.condition || 'not-running', gone.signal);
    reply.hijack();
    const res = reply.raw;
    res.on('close', () => gone.abort());
    res.writeHead(200, { ...engineHeaders(), 'Content-Type': 'application/json' });
    res.flushHeaders();
    const code = await exitCode;
    res.end(`${JSON.stringify({ StatusCode: code, Error: null })}\n`);
  });
}
