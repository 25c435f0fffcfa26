// Manifest parsing and media type detection; the client's options and host rules.
import { isSkiffError } from '@skiff/errors';
import { MediaType, detectMediaType, parseManifest, parseRegistryOptions } from '../../src/registry';
import { Authorizer } from '../../src/registry/auth';
import { HostRules } from '../../src/registry/options';
import { HttpTransport } from '../../src/registry/transport';
import { json, startFakeServer } from '../helpers/registry/fake-server';

const desc = { mediaType: MediaType.OciLayerGzip, digest: `sha256:${'b'.repeat(64)}`, size: 3 };

describe('parseManifest', () => {
  it('parses the four formats', () => {
    const manifest = { schemaVersion: 2, config: desc, layers: [desc] };
    const index = { schemaVersion: 2, manifests: [{ ...desc, platform: { os: 'linux', architecture: 'amd64' } }] };
    for (const [doc, type, kind] of [
      [{ ...manifest, mediaType: MediaType.DockerManifest }, undefined, 'manifest'],
      [manifest, MediaType.OciManifest, 'manifest'],
      [{ ...index, mediaType: MediaType.DockerManifestList }, 'application/json', 'index'],
      [index, MediaType.OciIndex, 'index'],
    ] as const) {
      const parsed = parseManifest(Buffer.from(JSON.stringify(doc)), type, 'x');
      expect(parsed.kind).toBe(kind);
    }
  });

  it('keeps fields it does not model', () => {
    const parsed = parseManifest(Buffer.from(JSON.stringify({ schemaVersion: 2, config: desc, layers: [], extra: 1 })), MediaType.OciManifest, 'x');
    expect(parsed.kind === 'manifest' && (parsed.manifest as Record<string, unknown>).extra).toBe(1);
  });

  it('recognises documents without a media type by their shape', () => {
    expect(detectMediaType({ manifests: [] }, undefined)).toBe(MediaType.OciIndex);
    expect(detectMediaType({ config: {}, layers: [] }, 'application/octet-stream')).toBe(MediaType.OciManifest);
    expect(detectMediaType({ schemaVersion: 1 }, 'application/json')).toBe(MediaType.DockerSchema1);
    expect(detectMediaType({ mediaType: MediaType.OciIndex }, MediaType.DockerManifest)).toBe(MediaType.OciIndex);
  });

  it('refuses invalid documents, schema 1 and unknown types', () => {
    expect(() => parseManifest(Buffer.from('{'), MediaType.OciManifest, 'img')).toThrow(/manifest for img is not valid JSON/);
    expect(() => parseManifest(Buffer.from(JSON.stringify({ schemaVersion: 2, config: desc })), MediaType.OciManifest, 'img')).toThrow(
      /invalid manifest for img .*layers/,
    );
    expect(() =>
      parseManifest(Buffer.from(JSON.stringify({ schemaVersion: 2, config: { ...desc, digest: 'nope' }, layers: [] })), MediaType.OciManifest, 'img'),
    ).toThrow(/config.digest: invalid digest/);
    let caught: unknown;
    try {
      parseManifest(Buffer.from(JSON.stringify({ schemaVersion: 1 })), MediaType.DockerSchema1Signed, 'old:1');
    } catch (err) {
      caught = err;
    }
    expect(isSkiffError(caught, 'NotImplemented')).toBe(true);
    expect(() => parseManifest(Buffer.from('{}'), 'application/vnd.example+json', 'img')).toThrow(
      'unsupported manifest media type and no default available: application/vnd.example+json (img)',
    );
  });
});

describe('options and hosts', () => {
  it('fills defaults and refuses unknown or bad settings', () => {
    const options = parseRegistryOptions({});
    expect(options.insecureRegistries).toEqual([]);
    expect(options.userAgent).toMatch(/^skiff-containerd\//);
    expect(() => parseRegistryOptions({ insecure: [] })).toThrow(/invalid registry options/);
    expect(() => parseRegistryOptions({ mirrors: { 'docker.io': ['ftp://mirror'] } })).toThrow(/mirrors.docker.io.0/);
    expect(() => parseRegistryOptions({ timeouts: { connectMs: 0 } })).toThrow(/timeouts.connectMs/);
  });

  it('speaks plain http to loopback and configured insecure registries only', () => {
    const hosts = new HostRules(parseRegistryOptions({ insecureRegistries: ['myreg:5000', 'plain.example', '10.1.0.0/16', 'fd00::/8'] }));
    for (const domain of ['localhost', 'localhost:5000', '127.0.0.1:5000', '[::1]:5000', 'myreg:5000', 'plain.example:443', '10.1.2.3:5000', '[fd00::1]:5000']) {
      expect([domain, hosts.origin(domain).base.protocol]).toEqual([domain, 'http:']);
    }
    for (const domain of ['myreg:5001', 'example.com', '10.2.0.1', 'docker.io']) {
      expect([domain, hosts.origin(domain).base.protocol]).toEqual([domain, 'https:']);
    }
  });

  it('maps docker.io to registry-1.docker.io and puts mirrors first', () => {
    const hosts = new HostRules(parseRegistryOptions({ mirrors: { 'docker.io': ['https://m1.example', 'http://m2.example/prefix'] } }));
    expect(hosts.pullEndpoints('docker.io').map((e) => [e.base.href, e.mirror])).toEqual([
      ['https://m1.example/', true],
      ['http://m2.example/prefix/', true],
      ['https://registry-1.docker.io/', false],
    ]);
    expect(hosts.pullEndpoints('ghcr.io').map((e) => e.base.href)).toEqual(['https://ghcr.io/']);
  });
});

describe('token cache', () => {
  it('reuses a token until it expires, per scope set and credentials', async () => {
    let issued = 0;
    const realm = await startFakeServer((_req, res) => json(res, 200, { token: `t${++issued}`, expires_in: 120 }));
    const transport = new HttpTransport({ userAgent: 'test', connectTimeoutMs: 10_000, idleTimeoutMs: 10_000, maxRedirects: 3 });
    let now = 1_000_000;
    const auth = new Authorizer(transport, () => now);
    try {
      const origin = 'http://127.0.0.1:1';
      expect(await auth.authorization(origin, ['repository:a:pull'], undefined)).toBeUndefined();
      const retry = auth.challenged(origin, `Bearer realm="${realm.url}/token",service="s"`, ['repository:a:pull'], undefined, undefined);
      expect(retry).toEqual(['repository:a:pull']);
      expect(await auth.authorization(origin, ['repository:a:pull'], undefined)).toBe('Bearer t1');
      expect(await auth.authorization(origin, ['repository:a:pull'], undefined)).toBe('Bearer t1');
      expect(await auth.authorization(origin, ['repository:a:pull,push'], undefined)).toBe('Bearer t2');
      expect(await auth.authorization(origin, ['repository:a:pull'], { username: 'u', password: 'p' })).toBe('Bearer t3');
      now += 110_000;
      expect(await auth.authorization(origin, ['repository:a:pull'], undefined)).toBe('Bearer t1');
      now += 10_000;
      expect(await auth.authorization(origin, ['repository:a:pull'], undefined)).toBe('Bearer t4');
      const query = new URL(realm.requests[0]!.url, 'http://x').searchParams;
      expect([query.get('service'), query.getAll('scope')]).toEqual(['s', ['repository:a:pull']]);
      expect(realm.requests[2]!.headers.authorization).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    } finally {
      transport.close();
      await realm.close();
    }
  });
});
