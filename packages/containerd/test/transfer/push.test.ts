// Push against Debian's real registry: a round trip through another repository (with a
// cross-repository mount), "Layer already exists" the second time, and one platform of an index.
import { isSkiffError } from '@skiff/errors';
import { pull } from '../../src/transfer/pull';
import { push } from '../../src/transfer/push';
import { Fixtures } from '../helpers/images/fixtures';
import { makeEnv, recorder, seed, type PullEnv } from '../helpers/pull/env';
import { layeredImage } from '../helpers/pull/images';
import { ociIndex, type TestImage } from '../helpers/registry/image';
import { localTrafficOnly } from '../helpers/registry/local-only';
import { useRegistry } from '../helpers/registry/registry';

jest.setTimeout(120_000);
localTrafficOnly();

const registry = useRegistry();
const fixtures = new Fixtures();
let env: PullEnv;
const ns = 'default';

beforeEach(async () => {
  env = await makeEnv(fixtures);
});
afterEach(async () => {
  env.deps.registry.close();
  await fixtures.cleanup();
});

describe('push', () => {
  let app: TestImage;
  beforeAll(async () => {
    app = await layeredImage([{ 'etc/base': 'base\n' }, { 'etc/app': 'app\n' }]);
    await seed(registry().host, 'team/a', 'v1', app);
  });

  it('pushes what was pulled from repo A to repo B, mounting the layers, and B pulls back the same digest', async () => {
    const from = `${registry().host}/team/a:v1`;
    const to = `${registry().host}/team/b:v2`;
    const pulled = await pull(env.deps, { namespace: ns, reference: from, unpack: false });

    const rec = recorder();
    const result = await push(env.deps, { namespace: ns, name: pulled.image.name, targetReference: to }, rec.sink);
    expect(result.descriptor).toEqual(app.manifest.descriptor);
    expect(rec.events[0]).toEqual({ id: '', status: `The push refers to repository [${registry().host}/team/b]` });
    const ids = [...app.layers].reverse().map((l) => l.descriptor.digest.slice(7, 19));
    expect(rec.events.filter((e) => e.status === 'Preparing').map((e) => e.id)).toEqual(ids);
    for (const id of ids) expect(rec.statuses(id)).toEqual(['Preparing', 'Mounted from team/a']);
    expect(rec.events[rec.events.length - 1]).toEqual({ id: '', status: `v2: digest: ${app.manifest.descriptor.digest} size: ${app.manifest.descriptor.size}` });
    const labels = (await env.deps.content.info(app.layers[0]!.descriptor.digest)).labels;
    expect(labels[`containerd.io/distribution.source.${registry().host}`]).toBe('team/a,team/b');

    // A fresh store pulls B by digest and gets the same image.
    const other = await makeEnv(fixtures);
    try {
      const back = await pull(other.deps, { namespace: ns, reference: `${registry().host}/team/b@${result.descriptor.digest}`, unpack: true });
      expect(back.image.target.digest).toBe(app.manifest.descriptor.digest);
    } finally {
      other.deps.registry.close();
    }

    // Again: everything is there already.
    const again = recorder();
    await push(env.deps, { namespace: ns, name: pulled.image.name, targetReference: to }, again.sink);
    for (const id of ids) expect(again.statuses(id)).toEqual(['Preparing', 'Layer already exists']);
  });

  it('uploads to a new registry path when no mount source is known', async () => {
    const pulled = await pull(env.deps, { namespace: ns, reference: `${registry().host}/team/a:v1`, unpack: false });
    // Forget where the blobs came from: the push has to upload (the registry has them in team/a only).
    for (const b of app.blobs) await env.deps.content.update(b.descriptor.digest, {}, [`labels.containerd.io/distribution.source.${registry().host}`]);
    const rec = recorder();
    await push(env.deps, { namespace: ns, name: pulled.image.name, targetReference: `${registry().host}/fresh/c:v1` }, rec.sink);
    const id = app.layers[0]!.descriptor.digest.slice(7, 19);
    expect(rec.statuses(id)).toEqual(['Preparing', 'Pushing', 'Pushed']);
    const pushing = rec.events.filter((e) => e.id === id && e.status === 'Pushing');
    expect(pushing[pushing.length - 1]).toMatchObject({ current: app.layers[0]!.descriptor.size, total: app.layers[0]!.descriptor.size });
  });

  it('answers NotFound for an image it does not have', async () => {
    const err = await push(env.deps, { namespace: ns, name: 'nothing', targetReference: `${registry().host}/x:y` }).catch((e: unknown) => e);
    expect(isSkiffError(err, 'NotFound')).toBe(true);
    expect(await env.deps.leases.listLeases()).toEqual([]);
  });
});

describe('push of a multi-platform image', () => {
  let amd: TestImage;
  let arm: TestImage;
  beforeAll(async () => {
    amd = await layeredImage([{ arch: 'amd64\n' }]);
    arm = await layeredImage([{ arch: 'arm64\n' }], { architecture: 'arm64' });
    const index = ociIndex([
      { image: amd, platform: { os: 'linux', architecture: 'amd64' } },
      { image: arm, platform: { os: 'linux', architecture: 'arm64' } },
    ]);
    await seed(registry().host, 'multi/src', 'latest', { index, images: [amd, arm] });
  });

  it('refuses to push an index whose other platforms were not pulled, and pushes one platform', async () => {
    const pulled = await pull(env.deps, { namespace: ns, reference: `${registry().host}/multi/src`, unpack: false });
    const err = await push(env.deps, { namespace: ns, name: pulled.image.name, targetReference: `${registry().host}/multi/dst:all` }).catch((e: unknown) => e);
    expect(isSkiffError(err, 'FailedPrecondition')).toBe(true);
    expect((err as Error).message).toContain('linux/arm64');

    const one = await push(env.deps, {
      namespace: ns,
      name: pulled.image.name,
      targetReference: `${registry().host}/multi/dst:amd64`,
      platform: { os: 'linux', architecture: 'amd64' },
    });
    expect(one.descriptor.digest).toBe(amd.manifest.descriptor.digest);
  });

  it('pushes a whole index once every platform is there', async () => {
    const reference = `${registry().host}/multi/src`;
    await pull(env.deps, { namespace: ns, reference, unpack: false, platform: { os: 'linux', architecture: 'arm64' } });
    const pulled = await pull(env.deps, { namespace: ns, reference, unpack: false });
    const pushed = await push(env.deps, { namespace: ns, name: pulled.image.name, targetReference: `${registry().host}/multi/copy:latest` });
    expect(pushed.descriptor.digest).toBe(pulled.image.target.digest);
    const other = await makeEnv(fixtures);
    try {
      const back = await pull(other.deps, { namespace: ns, reference: `${registry().host}/multi/copy`, unpack: true, platform: { os: 'linux', architecture: 'arm64' } });
      expect(back.image.target.digest).toBe(pulled.image.target.digest);
    } finally {
      other.deps.registry.close();
    }
  });
});
