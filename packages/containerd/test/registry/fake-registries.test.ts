// The client against fake registries on 127.0.0.1 that misbehave on purpose: corrupt, truncated
// and oversized blobs, redirects to storage, mirrors (plain and https with our own CA), Bearer
// flows with identity and registry tokens, error bodies in Docker's words, odd manifests.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isSkiffError } from '@skiff/errors';
import { RegistryClient, type Descriptor } from '../../src/registry';
import { localTrafficOnly } from '../helpers/registry/local-only';
import { readAll, sha256 } from '../helpers/registry/image';
import { json, registryErrorBody, selfSignedCert, startFakeServer, type FakeServer, type Handler } from '../helpers/registry/fake-server';

jest.setTimeout(60_000);
localTrafficOnly();

const BLOB = Buffer.from('the real content of a layer, long enough to be cut in half'.repeat(50));
const BLOB_DESC: Descriptor = { mediaType: 'application/octet-stream', digest: sha256(BLOB), size: BLOB.length };
const MANIFEST = Buffer.from(
  JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: BLOB_DESC.digest, size: BLOB_DESC.size },
    layers: [],
  }),
);

const servers: FakeServer[] = [];
const clients: RegistryClient[] = [];
let tmp: string;

async function serve(handler: Handler, tls?: { key: string; cert: string }): Promise<FakeServer> {
  const server = await startFakeServer(handler, tls);
  servers.push(server);
  return server;
}

function client(options: ConstructorParameters<typeof RegistryClient>[0] = {}): RegistryClient {
  const c = new RegistryClient(options);
  clients.push(c);
  return c;
}

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-fake-registry-'));
});
afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all(servers.map((s) => s.close()));
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A registry serving MANIFEST as app:latest and BLOB as its blob, through `blob` when given. */
function simpleRegistry(blob?: Handler): Handler {
  return (req, res) => {
    if (req.url === '/v2/app/manifests/latest' || req.url === `/v2/app/manifests/${sha256(MANIFEST)}`) {
      res.writeHead(200, {
        'content-type': 'application/vnd.oci.image.manifest.v1+json',
        'docker-content-digest': sha256(MANIFEST),
        'content-length': String(MANIFEST.length),
      });
      res.end(req.method === 'HEAD' ? undefined : MANIFEST);
    } else if (req.url === `/v2/app/blobs/${BLOB_DESC.digest}`) {
      if (blob) blob(req, res);
      else res.end(BLOB);
    } else {
      json(res, 404, registryErrorBody('MANIFEST_UNKNOWN', 'manifest unknown'));
    }
  };
}

