// TLS settings without a server: dockerd's flag and daemon.json names, their consistency checks,
// and the certificate files read once into the listener's options.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../src/cli/main';
import { readConfigFile, resolveConfig, tlsOptions } from '../src/config';

let dir: string;
let stderr: jest.SpyInstance;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skd-tls-'));
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  stderr.mockRestore();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('daemon.json takes dockerd\'s tls keys, and flags win over them', () => {
  const file = path.join(dir, 'daemon.json');
  fs.writeFileSync(file, JSON.stringify({ tlsverify: true, tlscacert: '/ca.pem', tlscert: '/cert.pem', tlskey: '/key.pem' }));
  const config = resolveConfig(readConfigFile(file, true), { tlsCert: '/flag-cert.pem' });
  expect(config).toMatchObject({ tls: true, tlsVerify: true, tlsCaCert: '/ca.pem', tlsCert: '/flag-cert.pem', tlsKey: '/key.pem' });
  fs.writeFileSync(file, JSON.stringify({ tlsverify: 'yes' }));
  expect(() => readConfigFile(file, true)).toThrow(/tlsverify/);
});

it('--tlsverify implies --tls; --tls alone does not ask for client certificates', () => {
  expect(resolveConfig({}, { tlsVerify: true, tlsCaCert: '/ca', tlsCert: '/c', tlsKey: '/k' }).tls).toBe(true);
  const serverOnly = resolveConfig({ tls: true, tlscert: '/c', tlskey: '/k' }, {});
  expect(serverOnly).toMatchObject({ tls: true, tlsVerify: false });
  expect(resolveConfig({}, {})).toMatchObject({ tls: false, tlsVerify: false });
});

it('refuses TLS settings that cannot work', () => {
  expect(() => resolveConfig({}, { tls: true, tlsKey: '/k' })).toThrow('--tls needs --tlscert and --tlskey');
  expect(() => resolveConfig({}, { tls: true, tlsCert: '/c' })).toThrow('--tls needs --tlscert and --tlskey');
  expect(() => resolveConfig({}, { tlsVerify: true, tlsCert: '/c', tlsKey: '/k' })).toThrow(/--tlsverify needs --tlscacert/);
});

it('reads the certificate files once, and names the flag of one it cannot read', () => {
  for (const f of ['ca.pem', 'cert.pem', 'key.pem']) fs.writeFileSync(path.join(dir, f), `${f}\n`);
  const at = (f: string) => path.join(dir, f);
  expect(tlsOptions(resolveConfig({}, {}))).toBeUndefined();
  const mutual = tlsOptions(resolveConfig({}, { tlsVerify: true, tlsCaCert: at('ca.pem'), tlsCert: at('cert.pem'), tlsKey: at('key.pem') }))!;
  expect(mutual).toMatchObject({ requestCert: true, rejectUnauthorized: true });
  expect(mutual.ca!.toString()).toBe('ca.pem\n');
  expect(mutual.cert.toString()).toBe('cert.pem\n');
  expect(mutual.key.toString()).toBe('key.pem\n');
  const serverOnly = tlsOptions(resolveConfig({}, { tls: true, tlsCert: at('cert.pem'), tlsKey: at('key.pem') }))!;
  expect(serverOnly).toMatchObject({ requestCert: false, rejectUnauthorized: false });
  expect(serverOnly.ca).toBeUndefined();
  expect(() => tlsOptions(resolveConfig({}, { tls: true, tlsCert: at('cert.pem'), tlsKey: at('absent.pem') }))).toThrow(/--tlskey .*absent\.pem/);
});

it('skiffd --tls without a key exits 1 naming what is missing, before touching anything', async () => {
  const pidfile = path.join(dir, 'skiffd.pid');
  fs.writeFileSync(path.join(dir, 'daemon.json'), '{}');
  const code = await main(['node', 'skiffd', '-H', 'tcp://127.0.0.1:2376', '--tls', '--tlscert', path.join(dir, 'cert.pem'), '--pidfile', pidfile, '--data-root', path.join(dir, 'data'), '--config-file', path.join(dir, 'daemon.json')]);
  expect(code).toBe(1);
  expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('--tls needs --tlscert and --tlskey');
  expect(fs.existsSync(pidfile)).toBe(false);
  expect(fs.existsSync(path.join(dir, 'data'))).toBe(false);
});
