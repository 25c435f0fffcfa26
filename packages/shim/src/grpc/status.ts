import type { ServiceError } from '@grpc/grpc-js';
import { Metadata } from '@grpc/grpc-js';
import { z } from 'zod';
import { asSkiffError, grpcCodeOf } from '@skiff/errors';

/**
 * The one place where a failure becomes a gRPC status: SkiffError kinds through @skiff/errors'
 * mapping, request validation failures as INVALID_ARGUMENT, anything unexpected as INTERNAL.
 */
export function toServiceError(err: unknown): Partial<ServiceError> {
  if (err instanceof z.ZodError) {
    const issues = err.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message));
    return status(grpcCodeOf('InvalidArgument'), issues.join('; '));
  }
  const skiff = asSkiffError(err);
  return status(grpcCodeOf(skiff.kind), skiff.message);
}

function status(code: number, details: string): Partial<ServiceError> {
  return { code, details, message: details, metadata: new Metadata() };
}
