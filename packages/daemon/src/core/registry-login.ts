// `docker login` (POST /auth): checks credentials against a registry's /v2/ endpoint the way
// dockerd does, answering nothing on success and Docker's own message on refusal. Basic
// registries get the credentials directly; Bearer ones are asked for a token at their realm.
// A registry on a loopback address is insecure by default in Docker: https is tried first and
// plain http on a connection failure.
import { invalidArgument, unauthenticated, unavailable } from '@skiff/errors';

export interface LoginCredentials {
  username: string;
  password: string;
  serveraddress: string;
}

type Fetch = typeof fetch;

const TIMEOUT_MS = 15_000;

/** Where a server address ("host:port", "https://host/v1/", "docker.io") points. */
export function registryHost(address: string): { host: string; scheme?: 'http' | 'https' } {
  const m = /^(?:(https?):\/\/)?([^/]+)/.exec(address.trim());
  if (!m || !m[2]) throw invalidArgument(`invalid registry address "${address}"`);
  const host = m[2] === 'index.docker.io' || m[2] === 'docker.io' ? 'registry-1.docker.io' : m[2];
  return { host, scheme: m[1] as 'http' | 'https' | undefined };
}

function isLoopback(host: string): boolean {
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  return name === 'localhost' || name === '::1' || /^127\./.test(name);
}

/** The scheme and parameters of a WWW-Authenticate challenge (the first one). */
export function parseChallenge(header: string | null): { scheme: string; params: Record<string, string> } | undefined {
  const m = header ? /^\s*(\w+)\s*(.*)$/.exec(header) : null;
  if (!m) return undefined;
  const params: Record<string, string> = {};
  for (const p of m[2]!.matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) params[p[1]!.toLowerCase()] = (p[2] ?? p[3] ?? '').replace(/\\(.)/g, '$1');
  return { scheme: m[1]!.toLowerCase(), params };
}

async function registryMessage(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const errors = (JSON.parse(text) as { errors?: Array<{ code?: string; message?: string }> }).errors ?? [];
    if (errors.length > 0) return errors.map((e) => `${(e.code ?? 'unknown').toLowerCase()}: ${e.message ?? ''}`).join(', ');
  } catch {
    // Not a registry error document; the status says enough.
  }
  return `${res.status} ${res.statusText}`;
}

async function loginAt(base: string, creds: LoginCredentials, fetchImpl: Fetch): Promise<void> {
  const endpoint = `${base}/v2/`;
  const get = (url: string, authorization?: string) => fetchImpl(url, { headers: authorization ? { authorization } : {}, signal: AbortSignal.timeout(TIMEOUT_MS) });
  const basic = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
  const first = await get(endpoint);
  if (first.ok) return;
  if (first.status !== 401) throw unavailable(`Get "${endpoint}": ${await registryMessage(first)}`);
  const challenge = parseChallenge(first.headers.get('www-authenticate'));
  if (challenge?.scheme === 'bearer' && challenge.params.realm) {
    const realm = new URL(challenge.params.realm);
    if (challenge.params.service) realm.searchParams.set('service', challenge.params.service);
    realm.searchParams.set('account', creds.username);
    realm.searchParams.set('client_id', 'docker');
    realm.searchParams.set('offline_token', 'true');
    const tokenRes = await get(realm.toString(), basic);
    if (!tokenRes.ok) throw unauthenticated(`Get "${realm.toString()}": ${await registryMessage(tokenRes)}`);
    const body = (await tokenRes.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw unauthenticated(`Get "${realm.toString()}": the token server answered no token`);
    const checked = await get(endpoint, `Bearer ${token}`);
    if (!checked.ok) throw unauthenticated(`login attempt to ${endpoint} failed with status: ${checked.status} ${checked.statusText}`);
    return;
  }
  const checked = await get(endpoint, basic);
  if (!checked.ok) throw unauthenticated(`login attempt to ${endpoint} failed with status: ${checked.status} ${checked.statusText}`);
}

export async function checkLogin(creds: LoginCredentials, fetchImpl: Fetch = fetch): Promise<void> {
  const { host, scheme } = registryHost(creds.serveraddress || 'docker.io');
  const schemes = scheme ? [scheme] : isLoopback(host) ? ['https', 'http'] : ['https'];
  for (const [i, s] of schemes.entries()) {
    try {
      return await loginAt(`${s}://${host}`, creds, fetchImpl);
    } catch (err) {
      // fetch rejects with a TypeError for a connection or TLS failure: the next scheme may work.
      if (!(err instanceof TypeError) || i === schemes.length - 1) {
        if (err instanceof TypeError) throw unavailable(`Get "${s}://${host}/v2/": ${(err.cause as Error | undefined)?.message ?? err.message}`);
        throw err;
      }
    }
  }
}
