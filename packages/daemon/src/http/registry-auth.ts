// The X-Registry-Auth header Docker clients send with pull and push: base64url of a JSON
// AuthConfig. An empty object (the CLI's "e30") means no credentials.
import { z } from 'zod';
import { invalidArgument } from '@skiff/errors';
import type { RegistryAuth } from '../core/image-ports';

const AuthConfigSchema = z.looseObject({
  username: z.string().optional(),
  password: z.string().optional(),
  auth: z.string().optional(),
  serveraddress: z.string().optional(),
  identitytoken: z.string().optional(),
  registrytoken: z.string().optional(),
});

export function parseRegistryAuth(header: string | string[] | undefined): RegistryAuth | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw invalidArgument('X-Registry-Auth: not base64url-encoded JSON');
  }
  const parsed = AuthConfigSchema.safeParse(json);
  if (!parsed.success) throw invalidArgument(`X-Registry-Auth: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  const a = parsed.data;
  let { username, password } = a;
  // "auth" is base64("user:password"), as in a docker config.json.
  if (a.auth && !username) {
    const decoded = Buffer.from(a.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) [username, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  }
  const auth: RegistryAuth = {
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    ...(a.identitytoken ? { identityToken: a.identitytoken } : {}),
    ...(a.registrytoken ? { registryToken: a.registrytoken } : {}),
    ...(a.serveraddress ? { serverAddress: a.serveraddress } : {}),
  };
  return Object.keys(auth).length > 0 ? auth : undefined;
}
