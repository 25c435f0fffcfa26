import { SkiffError, kindOfHttpStatus } from '@skiff/errors';
import { ErrorBodySchema } from '@skiff/engine-api';

/**
 * A refusal from the daemon: the kind from its HTTP status (404 NotFound, 409 Conflict, 400
 * InvalidArgument, ...) and Docker's own message, which the CLI prints after "Error response
 * from daemon:".
 */
export class DaemonError extends SkiffError {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(kindOfHttpStatus(statusCode), message);
  }
}

export function daemonError(statusCode: number, body: string): DaemonError {
  let message = body.trim();
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(body));
    if (parsed.success) message = parsed.data.message;
  } catch {
    // Not JSON (a proxy's page, an old daemon): the body itself is the best message there is.
  }
  return new DaemonError(statusCode, message || `status ${statusCode}`);
}
