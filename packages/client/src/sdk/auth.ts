// Docker's client configuration for registries: `auths` in $DOCKER_CONFIG/config.json (or
// ~/.docker/config.json), each entry keyed by registry with base64 "user:password", or a
// credential helper for the registry (`credHelpers`, else `credsStore`) that keeps the secret
// (then `auths` keeps an empty entry, as docker's), and the X-Registry-Auth header (base64url
// JSON) pull and push send from either.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { helperErase, helperGet, helperStore } from './credential-helpers';

/** Docker Hub's key in `auths`, kept for compatibility with every docker client. */
export const DEFAULT_REGISTRY = 'https://index.docker.io/v1/';

export function configDir(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), '.docker');
}

type ConfigFile = { auths?: Record<string, { auth?: string; identitytoken?: string }>; credsStore?: string; credHelpers?: Record<string, string> } & Record<string, unknown>;

/** The credential helper that keeps `registry`'s secret, if the config names one. */
function helperFor(config: ConfigFile, registry: string): string | undefined {
  return config.credHelpers?.[registry] || config.credsStore || undefined;
}

/** Where the credentials of a login went: a helper's name, or the config file (unencrypted). */
export type CredentialStore = { helper: string } | { file: string };

function readConfig(dir: string): ConfigFile {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as ConfigFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
}

/** Writes through a temporary file so a concurrent reader never sees half a config. */
function writeConfig(dir: string, config: ConfigFile): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, 'config.json');
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(config, null, '\t')}\n`, { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
}

/** The registry a reference lives in, as `auths` keys it (Docker Hub by its legacy URL). */
export function registryOf(reference: string): string {
  const first = reference.split('/')[0]!;
  const hasDomain = reference.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return hasDomain && first !== 'docker.io' ? first : DEFAULT_REGISTRY;
}

export function storeCredentials(dir: string, registry: string, username: string, password: string): CredentialStore {
  const config = readConfig(dir);
  const helper = helperFor(config, registry);
  if (helper) helperStore(helper, registry, username, password);
  config.auths = { ...config.auths, [registry]: helper ? {} : { auth: Buffer.from(`${username}:${password}`).toString('base64') } };
  writeConfig(dir, config);
  return helper ? { helper } : { file: path.join(dir, 'config.json') };
}

export function eraseCredentials(dir: string, registry: string): void {
  const config = readConfig(dir);
  const helper = helperFor(config, registry);
  if (helper) helperErase(helper, registry);
  if (!config.auths?.[registry]) return;
  delete config.auths[registry];
  writeConfig(dir, config);
}

/** A registry's credentials: the helper's when one keeps them, else the config file's. */
function credentialsFor(config: ConfigFile, registry: string): { username: string; password: string } | undefined {
  const helper = helperFor(config, registry);
  if (helper) {
    const found = helperGet(helper, registry);
    return found ? { username: found.Username, password: found.Secret } : undefined;
  }
  const entry = config.auths?.[registry];
  if (!entry?.auth) return undefined;
  const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The X-Registry-Auth value for a reference, or undefined without stored credentials. */
export function registryAuthHeader(dir: string, reference: string): string | undefined {
  const registry = registryOf(reference);
  const found = credentialsFor(readConfig(dir), registry);
  if (!found) return undefined;
  // A helper's "<token>" user carries an identity token, not a password (docker's convention).
  const body = found.username === '<token>' ? { identitytoken: found.password, serveraddress: registry } : { ...found, serveraddress: registry };
  // Go's base64.URLEncoding: the URL alphabet with padding (dockerd rejects it unpadded).
  return Buffer.from(JSON.stringify(body)).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}
