// The runtimes containers can name: the builtin one, binaries from daemon.json or --add-runtime
// (found on PATH at start-up), the default, and what the shim is told for each.
import { resolveConfig } from '../../src/config';
import { parseAddRuntime, Runtimes } from '../../src/core/runtimes';

it('resolves names to what the shim runs, each runtime with a state root of its own', () => {
  const r = new Runtimes('/run/x', { runc: { path: '/bin/sh', runtimeArgs: ['--debug'] } });
  expect(r.resolve(undefined)).toBe('builtin');
  expect(r.resolve('runc')).toBe('runc');
  expect(() => r.resolve('crun')).toThrow('unknown or invalid runtime name: crun');
  expect(r.forShim('builtin')).toEqual({ name: 'builtin', root: '/run/x/runtime', runtimeArgs: [] });
  expect(r.forShim('runc')).toEqual({ name: '/bin/sh', root: '/run/x/runtime-runc', runtimeArgs: ['--debug'] });
  expect(r.list()).toMatchObject({ builtin: {}, runc: { path: '/bin/sh', runtimeArgs: ['--debug'] } });
});

it('refuses a reserved name, a missing binary and a default that is not configured', () => {
  expect(() => new Runtimes('/run/x', { builtin: { path: '/bin/sh' } })).toThrow("runtime name 'builtin' is reserved");
  expect(() => new Runtimes('/run/x', { gone: { path: '/nonexistent/runc' } })).toThrow('runtime gone: /nonexistent/runc not found');
  expect(() => new Runtimes('/run/x', {}, 'runc')).toThrow('default runtime runc is not configured');
  // A bare name is looked up on PATH.
  expect(new Runtimes('/run/x', { shell: { path: 'sh' } }).forShim('shell').name).toMatch(/\/sh$/);
});

it('--add-runtime name=path adds to daemon.json runtimes', () => {
  expect(parseAddRuntime('runc=/usr/sbin/runc')).toEqual(['runc', { path: '/usr/sbin/runc' }]);
  expect(() => parseAddRuntime('runc')).toThrow('expected name=path');
  const config = resolveConfig({ runtimes: { a: { path: '/a' } }, 'default-runtime': 'a' }, { runtimes: { b: { path: '/b' } } });
  expect([config.runtimes, config.defaultRuntime]).toEqual([{ a: { path: '/a' }, b: { path: '/b' } }, 'a']);
});
