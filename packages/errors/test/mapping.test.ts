import {
  SkiffError,
  asSkiffError,
  errorKinds,
  grpcCodeOf,
  httpStatusOf,
  isSkiffError,
  kindOfGrpcCode,
  kindOfHttpStatus,
  notFound,
} from '../src';

describe('error vocabulary', () => {
  it('keeps its kind across a gRPC hop for every kind that gRPC can tell apart', () => {
    for (const kind of errorKinds) {
      if (kind === 'NotModified') continue; // HTTP-only notion, travels as FAILED_PRECONDITION
      expect(kindOfGrpcCode(grpcCodeOf(kind))).toBe(kind);
    }
  });

  it('maps to the HTTP statuses Docker uses', () => {
    expect(httpStatusOf('NotFound')).toBe(404);
    expect(httpStatusOf('Conflict')).toBe(409);
    expect(httpStatusOf('AlreadyExists')).toBe(409);
    expect(httpStatusOf('InvalidArgument')).toBe(400);
    expect(httpStatusOf('NotModified')).toBe(304);
    expect(kindOfHttpStatus(404)).toBe('NotFound');
    expect(kindOfHttpStatus(418)).toBe('Internal');
  });

  it('wraps foreign errors as Internal and keeps the cause', () => {
    const cause = new Error('boom');
    const wrapped = asSkiffError(cause);
    expect(wrapped.kind).toBe('Internal');
    expect(wrapped.cause).toBe(cause);
    const own = notFound('No such container: x');
    expect(asSkiffError(own)).toBe(own);
    expect(isSkiffError(own, 'NotFound')).toBe(true);
    expect(isSkiffError(own, 'Conflict')).toBe(false);
    expect(own).toBeInstanceOf(SkiffError);
    expect(own.message).toBe('No such container: x');
  });
});
