import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { unavailable } from '@skiff/errors';
import { builtinPlugins } from './builtin-plugins';
import type { Config } from './config';
import { type Logger, silentLogger } from './log';
import { type GrpcServicePlugin, type Plugin, PluginRegistry } from './plugins';

export interface Containerd {
  registry: PluginRegistry;
  address: string;
  /** Stops serving and closes every plugin. Shims and their containers keep running. */
  stop(): Promise<void>;
}

function answers(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const conn = net.connect(socket);
    conn.once('connect', () => (conn.destroy(), resolve(true)));
    conn.once('error', () => resolve(false));
  });
}

/** A socket file left by a containerd that died is replaced; a live one is not taken over. */
async function claimSocket(socket: string): Promise<void> {
  fs.mkdirSync(path.dirname(socket), { recursive: true, mode: 0o711 });
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(socket);
  } catch {
    return;
  }
  if (!stat.isSocket()) throw unavailable(`${socket} exists and is not a socket`);
  if (await answers(socket)) throw unavailable(`another process serves ${socket}: is skiff-containerd already running?`);
  fs.unlinkSync(socket);
}

/**
 * Initialises the plugins (builtin ones, with `plugins` added or replacing them by type and id)
 * and serves every "grpc" plugin on the config's unix socket.
 */
export async function startContainerd(config: Config, options: { plugins?: Plugin<any>[]; log?: Logger } = {}): Promise<Containerd> {
  const log = options.log ?? silentLogger();
  await claimSocket(config.address);
  const registry = new PluginRegistry();
  for (const plugin of [...builtinPlugins(), ...(options.plugins ?? [])]) registry.register(plugin);
  await registry.init(config, log);

  // No Skiff component serves channelz (gRPC's introspection API); its per-call bookkeeping was
  // ~5% of this server's CPU.
  const server = new grpc.Server({ 'grpc.enable_channelz': 0 });
  for (const service of registry.instancesOf<GrpcServicePlugin>('grpc')) service.register(server);
  try {
    await new Promise<void>((resolve, reject) =>
      server.bindAsync(`unix://${config.address}`, grpc.ServerCredentials.createInsecure(), (err) => (err ? reject(err) : resolve())),
    );
  } catch (err) {
    await registry.close();
    throw err;
  }
  fs.chmodSync(config.address, 0o600);
  log.info({ address: config.address, plugins: registry.list().map((p) => `${p.type}/${p.id}`) }, 'serving');
  registry.serving();

  let stopped: Promise<void> | undefined;
  return {
    registry,
    address: config.address,
    stop: () =>
      (stopped ??= (async () => {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => (server.forceShutdown(), resolve()), 2_000);
          server.tryShutdown(() => (clearTimeout(timer), resolve()));
        });
        await registry.close();
        fs.rmSync(config.address, { force: true });
      })()),
  };
}