describe('blob verification', () => {
  it('fails at the end of a corrupt blob with a digest mismatch', async () => {
    const corrupt = Buffer.from(BLOB);
    corrupt[10] ^= 0xff;
    const server = await serve(simpleRegistry((_req, res) => res.end(corrupt)));
    const stream = await client().fetchBlob(`${server.host}/app`, BLOB_DESC);
    const read = readAll(stream);
    await expect(read).rejects.toThrow(`digest mismatch: blob ${BLOB_DESC.digest} has digest ${sha256(corrupt)}`);
    await expect(read.catch((e) => isSkiffError(e, 'FailedPrecondition'))).resolves.toBe(true);
  });

  it('fails on a blob cut short by the connection', async () => {
    const server = await serve(
      simpleRegistry((_req, res) => {
        res.writeHead(200, { 'content-length': String(BLOB.length) });
        res.write(BLOB.subarray(0, 100), () => setTimeout(() => res.socket?.destroy(), 50));
      }),
    );
    const read = readAll(await client().fetchBlob(`${server.host}/app`, BLOB_DESC));
    await expect(read).rejects.toThrow(/unexpected EOF/);
    await expect(read.catch((e) => isSkiffError(e, 'Unavailable'))).resolves.toBe(true);
  });

  it('fails on a blob that ends early without an error from the server', async () => {
    const server = await serve(simpleRegistry((_req, res) => res.end(BLOB.subarray(0, 100))));
    const read = readAll(await client().fetchBlob(`${server.host}/app`, BLOB_DESC));
    await expect(read).rejects.toThrow(`blob ${BLOB_DESC.digest}: unexpected EOF: got 100 of ${BLOB.length} bytes`);
  });

  it('fails as soon as a blob runs past its size', async () => {
    const server = await serve(simpleRegistry((_req, res) => res.end(Buffer.concat([BLOB, Buffer.from('extra')]))));
    await expect(readAll(await client().fetchBlob(`${server.host}/app`, BLOB_DESC))).rejects.toThrow(/more data than its size/);
  });

  it('follows a redirect to storage without sending the registry credentials there', async () => {
    const storage = await serve((_req, res) => res.end(BLOB));
    const server = await serve(
      simpleRegistry((_req, res) => {
        res.writeHead(307, { location: `${storage.url}/signed/blob?sig=abc` });
        res.end();
      }),
    );
    const credentials = { registrytoken: 'secret-token' };
    const got = await readAll(await client().fetchBlob(`${server.host}/app`, BLOB_DESC, { credentials }));
    expect(got.equals(BLOB)).toBe(true);
    expect(server.requests[0]!.headers.authorization).toBe('Bearer secret-token');
    expect(storage.requests[0]!.url).toBe('/signed/blob?sig=abc');
    expect(storage.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('resumes from an offset even when the server ignores Range', async () => {
    const server = await serve(simpleRegistry((_req, res) => res.end(BLOB)));
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(BLOB.subarray(0, 1000));
    const rest = await readAll(await client().fetchBlob(`${server.host}/app`, BLOB_DESC, { resume: { offset: 1000, hash } }));
    expect(rest.equals(BLOB.subarray(1000))).toBe(true);
    expect(server.requests[0]!.headers.range).toBe('bytes=1000-');
  });
});

describe('errors in Docker words', () => {
  it('NAME_UNKNOWN names the repository', async () => {
    const server = await serve((_req, res) => json(res, 404, registryErrorBody('NAME_UNKNOWN', 'repository name not known to registry')));
    await expect(client().resolve(`${server.host}/nope`)).rejects.toThrow(
      `repository ${server.host}/nope not found: name unknown: repository name not known to registry`,
    );
  });

  it('DENIED is pull access denied', async () => {
    const server = await serve((_req, res) => json(res, 403, registryErrorBody('DENIED', 'requested access to the resource is denied')));
    const attempt = client().resolve(`${server.host}/secret/app:1`);
    await expect(attempt).rejects.toThrow(
      `pull access denied for ${server.host}/secret/app, repository does not exist or may require 'docker login': denied: requested access to the resource is denied`,
    );
    await expect(attempt.catch((e) => isSkiffError(e, 'NotFound'))).resolves.toBe(true);
  });

  it('5xx is unavailable with the status', async () => {
    const server = await serve((_req, res) => json(res, 503, registryErrorBody('UNAVAILABLE', 'maintenance')));
    const attempt = client().resolve(`${server.host}/app`);
    await expect(attempt).rejects.toThrow(/registry answered 503: unavailable: maintenance/);
    await expect(attempt.catch((e) => isSkiffError(e, 'Unavailable'))).resolves.toBe(true);
  });

  it('a refused connection is unavailable', async () => {
    const server = await serve(() => undefined);
    await server.close();
    const attempt = client().resolve(`${server.host}/app`);
    await expect(attempt).rejects.toThrow(/^Head "http:\/\/127\.0\.0\.1:\d+\/v2\/app\/manifests\/latest": connect ECONNREFUSED/);
    await expect(attempt.catch((e) => isSkiffError(e, 'Unavailable'))).resolves.toBe(true);
  });

  it('a manifest whose content does not match its digest is refused', async () => {
    const digest = sha256(Buffer.from('something else'));
    const server = await serve((_req, res) => res.end(MANIFEST));
    const attempt = client().fetchManifest(`${server.host}/app@${digest}`);
    await expect(attempt).rejects.toThrow(`digest mismatch: manifest ${digest} of ${server.host}/app has digest ${sha256(MANIFEST)}`);
  });

  it('schema 1 manifests are refused with Docker-like wording', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.docker.distribution.manifest.v1+prettyjws' });
      res.end(JSON.stringify({ schemaVersion: 1, name: 'old', tag: '1', fsLayers: [], history: [], signatures: [] }));
    });
    const attempt = client().resolve(`${server.host}/old:1`);
    await expect(attempt).rejects.toThrow(/schema 1 is not supported: .*old:1/);
    await expect(attempt.catch((e) => isSkiffError(e, 'NotImplemented'))).resolves.toBe(true);
  });

  it('unknown manifest media types are refused', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.example.thing+json' });
      res.end('{"schemaVersion":2}');
    });
    await expect(client().resolve(`${server.host}/odd:1`)).rejects.toThrow(
      /unsupported manifest media type and no default available: application\/vnd.example.thing\+json/,
    );
  });
});

describe('resolve', () => {
  it('falls back to GET when HEAD gives no digest, and computes it', async () => {
    const server = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
      res.end(req.method === 'HEAD' ? undefined : MANIFEST);
    });
    const resolved = await client().resolve(`${server.host}/app:1`);
    expect(resolved.descriptor).toEqual({ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: sha256(MANIFEST), size: MANIFEST.length });
    expect(server.requests.map((r) => r.method)).toEqual(['HEAD', 'GET']);
    expect(server.requests[0]!.headers.accept).toContain('application/vnd.oci.image.index.v1+json');
    expect(server.requests[0]!.headers.accept).toContain('application/vnd.docker.distribution.manifest.list.v2+json');
  });
});

