// `docker save` of several images (GET /images/get?names=...) and `docker load` (POST /images/load
// with the tar as the body). Saving one image by path is in by-name.ts.
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invalidArgument } from '@skiff/errors';
import type { JsonMessage } from '../../core/image-service';
import type { ApiDeps } from '../../http/deps';
import { jsonMessageStream } from '../../http/json-stream';
import { parse, queryBool } from '../../http/query';

const SaveQuerySchema = z.object({ names: z.union([z.string(), z.array(z.string())]).optional(), platform: z.string().optional() });
const LoadQuerySchema = z.object({ quiet: queryBool, platform: z.string().optional() });

export function imageArchiveRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/images/get', async (request, reply) => {
    const q = parse(SaveQuerySchema, request.query, 'query');
    const names = q.names === undefined ? [] : Array.isArray(q.names) ? q.names : [q.names];
    if (names.length === 0) throw invalidArgument('name at least one image to save');
    return reply.type('application/x-tar').send(await deps.images.save(names));
  });

  app.post('/images/load', { config: { rawBody: true } }, async (request, reply) => {
    const q = parse(LoadQuerySchema, request.query, 'query');
    const body = request.body as Readable;
    // Quiet: only the "Loaded image" lines, as dockerd does for `docker load -q`.
    const stream = await jsonMessageStream((emit) => deps.images.load(body, (m: JsonMessage) => (!q.quiet || m.stream ? emit(m) : undefined)));
    return reply.type('application/json').send(stream);
  });
}
