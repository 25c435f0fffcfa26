// Pulls that fail half way, against a fake registry that misbehaves on demand: a layer whose bytes
// do not match its digest, a registry that dies mid-blob. The store must come out clean: no
// ingest, no partial blob, no half-made snapshot, no lease.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as http from 'node:http';
import { isSkiffError } from '@skiff/errors';
import { pull } from '../../src/transfer/pull';
import { Fixtures } from '../helpers/images/fixtures';
import { makeEnv, type PullEnv } from '../helpers/pull/env';
import { layeredImage, noise } from '../helpers/pull/images';
import { startFakeServer, type FakeServer, type SeenRequest } from '../helpers/registry/fake-server';
import { blob, type TestImage } from '../helpers/registry/image';
import { localTrafficOnly } from '../helpers/registry/local-only';

jest.setTimeout(60_000);
localTrafficOnly();

const fixtures = new Fixtures();
let env: PullEnv;
let server: FakeServer | undefined;

afterEach(async () => {
  env.deps.registry.close();
  await server?.close();
  server = undefined;
  await fixtures.cleanup();
});

type BlobServer = (digest: string, res: http.ServerResponse) => boolean;

/** Serves `image` under repo "bad:latest"; `blob` may answer a blob request its own way. */
async function serve(image: TestImage, blob: BlobServer = () => false): Promise<FakeServer> {
  const blobs = new Map(image.blobs.map((b) => [b.descriptor.digest, b.bytes]));
  return startFakeServer((req: SeenRequest, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/v2/') return void res.writeHead(200).end();
    const manifest = /^\/v2\/bad\/manifests\/(.+)$/.exec(url.pathname);
    if (manifest) {
      res.writeHead(200, {
        'content-type': image.manifest.descriptor.mediaType,
        'content-length': String(image.manifest.bytes.length),
        'docker-content-digest': image.manifest.descriptor.digest,
      });
      return void res.end(req.method === 'HEAD' ? undefined : image.manifest.bytes);
    }
    const m = /^\/v2\/bad\/blobs\/(.+)$/.exec(url.pathname);
    if (m && !blob(m[1]!, res) && blobs.has(m[1]!)) {
      const bytes = blobs.get(m[1]!)!;
      res.writeHead(200, { 'content-length': String(bytes.length) });
      return void res.end(bytes);
    }
    if (!res.headersSent) res.writeHead(404).end();
  });
}

async function expectClean(): Promise<void> {
  expect(await env.deps.leases.listLeases()).toEqual([]);
  expect(await env.deps.content.listStatuses()).toEqual([]);
  expect(fs.readdirSync(path.join(env.root, 'content', 'ingest'))).toEqual([]);
  // Layers below the failed one may be committed (unreferenced: the next collection takes them);
  // nothing half-made is left.
  const snapshots = await env.deps.snapshotter.list();
  expect(snapshots.filter((s) => s.kind !== 'committed')).toEqual([]);
  expect(fs.readdirSync(path.join(env.root, 'snapshots', 'snapshots'))).toHaveLength(snapshots.length);
  expect(env.deps.images.list('default')).toEqual([]);
}

describe('failed pulls leave a clean store', () => {
  let image: TestImage;
  beforeAll(async () => {
    image = await layeredImage([{ a: 'a\n' }, { b: noise(200_000) }]);
  });
  beforeEach(async () => {
    env = await makeEnv(fixtures);
  });

  it('a layer whose bytes do not match its digest: FailedPrecondition, no ingest, no blob', async () => {
    const bad = image.layers[1]!.descriptor.digest;
    server = await serve(image, (digest, res) => {
      if (digest !== bad) return false;
      const bytes = Buffer.from(image.layers[1]!.bytes);
      bytes[bytes.length - 20] ^= 0xff;
      res.writeHead(200, { 'content-length': String(bytes.length) });
      res.end(bytes);
      return true;
    });
    const err = await pull(env.deps, { namespace: 'default', reference: `${server.host}/bad`, unpack: true }).catch((e: unknown) => e);
    expect(isSkiffError(err, 'FailedPrecondition')).toBe(true);
    expect((err as Error).message).toMatch(/digest mismatch/);
    await expect(env.deps.content.info(bad)).rejects.toMatchObject({ kind: 'NotFound' });
    await expectClean();
  });

  it('a registry that cuts a blob short: Unavailable, nothing left over', async () => {
    const cut = image.layers[1]!.descriptor.digest;
    server = await serve(image, (digest, res) => {
      if (digest !== cut) return false;
      res.writeHead(200, { 'content-length': String(image.layers[1]!.bytes.length) });
      res.write(image.layers[1]!.bytes.subarray(0, 1000));
      setTimeout(() => res.destroy(), 50);
      return true;
    });
    const err = await pull(env.deps, { namespace: 'default', reference: `${server.host}/bad`, unpack: true }).catch((e: unknown) => e);
    expect(isSkiffError(err, 'Unavailable')).toBe(true);
    await expectClean();
  });

  it('a layer that unpacks to another diff id than the config says: FailedPrecondition, no snapshot left', async () => {
    const config = JSON.parse(image.config.bytes.toString());
    config.rootfs.diff_ids[0] = `sha256:${'1'.repeat(64)}`;
    const badConfig = blob(image.config.descriptor.mediaType, Buffer.from(JSON.stringify(config)));
    const manifest = blob(image.manifest.descriptor.mediaType, Buffer.from(JSON.stringify({ ...JSON.parse(image.manifest.bytes.toString()), config: badConfig.descriptor })));
    server = await serve({ ...image, config: badConfig, manifest, blobs: [badConfig, ...image.layers] });
    const err = await pull(env.deps, { namespace: 'default', reference: `${server.host}/bad`, unpack: true }).catch((e: unknown) => e);
    expect(isSkiffError(err, 'FailedPrecondition')).toBe(true);
    expect((err as Error).message).toMatch(/unpacks to/);
    expect(await env.deps.snapshotter.list()).toEqual([]);
    await expectClean();
  });

  it('a hostile layer above the first: InvalidArgument, no snapshot left, the other layers unharmed', async () => {
    const hostile = await layeredImage([{ a: 'a\n' }, { '../escape': 'x\n' }, { c: noise(200_000) }]);
    server = await serve(hostile);
    const err = await pull(env.deps, { namespace: 'default', reference: `${server.host}/bad`, unpack: true }).catch((e: unknown) => e);
    expect(isSkiffError(err, 'InvalidArgument')).toBe(true);
    expect((err as Error).message).toMatch(/escapes the layer root/);
    expect(fs.existsSync(path.join(env.root, 'snapshots', 'escape'))).toBe(false);
    expect((await env.deps.snapshotter.list()).map((s) => s.parent)).toEqual(['']);
    await expectClean();
  });

  it('a missing blob: NotFound', async () => {
    const gone = image.layers[0]!.descriptor.digest;
    server = await serve(image, (digest, res) => {
      if (digest !== gone) return false;
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'BLOB_UNKNOWN', message: 'blob unknown to registry' }] }));
      return true;
    });
    const err = await pull(env.deps, { namespace: 'default', reference: `${server.host}/bad`, unpack: true }).catch((e: unknown) => e);
    expect(isSkiffError(err, 'NotFound')).toBe(true);
    await expectClean();
  });
});
