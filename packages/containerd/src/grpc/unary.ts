import type * as grpc from '@grpc/grpc-js';
import type { z } from 'zod';
import { DEFAULT_NAMESPACE, NAMESPACE_METADATA_KEY } from '@skiff/protos';
import { validateIdentifier } from '../core/identifiers';
import { toServiceError } from './status';

/** The namespace a call names in its metadata ("default" when it names none). */
export function namespaceOf(call: { metadata: grpc.Metadata }): string {
  const value = call.metadata.get(NAMESPACE_METADATA_KEY)[0];
  return validateIdentifier(value === undefined ? DEFAULT_NAMESPACE : String(value), 'namespace');
}

/** Validates the request with its schema, calls the core with the namespace, answers. */
export function unary<S extends z.ZodType, Res>(
  schema: S,
  handler: (request: z.output<S>, namespace: string) => Promise<Res> | Res,
): grpc.handleUnaryCall<unknown, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => handler(schema.parse(call.request), namespaceOf(call)))
      .then(
        (response) => callback(null, response),
        (err) => callback(toServiceError(err)),
      );
  };
}
