// Against Debian's real registry (no auth): push an image monolithic and chunked, pull it back by
// tag and by digest, mount across repositories, multi-platform index, and the 404s.
import { isSkiffError } from '@skiff/errors';
import { RegistryClient, normalizeReference, parseReference, selectPlatform, type ImageIndex } from '../../src/registry';
import { localTrafficOnly } from '../helpers/registry/local-only';
import { buildImage, ociIndex, readAll, streamOf, type TestImage } from '../helpers/registry/image';
import { useRegistry } from '../helpers/registry/registry';

jest.setTimeout(60_000);
localTrafficOnly();

const registry = useRegistry();
let client: RegistryClient;

beforeAll(() => {
  // Small chunks and threshold so the chunked path runs on small blobs.
  client = new RegistryClient({ chunkedUploadThreshold: 64 * 1024, chunkSize: 20_000 });
});
afterAll(() => client.close());

async function pushImage(repo: string, tag: string, image: TestImage, mountFrom?: string[]) {
  const ref = normalizeReference(`${registry().host}/${repo}:${tag}`);
  const results = [];
  for (const b of image.blobs) {
    results.push(await client.pushBlob(ref, b.descriptor, streamOf(b.bytes), mountFrom ? { mountFrom } : {}));
  }
  const pushed = await client.pushManifest(ref, image.manifest.descriptor.mediaType, image.manifest.bytes);
  return { ref, results, pushed };
}

