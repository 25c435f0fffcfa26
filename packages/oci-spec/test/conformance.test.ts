import { defaultSpec, parseRuntimeConfig, runtimeFeatures, validateContainerState } from '../src';
import { fixtureNames, readFixture, specValidators } from './helpers';

// Whatever this package accepts, the runtime-spec's own JSON schema must accept too.
describe('agreement with the runtime-spec JSON schema', () => {
  const schema = specValidators();

  it.each(fixtureNames())('fixture %s passes both', (name) => {
    const text = readFixture(name);
    parseRuntimeConfig(text);
    expect(schema.config(JSON.parse(text))).toEqual([]);
  });

  it.each([false, true])('defaultSpec({ rootless: %s }) passes the schema', (rootless) => {
    expect(schema.config(defaultSpec({ rootless }))).toEqual([]);
  });

  it('runtimeFeatures() passes the features schema, with seccomp and without', () => {
    expect(schema.features(runtimeFeatures({ seccomp: { archs: ['SCMP_ARCH_AARCH64'] }, annotations: { a: 'b' } }))).toEqual([]);
    expect(schema.features(runtimeFeatures())).toEqual([]);
  });

  it.each(['creating', 'created', 'running', 'stopped'])('a %s state passes the state schema', (status) => {
    const state = validateContainerState({
      ociVersion: '1.0.2-dev',
      id: 'c1',
      status,
      pid: 10,
      bundle: '/b',
      rootfs: '/b/rootfs',
      created: '2024-01-01T00:00:00Z',
      owner: '',
    });
    expect(schema.state(state)).toEqual([]);
  });
});
