// skiffd's command line and configuration, without starting a server: --version, daemon.json
// validation and precedence, and the refusal of tcp without the explicit opt-in.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../src/cli/main';
import { readConfigFile, resolveConfig } from '../src/config';

let dir: string;
let stderr: jest.SpyInstance;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skd-cli-'));
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  stderr.mockRestore();
  fs.rmSync(dir, { recursive: true, force: true });
});

const written = () => stderr.mock.calls.map((c) => String(c[0])).join('');

it('--version names skiffd', async () => {
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    expect(await main(['node', 'skiffd', '--version'])).toBe(0);
    expect(stdout.mock.calls.map((c) => String(c[0])).join('')).toMatch(/^skiffd version \d+\.\d+\.\d+/);
  } finally {
    stdout.mockRestore();
  }
});

it('refuses tcp:// without --insecure-tcp, before touching anything', async () => {
  const pidfile = path.join(dir, 'skiffd.pid');
  const code = await main(['node', 'skiffd', '-H', 'tcp://127.0.0.1:2375', '--pidfile', pidfile, '--data-root', path.join(dir, 'data'), '--config-file', path.join(dir, 'none.json')]);
  expect(code).toBe(1);
  // The missing explicit config file is reported first; with a valid one, the tcp refusal.
  expect(written()).toContain('none.json');
  fs.writeFileSync(path.join(dir, 'daemon.json'), '{}');
  stderr.mockClear();
  expect(await main(['node', 'skiffd', '-H', 'tcp://127.0.0.1:2375', '--pidfile', pidfile, '--data-root', path.join(dir, 'data'), '--config-file', path.join(dir, 'daemon.json')])).toBe(1);
  expect(written()).toContain('pass --insecure-tcp to allow it');
  expect(fs.existsSync(pidfile)).toBe(false);
  expect(fs.existsSync(path.join(dir, 'data'))).toBe(false);
});

it('daemon.json uses dockerd\'s key names, is validated, and flags win over it', () => {
  const file = path.join(dir, 'daemon.json');
  fs.writeFileSync(file, JSON.stringify({ hosts: ['unix:///x.sock', 'tcp://127.0.0.1:2375'], 'data-root': '/d', 'log-level': 'debug', 'insecure-tcp': true }));
  const config = resolveConfig(readConfigFile(file, true), { dataRoot: '/flag', hosts: [] });
  expect(config).toMatchObject({ hosts: ['unix:///x.sock', 'tcp://127.0.0.1:2375'], dataRoot: '/flag', execRoot: '/run/skiff/daemon', logLevel: 'debug', insecureTcp: true, containerdNamespace: 'skiffd' });
  fs.writeFileSync(file, JSON.stringify({ 'data-rot': '/typo' }));
  expect(() => readConfigFile(file, true)).toThrow(/data-rot/);
  expect(readConfigFile(path.join(dir, 'absent.json'), false)).toEqual({});
  expect(() => readConfigFile(path.join(dir, 'absent.json'), true)).toThrow(/absent\.json/);
  expect(resolveConfig({}, {}).hosts).toEqual(['unix:///run/skiff/skiff.sock']);
});

it('cgroup-parent: none by default, daemon.json sets it, the flag wins', () => {
  expect(resolveConfig({}, {}).cgroupParent).toBeUndefined();
  expect(resolveConfig({ 'cgroup-parent': '/engine' }, {}).cgroupParent).toBe('/engine');
  expect(resolveConfig({ 'cgroup-parent': '/engine' }, { cgroupParent: 'jobs' }).cgroupParent).toBe('jobs');
});

it('keeps two warm shims by default; daemon.json can change that within bounds', () => {
  expect(resolveConfig({}, {}).warmShims).toBe(2);
  expect(resolveConfig({ 'warm-shims': 0 }, {}).warmShims).toBe(0);
  const file = path.join(dir, 'daemon.json');
  fs.writeFileSync(file, JSON.stringify({ 'warm-shims': 1000 }));
  expect(() => readConfigFile(file, true)).toThrow(/warm-shims/);
});
