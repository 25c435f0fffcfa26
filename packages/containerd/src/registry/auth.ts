// Registry authentication as Docker does it: a request goes out with what we already know; a 401
// names a scheme in WWW-Authenticate; Bearer means fetching a token for the repository scopes from
// the realm (with the caller's credentials, if any), Basic means sending the credentials directly.
// Tokens are cached per realm, service, scopes and credentials until they expire.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { invalidArgument, unauthenticated, unavailable } from '@skiff/errors';
import { formatRegistryErrors, parseRegistryErrors } from './errors';
import { HttpTransport, describeRequest, readBody } from './transport';

/** What Docker's X-Registry-Auth carries, minus the fields only the CLI uses. */
export const CredentialsSchema = z.looseObject({
  username: z.string().optional(),
  password: z.string().optional(),
  /** An OAuth refresh token, exchanged at the realm for access tokens. */
  identitytoken: z.string().optional(),
  /** A bearer token to send as is. */
  registrytoken: z.string().optional(),
});
export type Credentials = z.infer<typeof CredentialsSchema>;

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/**
 * Parses WWW-Authenticate (RFC 7235): one or more challenges, each a scheme followed by
 * comma-separated auth-params whose values may be quoted strings with backslash escapes. Param
 * names are lowercased; a header may carry several challenges, and several headers may be joined.
 */
export function parseWwwAuthenticate(header: string | string[] | undefined): Challenge[] {
  if (header === undefined) return [];
  if (Array.isArray(header)) return header.flatMap((h) => parseChallenges(h));
  return parseChallenges(header);
}