describe('push and pull against the real registry', () => {
  let small: TestImage;
  let large: TestImage;

  beforeAll(async () => {
    small = await buildImage({ format: 'docker' });
    large = await buildImage({ format: 'oci', extraLayerSizes: [150_000] });
  });

  it('pushes a small image monolithically and pulls it back by tag', async () => {
    const { results, pushed } = await pushImage('test/small', 'v1', small);
    expect(results).toEqual(['uploaded', 'uploaded']);
    expect(pushed).toEqual(small.manifest.descriptor);

    const resolved = await client.resolve(`${registry().host}/test/small:v1`);
    expect(resolved.descriptor).toEqual(small.manifest.descriptor);
    const fetched = await client.fetchManifest(resolved.ref, resolved.descriptor);
    expect(fetched.bytes.equals(small.manifest.bytes)).toBe(true);
    expect(fetched.parsed.kind).toBe('manifest');
    if (fetched.parsed.kind !== 'manifest') return;
    for (const [i, layer] of fetched.parsed.manifest.layers.entries()) {
      const progress: number[] = [];
      const stream = await client.fetchBlob(resolved.ref, layer, { onProgress: (current) => progress.push(current) });
      expect((await readAll(stream)).equals(small.layers[i]!.bytes)).toBe(true);
      expect(progress[progress.length - 1]).toBe(layer.size);
    }
    const config = await readAll(await client.fetchBlob(resolved.ref, fetched.parsed.manifest.config));
    expect(JSON.parse(config.toString()).architecture).toBe('amd64');
  });

  it('pushing again finds the blobs already there', async () => {
    const { results } = await pushImage('test/small', 'v1', small);
    expect(results).toEqual(['exists', 'exists']);
  });

  it('pushes in chunks above the threshold and pulls by digest, verified', async () => {
    const { results } = await pushImage('test/large', 'latest', large);
    expect(results).toEqual(['uploaded', 'uploaded', 'uploaded']);
    const byDigest = `${registry().host}/test/large@${large.manifest.descriptor.digest}`;
    const resolved = await client.resolve(byDigest);
    expect(resolved.descriptor.digest).toBe(large.manifest.descriptor.digest);
    expect(resolved.descriptor.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    const fetched = await client.fetchManifest(byDigest);
    expect(fetched.descriptor).toEqual(large.manifest.descriptor);
    const big = large.layers[1]!;
    const got = await readAll(await client.fetchBlob(resolved.ref, big.descriptor));
    expect(got.equals(big.bytes)).toBe(true);
  });

  it('resumes a blob download with Range', async () => {
    const big = large.layers[1]!;
    const { createHash } = await import('node:crypto');
    const offset = 100_000;
    const hash = createHash('sha256').update(big.bytes.subarray(0, offset));
    const rest = await readAll(
      await client.fetchBlob(`${registry().host}/test/large`, big.descriptor, { resume: { offset, hash } }),
    );
    expect(Buffer.concat([big.bytes.subarray(0, offset), rest]).equals(big.bytes)).toBe(true);
  });

  it('mounts blobs from another repository instead of uploading', async () => {
    const { results } = await pushImage('other/copy', 'v1', small, ['test/small']);
    expect(results).toEqual(['mounted', 'mounted']);
    const resolved = await client.resolve(`${registry().host}/other/copy:v1`);
    expect(resolved.descriptor.digest).toBe(small.manifest.descriptor.digest);
    expect(await client.blobExists(`${registry().host}/other/copy`, small.layers[0]!.descriptor.digest)).toBe(true);
  });

  it('uploads when the mount source lacks the blob', async () => {
    const fresh = await buildImage({ files: { 'only-here': 'x' } });
    const { results } = await pushImage('other/fresh', 'v1', fresh, ['test/nothing-here', 'test/small']);
    expect(results).toEqual(['uploaded', 'uploaded']);
  });

  it('refuses to push content that does not match its descriptor', async () => {
    const fake = { ...small.layers[0]!.descriptor };
    const wrong = Buffer.alloc(fake.size, 1);
    const ref = `${registry().host}/test/bad`;
    await expect(client.pushBlob(ref, fake, streamOf(wrong))).rejects.toThrow(/digest mismatch/);
    const chunkedFake = { ...large.layers[1]!.descriptor };
    await expect(client.pushBlob(ref, chunkedFake, streamOf(Buffer.alloc(chunkedFake.size)))).rejects.toThrow(/digest mismatch/);
    expect(await client.blobExists(ref, fake.digest)).toBe(false);
  });

  it('pushes a multi-platform OCI index and selects a platform', async () => {
    const amd64 = await buildImage({ format: 'oci', architecture: 'amd64' });
    const arm64 = await buildImage({ format: 'oci', architecture: 'arm64', variant: 'v8' });
    const ref = normalizeReference(`${registry().host}/test/multi:1.0`);
    for (const image of [amd64, arm64]) {
      for (const b of image.blobs) await client.pushBlob(ref, b.descriptor, streamOf(b.bytes));
      await client.pushManifest(
        parseReference(`${registry().host}/test/multi@${image.manifest.descriptor.digest}`),
        image.manifest.descriptor.mediaType,
        image.manifest.bytes,
      );
    }
    const index = ociIndex([
      { image: amd64, platform: { os: 'linux', architecture: 'amd64' } },
      { image: arm64, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
    ]);
    await client.pushManifest(ref, index.descriptor.mediaType, index.bytes);

    const resolved = await client.resolve(ref);
    expect(resolved.descriptor).toEqual(index.descriptor);
    const root = await client.fetchManifest(ref, resolved.descriptor);
    expect(root.parsed.kind).toBe('index');
    const list = (root.parsed as { index: ImageIndex }).index;

    const forDefault = selectPlatform(list);
    expect(forDefault.digest).toBe(amd64.manifest.descriptor.digest);
    const forArm = selectPlatform(list, { os: 'linux', architecture: 'arm64' });
    expect(forArm.digest).toBe(arm64.manifest.descriptor.digest);
    const armManifest = await client.fetchManifest(ref, forArm);
    expect(armManifest.bytes.equals(arm64.manifest.bytes)).toBe(true);
    expect(() => selectPlatform(list, { os: 'linux', architecture: 's390x' })).toThrow(
      'no matching manifest for linux/s390x in the manifest list entries',
    );
  });

  it('reports an unknown repository and an unknown tag as not found, in Docker words', async () => {
    // distribution 2.8 answers MANIFEST_UNKNOWN for a repository it never saw (NAME_UNKNOWN is
    // covered against a fake registry), so Docker prints the same message as for a tag.
    const unknownRepo = client.resolve(`${registry().host}/no/such-repo:latest`);
    await expect(unknownRepo).rejects.toThrow(
      `manifest for ${registry().host}/no/such-repo:latest not found: manifest unknown: manifest unknown`,
    );
    await expect(unknownRepo.catch((e) => isSkiffError(e, 'NotFound'))).resolves.toBe(true);
    const unknownTag = client.resolve(`${registry().host}/test/small:nope`);
    await expect(unknownTag).rejects.toThrow(
      `manifest for ${registry().host}/test/small:nope not found: manifest unknown: manifest unknown`,
    );
    await expect(unknownTag.catch((e) => isSkiffError(e, 'NotFound'))).resolves.toBe(true);
    const missingBlob = client.fetchBlob(`${registry().host}/test/small`, {
      mediaType: 'application/octet-stream',
      digest: `sha256:${'0'.repeat(64)}`,
      size: 1,
    });
    await expect(missingBlob).rejects.toThrow(/not found/);
    await expect(missingBlob.catch((e) => isSkiffError(e, 'NotFound'))).resolves.toBe(true);
  });

  it('refuses a manifest whose bytes do not match the digest asked for', async () => {
    await expect(
      client.fetchManifest(`${registry().host}/test/small`, { ...small.manifest.descriptor, size: small.manifest.descriptor.size + 1 }),
    ).rejects.toThrow(/size/);
  });
});
