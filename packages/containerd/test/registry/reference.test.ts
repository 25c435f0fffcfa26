import { isSkiffError } from '@skiff/errors';
import {
  familiarName,
  familiarString,
  normalizeReference,
  parseReference,
  referenceName,
  referenceString,
  validateDigest,
  withTarget,
} from '../../src/registry';

const D = `sha256:${'a'.repeat(64)}`;

describe('parseReference / normalizeReference (Docker ParseNormalizedNamed + TagNameOnly)', () => {
  it.each([
    ['busybox', 'docker.io', 'library/busybox', 'latest', undefined, 'busybox:latest'],
    ['busybox:1.36', 'docker.io', 'library/busybox', '1.36', undefined, 'busybox:1.36'],
    ['docker.io/busybox', 'docker.io', 'library/busybox', 'latest', undefined, 'busybox:latest'],
    ['index.docker.io/busybox', 'docker.io', 'library/busybox', 'latest', undefined, 'busybox:latest'],
    ['docker.io/library/busybox:1', 'docker.io', 'library/busybox', '1', undefined, 'busybox:1'],
    ['user/app', 'docker.io', 'user/app', 'latest', undefined, 'user/app:latest'],
    ['library/a/b', 'docker.io', 'library/a/b', 'latest', undefined, 'library/a/b:latest'],
    ['host/repo', 'docker.io', 'host/repo', 'latest', undefined, 'host/repo:latest'],
    ['localhost/foo', 'localhost', 'foo', 'latest', undefined, 'localhost/foo:latest'],
    ['localhost:5000/a/b:tag', 'localhost:5000', 'a/b', 'tag', undefined, 'localhost:5000/a/b:tag'],
    ['example.com/repo@' + D, 'example.com', 'repo', undefined, D, 'example.com/repo@' + D],
    ['repo:tag@' + D, 'docker.io', 'library/repo', 'tag', D, 'repo:tag@' + D],
    ['[::1]:5000/foo', '[::1]:5000', 'foo', 'latest', undefined, '[::1]:5000/foo:latest'],
    ['Example.COM/foo', 'Example.COM', 'foo', 'latest', undefined, 'Example.COM/foo:latest'],
    ['UPPER/foo', 'UPPER', 'foo', 'latest', undefined, 'UPPER/foo:latest'],
    ['a.b/c__d/e-f/g.h/i---j', 'a.b', 'c__d/e-f/g.h/i---j', 'latest', undefined, 'a.b/c__d/e-f/g.h/i---j:latest'],
    // A bare host:port is a Docker Hub repository with a tag, as in Docker.
    ['localhost:5000', 'docker.io', 'library/localhost', '5000', undefined, 'localhost:5000'],
  ])('%s', (input, domain, path, tag, digest, familiar) => {
    const ref = normalizeReference(input);
    expect(ref).toEqual({ domain, path, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) });
    expect(familiarString(ref)).toBe(familiar);
  });

  it('adds no tag without normalisation, and keeps tag and digest both', () => {
    expect(parseReference('busybox')).toEqual({ domain: 'docker.io', path: 'library/busybox' });
    expect(referenceString(normalizeReference(`repo:tag@${D}`))).toBe(`docker.io/library/repo:tag@${D}`);
    expect(referenceName(normalizeReference('busybox'))).toBe('docker.io/library/busybox');
  });

  it.each([
    ['', 'invalid reference format'],
    ['busybox:', 'invalid reference format'],
    ['busybox:a:b', 'invalid reference format'],
    ['-busybox', 'invalid reference format'],
    ['a/b_-c', 'invalid reference format'],
    ['a//b', 'invalid reference format'],
    ['busybox@sha256:abc', 'invalid reference format'],
    [`busybox:${'t'.repeat(129)}`, 'invalid reference format'],
    ['Busybox', 'invalid reference format: repository name (library/Busybox) must be lowercase'],
    ['foo/Bar:tag', 'invalid reference format: repository name (foo/Bar) must be lowercase'],
    ['localhost:5000/Foo', 'invalid reference format: repository name (Foo) must be lowercase'],
    ['a'.repeat(64), `invalid repository name (${'a'.repeat(64)}), cannot specify 64-byte hexadecimal strings`],
    [`a/${'b'.repeat(255)}`, 'repository name must not be more than 255 characters'],
    [`busybox@sha256:${'A'.repeat(64)}`, 'invalid checksum digest format'],
    [`busybox@sha256:${'a'.repeat(65)}`, 'invalid checksum digest length'],
    [`busybox@md5:${'a'.repeat(32)}`, 'unsupported digest algorithm'],
  ])('refuses %j: %s', (input, message) => {
    let caught: unknown;
    try {
      normalizeReference(input);
    } catch (err) {
      caught = err;
    }
    expect(isSkiffError(caught, 'InvalidArgument')).toBe(true);
    expect((caught as Error).message).toBe(message);
  });
});

describe('familiar names', () => {
  it.each([
    ['docker.io/library/busybox', 'busybox'],
    ['docker.io/library/a/b', 'library/a/b'],
    ['docker.io/user/app', 'user/app'],
    ['ghcr.io/library/app', 'ghcr.io/library/app'],
    ['localhost:5000/app', 'localhost:5000/app'],
  ])('%s -> %s', (input, familiar) => {
    expect(familiarName(parseReference(input))).toBe(familiar);
  });
});

describe('digests and retargeting', () => {
  it('validates digests with go-digest wording', () => {
    expect(validateDigest(D)).toBe(D);
    expect(() => validateDigest('sha256')).toThrow('invalid checksum digest format');
    expect(() => validateDigest(`sha512:${'a'.repeat(64)}`)).toThrow('invalid checksum digest length');
  });

  it('retargets a reference to a digest', () => {
    const ref = withTarget(normalizeReference('busybox:1'), { digest: D });
    expect(familiarString(ref)).toBe(`busybox@${D}`);
    expect(() => withTarget(ref, { tag: 'bad tag' })).toThrow('invalid tag format');
  });
});
