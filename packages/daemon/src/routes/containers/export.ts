// GET /containers/{id}/export (`docker export`): the container's filesystem as a tar, made by
// skiff-containerd from the snapshot (no volumes, as Docker).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ApiDeps } from '../../http/deps';
import { parse } from '../../http/query';

const ParamsSchema = z.object({ id: z.string() });

export function exportRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/containers/:id/export', async (request, reply) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const record = deps.containers.get(id);
    const tar = deps.containers.exportRootfs(record.Id);
    // A failure before the first bytes (no snapshot, containerd down) is still an HTTP error.
    await new Promise<void>((resolve, reject) => {
      const settle = (err?: Error) => {
        tar.off('readable', ok).off('end', ok).off('error', settle);
        if (err) reject(err);
        else resolve();
      };
      const ok = () => settle();
      tar.once('readable', ok).once('end', ok).once('error', settle);
    });
    return reply.type('application/x-tar').send(tar);
  });
}
