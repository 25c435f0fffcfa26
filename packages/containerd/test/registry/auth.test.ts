// Authentication against the real registry: htpasswd (Basic) and token auth (Bearer), where the
// test serves the token realm itself with JWTs signed by a key the registry trusts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isSkiffError } from '@skiff/errors';
import { RegistryClient, normalizeReference } from '../../src/registry';
import { localTrafficOnly } from '../helpers/registry/local-only';
import { buildImage, readAll, streamOf, type TestImage } from '../helpers/registry/image';
import { useRegistry } from '../helpers/registry/registry';
import { TOKEN_ISSUER, TOKEN_SERVICE, startTokenServer, type TokenServer } from '../helpers/registry/token-server';

jest.setTimeout(60_000);
localTrafficOnly();

const USERS = { alice: 'wonderland', bob: 'builder' };

async function push(client: RegistryClient, reference: string, image: TestImage, credentials?: { username: string; password: string }) {
  const ref = normalizeReference(reference);
  const opts = credentials ? { credentials } : {};
  for (const b of image.blobs) await client.pushBlob(ref, b.descriptor, streamOf(b.bytes), opts);
  return client.pushManifest(ref, image.manifest.descriptor.mediaType, image.manifest.bytes, opts);
}

describe('htpasswd (Basic) registry', () => {
  const registry = useRegistry(() => ({ kind: 'htpasswd', users: USERS }));
  let client: RegistryClient;
  let image: TestImage;
  beforeAll(async () => {
    client = new RegistryClient();
    image = await buildImage({});
  });
  afterAll(() => client.close());

  it('pushes and pulls with credentials', async () => {
    const ref = `${registry().host}/private/app:1`;
    await push(client, ref, image, { username: 'alice', password: 'wonderland' });
    const credentials = { username: 'bob', password: 'builder' };
    const resolved = await client.resolve(ref, { credentials });
    expect(resolved.descriptor.digest).toBe(image.manifest.descriptor.digest);
    const layer = await readAll(await client.fetchBlob(ref, image.layers[0]!.descriptor, { credentials }));
    expect(layer.equals(image.layers[0]!.bytes)).toBe(true);
  });

  it('answers 401 without credentials as unauthenticated', async () => {
    const anonymous = new RegistryClient();
    try {
      const attempt = anonymous.resolve(`${registry().host}/private/app:1`);
      await expect(attempt).rejects.toThrow('unauthorized: authentication required');
      await expect(attempt.catch((e) => isSkiffError(e, 'Unauthenticated'))).resolves.toBe(true);
    } finally {
      anonymous.close();
    }
  });

  it('answers 401 with a wrong password as unauthenticated', async () => {
    const attempt = client.resolve(`${registry().host}/private/app:1`, {
      credentials: { username: 'alice', password: 'wrong' },
    });
    await expect(attempt).rejects.toThrow(/unauthorized/);
    await expect(attempt.catch((e) => isSkiffError(e, 'Unauthenticated'))).resolves.toBe(true);
  });
});

describe('token (Bearer) registry', () => {
  let dir: string;
  let tokens: TokenServer;
  const registry = useRegistry(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-token-'));
    // alice may push and pull anything; anonymous users may pull public/*; bob may only pull.
    tokens = await startTokenServer(dir, USERS, (user, repository, actions) => {
      if (user === 'alice') return actions;
      if (user === 'bob') return actions.filter((a) => a === 'pull');
      return repository.startsWith('public/') ? actions.filter((a) => a === 'pull') : [];
    });
    return { kind: 'token', realm: tokens.realm, service: TOKEN_SERVICE, issuer: TOKEN_ISSUER, certFile: tokens.certFile };
  });
  afterAll(async () => {
    await tokens?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  let image: TestImage;
  beforeAll(async () => {
    image = await buildImage({ format: 'oci' });
  });

  it('gets push and pull tokens with Basic credentials, scoped to the repository, and caches them', async () => {
    const client = new RegistryClient();
    try {
      const alice = { username: 'alice', password: 'wonderland' };
      await push(client, `${registry().host}/public/app:1`, image, alice);
      const asked = tokens.requests.filter((r) => r.user === 'alice');
      expect(asked[0]!.scopes).toEqual(['repository:public/app:pull,push']);
      // One token for the whole push: the challenge is remembered and the token reused.
      expect(asked).toHaveLength(1);
      const mounted = await client.pushBlob(`${registry().host}/private/copy`, image.layers[0]!.descriptor, streamOf(image.layers[0]!.bytes), {
        credentials: alice,
        mountFrom: ['public/app'],
      });
      expect(mounted).toBe('mounted');
      expect(tokens.requests[tokens.requests.length - 1]!.scopes.sort()).toEqual(
        ['repository:private/copy:pull,push', 'repository:public/app:pull'].sort(),
      );
    } finally {
      client.close();
    }
  });

  it('pulls a public repository anonymously with a pull token', async () => {
    const client = new RegistryClient();
    try {
      const before = tokens.requests.length;
      const resolved = await client.resolve(`${registry().host}/public/app:1`);
      expect(resolved.descriptor.digest).toBe(image.manifest.descriptor.digest);
      const layer = await readAll(await client.fetchBlob(resolved.ref, image.layers[0]!.descriptor));
      expect(layer.equals(image.layers[0]!.bytes)).toBe(true);
      const fresh = tokens.requests.slice(before);
      expect(fresh.map((r) => [r.user, r.scopes])).toEqual([[undefined, ['repository:public/app:pull']]]);
    } finally {
      client.close();
    }
  });

  it('refuses anonymous pulls of a private repository with 401 after auth', async () => {
    const client = new RegistryClient();
    try {
      const attempt = client.resolve(`${registry().host}/private/copy:latest`);
      await expect(attempt).rejects.toThrow(/^unauthorized: authentication required/);
      await expect(attempt.catch((e) => isSkiffError(e, 'Unauthenticated'))).resolves.toBe(true);
    } finally {
      client.close();
    }
  });

  it('refuses a push with pull-only rights', async () => {
    const client = new RegistryClient();
    try {
      const attempt = client.pushManifest(`${registry().host}/public/app:2`, image.manifest.descriptor.mediaType, image.manifest.bytes, {
        credentials: { username: 'bob', password: 'builder' },
      });
      await expect(attempt).rejects.toThrow(/unauthorized|denied/);
    } finally {
      client.close();
    }
  });

  it('reports wrong credentials with the token server message', async () => {
    const client = new RegistryClient();
    try {
      const attempt = client.resolve(`${registry().host}/public/app:1`, { credentials: { username: 'alice', password: 'nope' } });
      await expect(attempt).rejects.toThrow('unauthorized: incorrect username or password');
      await expect(attempt.catch((e) => isSkiffError(e, 'Unauthenticated'))).resolves.toBe(true);
    } finally {
      client.close();
    }
  });
});
