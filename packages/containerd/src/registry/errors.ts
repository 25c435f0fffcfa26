// Registry error bodies ({"errors":[{code,message,detail}]}) and their translation into
// @skiff/errors kinds, worded as Docker words them so `skiff pull` failures read like `docker pull`.
import { z } from 'zod';
import { SkiffError, permissionDenied, unauthenticated, unavailable, internal, notFound, invalidArgument } from '@skiff/errors';

const RegistryErrorBodySchema = z.object({
  errors: z.array(z.looseObject({ code: z.string().default('UNKNOWN'), message: z.string().default(''), detail: z.unknown().optional() })),
});

export interface RegistryErrorEntry {
  code: string;
  message: string;
  detail?: unknown;
}

/** What a failed registry call answered: the status and the error entries, if the body had any. */
export interface RegistryFailure {
  status: number;
  errors: RegistryErrorEntry[];
}

export function parseRegistryErrors(body: Buffer): RegistryErrorEntry[] {
  try {
    const parsed = RegistryErrorBodySchema.safeParse(JSON.parse(body.toString('utf8')));
    return parsed.success ? parsed.data.errors.map((e) => ({ code: e.code, message: e.message, detail: e.detail })) : [];
  } catch {
    return [];
  }
}

/**
 * Docker's errcode formatting: the code lowercased with spaces, then the message:
 * "manifest unknown: manifest unknown", "unauthorized: authentication required".
 */
export function formatRegistryErrors(errors: RegistryErrorEntry[]): string {
  return errors
    .map((e) => {
      const code = e.code.toLowerCase().replace(/_/g, ' ');
      return e.message !== '' ? `${code}: ${e.message}` : code;
    })
    .join('; ');
}

export function hasCode(failure: RegistryFailure, code: string): boolean {
  return failure.errors.some((e) => e.code === code);
}

/** A SkiffError that remembers the registry's answer, so callers can reword it for their context. */
export class RegistryError extends SkiffError {
  constructor(
    err: SkiffError,
    readonly failure: RegistryFailure,
  ) {
    super(err.kind, err.message, { cause: err.cause });
  }
}

/**
 * The generic translation of a failed call, used when the operation has nothing better to say
 * (`what` names the request, e.g. "GET http://host/v2/app/blobs/sha256:..."):
 * 401 unauthenticated, 403 permission denied, 404 not found, 5xx and 429 unavailable with the status.
 */
export function registryError(failure: RegistryFailure, what: string): RegistryError {
  const text = formatRegistryErrors(failure.errors);
  const { status } = failure;
  let err: SkiffError;
  if (status === 401) err = unauthenticated(text || 'unauthorized: authentication required');
  else if (status === 403) err = permissionDenied(text || 'denied: requested access to the resource is denied');
  else if (status === 404) err = notFound(text || `not found: ${what}`);
  else if (status === 429) err = unavailable(`toomanyrequests: ${text || 'too many requests'} (${what}: 429)`);
  else if (status >= 500) err = unavailable(`${what}: registry answered ${status}${text ? `: ${text}` : ''}`);
  else if (status === 400) err = invalidArgument(text || `${what}: registry answered 400`);
  else err = internal(`${what}: unexpected status ${status}${text ? `: ${text}` : ''}`);
  return new RegistryError(err, failure);
}