function parseChallenges(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  let i = 0;
  const skip = (re: RegExp) => {
    while (i < header.length && re.test(header.charAt(i))) i++;
  };
  const token = (): string => {
    const start = i;
    skip(/[!#$%&'*+\-.^_`|~0-9A-Za-z]/);
    return header.slice(start, i);
  };
  const quoted = (): string => {
    let out = '';
    i++;
    while (i < header.length && header.charAt(i) !== '"') {
      if (header.charAt(i) === '\\' && i + 1 < header.length) i++;
      out += header.charAt(i);
      i++;
    }
    i++;
    return out;
  };
  const bare = (): string => {
    const start = i;
    skip(/[^\s,]/);
    return header.slice(start, i);
  };
  let current: Challenge | undefined;
  while (i < header.length) {
    skip(/[\s,]/);
    const name = token();
    if (name === '') {
      // A character no token may hold: skip it rather than stall on it.
      i++;
      continue;
    }
    skip(/\s/);
    if (header.charAt(i) === '=' && current !== undefined) {
      i++;
      skip(/\s/);
      current.params[name.toLowerCase()] = header.charAt(i) === '"' ? quoted() : bare();
    } else {
      current = { scheme: name.toLowerCase(), params: {} };
      challenges.push(current);
    }
  }
  return challenges;
}

const TokenResponseSchema = z.looseObject({
  token: z.string().optional(),
  access_token: z.string().optional(),
  expires_in: z.number().optional(),
  issued_at: z.string().optional(),
});

/** Docker's floor for token lifetimes, for realms that answer less or nothing. */
const MINIMUM_TOKEN_LIFETIME_S = 60;
/** Tokens are renewed this long before they expire, so none expires in flight. */
const EXPIRY_MARGIN_MS = 5_000;

interface CachedToken {
  token: string;
  expiresAt: number;
}

export type Scope = string;

/** "repository:library/busybox:pull" / "...:pull,push". */
export function repositoryScope(path: string, actions: 'pull' | 'pull,push'): Scope {
  return `repository:${path}:${actions}`;
}

/**
 * One scope per resource, with the union of the actions asked for it: a registry's challenge
 * naming "repository:x:pull" adds nothing to our "repository:x:pull,push", and a token request
 * should not list the resource twice.
 */
export function mergeScopes(scopes: Scope[]): Scope[] {
  const byResource = new Map<string, Set<string>>();
  for (const scope of scopes) {
    const last = scope.lastIndexOf(':');
    if (last <= 0) continue;
    const resource = scope.slice(0, last);
    const actions = byResource.get(resource) ?? new Set<string>();
    for (const action of scope.slice(last + 1).split(',')) if (action !== '') actions.add(action);
    byResource.set(resource, actions);
  }
  return [...byResource].map(([resource, actions]) => `${resource}:${[...actions].sort().join(',')}`);
}

function credentialKey(credentials: Credentials | undefined): string {
  if (!credentials) return '';
  const { username = '', password = '', identitytoken = '' } = credentials;
  return createHash('sha256').update(JSON.stringify([username, password, identitytoken])).digest('hex');
}

function basic(credentials: Credentials | undefined): string | undefined {
  if (!credentials?.username || credentials.password === undefined) return undefined;
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

/**
 * The authentication state of one client: the challenge each registry origin last answered with,
 * and the tokens obtained for it.
 */
export class Authorizer {
  private readonly challenges = new Map<string, Challenge>();
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly transport: HttpTransport,
    private readonly now: () => number = Date.now,
  ) {}

  /** The Authorization header for a request to `origin`, from what is known already (if anything). */
  async authorization(origin: string, scopes: Scope[], credentials: Credentials | undefined): Promise<string | undefined> {
    if (credentials?.registrytoken) return `Bearer ${credentials.registrytoken}`;
    const challenge = this.challenges.get(origin);
    if (challenge === undefined) return undefined;
    if (challenge.scheme === 'basic') return basic(credentials);
    const token = await this.token(challenge, scopes, credentials);
    return `Bearer ${token}`;
  }

  /**
   * Learns from a 401: remembers the challenge and forgets the token that was refused. Returns the
   * scopes a retry should ask for (ours plus what the registry named), or undefined when a retry
   * cannot do better (no usable challenge, or Basic without credentials).
   */
  challenged(
    origin: string,
    header: string | string[] | undefined,
    scopes: Scope[],
    credentials: Credentials | undefined,
    sent: string | undefined,
  ): Scope[] | undefined {
    if (credentials?.registrytoken) return undefined;
    const challenges = parseWwwAuthenticate(header);
    const challenge = challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic');
    if (challenge === undefined) return undefined;
    const { scope, ...params } = challenge.params;
    this.challenges.set(origin, { scheme: challenge.scheme, params });
    if (sent?.startsWith('Bearer ')) {
      const refused = sent.slice('Bearer '.length);
      for (const [key, cached] of this.tokens) if (cached.token === refused) this.tokens.delete(key);
    }
    if (challenge.scheme === 'basic') return basic(credentials) !== undefined && sent === undefined ? scopes : undefined;
    if (challenge.params.realm === undefined) return undefined;
    const extra = scope === undefined ? [] : scope.split(' ').filter((s) => s !== '');
    return mergeScopes([...scopes, ...extra]);
  }

  private async token(challenge: Challenge, scopes: Scope[], credentials: Credentials | undefined): Promise<string> {
    const { realm, service = '' } = challenge.params;
    if (realm === undefined) throw unauthenticated('unauthorized: bearer challenge without realm');
    const sorted = mergeScopes(scopes).sort();
    const key = JSON.stringify([realm, service, sorted, credentialKey(credentials)]);
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt - EXPIRY_MARGIN_MS > this.now()) return cached.token;
    let inflight = this.pending.get(key);
    if (inflight === undefined) {
      inflight = this.fetchToken(realm, service, sorted, credentials).finally(() => this.pending.delete(key));
      this.pending.set(key, inflight);
    }
    const fresh = await inflight;
    this.tokens.set(key, fresh);
    return fresh.token;
  }

  /**
   * GET realm?service=&scope= (Basic credentials when given), or, for an identity token, the
   * OAuth2 refresh-token grant Docker uses (a form POST to the same realm).
   */
  private async fetchToken(realm: string, service: string, scopes: Scope[], credentials: Credentials | undefined): Promise<CachedToken> {
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw invalidArgument(`invalid token realm ${JSON.stringify(realm)}`);
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    let method = 'GET';
    let body: Buffer | undefined;
    if (credentials?.identitytoken) {
      method = 'POST';
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: credentials.identitytoken,
        service,
        client_id: 'skiff',
      });
      if (scopes.length > 0) form.set('scope', scopes.join(' '));
      body = Buffer.from(form.toString());
      headers['content-type'] = 'application/x-www-form-urlencoded';
    } else {
      if (service !== '') url.searchParams.set('service', service);
      for (const scope of scopes) url.searchParams.append('scope', scope);
      const auth = basic(credentials);
      if (auth) headers.authorization = auth;
    }
    const what = describeRequest(method, url);
    const res = await this.transport.send({ method, url, headers, ...(body ? { body } : {}) });
    const bytes = await readBody(res, 1 << 20, what);
    if (res.status === 401 || res.status === 403) {
      throw unauthenticated(tokenErrorMessage(bytes) ?? 'unauthorized: incorrect username or password');
    }
    if (res.status !== 200) {
      const message = tokenErrorMessage(bytes);
      throw unavailable(`${what}: token server answered ${res.status}${message ? `: ${message}` : ''}`);
    }
    let parsed: z.infer<typeof TokenResponseSchema>;
    try {
      parsed = TokenResponseSchema.parse(JSON.parse(bytes.toString('utf8')));
    } catch (err) {
      throw unavailable(`${what}: malformed token response: ${(err as Error).message}`);
    }
    const token = parsed.token || parsed.access_token;
    if (!token) throw unavailable(`${what}: token response has no token`);
    const lifetime = Math.max(parsed.expires_in ?? 0, MINIMUM_TOKEN_LIFETIME_S);
    return { token, expiresAt: this.now() + lifetime * 1000 };
  }
}

/** Token servers answer errors in the registry format, Docker Hub's {"details"}, or OAuth2's. */
function tokenErrorMessage(bytes: Buffer): string | undefined {
  const registry = parseRegistryErrors(bytes);
  if (registry.length > 0) return formatRegistryErrors(registry);
  try {
    const json = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    for (const key of ['details', 'error_description', 'error']) {
      if (typeof json[key] === 'string' && json[key] !== '') return `unauthorized: ${json[key] as string}`;
    }
  } catch {
    // Not JSON: the generic message stands.
  }
  return undefined;
}
