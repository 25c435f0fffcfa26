import { checkImagePlatform, parsePlatform } from '../../src/core/platform';

describe('parsePlatform', () => {
  it('reads containerd\'s forms, architecture aliases normalized', () => {
    expect(parsePlatform('linux/amd64')).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(parsePlatform('linux/arm/v7')).toEqual({ os: 'linux', architecture: 'arm', variant: 'v7' });
    expect(parsePlatform('Linux/x86_64')).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(parsePlatform('aarch64')).toEqual({ os: 'linux', architecture: 'arm64' });
    expect(parsePlatform('linux/arm64/v8')).toEqual({ os: 'linux', architecture: 'arm64', variant: 'v8' });
  });

  it('refuses what is not a platform with the library\'s reasons', () => {
    expect(() => parsePlatform('a/b/c/d')).toThrow('"a/b/c/d": cannot parse platform specifier: invalid argument');
    expect(() => parsePlatform('linux//x')).toThrow('"" is an invalid component of "linux//x": platform specifier component must match "^[A-Za-z0-9_.-]+$": invalid argument');
  });
});

describe('checkImagePlatform', () => {
  it('passes the image\'s own platform; another one is dockerd\'s not-found', () => {
    expect(() => checkImagePlatform('busybox', { os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'amd64' })).not.toThrow();
    expect(() => checkImagePlatform('busybox', { os: 'linux', architecture: 'arm64' }, { os: 'linux', architecture: 'amd64' })).toThrow(
      'image with reference busybox was found but does not match the specified platform: wanted linux/arm64, actual: linux/amd64',
    );
    expect(() => checkImagePlatform('busybox', { os: 'linux', architecture: 'arm', variant: 'v7' }, { os: 'linux', architecture: 'arm', variant: 'v6' })).toThrow('wanted linux/arm/v7, actual: linux/arm/v6');
  });
});
