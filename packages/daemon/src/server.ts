// skiffd put together: its containerd (given or supervised), then the API (serve.ts). The modules
// of the API and of the gRPC client take most of a second to load: they are loaded only once a
// supervised skiff-containerd has been spawned, so that both start-ups overlap.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { failedPrecondition, invalidArgument } from '@skiff/errors';
import type { Config } from './config';
import type { GrpcContainerd } from './containerd/grpc-port';
import { ContainerdSupervisor, findContainerdBinary } from './containerd/supervisor';
import { Runtimes } from './core/runtimes';
import type { Logger } from './log';
import type { RunningDaemon } from './serve';

export type { RunningDaemon };

const loadServe = (): typeof import('./serve') => require('./serve');
const loadGrpcPort = (): typeof import('./containerd/grpc-port') => require('./containerd/grpc-port');

function writePidfile(file: string): void {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    if (pid > 0 && pid !== process.pid) {
      process.kill(pid, 0);
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('skiffd')) {
        throw failedPrecondition(`pid file found, ensure skiffd is not running or delete ${file}`);
      }
    }
  } catch (err) {
    if ((err as { kind?: string }).kind === 'FailedPrecondition') throw err;
    // No file, or its process is gone: a stale file from a crash.
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${process.pid}\n`);
}

export async function startDaemon(config: Config, { log }: { log: Logger }): Promise<RunningDaemon> {
  for (const host of config.hosts) {
    if (host.startsWith('tcp://') && !config.tls && !config.insecureTcp) {
      throw invalidArgument(`${host}: tcp without TLS gives root on this host to anyone who can reach it; use --tlsverify with --tlscacert, --tlscert and --tlskey, or pass --insecure-tcp to allow it`);
    }
    if (!host.startsWith('unix://') && !host.startsWith('tcp://')) throw invalidArgument(`${host}: only unix:// and tcp:// hosts are supported`);
  }
  const runtimes = new Runtimes(config.execRoot, config.runtimes, config.defaultRuntime);
  fs.mkdirSync(config.dataRoot, { recursive: true, mode: 0o711 });
  fs.mkdirSync(config.execRoot, { recursive: true, mode: 0o700 });
  writePidfile(config.pidfile);

  const managed = config.containerd === undefined;
  const address = config.containerd ?? path.join(config.execRoot, 'containerd', 'containerd.sock');
  let port: GrpcContainerd | undefined;
  const containerdPort = (): GrpcContainerd => (port ??= new (loadGrpcPort().GrpcContainerd)(address, config.containerdNamespace));
  let supervisor: ContainerdSupervisor | undefined;
  if (managed) {
    supervisor = new ContainerdSupervisor({
      binary: findContainerdBinary(),
      root: path.join(config.dataRoot, 'containerd'),
      state: path.join(config.execRoot, 'containerd'),
      address,
      shimSocketDir: path.join(config.execRoot, 'shims'),
      namespace: config.containerdNamespace,
      warmShims: config.warmShims,
      logLevel: config.logLevel === 'trace' ? 'debug' : config.logLevel,
      log: log.child({ component: 'containerd-supervisor' }),
      ping: (timeoutMs) => containerdPort().version(timeoutMs),
    });
    // Not awaited here: start() spawns the process before its first await, and it boots while
    // the API's modules load and everything that does not need it is set up.
    const containerdReady = supervisor.start();
    try {
      return await loadServe().serveApi(config, { log, port: containerdPort(), supervisor, runtimes, containerdReady });
    } catch (err) {
      // A skiffd that cannot start leaves no skiff-containerd of its own behind (containers keep running).
      await containerdReady.catch(() => undefined);
      await supervisor.stop().catch(() => undefined);
      throw err;
    }
  }
  return loadServe().serveApi(config, { log, port: containerdPort(), supervisor, runtimes, containerdReady: Promise.resolve() });
}

