// The one place errors become HTTP: a SkiffError's kind gives the status (@skiff/errors), the
// body is Docker's {"message": "..."} that clients print after "Error response from daemon:".
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { httpStatusOf, isSkiffError } from '@skiff/errors';

export function errorHandler(err: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  let status = 500;
  if (isSkiffError(err)) status = httpStatusOf(err.kind);
  else if (typeof (err as FastifyError).statusCode === 'number') status = (err as FastifyError).statusCode!;
  if (status >= 500) request.log.error({ err, url: request.url }, 'request failed');
  else request.log.debug({ err: err.message, url: request.url, status }, 'request refused');
  if (status === 304) {
    void reply.code(304).send();
    return;
  }
  void reply.code(status).type('application/json').send({ message: err.message });
}
