import {
  DEFAULT_PLATFORM,
  compatiblePlatforms,
  formatPlatform,
  normalizePlatform,
  parsePlatform,
  platformRank,
  selectPlatform,
  type Descriptor,
  type ImageIndex,
} from '../../src/registry';

function entry(n: number, platform?: Descriptor['platform']): Descriptor {
  return {
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: `sha256:${String(n).repeat(64).slice(0, 64)}`,
    size: n,
    ...(platform ? { platform } : {}),
  };
}

function index(...manifests: Descriptor[]): ImageIndex {
  return { schemaVersion: 2, manifests };
}

describe('normalizePlatform (containerd platforms.Normalize)', () => {
  it.each([
    [{ os: 'Linux', architecture: 'x86_64' }, 'linux/amd64'],
    [{ os: 'linux', architecture: 'amd64', variant: 'v1' }, 'linux/amd64'],
    [{ os: 'linux', architecture: 'aarch64' }, 'linux/arm64'],
    [{ os: 'linux', architecture: 'arm64', variant: 'v8' }, 'linux/arm64'],
    [{ os: 'linux', architecture: 'arm64', variant: '9' }, 'linux/arm64/v9'],
    [{ os: 'linux', architecture: 'armhf' }, 'linux/arm/v7'],
    [{ os: 'linux', architecture: 'armel' }, 'linux/arm/v6'],
    [{ os: 'linux', architecture: 'arm' }, 'linux/arm/v7'],
    [{ os: 'linux', architecture: 'arm', variant: '6' }, 'linux/arm/v6'],
    [{ os: 'linux', architecture: 'i386' }, 'linux/386'],
    [{ os: 'macos', architecture: 'arm64' }, 'darwin/arm64'],
  ])('%j -> %s', (platform, formatted) => {
    expect(formatPlatform(platform)).toBe(formatted);
  });

  it('defaults to linux/amd64', () => {
    expect(normalizePlatform(DEFAULT_PLATFORM)).toEqual({ os: 'linux', architecture: 'amd64', variant: '' });
  });

  it('parses --platform syntax', () => {
    expect(parsePlatform('linux/arm/v7')).toEqual({ os: 'linux', architecture: 'arm', variant: 'v7' });
    expect(parsePlatform('arm64')).toEqual({ os: 'linux', architecture: 'arm64' });
    expect(() => parsePlatform('linux//')).toThrow('unknown operating system or architecture');
  });
});

describe('platform matching', () => {
  it('ranks older variants after the exact one', () => {
    expect(compatiblePlatforms({ os: 'linux', architecture: 'arm', variant: 'v7' }).map(formatPlatform)).toEqual([
      'linux/arm/v7',
      'linux/arm/v6',
      'linux/arm/v5',
    ]);
    expect(compatiblePlatforms({ os: 'linux', architecture: 'amd64', variant: 'v3' }).map(formatPlatform)).toEqual([
      'linux/amd64/v3',
      'linux/amd64/v2',
      'linux/amd64',
    ]);
    expect(platformRank({ os: 'linux', architecture: 'arm64', variant: 'v8' }, { os: 'linux', architecture: 'arm64' })).toBe(0);
    expect(platformRank({ os: 'linux', architecture: 'arm', variant: 'v7' }, { os: 'linux', architecture: 'arm', variant: 'v6' })).toBe(-1);
    expect(platformRank({ os: 'windows', architecture: 'amd64' }, DEFAULT_PLATFORM)).toBe(-1);
  });

  const list = index(
    entry(1, { os: 'linux', architecture: 'arm', variant: 'v6' }),
    entry(2, { os: 'linux', architecture: 'amd64' }),
    entry(3, { os: 'linux', architecture: 'arm64', variant: 'v8' }),
    entry(4, { os: 'linux', architecture: 'arm', variant: 'v7' }),
    entry(5),
    entry(6, { os: 'unknown', architecture: 'unknown' }),
    entry(7, { os: 'linux', architecture: 'amd64' }),
  );

  it('selects linux/amd64 by default, the first of equals', () => {
    expect(selectPlatform(list).size).toBe(2);
  });

  it('treats arm64 and arm64/v8 alike, both ways', () => {
    expect(selectPlatform(list, { os: 'linux', architecture: 'arm64' }).size).toBe(3);
    expect(selectPlatform(index(entry(8, { os: 'linux', architecture: 'arm64' })), { os: 'linux', architecture: 'arm64', variant: 'v8' }).size).toBe(8);
  });

  it('prefers the exact arm variant over an older one listed first', () => {
    expect(selectPlatform(list, { os: 'linux', architecture: 'arm', variant: 'v7' }).size).toBe(4);
    expect(selectPlatform(list, { os: 'linux', architecture: 'arm', variant: 'v6' }).size).toBe(1);
  });

  it("fails in Docker's words", () => {
    expect(() => selectPlatform(list, { os: 'linux', architecture: 'ppc64le' })).toThrow(
      'no matching manifest for linux/ppc64le in the manifest list entries',
    );
    expect(() => selectPlatform(index(entry(1, { os: 'linux', architecture: 'arm64' })))).toThrow(
      'no matching manifest for linux/amd64 in the manifest list entries',
    );
  });
});
