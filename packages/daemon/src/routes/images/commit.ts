// POST /commit: `docker commit`, a container's changes as a new image on top of its own.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDeps } from '../../http/deps';
import { parse, queryBool } from '../../http/query';

const stringList = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));

const QuerySchema = z.object({
  container: z.string().min(1, 'container is required'),
  repo: z.string().optional(),
  tag: z.string().optional(),
  comment: z.string().optional(),
  author: z.string().optional(),
  pause: z.string().optional(),
  changes: stringList.optional(),
});

/** The container config fields a commit body may set on the image. */
const BodySchema = z
  .looseObject({
    Cmd: z.array(z.string()).nullable().optional(),
    Entrypoint: z.array(z.string()).nullable().optional(),
    Env: z.array(z.string()).nullable().optional(),
    Labels: z.record(z.string(), z.string()).nullable().optional(),
    WorkingDir: z.string().optional(),
    User: z.string().optional(),
    StopSignal: z.string().optional(),
    ExposedPorts: z.record(z.string(), z.object({})).nullable().optional(),
    Volumes: z.record(z.string(), z.object({})).nullable().optional(),
  })
  .nullable()
  .optional();

const IMAGE_FIELDS = ['Cmd', 'Entrypoint', 'Env', 'Labels', 'WorkingDir', 'User', 'StopSignal', 'ExposedPorts', 'Volumes'] as const;

export function commitRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/commit', async (request, reply) => {
    const q = parse(QuerySchema, request.query, 'query');
    const body = parse(BodySchema, request.body, 'body') ?? {};
    const record = deps.containers.get(q.container);
    const config: Record<string, unknown> = {};
    // The CLI sends no body; a body with empty fields must not wipe the image's values.
    for (const key of IMAGE_FIELDS) {
      const value = body[key];
      if (value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0)) config[key] = value;
    }
    const pause = q.pause === undefined ? true : parse(z.object({ pause: queryBool }), { pause: q.pause }, 'query').pause;
    const id = await deps.images.commit(record.Id, {
      ...(q.repo ? { repo: q.repo } : {}),
      ...(q.tag ? { tag: q.tag } : {}),
      author: q.author ?? '',
      comment: q.comment ?? '',
      pause,
      changes: q.changes ?? [],
      config,
    });
    return reply.code(201).send({ Id: id });
  });
}
