// POST /containers/{id}/attach: a hijacked connection. After "101 UPGRADED" (or a 200 when the
// client did not ask for an upgrade) the socket carries the container's output, framed unless
// it has a TTY, and the client's input to its stdin.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { readLog } from '../../core/logs';
import { type StreamName, frame } from '../../core/stdcopy';
import { requestVersion } from '../../http/api-version';
import type { ApiDeps } from '../../http/deps';
import { engineHeaders } from '../../http/headers';
import { parse, queryBool } from '../../http/query';
import { streamContentType } from './logs';

const ParamsSchema = z.object({ id: z.string() });
const QuerySchema = z.object({
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
    const q = parse(QuerySchema, request.query, 'query');
    const record = deps.containers.get(id);
    const tty = record.Config.Tty;
    const contentType = streamContentType(tty, requestVersion(request.raw));
    const upgrade = /\bupgrade\b/i.test(String(request.headers.connection ?? '')) && request.headers.upgrade !== undefined;

    reply.hijack();
    const socket = request.raw.socket;
    const head = upgrade
      ? ['HTTP/1.1 101 UPGRADED', `Content-Type: ${contentType}`, 'Connection: Upgrade', 'Upgrade: tcp']
      : ['HTTP/1.1 200 OK', `Content-Type: ${contentType}`, 'Connection: close'];
    const extra = Object.entries(engineHeaders()).map(([k, v]) => `${k}: ${v}`);
    socket.write(`${[...head, ...extra].join('\r\n')}\r\n\r\n`);

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
    socket.on('error', () => socket.destroy());
    socket.on('close', () => attachment.detach());
  });
}
