/**
 * Every Skiff component reports failures in these kinds, so an error keeps its meaning as it
 * crosses a boundary: a runtime "not found" becomes gRPC NOT_FOUND in the supervisor and HTTP 404
 * in the daemon without anybody matching on message text.
 */
export const errorKinds = [
  'InvalidArgument',
  'OutOfRange',
  'NotFound',
  'AlreadyExists',
  'Conflict',
  'FailedPrecondition',
  'PermissionDenied',
  'Unauthenticated',
  'Unavailable',
  'DeadlineExceeded',
  'Canceled',
  'NotImplemented',
  'NotModified',
  'ResourceExhausted',
  'Internal',
] as const;

export type ErrorKind = (typeof errorKinds)[number];

export class SkiffError extends Error {
  readonly kind: ErrorKind;

  constructor(kind: ErrorKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.kind = kind;
    this.name = kind;
  }
}

function maker(kind: ErrorKind) {
  return (message: string, options?: { cause?: unknown }) => new SkiffError(kind, message, options);
}

export const invalidArgument = maker('InvalidArgument');
export const outOfRange = maker('OutOfRange');
export const notFound = maker('NotFound');
export const alreadyExists = maker('AlreadyExists');
export const conflict = maker('Conflict');
export const failedPrecondition = maker('FailedPrecondition');
export const permissionDenied = maker('PermissionDenied');
export const unauthenticated = maker('Unauthenticated');
export const unavailable = maker('Unavailable');
export const deadlineExceeded = maker('DeadlineExceeded');
export const canceled = maker('Canceled');
export const notImplemented = maker('NotImplemented');
export const notModified = maker('NotModified');
export const resourceExhausted = maker('ResourceExhausted');
export const internal = maker('Internal');

export function isSkiffError(err: unknown, kind?: ErrorKind): err is SkiffError {
  return err instanceof SkiffError && (kind === undefined || err.kind === kind);
}

/** Any thrown value as a SkiffError; foreign errors become Internal and keep their cause. */
export function asSkiffError(err: unknown): SkiffError {
  if (err instanceof SkiffError) return err;
  if (err instanceof Error) return new SkiffError('Internal', err.message, { cause: err });
  return new SkiffError('Internal', String(err));
}

/** gRPC status codes (numbers from grpc's status.proto, so this package needs no grpc dependency). */
export const GrpcCode = {
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
} as const;

interface Mapping {
  grpc: number;
  http: number;
}

// Conflict and AlreadyExists share gRPC ALREADY_EXISTS/ABORTED semantics in containerd; Docker
// answers both with 409. FailedPrecondition is 409 too in Docker (e.g. removing a running container).
const mappings: Record<ErrorKind, Mapping> = {
  InvalidArgument: { grpc: GrpcCode.INVALID_ARGUMENT, http: 400 },
  // A position past the end (a sequence, an offset): the caller may retry from a valid one.
  OutOfRange: { grpc: GrpcCode.OUT_OF_RANGE, http: 400 },
  NotFound: { grpc: GrpcCode.NOT_FOUND, http: 404 },
  AlreadyExists: { grpc: GrpcCode.ALREADY_EXISTS, http: 409 },
  Conflict: { grpc: GrpcCode.ABORTED, http: 409 },
  FailedPrecondition: { grpc: GrpcCode.FAILED_PRECONDITION, http: 409 },
  PermissionDenied: { grpc: GrpcCode.PERMISSION_DENIED, http: 403 },
  Unauthenticated: { grpc: GrpcCode.UNAUTHENTICATED, http: 401 },
  Unavailable: { grpc: GrpcCode.UNAVAILABLE, http: 503 },
  DeadlineExceeded: { grpc: GrpcCode.DEADLINE_EXCEEDED, http: 504 },
  Canceled: { grpc: GrpcCode.CANCELLED, http: 499 },
  NotImplemented: { grpc: GrpcCode.UNIMPLEMENTED, http: 501 },
  NotModified: { grpc: GrpcCode.FAILED_PRECONDITION, http: 304 },
  ResourceExhausted: { grpc: GrpcCode.RESOURCE_EXHAUSTED, http: 429 },
  Internal: { grpc: GrpcCode.INTERNAL, http: 500 },
};

export function grpcCodeOf(kind: ErrorKind): number {
  return mappings[kind].grpc;
}

export function httpStatusOf(kind: ErrorKind): number {
  return mappings[kind].http;
}

const kindByGrpc = new Map<number, ErrorKind>([
  [GrpcCode.CANCELLED, 'Canceled'],
  [GrpcCode.UNKNOWN, 'Internal'],
  [GrpcCode.INVALID_ARGUMENT, 'InvalidArgument'],
  [GrpcCode.DEADLINE_EXCEEDED, 'DeadlineExceeded'],
  [GrpcCode.NOT_FOUND, 'NotFound'],
  [GrpcCode.ALREADY_EXISTS, 'AlreadyExists'],
  [GrpcCode.PERMISSION_DENIED, 'PermissionDenied'],
  [GrpcCode.RESOURCE_EXHAUSTED, 'ResourceExhausted'],
  [GrpcCode.FAILED_PRECONDITION, 'FailedPrecondition'],
  [GrpcCode.ABORTED, 'Conflict'],
  [GrpcCode.OUT_OF_RANGE, 'OutOfRange'],
  [GrpcCode.UNIMPLEMENTED, 'NotImplemented'],
  [GrpcCode.INTERNAL, 'Internal'],
  [GrpcCode.UNAVAILABLE, 'Unavailable'],
  [GrpcCode.DATA_LOSS, 'Internal'],
  [GrpcCode.UNAUTHENTICATED, 'Unauthenticated'],
]);

export function kindOfGrpcCode(code: number): ErrorKind {
  return kindByGrpc.get(code) ?? 'Internal';
}

export function kindOfHttpStatus(status: number): ErrorKind {
  switch (status) {
    case 400:
      return 'InvalidArgument';
    case 401:
      return 'Unauthenticated';
    case 403:
      return 'PermissionDenied';
    case 404:
      return 'NotFound';
    case 409:
      return 'Conflict';
    case 304:
      return 'NotModified';
    case 429:
      return 'ResourceExhausted';
    case 501:
      return 'NotImplemented';
    case 503:
      return 'Unavailable';
    case 504:
      return 'DeadlineExceeded';
    default:
      return 'Internal';
  }
}
