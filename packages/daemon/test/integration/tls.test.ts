// skiffd on tcp with mutual TLS (--tlsverify): the real docker CLI with a client certificate
// signed by the CA gets in; without one, or with one from another CA, it is refused. Certificates
// are made with openssl for the test.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { canRunSkiffd, SkiffdHarness, until } from '../helpers/skiffd';

const describeRoot = canRunSkiffd && fs.existsSync('/usr/bin/openssl') ? describe : describe.skip;

function openssl(dir: string, args: string[]): void {
  execFileSync('/usr/bin/openssl', args, { cwd: dir, stdio: 'ignore' });
}

/** A CA, and a certificate it signs (for a server: with an IP SAN for 127.0.0.1). */
function makeCa(dir: string, name: string): void {
  openssl(dir, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name}`, '-keyout', `${name}-key.pem`, '-out', `${name}.pem`]);
}

function makeCert(dir: string, ca: string, name: string, server: boolean): void {
  openssl(dir, ['req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-keyout', `${name}-key.pem`, '-out', `${name}.csr`]);
  const ext = path.join(dir, `${name}.ext`);
  fs.writeFileSync(ext, server ? 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' : 'extendedKeyUsage=clientAuth\n');
  openssl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}-key.pem`, '-CAcreateserial', '-days', '2', '-extfile', ext, '-out', `${name}.pem`]);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describeRoot('skiffd with --tlsverify', () => {
  jest.setTimeout(120_000);
  const h = new SkiffdHarness();
  const certs = path.join(h.dir, 'certs');

  beforeAll(async () => {
    fs.mkdirSync(certs);
    makeCa(certs, 'ca');
    makeCert(certs, 'ca', 'server', true);
    makeCert(certs, 'ca', 'client', false);
    makeCa(certs, 'stranger-ca');
    makeCert(certs, 'stranger-ca', 'stranger', false);
    await h.start();
  }, 120_000);
  afterAll(async () => {
    await h.cleanup();
  });

  it('admits a client whose certificate the CA signed, and refuses the others', async () => {
    const port = await freePort();
    const c = (f: string) => path.join(certs, f);
    const child = h.spawnSkiffd(
      ['-H', `tcp://127.0.0.1:${port}`, '--tlsverify', '--tlscacert', c('ca.pem'), '--tlscert', c('server.pem'), '--tlskey', c('server-key.pem'),
        '--containerd', h.containerdSocket, '--containerd-namespace', 'tls', '--data-root', path.join(h.dir, 'data-tls'), '--exec-root', path.join(h.dir, 'run-tls'),
        '--pidfile', path.join(h.dir, 'skiffd-tls.pid'), '--config-file', h.configFile],
      path.join(h.dir, 'skiffd-tls.log'),
    );
    const host = `tcp://127.0.0.1:${port}`;
    const withCert = (name: string) => ['--tlsverify', '--tlscacert', c('ca.pem'), '--tlscert', c(`${name}.pem`), '--tlskey', c(`${name}-key.pem`), '-H', host];
    try {
      await until(async () => (await h.docker([...withCert('client'), 'version', '--format', '{{.Server.APIVersion}}'])).code === 0, 30_000, 'skiffd answers over TLS');
      expect(await h.docker([...withCert('client'), 'version', '--format', '{{.Server.APIVersion}}'])).toMatchObject({ code: 0, stdout: '1.44\n' });

      const noCert = await h.docker(['--tlsverify', '--tlscacert', c('ca.pem'), '-H', host, 'version', '--format', '{{.Server.APIVersion}}']);
      expect(noCert.code).not.toBe(0);
      expect(noCert.stderr).toMatch(/certificate|tls|handshake|bad/i);
      const stranger = await h.docker([...withCert('stranger'), 'version', '--format', '{{.Server.APIVersion}}']);
      expect(stranger.code).not.toBe(0);
      const plain = await h.docker(['-H', host, 'version', '--format', '{{.Server.APIVersion}}']);
      expect(plain.code).not.toBe(0);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('refuses to start with --tlsverify but no CA, and tcp without TLS unless --insecure-tcp', async () => {
    for (const [args, message] of [
      [['--tlsverify', '--tlscert', 'x', '--tlskey', 'y'], '--tlsverify needs --tlscacert'],
      [[], 'tcp without TLS gives root on this host'],
    ] as const) {
      const log = path.join(h.dir, `refused-${args.length}.log`);
      const child = h.spawnSkiffd(['-H', 'tcp://127.0.0.1:1', ...args, '--pidfile', path.join(h.dir, 'never.pid'), '--data-root', path.join(h.dir, 'never'), '--config-file', h.configFile], log);
      const code = await new Promise((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(fs.readFileSync(log, 'utf8')).toContain(message);
    }
  });
});
