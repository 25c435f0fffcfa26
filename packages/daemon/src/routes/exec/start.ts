// POST /exec/{id}/start: runs the exec instance. Detached, it answers 200 at once; otherwise the
// connection is hijacked and carries the process's output (framed unless Tty) and input, and is
// closed once the output is over and the exit status is recorded, so the client's inspect that
// follows sees ExitCode.
import type { FastifyInstance } from 'fastify';
import { ExecStartBodySchema } from '@skiff/engine-api';
import { z } from 'zod';
import { type StreamName, frame } from '../../core/stdcopy';
import { requestVersion } from '../../http/api-version';
import type { ApiDeps } from '../../http/deps';
import { hijack, inputAfter, unreadBody } from '../../http/hijack';
import { parse } from '../../http/query';
import { streamContentType } from '../containers/logs';

const ParamsSchema = z.object({ id: z.string() });

export function execStartRoutes(app: FastifyInstance, deps: ApiDeps): void {
  app.post('/exec/:id/start', async (request, reply) => {
    const { id } = parse(ParamsSchema, request.params, 'path');
    const body = parse(ExecStartBodySchema, request.body, 'body');
    const exec = deps.execs.get(id);
    if (body.Detach) {
      await deps.execs.start(id, undefined);
      return reply.code(200).send();
    }
    // Refusals (already started, container stopped) must be HTTP errors, before the hijack.
    if (exec.started) await deps.execs.start(id, undefined);
    const tty = exec.config.Tty;
    const leftover = unreadBody(request);
    const socket = hijack(request, reply, streamContentType(tty, requestVersion(request.raw)));
    const send = (stream: StreamName, chunk: Buffer) => {
      if (socket.writable) socket.write(tty ? chunk : frame(stream, chunk));
    };
    const client = {
      stdout: exec.config.AttachStdout,
      stderr: exec.config.AttachStderr,
      write: send,
      end: () => void deps.execs.exited(id).then(() => socket.end()),
    };
    let attachment;
    try {
      attachment = await deps.execs.start(id, client);
    } catch (err) {
      // Too late for a status: the client reads the reason as output, as from dockerd.
      send('stderr', Buffer.from(`${(err as Error).message}\n`));
      socket.end();
      return;
    }
    if (!attachment) return;
    const theAttachment = attachment;
    if (exec.config.AttachStdin) {
      inputAfter(socket, leftover, (chunk) => theAttachment.input(chunk));
      socket.on('end', () => {
        theAttachment.endInput();
        void deps.execs.inputEnded(id);
      });
    }
    socket.on('close', () => theAttachment.detach());
  });
}
