// The routes that name one image in their path: inspect, history, save of one, tag, push and
// delete. Image names contain slashes ("localhost:5000/team/app"), which a path parameter cannot
// hold, so these share one wildcard route per method and split the action off the end.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { requestVersion } from '../../http/api-version';
import type { ApiDeps } from '../../http/deps';
import { jsonMessageStream } from '../../http/json-stream';
import { parse, queryBool } from '../../http/query';
import { parseRegistryAuth } from '../../http/registry-auth';
import { imageHistory, imageInspect } from './views';

const TagQuerySchema = z.object({ repo: z.string().min(1, 'repository name must have at least one component'), tag: z.string().optional() });
const PushQuerySchema = z.object({ tag: z.string().optional(), platform: z.string().optional() });
const RemoveQuerySchema = z.object({ force: queryBool, noprune: queryBool });

function split(path: string, actions: readonly string[]): { name: string; action: string } | undefined {
  for (const action of actions) {
    if (path.endsWith(`/${action}`)) return { name: decodeURIComponent(path.slice(0, -action.length - 1)), action };
  }
  return undefined;
}

const wildcard = (params: unknown) => (params as { '*': string })['*'];

function pageNotFound(reply: FastifyReply) {
  return reply.code(404).type('application/json').send({ message: 'page not found' });
}

export function imageByNameRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/images/*', async (request, reply) => {
    const target = split(wildcard(request.params), ['json', 'history', 'get']);
    if (!target) return pageNotFound(reply);
    const { image } = await deps.images.find(target.name);
    if (target.action === 'json') return imageInspect(image, requestVersion(request.raw));
    if (target.action === 'history') return imageHistory(image);
    return reply.type('application/x-tar').send(await deps.images.save([target.name]));
  });

  app.post('/images/*', async (request, reply) => {
    const target = split(wildcard(request.params), ['tag', 'push']);
    if (!target) return pageNotFound(reply);
    if (target.action === 'tag') {
      const q = parse(TagQuerySchema, request.query, 'query');
      await deps.images.tag(target.name, q.repo, q.tag);
      return reply.code(201).send();
    }
    const q = parse(PushQuerySchema, request.query, 'query');
    const auth = parseRegistryAuth(request.headers['x-registry-auth']);
    const name = q.tag ? `${target.name}:${q.tag}` : target.name;
    const stream = await jsonMessageStream((emit) => deps.images.push(name, auth, emit));
    return reply.type('application/json').send(stream);
  });

  app.delete('/images/*', async (request) => {
    const q = parse(RemoveQuerySchema, request.query, 'query');
    return deps.images.remove(decodeURIComponent(wildcard(request.params)), q.force);
  });
}
