// Debian's real registry (docker-registry, distribution 2.8) on 127.0.0.1, one per test file:
// a free port, its own storage and config in a temporary directory, stopped and removed in
// afterAll whatever happened. Variants: no auth, htpasswd Basic auth, and token auth against a
// token server the test runs itself (see token-server.ts).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const REGISTRY_BINARY = '/usr/bin/docker-registry';

export type RegistryAuth =
  | { kind: 'none' }
  | { kind: 'htpasswd'; users: Record<string, string> }
  | { kind: 'token'; realm: string; service: string; issuer: string; certFile: string };

export interface RunningRegistry {
  /** "127.0.0.1:PORT": the domain of references to it. */
  host: string;
  url: string;
  dir: string;
  /** The registry process: a test harness that reaps orphans must spare it (libuv reaps it). */
  pid: number;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A bcrypt htpasswd file, the only hash the registry accepts (htpasswd from apache2-utils). */
function writeHtpasswd(file: string, users: Record<string, string>): void {
  const lines = Object.entries(users).map(([user, password]) => {
    const out = spawnSync('htpasswd', ['-nbB', user, password], { encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`htpasswd failed (install apache2-utils): ${out.stderr || out.error?.message}`);
    return out.stdout.trim();
  });
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

function configYaml(dir: string, port: number, auth: RegistryAuth): string {
  const lines = [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${path.join(dir, 'storage')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    '  secret: skiff-test-secret',
  ];
  if (auth.kind === 'htpasswd') {
    lines.push('auth:', '  htpasswd:', '    realm: skiff-test', `    path: ${path.join(dir, 'htpasswd')}`);
  } else if (auth.kind === 'token') {
    lines.push(
      'auth:',
      '  token:',
      `    realm: ${auth.realm}`,
      `    service: ${auth.service}`,
      `    issuer: ${auth.issuer}`,
      `    rootcertbundle: ${auth.certFile}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function ping(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(`${url}/v2/`, { timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function launch(dir: string, auth: RegistryAuth): Promise<RunningRegistry> {
  const port = await freePort();
  const config = path.join(dir, 'config.yml');
  fs.writeFileSync(config, configYaml(dir, port, auth));
  const logFile = path.join(dir, 'registry.log');
  const log = fs.openSync(logFile, 'w');
  const child = spawn(REGISTRY_BINARY, ['serve', config], { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    child.kill('SIGTERM');
    if (!(await waitExit(child, 10_000))) {
      child.kill('SIGKILL');
      await waitExit(child, 10_000);
    }
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const status = await ping(url);
    if (status === 200 || status === 401) return { host: `127.0.0.1:${port}`, url, dir, pid: child.pid!, stop };
    if (child.exitCode !== null || child.signalCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`registry did not start on ${url}:\n${fs.readFileSync(logFile, 'utf8')}`);
}

/** Starts a registry; a port taken meanwhile by someone else gets two more tries. */
export async function startRegistry(auth: RegistryAuth = { kind: 'none' }): Promise<RunningRegistry> {
  if (!fs.existsSync(REGISTRY_BINARY)) {
    throw new Error(`${REGISTRY_BINARY} is missing: apt-get install -y docker-registry apache2-utils`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skiff-registry-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    if (auth.kind === 'htpasswd') writeHtpasswd(path.join(dir, 'htpasswd'), auth.users);
    for (let attempt = 1; ; attempt++) {
      try {
        const running = await launch(dir, auth);
        return {
          ...running,
          stop: async () => {
            await running.stop();
            remove();
          },
        };
      } catch (err) {
        if (attempt >= 3 || !/address already in use/.test((err as Error).message)) throw err;
      }
    }
  } catch (err) {
    remove();
    throw err;
  }
}

/**
 * A registry for the test file: started in beforeAll, stopped and removed in afterAll. `get()`
 * is valid inside tests.
 */
export function useRegistry(auth: () => RegistryAuth | Promise<RegistryAuth> = () => ({ kind: 'none' })): () => RunningRegistry {
  let running: RunningRegistry | undefined;
  beforeAll(async () => {
    running = await startRegistry(await auth());
  }, 90_000);
  afterAll(async () => {
    await running?.stop();
  }, 30_000);
  return () => {
    if (!running) throw new Error('registry not started');
    return running;
  };
}
