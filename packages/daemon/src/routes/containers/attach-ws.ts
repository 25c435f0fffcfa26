// GET /containers/{id}/attach/ws: the same attachment as POST /containers/{id}/attach, carried
// by a websocket. Output goes out unframed (the messages keep stdout and stderr apart no better
// than a TTY does, as in dockerd), one message per chunk; each message received is stdin; the
// socket closes with 1000 when the output ends.
import type { FastifyInstance } from 'fastify';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import { conflict, invalidArgument } from '@skiff/errors';
import { readLog } from '../../core/logs';
import type { StreamName } from '../../core/stdcopy';
import { compareVersions, requestVersion } from '../../http/api-version';
import type { ApiDeps } from '../../http/deps';
import { parse } from '../../http/query';
import { AttachQuerySchema } from './attach';

const ParamsSchema = z.object({ id: z.string() });

const asBuffer = (data: RawData): Buffer => (Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data));

export function attachWsRoutes(app: FastifyInstance, deps: ApiDeps): void {
  // No server of its own: the listeners already route upgrades into fastify (http/listen.ts),
  // so the route does the handshake on the socket it is given.
  const wss = new WebSocketServer({ noServer: true, clientTracking: false });

  app.get('/containers/:id/attach/ws', async (request, reply) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const q = parse(AttachQuerySchema, request.query, 'query');
    const version = requestVersion(request.raw);
    const record = deps.containers.get(id);
    if (record.State.Status === 'paused') throw conflict(`container ${id} is paused, unpause the container before attach`);
    if (String(request.headers.upgrade ?? '').toLowerCase() !== 'websocket') throw invalidArgument('not websocket protocol');
    // Before API 1.42 dockerd ignored these three and attached all streams; before 1.28 it sent
    // text frames.
    const all = compareVersions(version, '1.42') < 0;
    const streams = { stdin: all || q.stdin, stdout: all || q.stdout, stderr: all || q.stderr };
    const binary = compareVersions(version, '1.28') >= 0;

    reply.hijack();
    const socket = request.raw.socket;
    // listen.ts has already put back what the client sent after the request. A handshake that ws
    // refuses is answered with a 400 and the socket closed, without a callback.
    const ws = await new Promise<WebSocket | undefined>((resolve) => {
      socket.once('close', () => resolve(undefined));
      wss.handleUpgrade(request.raw, socket, Buffer.alloc(0), resolve);
    });
    if (!ws) return;
    ws.on('error', () => ws.terminate());
    const send = (_stream: StreamName, chunk: Buffer) => {
      if (ws.readyState === ws.OPEN) ws.send(chunk, { binary });
    };
    if (q.logs) {
      const old = readLog(record.LogPath, { stdout: streams.stdout, stderr: streams.stderr, since: 0, until: 0, tail: undefined, follow: false }, {
        running: () => false,
        pause: async () => undefined,
      });
      for await (const e of old) send(e.stream, Buffer.from(e.log));
    }
    if (!q.stream || ws.readyState !== ws.OPEN) {
      ws.close(1000);
      return;
    }
    const { attachment } = deps.containers.attach(record.Id, { stdout: streams.stdout, stderr: streams.stderr, write: send, end: () => ws.close(1000) }, streams.stdin);
    if (!attachment) {
      ws.close(1000);
      return;
    }
    if (streams.stdin) ws.on('message', (data) => attachment.input(asBuffer(data)));
    ws.on('close', () => {
      // A websocket has no half-close: its end is the end of the client's input too.
      if (streams.stdin) {
        attachment.endInput();
        void deps.containers.inputEnded(record.Id);
      }
      attachment.detach();
    });
  });
}
