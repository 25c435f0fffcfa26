import { checkLogin, parseChallenge, registryHost } from '../../src/core/registry-login';

type Call = { url: string; authorization?: string };

function fakeFetch(handler: (call: Call) => Response) {
  const calls: Call[] = [];
  const impl = (async (url: string, init?: RequestInit) => {
    const call = { url, authorization: (init?.headers as Record<string, string> | undefined)?.authorization };
    calls.push(call);
    return handler(call);
  }) as unknown as typeof fetch;
  return { calls, impl };
}

it('parses addresses and challenges', () => {
  expect(registryHost('https://index.docker.io/v1/')).toEqual({ host: 'registry-1.docker.io', scheme: 'https' });
  expect(registryHost('127.0.0.1:5000')).toEqual({ host: '127.0.0.1:5000', scheme: undefined });
  expect(parseChallenge('Bearer realm="https://auth/token",service="reg"')).toEqual({ scheme: 'bearer', params: { realm: 'https://auth/token', service: 'reg' } });
});

it('fetches a token at the Bearer realm with the credentials and checks it', async () => {
  const basic = `Basic ${Buffer.from('u:p').toString('base64')}`;
  const f = fakeFetch(({ url, authorization }) => {
    if (url.startsWith('https://auth/token')) return authorization === basic ? Response.json({ token: 'T' }) : new Response('{"errors":[{"code":"UNAUTHORIZED","message":"bad"}]}', { status: 401 });
    if (authorization === 'Bearer T') return new Response('{}');
    return new Response('', { status: 401, headers: { 'www-authenticate': 'Bearer realm="https://auth/token",service="reg"' } });
  });
  await checkLogin({ username: 'u', password: 'p', serveraddress: 'https://reg.example' }, f.impl);
  expect(f.calls.map((c) => c.url)).toEqual(['https://reg.example/v2/', 'https://auth/token?service=reg&account=u&client_id=docker&offline_token=true', 'https://reg.example/v2/']);
  await expect(checkLogin({ username: 'u', password: 'x', serveraddress: 'https://reg.example' }, f.impl)).rejects.toThrow(
    'Get "https://auth/token?service=reg&account=u&client_id=docker&offline_token=true": unauthorized: bad',
  );
});

it('falls back to http for a loopback registry that does not speak TLS', async () => {
  const f = fakeFetch(({ url }) => {
    if (url.startsWith('https:')) throw new TypeError('fetch failed');
    return new Response('{}');
  });
  await checkLogin({ username: 'u', password: 'p', serveraddress: '127.0.0.1:5999' }, f.impl);
  expect(f.calls.map((c) => c.url)).toEqual(['https://127.0.0.1:5999/v2/', 'http://127.0.0.1:5999/v2/']);
});
