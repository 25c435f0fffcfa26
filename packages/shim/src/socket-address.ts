import { createHash } from 'node:crypto';
import * as path from 'node:path';

export const DEFAULT_SOCKET_DIR = '/run/skiff/s';

/**
 * Where the shim of (containerd address, namespace, id) listens: a hash, so the path is short
 * (unix socket paths stop at 108 bytes) and two containerd instances never share a shim.
 */
export function socketPathFor(socketDir: string, address: string, namespace: string, id: string): string {
  const hex = createHash('sha256').update(`${address}\0${namespace}\0${id}`).digest('hex');
  return path.join(socketDir, hex);
}

/** The builtin runtime's root for a namespace when nobody names one (skiff.types.v1.RuntimeOptions.root). */
export function defaultRuntimeRoot(namespace: string): string {
  return path.join('/run/skiff/runtime', namespace);
}
