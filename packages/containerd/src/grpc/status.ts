import { Metadata, type ServiceError } from '@grpc/grpc-js';
import { z } from 'zod';
import { asSkiffError, grpcCodeOf } from '@skiff/errors';

/**
 * The one place where a failure becomes a gRPC status: SkiffError kinds through @skiff/errors'
 * mapping, request validation failures as INVALID_ARGUMENT, anything unexpected as INTERNAL.
 */
export function toServiceError(err: unknown): Partial<ServiceError> {
  let code: number;
  let details: string;
  if (err instanceof z.ZodError) {
    code = grpcCodeOf('InvalidArgument');
    details = err.issues.map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  } else {
    const skiff = asSkiffError(err);
    code = grpcCodeOf(skiff.kind);
    details = skiff.message;
  }
  return { code, details, message: details, metadata: new Metadata() };
}