describe('mirrors', () => {
  it('tries mirrors in order, then the registry itself', async () => {
    const broken = await serve((_req, res) => json(res, 500, {}));
    const empty = await serve((_req, res) => json(res, 404, registryErrorBody('MANIFEST_UNKNOWN', 'manifest unknown')));
    const origin = await serve(simpleRegistry());
    const c = client({ mirrors: { [origin.host]: [broken.url, `${empty.url}/prefix`] } });
    const resolved = await c.resolve(`${origin.host}/app`);
    expect(resolved.descriptor.digest).toBe(sha256(MANIFEST));
    expect(broken.requests[0]!.url).toBe('/v2/app/manifests/latest');
    expect(empty.requests[0]!.url).toBe('/prefix/v2/app/manifests/latest');
    expect(origin.requests.length).toBeGreaterThan(0);
  });

  it('serves docker.io pulls from a mirror without touching Docker Hub', async () => {
    const mirror = await serve((req, res) => {
      if (req.url === '/v2/library/busybox/manifests/latest') simpleRegistry()({ ...req, url: '/v2/app/manifests/latest' }, res);
      else if (req.url === `/v2/library/busybox/blobs/${BLOB_DESC.digest}`) res.end(BLOB);
      else json(res, 404, {});
    });
    const c = client({ mirrors: { 'docker.io': [mirror.url] } });
    const resolved = await c.resolve('busybox');
    expect(resolved.ref).toEqual({ domain: 'docker.io', path: 'library/busybox', tag: 'latest' });
    expect(resolved.descriptor.digest).toBe(sha256(MANIFEST));
    expect((await readAll(await c.fetchBlob(resolved.ref, BLOB_DESC))).equals(BLOB)).toBe(true);
  });

  it('would fall back to Docker Hub itself, which the test guard stops', async () => {
    const mirror = await serve((_req, res) => json(res, 500, {}));
    const attempt = client({ mirrors: { 'docker.io': [mirror.url] } }).resolve('busybox');
    await expect(attempt).rejects.toThrow('test tried to reach https://registry-1.docker.io/v2/library/busybox/manifests/latest');
    expect(mirror.requests).toHaveLength(2);
  });

  it('speaks https to a mirror, trusting a configured CA', async () => {
    const tls = selfSignedCert(tmp);
    const secure = await serve(simpleRegistry(), tls);
    const origin = await serve(simpleRegistry());
    const trusting = client({ mirrors: { [origin.host]: [secure.url] }, caCertificates: [tls.cert] });
    await trusting.resolve(`${origin.host}/app`);
    expect(secure.requests).toHaveLength(1);
    expect(origin.requests).toHaveLength(0);
    // Without the CA the mirror fails verification and the registry answers instead.
    const untrusting = client({ mirrors: { [origin.host]: [secure.url] }, systemCaFile: '' });
    await untrusting.resolve(`${origin.host}/app`);
    expect(secure.requests).toHaveLength(1);
    expect(origin.requests).toHaveLength(1);
  });
});

describe('Bearer flows against a fake registry', () => {
  function bearerRegistry(realm: () => string, valid: string): Handler {
    return (req, res) => {
      if (req.headers.authorization !== `Bearer ${valid}`) {
        res.writeHead(401, {
          'www-authenticate': `Bearer realm="${realm()}",service="fake",scope="repository:app:pull"`,
          'content-type': 'application/json',
        });
        res.end(JSON.stringify(registryErrorBody('UNAUTHORIZED', 'authentication required')));
        return;
      }
      simpleRegistry()(req, res);
    };
  }

  it('exchanges an identity token with the OAuth2 refresh-token grant', async () => {
    const realm = await serve((req, res) => {
      const form = new URLSearchParams(req.body.toString());
      if (req.method === 'POST' && form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === 'id-token') {
        json(res, 200, { access_token: 'granted', expires_in: 300 });
      } else json(res, 401, { error: 'invalid_grant' });
    });
    const server = await serve(bearerRegistry(() => `${realm.url}/token`, 'granted'));
    const c = client();
    await c.resolve(`${server.host}/app`, { credentials: { identitytoken: 'id-token' } });
    const form = new URLSearchParams(realm.requests[0]!.body.toString());
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'id-token',
      service: 'fake',
      client_id: 'skiff',
      scope: 'repository:app:pull',
    });
    await expect(c.resolve(`${server.host}/app`, { credentials: { identitytoken: 'bad' } })).rejects.toThrow(
      'unauthorized: invalid_grant',
    );
  });

  it('renews a token the registry refuses, once', async () => {
    let issued = 0;
    const realm = await serve((_req, res) => json(res, 200, { token: `t${++issued}`, expires_in: 3600 }));
    let valid = 't1';
    const server = await serve((req, res) => bearerRegistry(() => `${realm.url}/token`, valid)(req, res));
    const c = client();
    await c.resolve(`${server.host}/app`);
    valid = 't2';
    await c.resolve(`${server.host}/app`);
    expect(issued).toBe(2);
    valid = 'never';
    await expect(c.resolve(`${server.host}/app`)).rejects.toThrow('unauthorized: authentication required');
  });
});
