import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { internal, unavailable } from '@skiff/errors';
import { ShimConnection } from './shim-connection';
import type { LostTaskExit, ShimHandle, ShimLauncher } from './shim-port';

export interface ShimLauncherOptions {
  binary: string;
  socketDir: string;
  /** containerd's own socket: part of each shim's socket name, so two containerds never share one. */
  containerdAddress: string;
  callTimeoutMs: number;
  debug: boolean;
  log?: (msg: string) => void;
}

/**
 * The shim binary when the configuration names none: the skiff-shim installed beside this package
 * (a workspace or a global install lays out node_modules/.bin), then PATH.
 */
export function findShimBinary(): string {
  const candidates: string[] = [];
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'node_modules', '.bin', 'skiff-shim'));
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of (process.env.PATH ?? '').split(':').filter(Boolean)) candidates.push(path.join(dir, 'skiff-shim'));
  const found = candidates.find((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!found) throw unavailable('skiff-shim not found beside skiff-containerd nor on PATH: set shim.binary in the config');
  return found;
}

const DeleteOutputSchema = z.object({
  pid: z.number().int().nonnegative().default(0),
  exitStatus: z.number().int().nonnegative().default(255),
  exitedAt: z.string().optional(),
});

function run(binary: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { timeout: timeoutMs, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(unavailable(`${path.basename(binary)} ${args[0]}: ${stderr.trim() || err.message}`));
      else resolve(stdout);
    });
  });
}

/** Runs the shim binary's `start` and `delete` commands (docs/shim-api.md). */
export class BinaryShimLauncher implements ShimLauncher {
  constructor(private readonly opts: ShimLauncherOptions) {}

  async start(shimId: string, namespace: string, workDir: string): Promise<string> {
    fs.mkdirSync(workDir, { recursive: true, mode: 0o711 });
    const args = ['start', '--id', shimId, '--namespace', namespace, '--address', this.opts.containerdAddress, '--bundle', workDir];
    args.push('--socket-dir', this.opts.socketDir);
    if (this.opts.debug) args.push('--debug');
    const stdout = await run(this.opts.binary, args, 15_000);
    const address = stdout.trim().split('\n').pop() ?? '';
    if (!address.startsWith('unix://')) throw internal(`skiff-shim start printed no address: "${stdout.trim()}"`);
    return address;
  }

  connect(address: string): ShimHandle {
    return new ShimConnection(address, this.opts.callTimeoutMs, this.opts.log);
  }

  async deleteLost(containerId: string, namespace: string, bundle: string): Promise<LostTaskExit> {
    const args = ['delete', '--id', containerId, '--namespace', namespace, '--bundle', bundle, '--address', this.opts.containerdAddress];
    const stdout = await run(this.opts.binary, args, 30_000);
    const parsed = DeleteOutputSchema.parse(JSON.parse(stdout.trim().split('\n').pop() || '{}'));
    return { pid: parsed.pid, exitStatus: parsed.exitStatus, exitedAt: parsed.exitedAt ? new Date(parsed.exitedAt) : new Date() };
  }
}
