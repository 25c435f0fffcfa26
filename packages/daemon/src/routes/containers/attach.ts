// POST /containers/{id}/attach: a hijacked connection. After "101 UPGRADED" (or a 200 when the
// client did not ask for an upgrade) the socket carries the container's output, framed unless
// it has a TTY, and the client's input to its stdin.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readLog } from '../../core/logs';
import { type StreamName, frame } from '../../core/stdcopy';
import { requestVersion } from '../../http/api-version';
import type { ApiDeps } from '../../http/deps';
import { hijack } from '../../http/hijack';
import { parse, queryBool } from '../../http/query';
import { streamContentType } from './logs';

const ParamsSchema = z.object({ id: z.string() });
/** The query of both attach routes (hijacked and websocket). */
export const AttachQuerySchema = z.object({
  logs: queryBool,
  stream: queryBool,
  stdin: queryBool,
  stdout: queryBool,
  stderr: queryBool,
  detachKeys: z.string().optional(),
});

export function attachRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/containers/:id/attach', async (request, reply) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const q = parse(AttachQuerySchema, request.query, 'query');
    const record = deps.containers.get(id);
    const tty = record.Config.Tty;
    const contentType = streamContentType(tty, requestVersion(request.raw));

    const socket = hijack(request, reply, contentType);
    const send = (stream: StreamName, chunk: Buffer) => {
      if (socket.writable) socket.write(tty ? chunk : frame(stream, chunk));
    };
    if (q.logs) {
      const old = readLog(record.LogPath, { stdout: q.stdout, stderr: q.stderr, since: 0, until: 0, tail: undefined, follow: false }, {
        running: () => false,
        pause: async () => undefined,
      });
      for await (const e of old) send(e.stream, Buffer.from(e.log));
    }
    if (!q.stream) {
      socket.end();
      return;
    }
    const { attachment } = deps.containers.attach(record.Id, { stdout: q.stdout, stderr: q.stderr, write: send, end: () => socket.end() }, q.stdin);
    if (!attachment) {
      socket.end();
      return;
    }
    if (q.stdin) {
      socket.on('data', (chunk: Buffer) => attachment.input(chunk));
      // The client closed its sending half: its input is over.
      socket.on('end', () => {
        attachment.endInput();
        void deps.containers.inputEnded(record.Id);
      });
    }
    socket.on('close', () => attachment.detach());
  });
}
