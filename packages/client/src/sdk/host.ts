// Where the daemon listens and how to reach it, from Docker's own settings: -H/DOCKER_HOST,
// --tls/--tlsverify/DOCKER_TLS_VERIFY and the certificates in DOCKER_CERT_PATH.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { invalidArgument } from '@skiff/errors';

export const DEFAULT_HOST = 'unix:///var/run/docker.sock';

export interface TlsFiles {
  ca?: string;
  cert?: string;
  key?: string;
  /** false: encrypt, but accept any server certificate (docker's --tls without --tlsverify). */
  verify: boolean;
}

export type Endpoint =
  | { kind: 'unix'; socketPath: string }
  | { kind: 'tcp'; host: string; port: number; tls?: { ca?: Buffer; cert?: Buffer; key?: Buffer; verify: boolean } };

export function parseHost(host: string, tls?: TlsFiles): Endpoint {
  if (host.startsWith('unix://')) return { kind: 'unix', socketPath: host.slice('unix://'.length) };
  if (host.startsWith('tcp://') || host.startsWith('https://') || host.startsWith('http://')) {
    const url = new URL(host.replace(/^tcp:/, 'http:'));
    const secure = tls !== undefined || host.startsWith('https://');
    const port = url.port ? Number(url.port) : secure ? 2376 : 2375;
    const read = (file?: string) => (file ? fs.readFileSync(file) : undefined);
    return {
      kind: 'tcp',
      host: url.hostname,
      port,
      ...(secure ? { tls: { ca: read(tls?.ca), cert: read(tls?.cert), key: read(tls?.key), verify: tls?.verify ?? true } } : {}),
    };
  }
  throw invalidArgument(`unable to parse docker host \`${host}\``);
}

export interface HostFlags {
  host?: string;
  tls?: boolean;
  tlsverify?: boolean;
  tlscacert?: string;
  tlscert?: string;
  tlskey?: string;
}

/** Flags first, then the environment, as the docker CLI resolves them. */
export function resolveEndpoint(flags: HostFlags, env: NodeJS.ProcessEnv): Endpoint {
  const host = flags.host ?? env.DOCKER_HOST ?? DEFAULT_HOST;
  const verify = flags.tlsverify ?? (env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '');
  if (!verify && !flags.tls) return parseHost(host);
  const certDir = env.DOCKER_CERT_PATH ?? path.join(os.homedir(), '.docker');
  const orDefault = (file: string | undefined, name: string) => {
    if (file) return file;
    const candidate = path.join(certDir, name);
    return fs.existsSync(candidate) ? candidate : undefined;
  };
  return parseHost(host, {
    ca: orDefault(flags.tlscacert, 'ca.pem'),
    cert: orDefault(flags.tlscert, 'cert.pem'),
    key: orDefault(flags.tlskey, 'key.pem'),
    verify,
  });
}
