// The token realm for the token-auth registry variant: an HTTP server on 127.0.0.1 issuing JWTs
// the registry accepts. The registry trusts a self-signed certificate (made with openssl at test
// time) and finds the signing key by the JWT's "kid", libtrust's key id of that certificate's key.
import { spawnSync } from 'node:child_process';
import { createHash, createPrivateKey, createPublicKey, randomUUID, sign, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

export const TOKEN_SERVICE = 'skiff-test-registry';
export const TOKEN_ISSUER = 'skiff-test-issuer';

export interface TokenRequest {
  scopes: string[];
  user: string | undefined;
  method: string;
}

export interface TokenServer {
  realm: string;
  certFile: string;
  requests: TokenRequest[];
  /** Token lifetime in seconds, as sent in expires_in. */
  lifetime: number;
  stop(): Promise<void>;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** libtrust's KeyID: sha256 of the DER public key, first 240 bits, base32 in groups of 4. */
export function libtrustKeyId(key: KeyObject): string {
  const der = createPublicKey(key).export({ type: 'spki', format: 'der' });
  const encoded = base32(createHash('sha256').update(der).digest().subarray(0, 30));
  return encoded.match(/.{1,4}/g)!.join(':');
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

/** Which actions `user` gets on a repository; the default grants everything asked. */
export type Grant = (user: string | undefined, repository: string, actions: string[]) => string[];

/**
 * Starts the token server. Users map names to passwords; a request with wrong credentials gets
 * 401, anonymous requests are passed to `grant` with user undefined.
 */
export async function startTokenServer(dir: string, users: Record<string, string>, grant: Grant): Promise<TokenServer> {
  const keyFile = path.join(dir, 'token.key');
  const certFile = path.join(dir, 'token.crt');
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=skiff-test-token'],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
  const key = createPrivateKey(fs.readFileSync(keyFile));
  const kid = libtrustKeyId(key);
  const requests: TokenRequest[] = [];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://token');
    let user: string | undefined;
    const auth = req.headers.authorization;
    if (auth?.startsWith('Basic ')) {
      const [name, password] = Buffer.from(auth.slice(6), 'base64').toString().split(/:(.*)/s) as [string, string];
      if (users[name] === undefined || users[name] !== password) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ details: 'incorrect username or password' }));
        return;
      }
      user = name;
    }
    const scopes = url.searchParams.getAll('scope').flatMap((s) => s.split(' ')).filter(Boolean);
    requests.push({ scopes, user, method: req.method ?? '' });
    const access = scopes.flatMap((scope) => {
      const first = scope.indexOf(':');
      const last = scope.lastIndexOf(':');
      const type = scope.slice(0, first);
      const name = scope.slice(first + 1, last);
      const actions = grant(user, name, scope.slice(last + 1).split(','));
      return type === 'repository' && actions.length > 0 ? [{ type, name, actions }] : [];
    });
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid }));
    const claims = b64url(
      JSON.stringify({
        iss: TOKEN_ISSUER,
        sub: user ?? '',
        aud: url.searchParams.get('service') ?? '',
        exp: now + tokenServer.lifetime,
        nbf: now - 10,
        iat: now,
        jti: randomUUID(),
        access,
      }),
    );
    const signature = b64url(sign('sha256', Buffer.from(`${header}.${claims}`), key));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ token: `${header}.${claims}.${signature}`, expires_in: tokenServer.lifetime, issued_at: new Date().toISOString() }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const tokenServer: TokenServer = {
    realm: `http://127.0.0.1:${port}/token`,
    certFile,
    requests,
    lifetime: 300,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return tokenServer;
}
