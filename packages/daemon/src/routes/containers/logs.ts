// GET /containers/{id}/logs: the json-file log the shim writes, framed as Docker's multiplexed
// stream unless the container has a TTY (then its output is one raw stream).
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { invalidArgument, notImplemented } from '@skiff/errors';
import { readLog } from '../../core/logs';
import { frame } from '../../core/stdcopy';
import { compareVersions, requestVersion } from '../../http/api-version';
import type { ApiDeps } from '../../http/deps';
import { parse, queryBool } from '../../http/query';

const ParamsSchema = z.object({ id: z.string() });
const seconds = z
  .string()
  .regex(/^\d+(\.\d+)?$/, 'must be a unix timestamp')
  .transform(Number)
  .optional();
const QuerySchema = z.object({
  follow: queryBool,
  stdout: queryBool,
  stderr: queryBool,
  since: seconds,
  until: seconds,
  timestamps: queryBool,
  // dockerd reads anything but a non-negative integer (`all`, `-1` as testcontainers sends, junk)
  // as every line, never as an error.
  tail: z
    .string()
    .transform((t) => (/^\+?\d+$/.test(t) ? Number(t) : undefined))
    .optional(),
  details: queryBool,
});

export function streamContentType(tty: boolean, apiVersion: string): string {
  return !tty && compareVersions(apiVersion, '1.42') >= 0 ? 'application/vnd.docker.multiplexed-stream' : 'application/vnd.docker.raw-stream';
}

export function logsRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.get('/containers/:id/logs', async (request, reply) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const q = parse(QuerySchema, request.query, 'query');
    if (!q.stdout && !q.stderr) throw invalidArgument('Bad parameters: you must choose at least one stream');
    const record = deps.containers.get(id);
    if (record.HostConfig.LogConfig.Type !== 'json-file') throw notImplemented('configured logging driver does not support reading');
    const tty = record.Config.Tty;
    const entries = readLog(
      record.LogPath,
      { stdout: q.stdout, stderr: q.stderr, since: q.since ?? 0, until: q.until ?? 0, tail: q.tail, follow: q.follow },
      { running: () => deps.containers.running(record.Id), pause: (ms) => deps.containers.pauseWhileRunning(record.Id, ms) },
    );
    async function* encode() {
      for await (const e of entries) {
        const payload = Buffer.from(q.timestamps ? `${e.time} ${e.log}` : e.log);
        yield tty ? payload : frame(e.stream, payload);
      }
    }
    return reply.type(streamContentType(tty, requestVersion(request.raw))).send(Readable.from(encode()));
  });
}
