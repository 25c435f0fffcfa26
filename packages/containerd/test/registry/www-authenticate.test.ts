import { mergeScopes, parseWwwAuthenticate, repositoryScope } from '../../src/registry';

describe('parseWwwAuthenticate', () => {
  it('parses a registry Bearer challenge', () => {
    expect(
      parseWwwAuthenticate('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"'),
    ).toEqual([
      {
        scheme: 'bearer',
        params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/busybox:pull' },
      },
    ]);
  });

  it('parses Basic, unquoted values, spaces and case', () => {
    expect(parseWwwAuthenticate('basic Realm = "Registry Realm" , charset=UTF-8')).toEqual([
      { scheme: 'basic', params: { realm: 'Registry Realm', charset: 'UTF-8' } },
    ]);
  });

  it('unescapes quoted strings and keeps commas inside them', () => {
    expect(parseWwwAuthenticate('Bearer realm="a\\"b,c",scope="repository:x:pull,push"')).toEqual([
      { scheme: 'bearer', params: { realm: 'a"b,c', scope: 'repository:x:pull,push' } },
    ]);
  });

  it('splits several challenges in one header and across headers', () => {
    expect(parseWwwAuthenticate('Basic realm="r", Bearer realm="t",service="s"').map((c) => c.scheme)).toEqual(['basic', 'bearer']);
    expect(parseWwwAuthenticate(['Basic realm="r"', 'Bearer realm="t"']).map((c) => c.params.realm)).toEqual(['r', 't']);
  });

  it('copes with nothing and with junk', () => {
    expect(parseWwwAuthenticate(undefined)).toEqual([]);
    expect(parseWwwAuthenticate('')).toEqual([]);
    expect(parseWwwAuthenticate('Bearer realm="unterminated')).toEqual([{ scheme: 'bearer', params: { realm: 'unterminated' } }]);
    expect(parseWwwAuthenticate('@@@ Negotiate')).toEqual([{ scheme: 'negotiate', params: {} }]);
  });
});

describe('scopes', () => {
  it('merges the actions of one resource', () => {
    expect(
      mergeScopes([repositoryScope('a', 'pull,push'), repositoryScope('a', 'pull'), repositoryScope('b', 'pull'), 'registry:catalog:*']),
    ).toEqual(['repository:a:pull,push', 'repository:b:pull', 'registry:catalog:*']);
    expect(mergeScopes(['repository:host:5000/x:push', 'repository:host:5000/x:pull'])).toEqual(['repository:host:5000/x:pull,push']);
  });
});
