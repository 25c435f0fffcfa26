// docker login / logout: the daemon checks the credentials (POST /auth), the client keeps them
// with the registry's credential helper or in config.json's `auths` (base64 "user:password"),
// which pull and push then send.
import { configDir, DEFAULT_REGISTRY, eraseCredentials, storeCredentials } from '../../sdk/auth';
import type { CliContext } from '../context';

function readStdin(ctx: CliContext): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    ctx.stdin.on('data', (chunk: Buffer) => (text += chunk.toString()));
    ctx.stdin.once('end', () => resolve(text));
    ctx.stdin.once('error', reject);
    ctx.stdin.resume();
  });
}

/** A server argument names a registry host; Docker Hub's names all mean its legacy URL. */
function registryKey(server: string | undefined): string {
  if (!server || ['docker.io', 'index.docker.io', 'registry-1.docker.io'].includes(server.replace(/^https?:\/\//, '').replace(/\/.*$/, ''))) return DEFAULT_REGISTRY;
  return server.replace(/^https?:\/\//, '').replace(/\/+$/, '');
}

export async function login(ctx: CliContext, server: string | undefined, options: { username?: string; password?: string; passwordStdin?: boolean }): Promise<number> {
  let password = options.password;
  if (options.passwordStdin) {
    if (options.password !== undefined) {
      ctx.stderr.write('--password and --password-stdin are mutually exclusive\n');
      return 1;
    }
    if (!options.username) {
      ctx.stderr.write('Must provide --username with --password-stdin\n');
      return 1;
    }
    password = (await readStdin(ctx)).replace(/\r?\n$/, '');
  } else if (password !== undefined) ctx.stderr.write('WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n');
  if (!options.username || password === undefined) {
    ctx.stderr.write('Error: Cannot perform an interactive login from a non TTY device\n');
    return 1;
  }
  const registry = registryKey(server);
  await ctx.engine.auth({ username: options.username, password, serveraddress: registry });
  const stored = storeCredentials(configDir(ctx.env), registry, options.username, password);
  if ('file' in stored) {
    ctx.stderr.write(`WARNING! Your credentials are stored unencrypted in '${stored.file}'.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/go/credential-store/\n\n`);
  }
  ctx.stdout.write('Login Succeeded\n');
  return 0;
}

/** docker says the same whether or not credentials were stored. */
export async function logout(ctx: CliContext, server: string | undefined): Promise<number> {
  const registry = registryKey(server);
  ctx.stdout.write(`Removing login credentials for ${registry}\n`);
  eraseCredentials(configDir(ctx.env), registry);
  return 0;
}
