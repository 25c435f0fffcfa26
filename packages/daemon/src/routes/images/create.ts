// POST /images/create: `docker pull` (fromImage, tag, X-Registry-Auth) and `docker import`
// (fromSrc=- with the tarball as the body, repo, tag, changes, message). Both answer with
// Docker's stream of JSON messages.
import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invalidArgument, notImplemented } from '@skiff/errors';
import type { ApiDeps } from '../../http/deps';
import { jsonMessageStream } from '../../http/json-stream';
import { parse } from '../../http/query';
import { parseRegistryAuth } from '../../http/registry-auth';
import { parsePlatform } from '../../core/platform';

const stringList = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));

const QuerySchema = z.object({
  fromImage: z.string().optional(),
  fromSrc: z.string().optional(),
  repo: z.string().optional(),
  tag: z.string().optional(),
  message: z.string().optional(),
  platform: z.string().optional(),
  changes: stringList.optional(),
});

/** fromImage with tag as the CLI sends them: "busybox" + "latest", or a digest as the tag. */
export function pullReference(fromImage: string, tag: string | undefined): string {
  if (!tag) return fromImage;
  return tag.startsWith('sha256:') ? `${fromImage}@${tag}` : `${fromImage}:${tag}`;
}

export function imageCreateRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/images/create', { config: { rawBody: true } }, async (request, reply) => {
    const q = parse(QuerySchema, request.query, 'query');
    if (q.fromImage !== undefined) {
      const auth = parseRegistryAuth(request.headers['x-registry-auth']);
      const reference = pullReference(q.fromImage, q.tag);
      const platform = q.platform ? parsePlatform(q.platform) : undefined;
      const stream = await jsonMessageStream((emit) => deps.images.pull(reference, auth, emit, platform));
      return reply.type('application/json').send(stream);
    }
    if (q.fromSrc === undefined) throw invalidArgument('either fromImage or fromSrc is required');
    if (q.fromSrc !== '-') throw notImplemented('importing from a URL is not supported: send the tarball as the request body (fromSrc=-)');
    const body = request.body as Readable;
    const stream = await jsonMessageStream(async (emit) => {
      const id = await deps.images.importRootfs(body, q.repo, q.tag, q.changes ?? [], q.message ?? '');
      emit({ status: id });
    });
    return reply.type('application/json').send(stream);
  });
}
