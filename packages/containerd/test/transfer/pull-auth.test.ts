// Pull and push against a registry with htpasswd (Basic) authentication: credentials travel with
// the request and are used for it only; without them the registry's 401 is Unauthenticated.
import * as grpc from '@grpc/grpc-js';
import { isSkiffError } from '@skiff/errors';
import { pull } from '../../src/transfer/pull';
import { push } from '../../src/transfer/push';
import { Fixtures } from '../helpers/images/fixtures';
import { makeEnv, seed, type PullEnv } from '../helpers/pull/env';
import { collect, metadata, startTestContainerd } from '../helpers/pull/grpc';
import { layeredImage } from '../helpers/pull/images';
import type { TestImage } from '../helpers/registry/image';
import { localTrafficOnly } from '../helpers/registry/local-only';
import { useRegistry } from '../helpers/registry/registry';

jest.setTimeout(120_000);
localTrafficOnly();

const credentials = { username: 'alice', password: 's3cret' };
const registry = useRegistry(() => ({ kind: 'htpasswd', users: { alice: 's3cret' } }));
const fixtures = new Fixtures();
let env: PullEnv;
let image: TestImage;

beforeAll(async () => {
  image = await layeredImage([{ 'etc/secret': 'private\n' }]);
  await seed(registry().host, 'private/app', 'v1', image, credentials);
});
beforeEach(async () => {
  env = await makeEnv(fixtures);
});
afterEach(async () => {
  env.deps.registry.close();
  await fixtures.cleanup();
});

it('pulls and pushes with the credentials given in the request', async () => {
  const pulled = await pull(env.deps, { namespace: 'default', reference: `${registry().host}/private/app:v1`, unpack: true, auth: credentials });
  expect(pulled.image.target.digest).toBe(image.manifest.descriptor.digest);
  const pushed = await push(env.deps, { namespace: 'default', name: pulled.image.name, targetReference: `${registry().host}/private/copy:v1`, auth: credentials });
  expect(pushed.descriptor.digest).toBe(image.manifest.descriptor.digest);
});

it('is Unauthenticated without credentials, and with wrong ones', async () => {
  const reference = `${registry().host}/private/app:v1`;
  const anonymous = await pull(env.deps, { namespace: 'default', reference, unpack: false }).catch((e: unknown) => e);
  expect(isSkiffError(anonymous, 'Unauthenticated')).toBe(true);
  const wrong = await pull(env.deps, { namespace: 'default', reference, unpack: false, auth: { username: 'alice', password: 'nope' } }).catch((e: unknown) => e);
  expect(isSkiffError(wrong, 'Unauthenticated')).toBe(true);
  expect(await env.deps.leases.listLeases()).toEqual([]);
});

it('takes the credentials of a Transfer.Pull request over gRPC', async () => {
  const ctrd = await startTestContainerd();
  try {
    const reference = `${registry().host}/private/app:v1`;
    const pullOver = (request: object) => collect((ctrd.transfer as any).Pull(request, metadata()));
    await expect(pullOver({ reference, unpack: false })).rejects.toMatchObject({ code: grpc.status.UNAUTHENTICATED });
    const messages = await pullOver({ reference, unpack: true, auth: { username: 'alice', password: 's3cret' } });
    expect(messages[messages.length - 1].image.target.digest).toBe(image.manifest.descriptor.digest);
  } finally {
    await ctrd.stop();
  }
});
