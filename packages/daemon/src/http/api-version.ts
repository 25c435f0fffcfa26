// API versioning as dockerd does it: every route also answers under /v<major>.<minor>/, the
// version is checked against the supported range, and handlers see the version in force (the
// latest when the path names none) to pick version-dependent shapes.
import type { IncomingMessage } from 'node:http';
import { invalidArgument } from '@skiff/errors';

export const API_VERSION = '1.44';
export const MIN_API_VERSION = '1.24';

const versions = new WeakMap<IncomingMessage, string>();

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** fastify's rewriteUrl: strips the version prefix and remembers it for the request. */
export function stripVersion(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const m = /^\/v(\d+(?:\.\d+)?)(\/[^?]*)?(\?.*)?$/.exec(url);
  if (!m) return url;
  versions.set(req, m[1]!);
  return `${m[2] ?? '/'}${m[3] ?? ''}`;
}

/** The version a request asked for (checked), or the latest. */
export function requestVersion(req: IncomingMessage): string {
  const asked = versions.get(req);
  if (asked === undefined) return API_VERSION;
  if (compareVersions(asked, API_VERSION) > 0) throw invalidArgument(`client version ${asked} is too new. Maximum supported API version is ${API_VERSION}`);
  if (compareVersions(asked, MIN_API_VERSION) < 0) {
    throw invalidArgument(`client version ${asked} is too old. Minimum supported API version is ${MIN_API_VERSION}, please upgrade your client to a newer version`);
  }
  return asked;
}
